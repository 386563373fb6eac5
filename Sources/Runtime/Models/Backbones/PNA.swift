import Foundation

/// Principal neighbourhood aggregation (Corso, Cavalleri, Beaini, Lio &
/// Velickovic, NeurIPS 2020), PyG's `PNAConv(in, out, aggregators: [mean,
/// min, max, std], scalers: [identity, amplification, attenuation], deg)`
/// with one tower, one pre- and one post-layer and no edge features:
///
///     m_ij = U [x_i || x_j] + c                          (pre_nn, 2F -> F)
///     a_i  = [mean || min || max || std]_{j in N(i)} m_ij (n x 4F)
///     x_i' = L (P [x_i || a_i || amp_i a_i || att_i a_i] + p) + l
///
/// `P` (post_nn) maps `13F -> out`, `L` (lin) `out -> out`. The scalers
/// are `amp_i = log(d_i + 1) / delta` and `att_i = delta / log(d_i + 1)`,
/// `d_i` the in-degree clamped to at least 1, and `delta` the mean of
/// `log(d + 1)` over the nodes of the training graphs, read from their
/// in-degree histogram (`PNA.degreeHistogram`) and kept as the buffer
/// `avg_deg_log`. A node without incoming edges aggregates zeros.
/// `U` is stored as two `F x F` halves, `pre_i` (for `x_i`, with the bias
/// `c`) and `pre_j` (for `x_j`). With one pre-layer the message is affine,
/// `m_ij = a_i + b_j`, so the layer runs the products per node and takes
/// the aggregates of `b_j` (gathered by source, never materialised per
/// edge) shifted by `a_i`: the same values as PyG's, in another order of
/// operations. All weights take PyTorch's initialisation for their
/// fan-in (`2F` for the halves), as PyG's `Linear`.
/// `x`: `n x F` -> `n x out`.
public final class PNAConv: GraphConvolution {
  public let preTarget: Linear
  public let preSource: Linear
  public let post: Linear
  public let linear: Linear
  /// `delta`, fixed at construction.
  public let averageLogDegree: Parameter

  public init(
    _ inFeatures: Int, _ outFeatures: Int, degreeHistogram: [Int], name: String,
    random: inout RandomGenerator
  ) {
    let f = inFeatures
    preTarget = Linear(f, f, name: "\(name).pre_i", random: &random)
    preSource = Linear(f, f, bias: false, name: "\(name).pre_j", random: &random)
    // one Linear(2F, F) in PyG: its bound is 1 / sqrt(2F)
    let bound = 1 / Float(max(2 * f, 1)).squareRoot()
    for p in preTarget.parameters + preSource.parameters {
      for i in p.value.data.indices { p.value.data[i] = random.uniform(-bound, bound) }
    }
    post = Linear(13 * f, outFeatures, name: "\(name).post", random: &random)
    linear = Linear(outFeatures, outFeatures, name: "\(name).lin", random: &random)
    averageLogDegree = Parameter(
      "\(name).avg_deg_log", Tensor(scalar: PNAConv.averageLogDegree(degreeHistogram)))
    averageLogDegree.isFrozen = true
  }

  /// `sum_k log(k + 1) hist[k] / sum_k hist[k]`; `log 2` (every degree
  /// clamped to 1) when the histogram has no node of positive degree.
  static func averageLogDegree(_ histogram: [Int]) -> Float {
    let nodes = histogram.reduce(0, +)
    var total = 0.0
    for (k, count) in histogram.enumerated() {
      total += Foundation.log(Double(k + 1)) * Double(count)
    }
    guard nodes > 0, total > 0 else { return Float(Foundation.log(2.0)) }
    return Float(total / Double(nodes))
  }

  public var outFeatures: Int { linear.outFeatures }
  public var parameters: [Parameter] {
    preTarget.parameters + preSource.parameters + post.parameters + linear.parameters
  }
  public var buffers: [Parameter] { [averageLogDegree] }

  public func callAsFunction(_ x: Variable, batch: GraphBatch) -> Variable {
    let t = x.tape
    let edges = batch.incomingEdges
    let (groups, sources) = (edges.groups, edges.source)
    // m_ij = a_i + b_j: mean, min and max of m over j are a_i plus those
    // of b_j, and its std is b_j's, so nothing runs per edge but reads
    let a = preTarget(x) * t.constant(hasNeighbours(batch))
    let b = preSource(x)
    let aggregated = Variable.concatColumns([
      b.spmm(batch.meanAdjacency) + a, b.segmentMin(groups, gathering: sources) + a,
      b.segmentMax(groups, gathering: sources) + a, b.segmentStd(groups, gathering: sources),
    ])
    let delta = averageLogDegree.value.scalar
    var amplification = Tensor(rows: batch.nodeCount, cols: 1)
    var attenuation = Tensor(rows: batch.nodeCount, cols: 1)
    for (i, d) in batch.inDegree.enumerated() {
      let logDegree = Foundation.log(max(d, 1) + 1)
      amplification.data[i] = logDegree / delta
      attenuation.data[i] = delta / logDegree
    }
    let scaled = Variable.concatColumns([
      x, aggregated, aggregated * t.constant(amplification),
      aggregated * t.constant(attenuation),
    ])
    return linear(post(scaled))
  }

  /// 1 for a node with an incoming edge, else 0: a node without one
  /// aggregates zeros, `a_i` included.
  private func hasNeighbours(_ batch: GraphBatch) -> Tensor {
    Tensor(rows: batch.nodeCount, cols: 1, data: batch.inDegree.map { $0 > 0 ? 1 : 0 })
  }
}

/// A stack of `layerCount` PNA layers, `F -> d -> ... -> d`, in the block
/// structure of `GCN` (`ConvolutionStack`), every layer normalising its
/// scalers with the same training-graph degree histogram.
public final class PNA: StackedBackbone {
  public let stack: ConvolutionStack<PNAConv>

  /// `degreeHistogram[k]`: nodes of the training graphs with in-degree
  /// `k` (see `degreeHistogram(of:graphs:)`).
  public init(
    _ settings: BackboneSettings, degreeHistogram: [Int], name: String = "backbone",
    random: inout RandomGenerator
  ) {
    stack = ConvolutionStack(settings, name: name) { _, width, layerName in
      PNAConv(
        width, settings.hiddenWidth, degreeHistogram: degreeHistogram, name: layerName,
        random: &random)
    }
  }

  /// In-degree histogram of the nodes of `graphs`: entry `k` counts the
  /// nodes with `k` incoming edges, as PyG's PNA example sums
  /// `bincount(degree(edge_index[1]))` over its training set. Pass the
  /// training graphs only, so validation and test graphs stay unseen.
  public static func degreeHistogram(of dataset: GraphDataset, graphs: [Int]) -> [Int] {
    var histogram: [Int] = []
    for g in graphs {
      var degree = [Int](repeating: 0, count: dataset.nodeCount(ofGraph: g))
      for e in dataset.edgeOffsets[g]..<dataset.edgeOffsets[g + 1] {
        degree[Int(dataset.edgeTarget[e])] += 1
      }
      for d in degree {
        if d >= histogram.count { histogram += [Int](repeating: 0, count: d + 1 - histogram.count) }
        histogram[d] += 1
      }
    }
    return histogram
  }

  public var kind: String { "pna" }
}
