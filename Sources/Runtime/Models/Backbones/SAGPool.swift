/// The nodes and edges left after a pooling step: segments of the kept
/// nodes (one per graph, in batch order), the induced edges renumbered,
/// and the GCN operator of that subgraph.
public struct PooledGraph {
  public let segments: Segments
  public let source: [Int32]
  public let target: [Int32]
  public let gcnNormalized: SparseOperator

  public init(segments: Segments, source: [Int32], target: [Int32]) {
    self.segments = segments
    self.source = source
    self.target = target
    gcnNormalized = SparseOperator.gcnNormalized(
      nodeCount: segments.rowCount, source: source, target: target)
  }

  /// The subgraph induced by `kept` (global node indices, grouped by
  /// graph, `keptSizes[g]` of graph `g`): node `kept[i]` becomes node `i`,
  /// an edge survives when both its ends are kept (PyG's `filter_adj`).
  public init(
    inducedBy kept: [Int32], keptSizes: [Int], nodeCount: Int, source: [Int32],
    target: [Int32]
  ) {
    var newIndex = [Int32](repeating: -1, count: nodeCount)
    for (i, node) in kept.enumerated() { newIndex[Int(node)] = Int32(i) }
    var s: [Int32] = []
    var t: [Int32] = []
    for (a, b) in zip(source, target) {
      let (u, v) = (newIndex[Int(a)], newIndex[Int(b)])
      if u >= 0 && v >= 0 {
        s.append(u)
        t.append(v)
      }
    }
    self.init(segments: Segments(sizes: keptSizes), source: s, target: t)
  }
}

/// SAGPool (Lee, Lee & Kang, ICML 2019), the hierarchical architecture
/// `SAGPool_h` of the paper and of the authors' code: `layerCount` blocks,
/// block `i` being
///
///     H_i = ReLU(GCNConv(H_{i-1}))          on the current (pooled) graph
///     s   = GCNConv(d, 1)(H_i)              self-attention score per node
///     keep the ceil(0.5 n) highest-scoring nodes of each graph (ties by
///     node index), X_i = H_i[kept] * tanh(s[kept]), induced subgraph
///     r_i = mean(X_i) || max(X_i)           per graph
///
/// and the graph vector `r_1 + ... + r_L` (`graphCount x 2d`). (The
/// paper's `SAGPool_g`, "global", instead concatenates the outputs of every
/// convolution and pools once; METHOD.md's "blocks ... summed over blocks"
/// is the hierarchical one, implemented here.)
///
/// Embeddings (METHOD.md 3): `embed` is `H_1`, the first block's GCN
/// output on the whole graph, before any pooling; label attention and
/// distillation act there, and `readout` runs the pooling of block 1 and
/// the blocks after it on the (possibly label-attended) `H_1`.
///
/// The backbone uses no dropout (the authors' code drops out only in its
/// final MLP, which here is the model's head): `dropout=` does not reach it.
public final class SAGPool: Backbone, LayerStackBackbone {
  public let convs: [GCNConv]
  public let scorers: [GCNConv]
  public let ratio: Float

  public init(
    _ settings: BackboneSettings, ratio: Float = 0.5, name: String = "backbone",
    random: inout RandomGenerator
  ) {
    let d = settings.hiddenWidth
    var convs: [GCNConv] = []
    var scorers: [GCNConv] = []
    for i in 0..<max(settings.layerCount, 1) {
      let input = i == 0 ? settings.inputWidth : d
      convs.append(GCNConv(input, d, name: "\(name).conv\(i)", random: &random))
      scorers.append(GCNConv(d, 1, name: "\(name).pool\(i)", random: &random))
    }
    self.convs = convs
    self.scorers = scorers
    self.ratio = ratio
  }

  public var kind: String { "sagpool" }
  public var layerCount: Int { convs.count }
  public var embeddingWidth: Int { convs[0].linear.outFeatures }
  public var readoutWidth: Int { 2 * embeddingWidth }
  public var parameters: [Parameter] {
    zip(convs, scorers).flatMap { $0.parameters + $1.parameters }
  }

  public func embed(_ x: Variable, batch: GraphBatch) -> Variable {
    convs[0](x, batch: batch).relu()
  }

  public func readout(_ h: Variable, batch: GraphBatch) -> Variable {
    var graph = PooledGraph(segments: batch.segments, source: batch.source, target: batch.target)
    var x = h
    var total: Variable?
    for i in 0..<convs.count {
      if i > 0 { x = convs[i](x, operator: graph.gcnNormalized).relu() }
      let score = scorers[i](x, operator: graph.gcnNormalized)
      let (kept, sizes) = SAGPool.topK(score.value, segments: graph.segments, ratio: ratio)
      x = x.gatherRows(kept) * score.gatherRows(kept).tanh()
      graph = PooledGraph(
        inducedBy: kept, keptSizes: sizes, nodeCount: graph.segments.rowCount,
        source: graph.source, target: graph.target)
      let r = x.segmentMean(graph.segments).concatColumns(x.segmentMax(graph.segments))
      total = total.map { $0 + r } ?? r
    }
    return total!
  }

  /// The nodes top-k pooling keeps: for every graph of `n` nodes, the
  /// `ceil(ratio * n)` with the highest `score` (an `n x 1` column), in
  /// descending order of score, ties by node index (PyG's `topk` order).
  /// Returns the kept global row indices and the kept count per graph;
  /// a NaN score ranks last.
  public static func topK(
    _ score: Tensor, segments: Segments, ratio: Float
  ) -> (kept: [Int32], sizes: [Int]) {
    var kept: [Int32] = []
    var sizes: [Int] = []
    for s in 0..<segments.count {
      let n = segments.size(s)
      let keep = Int((ratio * Float(n)).rounded(.up))
      let order = segments.range(s).sorted { a, b in
        let (u, v) = (sortKey(score.data[a]), sortKey(score.data[b]))
        return u != v ? u > v : a < b
      }
      kept.append(contentsOf: order.prefix(keep).map { Int32($0) })
      sizes.append(keep)
    }
    return (kept, sizes)
  }
}

extension GCNConv {
  /// The convolution with a given normalised operator (a pooled graph's).
  public func callAsFunction(_ x: Variable, operator op: SparseOperator) -> Variable {
    linear(x).spmm(op) + x.tape.parameter(bias)
  }
}
