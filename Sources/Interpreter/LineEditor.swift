import CEditLine
import Foundation
import Glibc
import Synchronization

/// The prompt on a terminal, on libedit: line editing, history kept in a
/// file (Up/Down, Ctrl-R), and tab completion from a `Completer`. The only
/// file that calls libedit.
final class LineEditor: LineSource {
  /// The C callbacks have no context pointer, so the completer is global.
  private static let completer = Mutex<Completer?>(nil)
  private let historyFile: String?
  private var lastEntry: String?

  init(completer: Completer, historyFile: String?) {
    LineEditor.completer.withLock { $0 = completer }
    self.historyFile = historyFile
    LineEditor.useUTF8Characters()
    lad_editline_configure(
      { _, _, _ in LineEditor.complete() },
      { file in LineEditor.readCharacter(from: file.map { fileno($0) } ?? 0) })
    using_history()
    stifle_history(1000)
    if let historyFile {
      _ = read_history(historyFile)
    }
  }

  func readLine(prompt: String) -> LineInput {
    InterruptSignal.enterPrompt()
    let raw = readline(prompt)
    InterruptSignal.leavePrompt()
    defer { free(raw) }
    if InterruptSignal.takeIdleInterrupt() {
      LineEditor.write("^C\n")
      return .interrupted
    }
    guard let raw else {
      LineEditor.write("\n")
      return .end
    }
    let line = String(cString: raw)
    remember(line)
    return .line(line)
  }

  private func remember(_ line: String) {
    var entry = line
    while entry.last?.isWhitespace == true { entry.removeLast() }
    guard !entry.allSatisfy(\.isWhitespace), entry != lastEntry else { return }
    lastEntry = entry
    add_history(entry)
    if let historyFile { _ = write_history(historyFile) }
  }

  /// libedit inserts only what the C library calls printable, which in
  /// the default "C" locale excludes every non-ASCII character.
  private static func useUTF8Characters() {
    let chosen = setlocale(LC_CTYPE, "").map { String(cString: $0) } ?? "C"
    if chosen == "C" || chosen == "POSIX" { _ = setlocale(LC_CTYPE, "C.UTF-8") }
  }

  /// `$XDG_STATE_HOME/lad/history` when that variable is set (the folder
  /// is created), else `~/.lad_history`.
  static func defaultHistoryFile() -> String? {
    let environment = ProcessInfo.processInfo.environment
    if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
      let directory = state + "/lad"
      try? FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true)
      return directory + "/history"
    }
    guard let home = environment["HOME"], !home.isEmpty else { return nil }
    return home + "/.lad_history"
  }

  // MARK: callbacks from libedit

  /// Reads one character (UTF-8 decoded). A Ctrl-C at the prompt
  /// interrupts the read; returning EOF then makes `readline` return.
  private static func readCharacter(from descriptor: Int32) -> Int32 {
    guard let lead = readByte(from: descriptor) else { return EOF }
    let extra: Int
    switch lead {
    case 0..<0x80: return Int32(lead)
    case 0xC0..<0xE0: extra = 1
    case 0xE0..<0xF0: extra = 2
    case 0xF0..<0xF8: extra = 3
    default: return Int32(lead)
    }
    var scalar = UInt32(lead) & (0x3F >> extra)
    for _ in 0..<extra {
      guard let next = readByte(from: descriptor) else { return EOF }
      scalar = scalar << 6 | UInt32(next & 0x3F)
    }
    return Int32(bitPattern: scalar)
  }

  private static func readByte(from descriptor: Int32) -> UInt8? {
    var byte: UInt8 = 0
    while true {
      let count = read(descriptor, &byte, 1)
      if count == 1 { return byte }
      if count < 0, errno == EINTR, !InterruptSignal.idleInterruptPending { continue }
      return nil
    }
  }

  /// Builds libedit's match array: the common prefix, then the matches,
  /// then NULL. Keys (`nhid=`) and folders
  /// (`out/`) get no space after them.
  private static func complete() -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    lad_editline_set_completion_over(1)
    guard let completer = LineEditor.completer.withLock({ $0 }),
      let buffer = lad_editline_line_buffer()
    else { return nil }
    let point = Int(lad_editline_point())
    let bytes = UnsafeBufferPointer(
      start: UnsafeRawPointer(buffer)
        .assumingMemoryBound(to: UInt8.self), count: max(0, point))
    let before = String(decoding: bytes, as: UTF8.self)
    let candidates = completer.candidates(before: before)
    guard let first = candidates.first else { return nil }

    let single = candidates.count == 1
    let joins = single && !(first.hasSuffix("=") || first.hasSuffix("/"))
    lad_editline_set_append_character(joins ? 0x20 : 0)
    // a single match is written twice: libedit looks at the third slot
    let entries = [commonPrefix(of: candidates)] + candidates
    // libedit frees the array and its strings with free()
    let size = MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (entries.count + 1)
    guard let memory = malloc(size) else { return nil }
    let matches = memory.bindMemory(
      to: UnsafeMutablePointer<CChar>?.self, capacity: entries.count + 1)
    for (i, entry) in entries.enumerated() { matches[i] = strdup(entry) }
    matches[entries.count] = nil
    return matches
  }

  private static func commonPrefix(of words: [String]) -> String {
    guard var prefix = words.first.map(Array.init) else { return "" }
    for word in words.dropFirst() {
      let characters = Array(word)
      var n = 0
      while n < min(prefix.count, characters.count), prefix[n] == characters[n] { n += 1 }
      prefix = Array(prefix[..<n])
    }
    return String(prefix)
  }

  private static func write(_ text: String) {
    FileDescriptorSink(descriptor: 1).write(text)
  }
}
