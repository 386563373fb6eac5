/// A mini-batch of graphs as one disjoint union, PyG's `Batch`: node
/// features stacked, edge endpoints shifted by each graph's node offset,
/// and `segments` (PyG's `ptr`/`batch`) saying which nodes belong to which
/// graph. Message-passing operators are built on first use and kept.
public final class GraphBatch {
  /// The dataset indices of the graphs, in batch order.
  public let graphIndices: [Int]
  /// Node features, `nodeCount x featureCount`.
  public let x: Tensor
  /// Graph of every node, and node range of every graph.
  public let segments: Segments
  /// Class of every graph.
  public let labels: [Int]
  public let classCount: Int
  /// Directed edges, global node indices within the batch.
  public let source: [Int32]
  public let target: [Int32]
  /// The dataset the graphs come from.
  public let dataset: GraphDataset

  public init(dataset: GraphDataset, graphs: [Int]) {
    self.dataset = dataset
    graphIndices = graphs
    var sizes: [Int] = []
    sizes.reserveCapacity(graphs.count)
    var edgeTotal = 0
    for g in graphs {
      sizes.append(dataset.nodeCount(ofGraph: g))
      edgeTotal += dataset.edgeOffsets[g + 1] - dataset.edgeOffsets[g]
    }
    segments = Segments(sizes: sizes)
    labels = graphs.map { dataset.labels[$0] }
    classCount = dataset.classCount

    let f = dataset.featureCount
    var features = [Float](repeating: 0, count: segments.rowCount * f)
    var source = [Int32](repeating: 0, count: edgeTotal)
    var target = [Int32](repeating: 0, count: edgeTotal)
    var e = 0
    let offsets = segments.offsets
    features.withUnsafeMutableBufferPointer { buffer in
      for (k, g) in graphs.enumerated() {
        let offset = offsets[k]
        let first = dataset.nodeOffsets[g]
        let rows = UnsafeMutableBufferPointer(rebasing: buffer[(offset * f)...])
        dataset.featureRows(of: first..<(first + sizes[k]), into: rows)
        for j in dataset.edgeOffsets[g]..<dataset.edgeOffsets[g + 1] {
          source[e] = dataset.edgeSource[j] + Int32(offset)
          target[e] = dataset.edgeTarget[j] + Int32(offset)
          e += 1
        }
      }
    }
    x = Tensor(rows: segments.rowCount, cols: f, data: features)
    self.source = source
    self.target = target
  }

  public var graphCount: Int { graphIndices.count }
  public var nodeCount: Int { segments.rowCount }
  public var edgeCount: Int { source.count }

  /// In-degree of every node (edges arriving at it).
  public private(set) lazy var inDegree: [Float] = {
    var deg = [Float](repeating: 0, count: nodeCount)
    for t in target { deg[Int(t)] += 1 }
    return deg
  }()

  /// `D^-1/2 (A + I) D^-1/2` with messages flowing source -> target, the
  /// operator of PyG's `GCNConv` (`gcn_norm` with self-loops of weight 1,
  /// degree counted at the target).
  public private(set) lazy var gcnNormalized: SparseOperator = .gcnNormalized(
    nodeCount: nodeCount, source: source, target: target)

  /// The plain adjacency `A` (sum of neighbours, no self-loops).
  public private(set) lazy var adjacency: SparseOperator = {
    let entries = zip(source, target).map { (row: $1, col: $0, value: Float(1)) }
    return SparseOperator(SparseMatrix(rows: nodeCount, cols: nodeCount, entries: entries))
  }()

  /// Row-normalised adjacency `D_in^-1 A`: row `i` averages the sources of
  /// the edges into `i` (PyG's mean aggregation, `SAGEConv`); a node with
  /// no incoming edge gets an empty row, so its mean is zero.
  public private(set) lazy var meanAdjacency: SparseOperator = {
    let degree = inDegree
    let entries = zip(source, target).map { s, t in
      (row: t, col: s, value: 1 / degree[Int(t)])
    }
    return SparseOperator(SparseMatrix(rows: nodeCount, cols: nodeCount, entries: entries))
  }()

  /// The edges grouped by target node (PNA's aggregations).
  public private(set) lazy var incomingEdges = IncomingEdges(
    nodeCount: nodeCount, source: source, target: target)

  /// The edges grouped by target node, one self-loop per node added last
  /// in each group (the neighbourhoods of `GATConv`).
  public private(set) lazy var incomingEdgesWithSelfLoops = IncomingEdges(
    nodeCount: nodeCount, source: source, target: target, addingSelfLoops: true)

  /// The one-hot label of every graph, `graphCount x classCount`.
  public var labelOneHot: Tensor {
    var t = Tensor(rows: graphCount, cols: classCount)
    for (g, y) in labels.enumerated() { t[g, y] = 1 }
    return t
  }
}
