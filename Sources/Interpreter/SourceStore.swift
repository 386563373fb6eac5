import Synchronization

/// The text of every file and prompt entry read so far, by file name and
/// line number, so diagnostics can quote the line an error points at.
public final class SourceStore: Sendable {
  private let files = Mutex<[String: [Int: String]]>([:])

  public init() {}

  /// Records `text` as lines `firstLine...` of `file`.
  public func add(_ text: String, file: String, firstLine: Int = 1) {
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    files.withLock { files in
      var known = files[file] ?? [:]
      for (i, line) in lines.enumerated() {
        known[firstLine + i] = String(line)
      }
      files[file] = known
    }
  }

  /// The text of line `location.line` of `location.file`, if recorded.
  public func line(at location: SourceLocation) -> String? {
    files.withLock { $0[location.file]?[location.line] }
  }
}
