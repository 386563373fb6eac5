import Foundation
import Glibc
import Runtime

/// The `lad` command line: a script file, `-e` commands, `--check`, or a
/// session (a prompt on a terminal, else the lines of standard input).
public enum LadCommandLine {
  public static let usage = """
    usage: lad FILE.lad [--set key=value ...]    run a script
           lad -e 'COMMAND; ...' [--set ...]     run commands
           lad --check FILE.lad                  check a script without running it
           lad FILE.lad --report FILE.html       run a script, then write its HTML report
           lad [--set key=value ...]             a prompt, or the lines of stdin
           lad train --dataset MUTAG ...         the authors' main.py flags (lad train --help)

    Type 'help' at the prompt, or run: lad -e help
    Exit status: 0 done, 64 usage, 65 bad data or syntax, 66 no such script,
    70 runtime error, 130 stopped by Ctrl-C.

    """

  /// Exit status when the script file cannot be read (sysexits EX_NOINPUT).
  public static let noInputStatus: Int32 = 66

  /// Runs lad and returns its exit status.
  /// - Parameters:
  ///   - arguments: the arguments after the program's name.
  ///   - console: where output and diagnostics go.
  ///   - input: the lines of a session; standard input when nil (a prompt
  ///     when it is a terminal).
  ///   - makeExecutor: builds the executor of the runtime's verbs.
  public static func run(
    arguments: [String], console: Console = .standard(), input: (any LineSource)? = nil,
    makeExecutor: () -> any VerbExecutor
  ) -> Int32 {
    let options: Options
    do {
      options = try Options(parsing: arguments)
    } catch {
      console.diagnostic(Diagnostics.render(error, color: console.errorsAreTerminal))
      return error.category.exitStatus
    }
    if options.showHelp {
      console.write(usage)
      return 0
    }

    InterruptSignal.install()
    let interpreter = Interpreter(console: console, executor: makeExecutor())
    for (i, assignment) in options.presets.enumerated() {
      do {
        try interpreter.preset(assignment, file: "--set", line: i + 1)
      } catch {
        interpreter.report(error)
        return error.category.exitStatus
      }
    }

    let runner = ScriptRunner(interpreter: interpreter)
    if let (text, file) = script(of: options, interpreter: interpreter) {
      guard let text else { return noInputStatus }
      if options.checkOnly { return runner.check(text, file: file) }
      let status = runner.run(text, file: file)
      guard let report = options.report else { return status }
      // the report covers what ran, even when the script stopped early
      let reportStatus = writeReport(to: report, interpreter: interpreter)
      return status != 0 ? status : reportStatus
    }
    if let input {
      return Repl(interpreter: interpreter, source: input, file: "<stdin>", interactive: false)
        .run()
    }
    return session(interpreter)
  }

  /// The script's text and name, nil when there is none (a session); the
  /// text is nil when the file could not be read (already reported).
  private static func script(
    of options: Options, interpreter: Interpreter
  ) -> (text: String?, file: String)? {
    if !options.expressions.isEmpty {
      return (options.expressions.joined(separator: "\n"), "-e")
    }
    guard let file = options.file else { return nil }
    guard let data = FileManager.default.contents(atPath: file) else {
      let reason = FileManager.default.fileExists(atPath: file) ? "cannot read" : "no such file"
      interpreter.report(LadError(.usage, "\(reason) '\(file)'"))
      return (nil, file)
    }
    guard let text = String(data: data, encoding: .utf8) else {
      interpreter.report(LadError(.data, "'\(file)' is not UTF-8 text"))
      return (nil, file)
    }
    return (text, file)
  }

  /// Runs `report to=PATH` after a script (`--report PATH`).
  private static func writeReport(to path: String, interpreter: Interpreter) -> Int32 {
    let quoted =
      "\"" + path.replacingOccurrences(of: "\\", with: "\\\\")
      .replacingOccurrences(of: "\"", with: "\\\"") + "\""
    do {
      let commands = try interpreter.parse("report to=\(quoted)", file: "--report")
      switch interpreter.run(commands) {
      case .failed(let status): return status
      default: return 0
      }
    } catch {
      interpreter.report(error)
      return error.category.exitStatus
    }
  }

  /// A prompt on a terminal; the lines of standard input otherwise.
  private static func session(_ interpreter: Interpreter) -> Int32 {
    guard isatty(0) == 1 else {
      return Repl(
        interpreter: interpreter, source: PlainLineSource.standardInput(), file: "<stdin>",
        interactive: false
      ).run()
    }
    InterruptSignal.beginSession()
    interpreter.console.print("lad: 'help' lists the verbs; Ctrl-D or 'quit' leaves.")
    let completer = Completer(
      table: interpreter.table,
      variableNames: { [interpreter = UncheckedBox(interpreter)] in
        Array(interpreter.value.variables.keys)
      })
    let editor = LineEditor(completer: completer, historyFile: LineEditor.defaultHistoryFile())
    return Repl(interpreter: interpreter, source: editor, file: "<prompt>", interactive: true)
      .run()
  }
}

/// Lets the completer read the variables: completion runs on the same
/// thread as the loop, between commands.
private struct UncheckedBox<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}

/// The parsed command-line arguments.
struct Options {
  var file: String?
  var expressions: [String] = []
  var presets: [String] = []
  var checkOnly = false
  var showHelp = false
  /// `--report FILE.html`: the HTML report to write after the script.
  var report: String?

  private static let names = ["--check", "--set", "--report", "--help", "-e", "-h"]

  init(parsing arguments: [String]) throws(LadError) {
    var rest = arguments[...]
    while let argument = rest.popFirst() {
      switch argument {
      case "-h", "--help":
        showHelp = true
      case "--check":
        checkOnly = true
      case "-e", "--set", "--report":
        guard let value = rest.popFirst() else {
          throw LadError(.usage, "'\(argument)' needs a value", hint: Options.seeUsage)
        }
        switch argument {
        case "-e": expressions.append(value)
        case "--set": presets.append(value)
        default: report = value
        }
      case _ where argument.hasPrefix("--report="):
        report = String(argument.dropFirst("--report=".count))
      case _ where argument.hasPrefix("--set="):
        presets.append(String(argument.dropFirst("--set=".count)))
      case _ where argument.hasPrefix("-") && argument != "-":
        let suggestion = Suggestion.closest(to: argument, among: Options.names)
        throw LadError(
          .usage,
          "unknown option '\(argument)'" + (suggestion.map { ". Did you mean '\($0)'?" } ?? ""),
          hint: Options.seeUsage)
      default:
        guard file == nil else {
          throw LadError(.usage, "unexpected argument '\(argument)'", hint: Options.seeUsage)
        }
        file = argument
      }
    }
    if file != nil, !expressions.isEmpty {
      throw LadError(.usage, "give a script file or -e, not both", hint: Options.seeUsage)
    }
    if report != nil, checkOnly || (file == nil && expressions.isEmpty) {
      throw LadError(
        .usage, "'--report' needs a script file or -e to run, and does not go with '--check'",
        hint: Options.seeUsage)
    }
    if checkOnly, file == nil, expressions.isEmpty {
      throw LadError(.usage, "'--check' needs a script file or -e", hint: Options.seeUsage)
    }
  }

  private static let seeUsage = "'lad --help' shows the usage"
}
