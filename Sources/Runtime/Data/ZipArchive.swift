#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A zip archive read in place (PKWARE APPNOTE 6.3): the central directory
/// at the end names every entry; each entry's data follows its local
/// header, stored or deflated. Entries are streamed in chunks and checked
/// against their CRC-32 and size, so a damaged archive is an error, never
/// wrong data. Single-disk archives under 4 GiB (no ZIP64), no encryption.
///
/// The TU zips hold `NAME/NAME_A.txt`, `NAME/NAME_graph_indicator.txt`, ...
struct ZipArchive {
  struct Entry {
    /// The path inside the archive, `/`-separated (`MUTAG/MUTAG_A.txt`).
    var name: String
    var method: UInt16
    var crc: UInt32
    var compressedSize: Int
    var size: Int
    var localHeaderOffset: Int

    var isDirectory: Bool { name.hasSuffix("/") }
  }

  let path: String
  let entries: [Entry]

  /// Reads the central directory of the archive at `path`.
  /// Throws `DatasetError.unreadable` or `.badArchive`.
  init(path: String) throws {
    self.path = path
    let file = try ZipFile(path: path)
    entries = try ZipArchive.readDirectory(of: file, path: path)
  }

  /// The file entry called `name`, if the archive holds one.
  func entry(named name: String) -> Entry? {
    entries.first { $0.name == name && !$0.isDirectory }
  }

  /// Whether some entry lies under the folder `name` (`""` is the root).
  func containsDirectory(_ name: String) -> Bool {
    guard !name.isEmpty else { return true }
    let prefix = name.hasSuffix("/") ? name : name + "/"
    return entries.contains { $0.name.hasPrefix(prefix) }
  }

  /// Calls `body` with consecutive chunks of the entry's uncompressed
  /// bytes, then checks its size and CRC-32. When `body` throws, the rest
  /// of the entry is still checked, and damage is reported instead of the
  /// parse error it caused.
  func forEachChunk(
    of entry: Entry, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
  ) throws {
    var bodyError: (any Error)?
    do {
      try check(entry) { chunk in
        guard bodyError == nil else { return }
        do { try body(chunk) } catch { bodyError = error }
      }
    } catch let error as DatasetError {
      if case .badArchive = error { throw error }
      throw bodyError ?? error
    }
    if let bodyError { throw bodyError }
  }

  private func check(
    _ entry: Entry, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
  ) throws {
    let location = "\(path)/\(entry.name)"
    let file = try ZipFile(path: path)
    let start = try dataStart(of: entry, in: file)
    var produced = 0
    var crc: UInt32 = 0
    func deliver(_ chunk: UnsafeBufferPointer<UInt8>) throws {
      produced += chunk.count
      guard produced <= entry.size else {
        throw DatasetError.badArchive(
          file: location, reason: "inflates to more than its stated \(entry.size) bytes")
      }
      crc = crc32(chunk, continuing: crc)
      try body(chunk)
    }
    switch entry.method {
    case 0:
      try file.forEachChunk(from: start, count: entry.compressedSize, deliver)
    case 8:
      let inflater = try GzipInflater(file: location, raw: true)
      do {
        try file.forEachChunk(from: start, count: entry.compressedSize) {
          try inflater.feed($0, deliver)
        }
        try inflater.finish()
      } catch DatasetError.corruptGzip(_, let reason) {
        throw DatasetError.badArchive(file: location, reason: "does not inflate: \(reason)")
      }
    default:
      throw DatasetError.badArchive(
        file: location,
        reason: "compression method \(entry.method) is not supported (only stored and deflate)")
    }
    guard produced == entry.size else {
      throw DatasetError.badArchive(
        file: location, reason: "holds \(produced) bytes, its header says \(entry.size)")
    }
    guard crc == entry.crc else {
      throw DatasetError.badArchive(file: location, reason: "CRC-32 mismatch, the data is damaged")
    }
  }

  /// Reads every file entry to the end, checking sizes and CRCs.
  func verify() throws {
    for entry in entries where !entry.isDirectory {
      try check(entry) { _ in }
    }
  }

  // MARK: the layout

  private static let endSignature: UInt32 = 0x0605_4b50
  private static let centralSignature: UInt32 = 0x0201_4b50
  private static let localSignature: UInt32 = 0x0403_4b50
  private static let zip64LocatorSignature: UInt32 = 0x0706_4b50

  private static func readDirectory(of file: ZipFile, path: String) throws -> [Entry] {
    func bad(_ reason: String) -> DatasetError { .badArchive(file: path, reason: reason) }

    // the end-of-central-directory record: 22 bytes and a comment
    let tailCount = min(file.size, 22 + 0xFFFF)
    let tail = try file.read(at: file.size - tailCount, count: tailCount)
    var end: Int?
    var i = tail.count - 22
    while i >= 0 {
      if tail.uint32(at: i) == endSignature, i + 22 + Int(tail.uint16(at: i + 20)) <= tail.count {
        end = i
        break
      }
      i -= 1
    }
    guard let end else {
      throw bad(
        file.size == 0
          ? "the file is empty" : "no zip directory: not a zip archive, or cut short")
    }
    let disk = tail.uint16(at: end + 4)
    let directoryDisk = tail.uint16(at: end + 6)
    let count = Int(tail.uint16(at: end + 10))
    let directorySize = Int(tail.uint32(at: end + 12))
    let directoryOffset = Int(tail.uint32(at: end + 16))
    let isZip64 =
      count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF
      || (end >= 20 && tail.uint32(at: end - 20) == zip64LocatorSignature)
    guard !isZip64 else { throw bad("ZIP64 archives (over 4 GiB) are not supported") }
    guard disk == 0, directoryDisk == 0 else { throw bad("multi-part archives are not supported") }
    let endOffset = file.size - tailCount + end
    guard directoryOffset + directorySize <= endOffset else {
      throw bad("the zip directory lies outside the file; the file is cut short")
    }

    // the central directory: 46 bytes, name, extra field, comment per entry
    let directory = try file.read(at: directoryOffset, count: directorySize)
    var entries: [Entry] = []
    entries.reserveCapacity(count)
    var at = 0
    for index in 0..<count {
      guard at + 46 <= directory.count, directory.uint32(at: at) == centralSignature else {
        throw bad("entry \(index + 1) of \(count) in the zip directory is damaged")
      }
      let nameLength = Int(directory.uint16(at: at + 28))
      let extraLength = Int(directory.uint16(at: at + 30))
      let commentLength = Int(directory.uint16(at: at + 32))
      let next = at + 46 + nameLength + extraLength + commentLength
      guard next <= directory.count else {
        throw bad("entry \(index + 1) of \(count) in the zip directory is damaged")
      }
      let flags = directory.uint16(at: at + 8)
      var name = String(decoding: directory[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
      name = String(name.map { $0 == "\\" ? "/" : $0 })
      guard flags & 1 == 0 else { throw bad("'\(name)' is encrypted") }
      let entry = Entry(
        name: name, method: directory.uint16(at: at + 10), crc: directory.uint32(at: at + 16),
        compressedSize: Int(directory.uint32(at: at + 20)),
        size: Int(directory.uint32(at: at + 24)),
        localHeaderOffset: Int(directory.uint32(at: at + 42)))
      guard entry.localHeaderOffset + 30 + entry.compressedSize <= directoryOffset else {
        throw bad("the data of '\(name)' lies outside the file; the file is cut short")
      }
      guard entry.method != 0 || entry.compressedSize == entry.size else {
        throw bad("'\(name)' is stored, yet its two sizes differ")
      }
      entries.append(entry)
      at = next
    }
    return entries
  }

  private func dataStart(of entry: Entry, in file: ZipFile) throws -> Int {
    let header = try file.read(at: entry.localHeaderOffset, count: 30)
    guard header.count == 30, header.uint32(at: 0) == ZipArchive.localSignature else {
      throw DatasetError.badArchive(
        file: "\(path)/\(entry.name)", reason: "its local header is damaged")
    }
    let start =
      entry.localHeaderOffset + 30 + Int(header.uint16(at: 26)) + Int(header.uint16(at: 28))
    guard start + entry.compressedSize <= file.size else {
      throw DatasetError.badArchive(
        file: "\(path)/\(entry.name)", reason: "its data runs past the end of the file")
    }
    return start
  }
}

/// An open archive file, closed when the value goes away.
private final class ZipFile {
  let path: String
  let descriptor: Int32
  let size: Int

  init(path: String) throws {
    self.path = path
    descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else {
      throw DatasetError.unreadable(file: path, reason: String(cString: strerror(errno)))
    }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
      let reason = String(cString: strerror(errno))
      close(descriptor)
      throw DatasetError.unreadable(file: path, reason: reason)
    }
    size = Int(info.st_size)
  }

  deinit { close(descriptor) }

  /// `count` bytes from `offset`, fewer only at the end of the file.
  func read(at offset: Int, count: Int) throws -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
      initialized = 0
      while initialized < count {
        let got = pread(
          descriptor, buffer.baseAddress! + initialized, count - initialized,
          off_t(offset + initialized))
        if got < 0 && errno == EINTR { continue }
        if got <= 0 { break }
        initialized += got
      }
    }
  }

  /// Streams `count` bytes from `offset` in chunks of `FileBytes.chunkSize`.
  func forEachChunk(
    from offset: Int, count: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
  ) throws {
    let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: FileBytes.chunkSize)
    defer { buffer.deallocate() }
    var done = 0
    while done < count {
      let got = pread(
        descriptor, buffer.baseAddress, min(buffer.count, count - done), off_t(offset + done))
      if got < 0 && errno == EINTR { continue }
      guard got > 0 else {
        let reason = got < 0 ? String(cString: strerror(errno)) : "the file ends early"
        throw DatasetError.unreadable(file: path, reason: reason)
      }
      try body(UnsafeBufferPointer(rebasing: buffer[0..<got]))
      done += got
    }
  }
}

extension Array where Element == UInt8 {
  /// The little-endian 16-bit value at `offset`.
  fileprivate func uint16(at offset: Int) -> UInt16 {
    UInt16(self[offset]) | UInt16(self[offset + 1]) << 8
  }

  /// The little-endian 32-bit value at `offset`.
  fileprivate func uint32(at offset: Int) -> UInt32 {
    UInt32(uint16(at: offset)) | UInt32(uint16(at: offset + 2)) << 16
  }
}
