/// DGCNN (Zhang, Cui, Neumann & Chen, AAAI 2018): graph convolutions whose
/// outputs are concatenated, SortPooling to `k` nodes per graph, and 1-D
/// convolutions over the sorted nodes.
///
/// Convolutions: `layerCount` GCN layers `F -> d -> ... -> d` and a last
/// GCN layer `d -> 1` (the paper's one-channel "continuous WL colour"), each
/// followed by `tanh`; their outputs are concatenated to `d * layerCount + 1`
/// channels.
///
/// Embeddings (where label attention and distillation act, METHOD.md 3):
/// the concatenation is wider than `nhid`, so `embed` projects it linearly
/// to `d` (`Linear(d * layerCount + 1, d)`, no activation). SortPooling
/// therefore sorts by the last channel of the (possibly label-attended)
/// `d`-wide embeddings, a learnt mix of every layer including the WL colour.
///
/// Readout: SortPool to `k` rows of `d` channels (zero rows pad a graph with
/// fewer than `k` nodes), `Conv1d(1, 16, kernel d, stride d)` + ReLU (one
/// `Linear(d, 16)` per kept node), `MaxPool1d(2, 2)`, `Conv1d(16, 32,
/// kernel 5)` + ReLU, flatten, `Linear(32 (k/2 - 4), d)` + ReLU, dropout.
/// `k` is the node count covering 60% of the training graphs, at least 10
/// (as PyG's DGCNN example), so the kernel-5 convolution has a position.
public final class DGCNN: Backbone, LayerStackBackbone {
  public let convs: [GCNConv]
  public let projection: Linear
  public let conv1: Linear
  public let conv2: Linear
  public let dense: Linear
  public let k: Int
  public let dropout: Float

  public init(
    _ settings: BackboneSettings, k: Int, name: String = "backbone",
    random: inout RandomGenerator
  ) {
    precondition(k >= 10, "DGCNN: k must be at least 10")
    let d = settings.hiddenWidth
    var convs: [GCNConv] = []
    var width = settings.inputWidth
    for i in 0...settings.layerCount {
      let out = i == settings.layerCount ? 1 : d
      convs.append(GCNConv(width, out, name: "\(name).conv\(i)", random: &random))
      width = out
    }
    self.convs = convs
    projection = Linear(d * settings.layerCount + 1, d, name: "\(name).proj", random: &random)
    conv1 = Linear(d, 16, name: "\(name).conv1d0", random: &random)
    conv2 = Linear(5 * 16, 32, name: "\(name).conv1d1", random: &random)
    dense = Linear(32 * (k / 2 - 4), d, name: "\(name).dense", random: &random)
    self.k = k
    self.dropout = settings.dropout
  }

  /// The node count that covers 60% of `graphs` (the smallest `n` with at
  /// least 60% of them no larger), raised to 10: Zhang et al.'s choice of k.
  public static func sortPoolSize(of dataset: GraphDataset, graphs: [Int]) -> Int {
    let sizes = graphs.map { dataset.nodeCount(ofGraph: $0) }.sorted()
    guard !sizes.isEmpty else { return 10 }
    let covering = Int((0.6 * Double(sizes.count)).rounded(.up)) - 1
    return max(10, sizes[max(covering, 0)])
  }

  public var kind: String { "dgcnn" }
  public var layerCount: Int { convs.count - 1 }
  public var embeddingWidth: Int { projection.outFeatures }
  public var readoutWidth: Int { dense.outFeatures }
  public var parameters: [Parameter] {
    convs.flatMap(\.parameters) + projection.parameters + conv1.parameters
      + conv2.parameters + dense.parameters
  }

  public func embed(_ x: Variable, batch: GraphBatch) -> Variable {
    var h = x
    var outputs: [Variable] = []
    for conv in convs {
      h = conv(h, batch: batch).tanh()
      outputs.append(h)
    }
    return projection(Variable.concatColumns(outputs))
  }

  public func readout(_ h: Variable, batch: GraphBatch) -> Variable {
    let index = DGCNN.sortPoolIndex(h.value, segments: batch.segments, k: k)
    let sorted = h.gatherRows(padded: index)
    let c1 = conv1(sorted).relu().maxPoolPairs(length: k)
    let half = k / 2
    let c2 = conv2(c1.unfoldWindows(length: half, window: 5)).relu()
    let flat = c2.reshaped(rows: batch.graphCount, cols: 32 * (half - 4))
    return dense(flat).relu().dropout(dropout)
  }

  /// SortPooling's row order: for every graph, its nodes by the last
  /// channel of `h`, descending, ties by node index (ascending); the first
  /// `k` are kept and `-1` (a zero row) pads graphs with fewer than `k`.
  /// Returns `graphCount * k` row indices. A NaN sorts last.
  public static func sortPoolIndex(_ h: Tensor, segments: Segments, k: Int) -> [Int32] {
    let last = h.cols - 1
    var index: [Int32] = []
    index.reserveCapacity(segments.count * k)
    for s in 0..<segments.count {
      let order = segments.range(s).sorted { a, b in
        let (u, v) = (sortKey(h.data[a * h.cols + last]), sortKey(h.data[b * h.cols + last]))
        return u != v ? u > v : a < b
      }
      for i in 0..<k { index.append(i < order.count ? Int32(order[i]) : -1) }
    }
    return index
  }
}

/// A value for sorting in descending order: NaN, unordered, goes last.
@inline(__always) func sortKey(_ v: Float) -> Float { v.isNaN ? -.infinity : v }
