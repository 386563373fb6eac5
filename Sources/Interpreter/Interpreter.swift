import Runtime

/// How running commands ended.
public enum RunOutcome: Sendable, Equatable {
  /// Every command ran.
  case completed
  /// A command failed; its error was reported. The exit status follows
  /// the error's category (64, 65 or 70).
  case failed(status: Int32)
  /// `quit` ran.
  case quit
  /// A command returned after a Ctrl-C.
  case interrupted
}

/// Resolves and runs commands: `help`, `set` and `quit` itself, every
/// other verb through the executor. Holds the settings and variables, and
/// reports every error through `Diagnostics` on the console.
public final class Interpreter {
  public let table: VerbTable
  public let console: Console
  public let sources: SourceStore
  /// Settings (the keys of `set`, with their defaults) and variables.
  public private(set) var variables: [String: Value]
  private let executor: any VerbExecutor
  private let resolver: Resolver

  public init(
    table: VerbTable = .standard, console: Console, executor: any VerbExecutor,
    sources: SourceStore = SourceStore()
  ) {
    self.table = table
    self.console = console
    self.executor = executor
    self.sources = sources
    self.resolver = Resolver(table: table)
    var settings: [String: Value] = [:]
    for key in table.settings { settings[key.name] = key.defaultValue }
    self.variables = settings
  }

  // MARK: parsing and checking

  /// Parses `text` and remembers its lines for diagnostics.
  public func parse(
    _ text: String, file: String, firstLine: Int = 1
  ) throws(LanguageError) -> [Command] {
    sources.add(text, file: file, firstLine: firstLine)
    return try Parser.parse(text, file: file, firstLine: firstLine)
  }

  /// Resolves every command, blocks included, without running any;
  /// `set` commands change a copy of the variables as they would at run
  /// time. Returns every error found, in order.
  public func check(_ commands: [Command]) -> [LanguageError] {
    var variables = self.variables
    var errors: [LanguageError] = []
    func visit(_ commands: [Command]) {
      for command in commands {
        do {
          let resolved = try resolver.resolve(command, variables: variables)
          if resolved.verb == "set" { Interpreter.apply(resolved, to: &variables) }
          if let block = command.block { visit(block.commands) }
        } catch {
          errors.append(error)
        }
      }
    }
    visit(commands)
    return errors
  }

  /// Applies `key=value` to the variables as `set` does (`--set`).
  /// - Parameter file: the name diagnostics give the text.
  public func preset(_ assignment: String, file: String = "--set", line: Int = 1)
    throws(LanguageError)
  {
    sources.add(assignment, file: file, firstLine: line)
    let tokens = try Lexer.tokens(in: assignment, file: file, firstLine: line)
    guard tokens.count == 4, tokens[1].kind == .equals, tokens[0].kind == .word,
      tokens[2].isValue
    else {
      let place = SourceLocation(
        file: file, line: line, column: 1, length: max(assignment.count, 1))
      throw LanguageError(.expectedAssignment(found: assignment), at: place)
    }
    var verb = tokens[0]
    verb.text = "set"
    verb.value = "set"
    let command = Command(
      verb: verb, options: [Option(key: tokens[0], value: tokens[2])], text: assignment)
    let resolved = try resolver.resolve(command, variables: variables)
    Interpreter.apply(resolved, to: &variables)
  }

  // MARK: running

  /// Runs commands in order; stops at the first failure, `quit` or Ctrl-C.
  @discardableResult
  public func run(_ commands: [Command]) -> RunOutcome {
    for command in commands {
      let outcome = run(command)
      if outcome != .completed { return outcome }
    }
    return .completed
  }

  /// Resolves and runs one command, reporting its error if it fails.
  @discardableResult
  public func run(_ command: Command) -> RunOutcome {
    console.beginCommand(command.text)
    do {
      let resolved = try resolver.resolve(command, variables: variables)
      switch resolved.verb {
      case "help": showHelp(resolved)
      case "set": set(resolved)
      case "quit": return .quit
      default:
        try InterruptSignal.duringCommand {
          try executor.execute(resolved, console: console)
        }
        console.clearProgress()
        if Interrupt.isRequested { return .interrupted }
      }
      return .completed
    } catch {
      console.clearProgress()
      report(error, at: command.verb.location)
      return .failed(status: Diagnostics.exitStatus(for: error))
    }
  }

  /// Renders an error to stderr; user-facing errors without a location
  /// are shown at `fallback`.
  public func report(_ error: any Error, at fallback: SourceLocation? = nil) {
    console.diagnostic(
      Diagnostics.render(
        error, at: fallback, sources: sources, color: console.errorsAreTerminal))
  }

  // MARK: the verbs handled here

  private func showHelp(_ command: ResolvedCommand) {
    if let name = command.value("verb")?.stringValue, let verb = table.verb(named: name) {
      console.write(HelpText.usage(of: verb))
    } else {
      console.write(HelpText.overview(of: table))
    }
  }

  private func set(_ command: ResolvedCommand) {
    guard command.explicitKeys.isEmpty else {
      Interpreter.apply(command, to: &variables)
      return
    }
    // `set` alone lists settings and variables
    let settings = table.settings.map(\.name)
    let others = variables.keys.filter { !settings.contains($0) }.sorted()
    for name in settings + others {
      if let value = variables[name] { console.print("\(name)=\(value)") }
    }
  }

  private static func apply(_ command: ResolvedCommand, to variables: inout [String: Value]) {
    for name in command.explicitKeys {
      variables[name] = command.value(name)
    }
  }
}
