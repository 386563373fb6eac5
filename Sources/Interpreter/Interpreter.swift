import Dispatch
import Foundation
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
  /// The text of every command that ran to completion, for `history`.
  public private(set) var log: [String] = []
  /// How many `repeat` blocks enclose the running command; commands inside
  /// one are logged as part of it.
  private var depth = 0

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
      for written in commands {
        let command = Interpreter.unwrapTime(written) ?? written
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
    warnAboutNearMisses(resolved.explicitKeys)
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
    if let inner = Interpreter.unwrapTime(command) { return time(inner, as: command) }
    console.beginCommand(command.text)
    do {
      let resolved = try resolver.resolve(command, variables: variables)
      switch resolved.verb {
      case "help": showHelp(resolved)
      case "set": set(resolved)
      case "quit": return .quit
      case "repeat":
        let outcome = try repeatBlock(resolved)
        if depth == 0 && (outcome == .completed || outcome == .interrupted) {
          log.append(command.text)
        }
        return outcome
      case "history":
        try history(resolved)
        return .completed
      default:
        try InterruptSignal.duringCommand {
          try executor.execute(resolved, console: console)
        }
        console.clearProgress()
        if Interrupt.isRequested {
          // it kept a model: a saved history must train it again
          if depth == 0 { log.append(command.text) }
          return .interrupted
        }
      }
      if resolved.verb != "help" && depth == 0 { log.append(command.text) }
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

  /// `time COMMAND ...`: the command written after `time`, with its own
  /// tokens and locations, or nil when `command` is not a `time` prefix.
  public static func unwrapTime(_ command: Command) -> Command? {
    guard command.verb.text == "time", let first = command.positionals.first,
      first.kind == .word
    else { return nil }
    let text = command.text.dropFirst(4).drop { $0 == " " || $0 == "\t" }
    return Command(
      verb: first, positionals: Array(command.positionals.dropFirst()),
      options: command.options, block: command.block, text: String(text))
  }

  /// Runs `inner` and prints its wall time, like IPython's `%time`.
  private func time(_ inner: Command, as written: Command) -> RunOutcome {
    let start = DispatchTime.now().uptimeNanoseconds
    let outcome = run(inner)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    console.print("time: " + String(format: "%.3f", seconds) + " s wall for '\(inner.text)'")
    return outcome
  }

  /// `repeat seeds=... { ... }` runs its block once per seed, with the
  /// `seed` setting set to that seed; the setting is restored afterwards.
  /// A failure or a Ctrl-C inside the block ends the repeat after the
  /// command that saw it.
  private func repeatBlock(_ command: ResolvedCommand) throws -> RunOutcome {
    guard command.isExplicit("seeds"), let block = command.command.block else {
      throw LocatedError(
        LadError(
          .usage, "'repeat' needs the seeds to run its block with.",
          hint: "Write e.g. 'repeat seeds=1..10 { teacher gcn; distill }'."),
        at: command.verbLocation)
    }
    // at the prompt nothing checked the block yet: a typo must not wait
    // for the last seed
    let problems = check(block.commands)
    if let first = problems.first {
      for problem in problems { report(problem) }
      return .failed(status: Diagnostics.exitStatus(for: first))
    }
    let seeds = command.seeds("seeds")
    let saved = variables["seed"]
    depth += 1
    defer {
      depth -= 1
      variables["seed"] = saved
    }
    for (i, seed) in seeds.enumerated() {
      variables["seed"] = .int(seed)
      console.print("repeat: seed \(seed) (\(i + 1) of \(seeds.count))")
      let outcome = run(block.commands)
      if outcome == .interrupted {
        console.print(
          "repeat: interrupted during seed \(seed); \(i) of \(seeds.count) runs finished.")
      }
      if outcome != .completed { return outcome }
    }
    return .completed
  }

  /// `history` lists the commands run so far; `history to=FILE.lad`
  /// saves them as a script that runs again.
  private func history(_ command: ResolvedCommand) throws {
    guard command.isExplicit("to") else {
      for (i, line) in log.enumerated() {
        let number = String(i + 1)
        let pad = String(repeating: " ", count: max(0, 4 - number.count))
        console.print("\(pad)\(number)  \(line)")
      }
      return
    }
    let path = command.string("to")
    let script = "# lad history, \(log.count) commands\n" + log.joined(separator: "\n") + "\n"
    do {
      try AtomicFile.write(script, to: path)
    } catch let error as UserFacingError {
      throw LocatedError(error, at: command.location(ofValue: "to"))
    }
    console.print("wrote \(log.count) commands to \(path)")
  }

  private func showHelp(_ command: ResolvedCommand) {
    if let name = command.value("verb")?.stringValue, let verb = table.verb(named: name) {
      console.write(HelpText.usage(of: verb))
    } else {
      console.write(HelpText.overview(of: table))
    }
  }

  private func set(_ command: ResolvedCommand) {
    guard command.explicitKeys.isEmpty else {
      warnAboutNearMisses(command.explicitKeys)
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

  /// `set epoch=3` stores a variable nobody reads; say so when the name
  /// is a near miss of a key some verb has (`epochs`).
  private func warnAboutNearMisses(_ names: Set<String>) {
    let keys = Set(table.verbs.flatMap { $0.keys.map(\.name) })
    for name in names.sorted() where !keys.contains(name) {
      if let guess = Suggestion.closest(to: name, among: keys.sorted()) {
        console.warning(
          "'\(name)' is no key of any verb, so it is kept as a variable only. "
            + "Did you mean '\(guess)'?")
      }
    }
  }

  private static func apply(_ command: ResolvedCommand, to variables: inout [String: Value]) {
    for name in command.explicitKeys {
      variables[name] = command.value(name)
    }
  }
}
