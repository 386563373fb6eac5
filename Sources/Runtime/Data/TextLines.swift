#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One line of a text file: its bytes without the line break (a trailing
/// `\r` is dropped too) and its 1-based line number. Valid only inside the
/// callback that received it.
struct TextLine {
  var bytes: UnsafeBufferPointer<UInt8>
  var number: Int

  /// Whether the line holds nothing but spaces and tabs.
  var isBlank: Bool {
    for byte in bytes where byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") {
      return false
    }
    return true
  }
}

/// Splits a file, plain or gzipped, into lines without building Strings.
/// A line that spans two chunks is joined in a small carry buffer; the
/// rest are handed out in place.
enum TextLines {
  /// Calls `body` for every line of the file, in order. Returns the
  /// number of lines seen.
  @discardableResult
  static func forEach(path: String, _ body: (TextLine) throws -> Void) throws -> Int {
    var carry: [UInt8] = []
    var number = 0
    try FileBytes.forEachChunk(path: path) { chunk in
      guard let base = chunk.baseAddress else { return }
      var start = 0
      while start < chunk.count {
        let rest = chunk.count - start
        guard let hit = memchr(base + start, Int32(UInt8(ascii: "\n")), rest) else {
          carry.append(contentsOf: UnsafeBufferPointer(start: base + start, count: rest))
          return
        }
        let end = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
        number += 1
        if carry.isEmpty {
          try body(line(UnsafeBufferPointer(start: base + start, count: end - start), number))
        } else {
          carry.append(contentsOf: UnsafeBufferPointer(start: base + start, count: end - start))
          try carry.withUnsafeBufferPointer { try body(line($0, number)) }
          carry.removeAll(keepingCapacity: true)
        }
        start = end + 1
      }
    }
    if !carry.isEmpty {
      number += 1
      try carry.withUnsafeBufferPointer { try body(line($0, number)) }
    }
    return number
  }

  private static func line(_ bytes: UnsafeBufferPointer<UInt8>, _ number: Int) -> TextLine {
    var bytes = bytes
    if let last = bytes.last, last == UInt8(ascii: "\r") {
      bytes = UnsafeBufferPointer(rebasing: bytes.dropLast())
    }
    return TextLine(bytes: bytes, number: number)
  }
}
