/// MEWISPool (Nouranizadeh, Matinkia, Rahmati & Safabakhsh, "Maximum
/// Entropy Weighted Independent Set Pooling for Graph Neural Networks",
/// AAAI 2021), the architecture of `Net` in the authors' code: a GIN
/// convolution, then `layerCount` stages of pooling followed by a GIN
/// convolution, and mean pooling per graph. (Their training script uses
/// `Net3`, with two GINs before each pool; `Net` is conv - pool - conv -
/// pool - conv.)
///
///     H_0 = ReLU(GIN_0(X))
///     stage i (on the current graph, x = H_{i-1}):
///       V_j  = || sum_{k in N(j)} (x_j - x_k)^2 ||_2   local variation (Eq. 5)
///       P    = softmax of V over the nodes of each graph             (Eq. 7)
///       e_j  = -P_j log P_j                              node entropy (Eq. 8)
///       p    = sigmoid(GIN_c(GIN_b(GIN_a(e))))      selection probability
///       L_i  = sum_j e_j - e^T p + p^T A p                pooling loss (Eq. 9)
///       S    = independentSet(e, p)                          Algorithm 1
///       x    = x[S], edges between S nodes joined by a walk of length
///              2 or 3                                            (Eq. 10)
///       H_i  = GIN_i(x), ReLU except after the last stage
///     graph vector = mean of H_L over each graph's nodes   (graphCount x d)
///
/// Shapes: `embed` maps `nodeCount x F` to `nodeCount x d`; `readout` maps
/// `nodeCount x d` to `graphCount x d`.
///
/// The squared difference is taken per feature, so `V_j` is the norm of
/// the authors' `x * (L x) - x * (A x) + A (x * x)`, computed edge by edge
/// (`localVariation`) rather than by that formula, which cancels. `P` and
/// `e` are per graph: `e_j` is node `j`'s term of the entropy of its
/// graph's distribution `P`. The backbone's GINs
/// (eps 0) use the authors' "enhanced" MLP `Linear(in, d) - BN - ReLU -
/// dropout(0.2) - Linear(d, d) - BN - ReLU - dropout(0.2) - Linear(d, d)`;
/// the three GINs of each pool (`1 -> d -> d -> 1`) use plain
/// three-Linear MLPs with ReLUs inside and nothing between the GINs. The
/// dropout is the authors' fixed 0.2: `dropout=` does not reach it.
///
/// Pooling loss: the backbone returns `w * (L_1 + ... + L_L) / graphCount`
/// with `w = poolingLossWeight` (default 0.2) from `readoutWithLoss`, and
/// the teacher, the student and the baseline add it to their losses. The
/// authors add `0.01 * (L_1 + L_2)` summed over a batch of 20 graphs; the
/// mean per graph times 0.2 is the same weight, but it stays the same for
/// any batch size and on the one-batch validation set that early stopping
/// watches. As in the authors' code, the gradient of the pooling loss
/// reaches the entropies and through them the node features, the
/// selection itself is discrete, and the kept rows are not scaled by `p`
/// (the pool's GINs learn from the pooling loss alone).
///
/// Other departures from the authors' code: Algorithm 1 runs graph by
/// graph, each graph's loss against its own threshold (the authors run
/// one pass over the batch against the batch's total, so a graph's
/// pooling depended on its batch-mates and on the order of nodes across
/// graphs; here it depends on the graph alone, so evaluation does not
/// depend on batching); a graph whose selection would come out empty
/// keeps its most probable node (the authors' readout would drop it); an
/// edgeless batch gets uniform `P` from the same formula (the authors set
/// every entropy to 1 there; either way every isolated node is kept).
///
/// Embeddings (METHOD.md 3), as `SAGPool`: `embed` is `H_0`, the first GIN
/// on the whole graph, before any pooling; label attention and
/// distillation act there, and `readout` runs every pooling stage on the
/// (possibly label-attended) `H_0`.
public final class MEWISPool: Backbone, LayerStackBackbone {
  /// The MLP of GIN `i` (`0` in `embed`, `i >= 1` after pooling stage `i`).
  public let convs: [MLP]
  /// The three GIN MLPs that score the nodes of pooling stage `i`.
  public let scorers: [[MLP]]
  /// `w` of the pooling loss (see above).
  public let poolingLossWeight: Float
  /// The dropout inside the backbone's GINs (the authors').
  public static let dropout: Float = 0.2

  public init(
    _ settings: BackboneSettings, poolingLossWeight: Float = 0.2, name: String = "backbone",
    random: inout RandomGenerator
  ) {
    let d = settings.hiddenWidth
    let stages = max(settings.layerCount, 1)
    var convs: [MLP] = []
    var scorers: [[MLP]] = []
    for i in 0...stages {
      let input = i == 0 ? settings.inputWidth : d
      convs.append(
        MLP(
          widths: [input, d, d, d], dropout: MEWISPool.dropout, name: "\(name).conv\(i).nn",
          random: &random))
      if i < stages {
        scorers.append(
          [[1, d, d, d], [d, d, d, d], [d, d, d, 1]].enumerated().map { k, widths in
            MLP(
              widths: widths, dropout: 0, batchNorm: false, name: "\(name).pool\(i).gin\(k).nn",
              random: &random)
          })
      }
    }
    self.convs = convs
    self.scorers = scorers
    self.poolingLossWeight = poolingLossWeight
  }

  public var kind: String { "mewispool" }
  /// The number of pooling stages.
  public var layerCount: Int { scorers.count }
  public var embeddingWidth: Int { convs[0].layers.last!.outFeatures }
  public var parameters: [Parameter] {
    convs.flatMap(\.parameters) + scorers.flatMap { $0.flatMap(\.parameters) }
  }
  public var buffers: [Parameter] { convs.flatMap(\.buffers) }

  public func embed(_ x: Variable, batch: GraphBatch) -> Variable {
    MEWISPool.gin(convs[0], x, batch.adjacency).relu()
  }

  public func readout(_ h: Variable, batch: GraphBatch) -> Variable {
    readoutWithLoss(h, batch: batch).vectors
  }

  public func readoutWithLoss(
    _ h: Variable, batch: GraphBatch
  ) -> (vectors: Variable, auxiliaryLoss: Variable?) {
    let run = stages(h, batch: batch)
    return (run.vectors, run.loss)
  }

  /// The rows each pooling stage keeps, in the numbering of the graph
  /// that stage sees (for tests and pictures).
  public func keptNodes(_ h: Variable, batch: GraphBatch) -> [[Int32]] {
    stages(h, batch: batch).kept
  }

  private func stages(
    _ h: Variable, batch: GraphBatch
  ) -> (vectors: Variable, loss: Variable?, kept: [[Int32]]) {
    var graph = IndependentSetGraph(
      segments: batch.segments, source: batch.source, target: batch.target)
    var x = h
    var total: Variable?
    var keptPerStage: [[Int32]] = []
    for (i, scorer) in scorers.enumerated() {
      let entropy = MEWISPool.entropy(x, graph: graph)
      let p = MEWISPool.selectionProbability(entropy, scorer: scorer, graph: graph)
      let loss = MEWISPool.poolingLoss(entropy: entropy, probability: p, graph: graph)
      total = total.map { $0 + loss } ?? loss
      let (kept, sizes) = MEWISPool.independentSet(
        entropy: entropy.value, probability: p.value, graph: graph)
      keptPerStage.append(kept)
      graph = graph.pooled(keeping: kept, keptSizes: sizes)
      x = MEWISPool.gin(convs[i + 1], x.gatherRows(kept), graph.adjacency)
      if i + 1 < scorers.count { x = x.relu() }
    }
    let weight = poolingLossWeight / Float(max(batch.graphCount, 1))
    return (x.segmentMean(graph.segments), total.map { $0 * weight }, keptPerStage)
  }

  /// GIN with eps 0: `mlp(x + A x)`.
  static func gin(_ mlp: MLP, _ x: Variable, _ adjacency: SparseOperator) -> Variable {
    mlp(x.spmm(adjacency) + x)
  }

  /// The entropy of every node (Eqs. 5, 7, 8): `x` is `n x d`, the result
  /// `n x 1`, `-P_j log P_j` with `P` the per-graph softmax of the norms
  /// of the local variations `sum_{k in N(j)} (x_j - x_k)^2`.
  public static func entropy(_ x: Variable, graph: IndependentSetGraph) -> Variable {
    x.localVariation(graph.adjacency).rowNorms().segmentSoftmax(graph.segments).entropyTerms()
  }

  /// `p = sigmoid(GIN_c(GIN_b(GIN_a(entropy))))`, `n x 1`.
  static func selectionProbability(
    _ entropy: Variable, scorer: [MLP], graph: IndependentSetGraph
  ) -> Variable {
    var s = entropy
    for mlp in scorer { s = gin(mlp, s, graph.adjacency) }
    return s.sigmoid()
  }

  /// The relaxed maximum-weight independent set loss of a batch (Eq. 9),
  /// `1 x 1`: `sum_j e_j - e^T p + p^T A p`, summed over its graphs
  /// (`p^T A p` counts each undirected edge twice, as the dense form).
  public static func poolingLoss(
    entropy e: Variable, probability p: Variable, graph: IndependentSetGraph
  ) -> Variable {
    let adjacent = (p.gatherRows(graph.source) * p.gatherRows(graph.target)).sum()
    return e.sum() - (e * p).sum() + adjacent
  }
}
