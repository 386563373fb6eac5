import Glibc
import Synchronization

/// Where a console writes: a file descriptor, or a buffer in tests.
public protocol TextSink: AnyObject, Sendable {
  func write(_ text: String)
}

/// Writes straight to a file descriptor, unbuffered, so stdout and
/// stderr interleave in the order things happened.
public final class FileDescriptorSink: TextSink {
  public let descriptor: Int32

  public init(descriptor: Int32) {
    self.descriptor = descriptor
  }

  public func write(_ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeMutableBytes { buffer in
        Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        return
      }
      offset += written
    }
    bytes.removeAll()
  }
}

/// Collects everything written, for tests and captured runs.
public final class BufferSink: TextSink {
  private let buffer = Mutex("")

  public init() {}

  public func write(_ text: String) { buffer.withLock { $0 += text } }
  public var text: String { buffer.withLock { $0 } }
}

/// One command and what it printed, for the notebook-style report.
public struct TranscriptEntry: Sendable, Equatable {
  /// The command's text as written.
  public var command: String
  /// What it printed to stdout.
  public var output: String
  /// The diagnostics it caused, if any.
  public var errors: String
}

/// The interpreter's and executors' output: results to stdout, diagnostics
/// to stderr, a live progress line on a terminal, and a transcript of
/// what each command printed.
public final class Console: Sendable {
  /// Whether stdout is a terminal (progress lines are shown only then).
  public let isTerminal: Bool
  /// Whether stderr is a terminal (diagnostics are coloured only then).
  public let errorsAreTerminal: Bool
  private let output: any TextSink
  private let errors: any TextSink
  private let columns: @Sendable () -> Int
  private let state = Mutex(State())

  private struct State {
    var progressShown = false
    var transcript: [TranscriptEntry] = []
  }

  public init(
    output: any TextSink, errors: any TextSink, isTerminal: Bool = false,
    errorsAreTerminal: Bool = false, columns: @escaping @Sendable () -> Int = { 80 }
  ) {
    self.output = output
    self.errors = errors
    self.isTerminal = isTerminal
    self.errorsAreTerminal = errorsAreTerminal
    self.columns = columns
  }

  /// stdout and stderr of this process. Colour is off when `NO_COLOR` is set.
  public static func standard() -> Console {
    let noColor = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
    return Console(
      output: FileDescriptorSink(descriptor: 1), errors: FileDescriptorSink(descriptor: 2),
      isTerminal: isatty(1) == 1, errorsAreTerminal: isatty(2) == 1 && !noColor,
      columns: { Console.terminalColumns(of: 1) })
  }

  // MARK: writing

  /// Prints one result line (a newline is added) to stdout.
  public func print(_ line: String) {
    write(line + "\n")
  }

  /// Writes text to stdout as is, and records it in the transcript.
  public func write(_ text: String) {
    clearProgress()
    output.write(text)
    state.withLock { state in
      if !state.transcript.isEmpty { state.transcript[state.transcript.count - 1].output += text }
    }
  }

  /// Writes terminal escape sequences (an inline picture) to stdout;
  /// they are not recorded in the transcript.
  public func writeEscapes(_ sequence: String) {
    clearProgress()
    output.write(sequence)
  }

  /// On a terminal, replaces the live progress line with `line` (cut to
  /// the terminal's width); elsewhere does nothing. Not in the transcript.
  public func progress(_ line: String) {
    guard isTerminal else { return }
    let width = max(columns() - 1, 10)
    let shown = line.count > width ? String(line.prefix(width - 1)) + "…" : line
    state.withLock { $0.progressShown = true }
    output.write("\r\u{1B}[2K" + shown)
  }

  /// Removes the live progress line, if one is shown.
  public func clearProgress() {
    let shown = state.withLock { state in
      defer { state.progressShown = false }
      return state.progressShown
    }
    if shown { output.write("\r\u{1B}[2K") }
  }

  /// Writes rendered diagnostics to stderr (they are also recorded).
  public func diagnostic(_ text: String) {
    clearProgress()
    errors.write(text)
    let plain = Console.strippingEscapes(text)
    state.withLock { state in
      if !state.transcript.isEmpty { state.transcript[state.transcript.count - 1].errors += plain }
    }
  }

  /// `text` without ANSI colour sequences (`ESC [ ... m`), for the
  /// transcript and the report.
  public static func strippingEscapes(_ text: String) -> String {
    guard text.contains("\u{1B}") else { return text }
    var out = ""
    var scalars = text.unicodeScalars.makeIterator()
    while let c = scalars.next() {
      guard c == "\u{1B}" else {
        out.unicodeScalars.append(c)
        continue
      }
      // skip '[', parameters, and the final letter
      while let d = scalars.next(), !(d.properties.isAlphabetic && d != "[") {}
    }
    return out
  }

  /// Writes `warning: MESSAGE` to stderr.
  public func warning(_ message: String) {
    diagnostic(
      Diagnostics.render(
        message: message, at: nil, severity: "warning", color: errorsAreTerminal))
  }

  // MARK: transcript

  /// Starts a transcript entry: what is printed next belongs to `command`.
  public func beginCommand(_ command: String) {
    clearProgress()
    state.withLock {
      $0.transcript.append(TranscriptEntry(command: command, output: "", errors: ""))
    }
  }

  /// Every command run so far with what it printed, in order.
  public var transcript: [TranscriptEntry] { state.withLock { $0.transcript } }

  static func terminalColumns(of descriptor: Int32) -> Int {
    var size = winsize()
    guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else {
      return 80
    }
    return Int(size.ws_col)
  }
}
