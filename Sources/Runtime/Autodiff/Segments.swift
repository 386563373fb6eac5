/// A partition of rows into contiguous runs, one run per graph of a batch:
/// segment `s` owns rows `offsets[s] ..< offsets[s+1]` (PyG's `ptr`).
public struct Segments: Sendable, Equatable {
  public let offsets: [Int]
  /// The segment of every row (PyG's `batch` vector).
  public let rowSegment: [Int32]

  public init(offsets: [Int]) {
    precondition(offsets.first == 0, "Segments: offsets must start at 0")
    self.offsets = offsets
    var ids = [Int32](repeating: 0, count: offsets.last ?? 0)
    for s in 0..<(offsets.count - 1) {
      for i in offsets[s]..<offsets[s + 1] { ids[i] = Int32(s) }
    }
    rowSegment = ids
  }

  /// Segments of the given sizes, in order.
  public init(sizes: [Int]) {
    var offsets = [0]
    offsets.reserveCapacity(sizes.count + 1)
    for n in sizes { offsets.append(offsets.last! + n) }
    self.init(offsets: offsets)
  }

  public var count: Int { offsets.count - 1 }
  public var rowCount: Int { offsets.last ?? 0 }
  public func range(_ s: Int) -> Range<Int> { offsets[s]..<offsets[s + 1] }
  public func size(_ s: Int) -> Int { offsets[s + 1] - offsets[s] }
}
