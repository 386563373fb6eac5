#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Streams a file's bytes in chunks of about 1 MiB, gunzipping on the fly
/// when the path ends in `.gz`. Memory stays bounded by the chunk size
/// whatever the file's size.
///
/// A path may reach into a zip archive: `/data/MUTAG.zip/MUTAG/MUTAG_A.txt`
/// is the entry `MUTAG/MUTAG_A.txt` of the file `/data/MUTAG.zip`, and the
/// archive itself counts as a directory. The readers need no other change
/// to read a dataset from its zip, and their errors name such paths.
enum FileBytes {
  static let chunkSize = 1 << 20

  /// Calls `body` with consecutive chunks of the (decompressed) content.
  /// Throws `DatasetError.unreadable`, `.corruptGzip` or `.badArchive`.
  static func forEachChunk(
    path: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
  ) throws {
    if path.hasSuffix(".gz") {
      let inflater = try GzipInflater(file: path)
      try forEachStoredChunk(path: path) { compressed in
        try inflater.feed(compressed, body)
      }
      try inflater.finish()
    } else {
      try forEachStoredChunk(path: path, body)
    }
  }

  /// Whether a regular file, or a file entry of an archive, is at `path`.
  static func isFile(_ path: String) -> Bool {
    if isRegularFile(path) { return true }
    guard let (archive, entry) = splitArchivePath(path), !entry.isEmpty else { return false }
    return (try? ZipArchive(path: archive).entry(named: entry)) != nil
  }

  /// Whether a directory, an archive, or a folder inside an archive is at
  /// `path`.
  static func isDirectory(_ path: String) -> Bool {
    var info = stat()
    if stat(path, &info) == 0 { return (info.st_mode & S_IFMT) == S_IFDIR || isArchive(path) }
    guard let (archive, entry) = splitArchivePath(path) else { return false }
    return (try? ZipArchive(path: archive).containsDirectory(entry)) ?? false
  }

  /// Whether `path` is a regular file named `*.zip`.
  static func isArchive(_ path: String) -> Bool {
    path.hasSuffix(".zip") && isRegularFile(path)
  }

  /// The size and modification time of a regular file, nil when there is
  /// none; for telling whether a file changed.
  static func signature(of path: String) -> (size: Int, modified: Int)? {
    var info = stat()
    guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    let nanoseconds = Int(info.st_mtim.tv_sec) &* 1_000_000_000 &+ Int(info.st_mtim.tv_nsec)
    return (Int(info.st_size), nanoseconds)
  }

  /// Splits `A.zip/B/C` into the archive `A.zip` (an existing regular file)
  /// and the entry `B/C`; nil when no leading part of `path` is an archive.
  static func splitArchivePath(_ path: String) -> (archive: String, entry: String)? {
    var searchStart = path.startIndex
    while let found = path[searchStart...].firstRange(of: ".zip") {
      let end = found.upperBound
      if end == path.endIndex || path[end] == "/" {
        let archive = String(path[..<end])
        if isRegularFile(archive) {
          let entry = end == path.endIndex ? "" : String(path[path.index(after: end)...])
          return (archive, entry)
        }
      }
      searchStart = end
    }
    return nil
  }

  private static func isRegularFile(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
  }

  /// The bytes as stored: the file's, or an archive entry's after unzipping.
  private static func forEachStoredChunk(
    path: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
  ) throws {
    if !isRegularFile(path), let (archive, name) = splitArchivePath(path) {
      let zip = try ZipArchive(path: archive)
      guard let entry = zip.entry(named: name) else {
        throw DatasetError.unreadable(file: path, reason: "no such entry in the archive")
      }
      try zip.forEachChunk(of: entry, body)
    } else {
      try forEachRawChunk(path: path, body)
    }
  }

  private static func forEachRawChunk(
    path: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
  ) throws {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw unreadable(path) }
    defer { close(fd) }
    let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: chunkSize)
    defer { buffer.deallocate() }
    while true {
      let count = read(fd, buffer.baseAddress, chunkSize)
      if count < 0 {
        if errno == EINTR { continue }
        throw unreadable(path)
      }
      if count == 0 { return }
      try body(UnsafeBufferPointer(rebasing: buffer[0..<count]))
    }
  }

  private static func unreadable(_ path: String) -> DatasetError {
    let reason = String(cString: strerror(errno))
    return .unreadable(file: path, reason: reason)
  }
}
