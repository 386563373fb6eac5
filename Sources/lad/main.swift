import Foundation
import Interpreter

let status = LadCommandLine.run(arguments: Array(CommandLine.arguments.dropFirst())) {
  Session()
}
exit(status)
