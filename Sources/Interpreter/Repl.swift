import Runtime

/// One read from a line source.
public enum LineInput: Sendable, Equatable {
  case line(String)
  /// Ctrl-C at the prompt: drop what was typed.
  case interrupted
  /// Ctrl-D, or the end of the input.
  case end
}

/// Where the read-run loop gets its lines: the terminal's line editor, or
/// plain lines from piped input or a test.
public protocol LineSource: AnyObject {
  func readLine(prompt: String) -> LineInput
}

/// Lines from a file descriptor's text or a list, without prompts.
public final class PlainLineSource: LineSource {
  private var lines: [String]
  private var next = 0
  private let readMore: (() -> String?)?

  /// Lines given up front (tests).
  public init(lines: [String]) {
    self.lines = lines
    self.readMore = nil
  }

  /// Lines read from standard input as they come.
  public static func standardInput() -> PlainLineSource {
    PlainLineSource(reader: { Swift.readLine(strippingNewline: true) })
  }

  private init(reader: @escaping () -> String?) {
    self.lines = []
    self.readMore = reader
  }

  public func readLine(prompt: String) -> LineInput {
    if let readMore { return readMore().map(LineInput.line) ?? .end }
    guard next < lines.count else { return .end }
    next += 1
    return .line(lines[next - 1])
  }
}

/// The read-run loop. A bad line never ends it: its error is reported and
/// the loop reads on. While a block is open it keeps reading (the prompt
/// changes to `...> `). Interactive sessions end with status 0; piped
/// ones with the status of the first failure.
public final class Repl {
  public static let prompt = "lad> "
  public static let continuationPrompt = "...> "

  private let interpreter: Interpreter
  private let source: any LineSource
  private let file: String
  private let interactive: Bool

  /// - Parameters:
  ///   - file: the name diagnostics give the input (`<prompt>`, `<stdin>`).
  ///   - interactive: a person at a terminal (status 0 at the end,
  ///     Ctrl-C keeps the session) rather than piped input.
  public init(
    interpreter: Interpreter, source: any LineSource, file: String, interactive: Bool
  ) {
    self.interpreter = interpreter
    self.source = source
    self.file = file
    self.interactive = interactive
  }

  /// Reads and runs until the input ends or `quit`; returns the exit status.
  public func run() -> Int32 {
    var firstFailure: Int32?
    var pending: [String] = []
    var pendingStart = 1
    var lineNumber = 0

    while true {
      let prompt = pending.isEmpty ? Repl.prompt : Repl.continuationPrompt
      switch source.readLine(prompt: prompt) {
      case .interrupted:
        pending = []
        continue
      case .end:
        if !pending.isEmpty, case .failed(let status) = runPending(pending, from: pendingStart) {
          firstFailure = firstFailure ?? status
        }
        return interactive ? 0 : firstFailure ?? 0
      case .line(let line):
        lineNumber += 1
        if pending.isEmpty { pendingStart = lineNumber }
        pending.append(line)
      }

      let outcome = runPending(pending, from: pendingStart, allowingMore: true)
      switch outcome {
      case nil:
        continue  // a block is still open
      case .quit?:
        return interactive ? 0 : firstFailure ?? 0
      case .failed(let status)?:
        firstFailure = firstFailure ?? status
      case .interrupted?:
        if !interactive { return ScriptRunner.interruptedStatus }
      case .completed?:
        break
      }
      pending = []
    }
  }

  /// Parses and runs the pending lines; nil when `allowingMore` and a
  /// block is still open.
  private func runPending(
    _ lines: [String], from firstLine: Int, allowingMore: Bool = false
  ) -> RunOutcome? {
    let text = lines.joined(separator: "\n")
    do {
      let commands = try Parser.parse(text, file: file, firstLine: firstLine)
      interpreter.sources.add(text, file: file, firstLine: firstLine)
      return interpreter.run(commands)
    } catch {
      if allowingMore, error.kind == .unclosedBlock { return nil }
      interpreter.sources.add(text, file: file, firstLine: firstLine)
      interpreter.report(error)
      return .failed(status: error.category.exitStatus)
    }
  }
}
