/// The directed edges of a graph (or batch) grouped by target node, PyG's
/// `edge_index` sorted by its second row: the edges into node `i` sit at
/// positions `groups.range(i)`, in the order the edges were given, with
/// the self-loop (when added) last, where PyG's `add_self_loops` puts it.
/// Edge softmax and the per-node aggregations of attention and PNA layers
/// walk these groups.
public struct IncomingEdges: Sendable {
  public let source: [Int32]
  public let target: [Int32]
  /// Segment `i` holds the edges into node `i`; `groups.count` is the
  /// node count.
  public let groups: Segments

  /// Groups `source[k] -> target[k]` by target with a stable counting
  /// sort. With `addingSelfLoops`, existing self-loops are dropped and one
  /// loop `i -> i` is added to every node (PyG's `remove_self_loops`, then
  /// `add_self_loops`).
  public init(nodeCount: Int, source: [Int32], target: [Int32], addingSelfLoops: Bool = false) {
    precondition(source.count == target.count, "IncomingEdges: endpoint counts differ")
    var counts = [Int](repeating: 0, count: nodeCount + 1)
    for (s, t) in zip(source, target) where !(addingSelfLoops && s == t) {
      counts[Int(t) + 1] += 1
    }
    if addingSelfLoops {
      for i in 0..<nodeCount { counts[i + 1] += 1 }
    }
    for i in 0..<nodeCount { counts[i + 1] += counts[i] }
    var next = counts
    let total = counts[nodeCount]
    var sorted = [Int32](repeating: 0, count: total)
    for (s, t) in zip(source, target) where !(addingSelfLoops && s == t) {
      sorted[next[Int(t)]] = s
      next[Int(t)] += 1
    }
    if addingSelfLoops {
      for i in 0..<nodeCount { sorted[next[i]] = Int32(i) }
    }
    self.source = sorted
    self.groups = Segments(offsets: counts)
    self.target = groups.rowSegment
  }

  /// Number of edges.
  public var count: Int { source.count }
  public var nodeCount: Int { groups.count }
}
