/// Builds zip archives for tests without zlib: stored entries, or deflated
/// ones whose raw deflate data comes out of a ready-made gzip file.
struct ZipWriter {
  private struct Entry {
    var name: String
    var data: [UInt8]
    var method: UInt16
    var crc: UInt32
    var size: Int
  }

  private var entries: [Entry] = []

  /// Adds `bytes` stored as they are.
  mutating func add(_ name: String, _ bytes: [UInt8]) {
    entries.append(
      Entry(name: name, data: bytes, method: 0, crc: testCRC32(bytes), size: bytes.count))
  }

  mutating func add(_ name: String, _ text: String) {
    add(name, Array(text.utf8))
  }

  /// Adds the content of a one-member gzip file (no optional header
  /// fields) as a deflated entry: its deflate data, CRC and size.
  mutating func add(_ name: String, deflatedFromGzip gzip: [UInt8]) {
    precondition(gzip.count > 18 && gzip[0] == 0x1f && gzip[1] == 0x8b && gzip[3] == 0)
    let trailer = Array(gzip.suffix(8))
    entries.append(
      Entry(
        name: name, data: Array(gzip[10..<(gzip.count - 8)]), method: 8,
        crc: UInt32(littleEndian: trailer, at: 0), size: Int(UInt32(littleEndian: trailer, at: 4))))
  }

  /// Adds an entry with any method number and data, for damaged archives.
  mutating func addRaw(_ name: String, method: UInt16, data: [UInt8], crc: UInt32, size: Int) {
    entries.append(Entry(name: name, data: data, method: method, crc: crc, size: size))
  }

  /// The archive: local headers with data, central directory, end record.
  var bytes: [UInt8] {
    var out: [UInt8] = []
    var directory: [UInt8] = []
    for entry in entries {
      let offset = out.count
      let name = Array(entry.name.utf8)
      out.append32(0x0403_4b50)
      out.append16(20)
      out.append16(0)
      out.append16(entry.method)
      out.append16(0)
      out.append16(0x21)
      out.append32(entry.crc)
      out.append32(UInt32(entry.data.count))
      out.append32(UInt32(entry.size))
      out.append16(UInt16(name.count))
      out.append16(0)
      out += name + entry.data

      directory.append32(0x0201_4b50)
      directory.append16(20)
      directory.append16(20)
      directory.append16(0)
      directory.append16(entry.method)
      directory.append16(0)
      directory.append16(0x21)
      directory.append32(entry.crc)
      directory.append32(UInt32(entry.data.count))
      directory.append32(UInt32(entry.size))
      directory.append16(UInt16(name.count))
      for _ in 0..<4 { directory.append16(0) }
      directory.append32(0)
      directory.append32(UInt32(offset))
      directory += name
    }
    let directoryOffset = out.count
    out += directory
    out.append32(0x0605_4b50)
    out.append16(0)
    out.append16(0)
    out.append16(UInt16(entries.count))
    out.append16(UInt16(entries.count))
    out.append32(UInt32(directory.count))
    out.append32(UInt32(directoryOffset))
    out.append16(0)
    return out
  }
}

/// CRC-32 (IEEE, reflected, as zip and gzip use it), bit by bit.
func testCRC32(_ bytes: [UInt8]) -> UInt32 {
  var crc: UInt32 = 0xFFFF_FFFF
  for byte in bytes {
    crc ^= UInt32(byte)
    for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
  }
  return ~crc
}

extension UInt32 {
  init(littleEndian bytes: [UInt8], at offset: Int) {
    self = (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
  }
}

extension Array where Element == UInt8 {
  fileprivate mutating func append16(_ value: UInt16) {
    append(UInt8(value & 0xFF))
    append(UInt8(value >> 8))
  }

  fileprivate mutating func append32(_ value: UInt32) {
    append16(UInt16(value & 0xFFFF))
    append16(UInt16(value >> 16))
  }
}
