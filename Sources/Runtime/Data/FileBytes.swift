#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Streams a file's bytes in chunks of about 1 MiB, gunzipping on the fly
/// when the path ends in `.gz`. Memory stays bounded by the chunk size
/// whatever the file's size.
enum FileBytes {
  static let chunkSize = 1 << 20

  /// Calls `body` with consecutive chunks of the (decompressed) content.
  /// Throws `DatasetError.unreadable` or `.corruptGzip`.
  static func forEachChunk(
    path: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
  ) throws {
    if path.hasSuffix(".gz") {
      let inflater = try GzipInflater(file: path)
      try forEachRawChunk(path: path) { compressed in
        try inflater.feed(compressed, body)
      }
      try inflater.finish()
    } else {
      try forEachRawChunk(path: path, body)
    }
  }

  /// Whether a regular file exists at `path`.
  static func isFile(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
  }

  /// Whether a directory exists at `path`.
  static func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
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
