import CZlib

/// Incremental inflate through zlib: the only file that calls zlib.
/// By default accepts gzip or zlib headers and concatenated gzip members,
/// like `gzip -d`; with `raw` it reads one bare deflate stream, as a zip
/// entry stores it.
final class GzipInflater {
  private var stream = z_stream()
  private let file: String
  private let raw: Bool
  private let output: UnsafeMutableBufferPointer<UInt8>
  private var ended = false
  private var sawInput = false

  init(file: String, raw: Bool = false) throws {
    self.file = file
    self.raw = raw
    output = .allocate(capacity: FileBytes.chunkSize)
    // 15 window bits + 32: detect a gzip or a zlib header automatically;
    // -15: no header at all (raw deflate).
    let status = inflateInit2_(
      &stream, raw ? -15 : 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else {
      output.deallocate()
      throw DatasetError.corruptGzip(file: file, reason: "zlib failed to start: \(status)")
    }
  }

  deinit {
    inflateEnd(&stream)
    output.deallocate()
  }

  /// Decompresses `input`, handing each decompressed chunk to `body`.
  func feed(
    _ input: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
  ) throws {
    guard let base = input.baseAddress, !input.isEmpty else { return }
    sawInput = true
    stream.next_in = UnsafeMutablePointer(mutating: base)
    stream.avail_in = UInt32(input.count)
    while true {
      if ended {
        // another gzip member may follow the one that just ended
        guard stream.avail_in > 0 else { return }
        if raw { throw corrupt("data after the end of the compressed stream") }
        guard inflateReset(&stream) == Z_OK else { throw corrupt("cannot restart") }
        ended = false
      }
      stream.next_out = output.baseAddress
      stream.avail_out = UInt32(output.count)
      let status = inflate(&stream, Z_NO_FLUSH)
      let produced = output.count - Int(stream.avail_out)
      switch status {
      case Z_OK, Z_BUF_ERROR: break
      case Z_STREAM_END: ended = true
      default:
        throw corrupt(stream.msg.map { String(cString: $0) } ?? "zlib status \(status)")
      }
      if produced > 0 {
        try body(UnsafeBufferPointer(rebasing: output[0..<produced]))
      }
      // a full output buffer may hide more output; otherwise wait for input
      if stream.avail_in == 0 && stream.avail_out != 0 && !ended { return }
      if status == Z_BUF_ERROR && produced == 0 { return }
    }
  }

  /// Checks that the compressed data ended where a gzip member ends.
  func finish() throws {
    guard sawInput else { throw corrupt("no data") }
    guard ended else { throw corrupt("truncated: the compressed data stops early") }
  }

  private func corrupt(_ reason: String) -> DatasetError {
    .corruptGzip(file: file, reason: reason)
  }
}

/// The CRC-32 of zip and gzip (zlib's `crc32`), continued from `crc`.
func crc32(_ bytes: UnsafeBufferPointer<UInt8>, continuing crc: UInt32 = 0) -> UInt32 {
  guard let base = bytes.baseAddress, !bytes.isEmpty else { return crc }
  var value = UInt(crc)
  var offset = 0
  while offset < bytes.count {
    let count = min(bytes.count - offset, Int(UInt32.max))
    value = CZlib.crc32(value, base + offset, UInt32(count))
    offset += count
  }
  return UInt32(truncatingIfNeeded: value)
}
