import Foundation
import Interpreter

let arguments = Array(CommandLine.arguments.dropFirst())
let status =
  arguments.first == "train"
  ? CompatTrain.run(arguments: Array(arguments.dropFirst()))
  : LadCommandLine.run(arguments: arguments) { Session() }
exit(status)
