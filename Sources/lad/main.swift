import Foundation
import Interpreter
import Runtime

/// Stands in for the runtime's executor until it is merged.
final class PlaceholderExecutor: VerbExecutor {
  func execute(_ command: ResolvedCommand, console: Console) throws {
    throw LadError(.runtime, "'\(command.verb)' is not available yet")
  }
}

let status = LadCommandLine.run(arguments: Array(CommandLine.arguments.dropFirst())) {
  PlaceholderExecutor()
}
exit(status)
