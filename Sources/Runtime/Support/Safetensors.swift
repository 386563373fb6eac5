import Foundation

/// The safetensors file format (Hugging Face): an 8-byte little-endian
/// header length, a JSON header naming every tensor with its dtype, shape
/// and byte range, then the raw little-endian data. lad writes `F32`
/// tensors and its own metadata as the header's `__metadata__` (string
/// values only, as the format requires), so PyTorch users can read the
/// weights with `safetensors.torch.load_file`.
public enum Safetensors {
  /// One named tensor; `shape` is `[rows, cols]`.
  public struct Entry: Equatable {
    public var name: String
    public var tensor: Tensor

    public init(name: String, tensor: Tensor) {
      self.name = name
      self.tensor = tensor
    }
  }

  /// The bytes of a file holding `entries` (in order) and `metadata`.
  public static func encode(_ entries: [Entry], metadata: [String: String]) throws -> Data {
    var header: [String: Any] = [:]
    var offset = 0
    for entry in entries {
      let size = entry.tensor.count * 4
      header[entry.name] = [
        "dtype": "F32", "shape": [entry.tensor.rows, entry.tensor.cols],
        "data_offsets": [offset, offset + size],
      ]
      offset += size
    }
    if !metadata.isEmpty { header["__metadata__"] = metadata }
    var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
    // pad the header with spaces so the data starts 8-byte aligned
    while json.count % 8 != 0 { json.append(0x20) }
    var data = Data()
    data.reserveCapacity(8 + json.count + offset)
    var length = UInt64(json.count).littleEndian
    withUnsafeBytes(of: &length) { data.append(contentsOf: $0) }
    data.append(json)
    for entry in entries {
      for value in entry.tensor.data {
        var bits = value.bitPattern.littleEndian
        withUnsafeBytes(of: &bits) { data.append(contentsOf: $0) }
      }
    }
    return data
  }

  /// Reads a file's tensors (in data order) and metadata, checking every
  /// field; a truncated or corrupted file is an error naming the problem.
  public static func decode(_ data: Data, file: String) throws -> (
    entries: [Entry], metadata: [String: String]
  ) {
    func bad(_ what: String) -> LadError {
      LadError(
        .data, "'\(file)' is not a valid safetensors file: \(what).",
        hint: "Save the model again with 'save'; the file may be truncated or edited.")
    }
    let bytes = [UInt8](data)
    guard bytes.count >= 8 else { throw bad("it is shorter than its 8-byte header length") }
    var length: UInt64 = 0
    for i in (0..<8).reversed() { length = length << 8 | UInt64(bytes[i]) }
    guard length <= UInt64(bytes.count - 8) else {
      throw bad("the header claims \(length) bytes but the file has \(bytes.count - 8) after it")
    }
    let headerEnd = 8 + Int(length)
    let json = Data(bytes[8..<headerEnd])
    guard let header = try? JSONSerialization.jsonObject(with: json) as? [String: Any] else {
      throw bad("the header is not a JSON object")
    }
    var metadata: [String: String] = [:]
    if let raw = header["__metadata__"] {
      guard let strings = raw as? [String: String] else {
        throw bad("__metadata__ must map names to strings")
      }
      metadata = strings
    }
    let dataSize = bytes.count - headerEnd
    var entries: [(Int, Entry)] = []
    for (name, value) in header where name != "__metadata__" {
      guard let info = value as? [String: Any], let dtype = info["dtype"] as? String,
        let shape = info["shape"] as? [Int], let offsets = info["data_offsets"] as? [Int],
        offsets.count == 2
      else { throw bad("the entry '\(name)' lacks dtype, shape or data_offsets") }
      guard dtype == "F32" else { throw bad("'\(name)' has dtype \(dtype); lad reads F32") }
      guard shape.count <= 2, shape.allSatisfy({ $0 >= 0 }) else {
        throw bad("'\(name)' has shape \(shape); lad reads matrices")
      }
      let rows = shape.count == 2 ? shape[0] : 1
      let cols = shape.last ?? 1
      let (start, end) = (offsets[0], offsets[1])
      guard start >= 0, end >= start, end <= dataSize, end - start == rows * cols * 4 else {
        throw bad("the bytes of '\(name)' (\(start)..<\(end)) do not fit its shape or the file")
      }
      var values = [Float](repeating: 0, count: rows * cols)
      for k in 0..<values.count {
        let at = headerEnd + start + 4 * k
        let bits =
          UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16
          | UInt32(bytes[at + 3]) << 24
        values[k] = Float(bitPattern: bits)
      }
      let tensor = Tensor(rows: rows, cols: cols, data: values)
      entries.append((start, Entry(name: name, tensor: tensor)))
    }
    return (entries.sorted { $0.0 < $1.0 }.map(\.1), metadata)
  }
}
