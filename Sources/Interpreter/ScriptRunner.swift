import Runtime

/// Runs a whole script (a `.lad` file or `-e` text): parses it, checks
/// every command against the table, then runs them in order and stops at
/// the first error. Nothing runs when the script has an error that can be
/// found before running (a syntax error, an unknown key, a bad value).
public struct ScriptRunner {
  public let interpreter: Interpreter

  public init(interpreter: Interpreter) {
    self.interpreter = interpreter
  }

  /// Exit status when a Ctrl-C stopped the script (128 + SIGINT).
  public static let interruptedStatus: Int32 = 130

  /// Runs `text` and returns the exit status: 0, or 64/65/70 from the
  /// first error's category, or 130 after a Ctrl-C.
  public func run(_ text: String, file: String) -> Int32 {
    let commands: [Command]
    switch prepare(text, file: file) {
    case .ready(let parsed): commands = parsed
    case .failed(let status): return status
    }
    switch interpreter.run(commands) {
    case .completed, .quit:
      return 0
    case .failed(let status):
      return status
    case .interrupted:
      interpreter.console.warning("interrupted; the rest of '\(file)' was not run")
      return ScriptRunner.interruptedStatus
    }
  }

  /// Parses and checks `text` without running it (`--check`); reports
  /// every error and returns the exit status (0 when the script is sound).
  public func check(_ text: String, file: String) -> Int32 {
    switch prepare(text, file: file) {
    case .ready(let commands):
      let count = Self.count(commands)
      let noun = count == 1 ? "command" : "commands"
      interpreter.console.print("\(file): \(count) \(noun) checked, no errors")
      return 0
    case .failed(let status):
      return status
    }
  }

  private enum Prepared {
    case ready([Command])
    case failed(status: Int32)
  }

  /// Parses and checks; reports every error found.
  private func prepare(_ text: String, file: String) -> Prepared {
    do {
      let commands = try interpreter.parse(text, file: file)
      let errors = interpreter.check(commands)
      for error in errors { interpreter.report(error) }
      if let first = errors.first { return .failed(status: first.category.exitStatus) }
      return .ready(commands)
    } catch {
      interpreter.report(error)
      return .failed(status: error.category.exitStatus)
    }
  }

  private static func count(_ commands: [Command]) -> Int {
    commands.reduce(0) { $0 + 1 + count($1.block?.commands ?? []) }
  }
}
