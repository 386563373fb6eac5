import Foundation

/// The label-attentive encoder of LAD-GNN (Hong et al., AAAI 2024, Figure 2;
/// METHOD.md section 1), with the attention restricted to each graph:
///
///     Q = LN(H_l) W_Q,  K = LN(H) W_K,  V = LN(H) W_V
///     H' = softmax_graph(tau * Q K^T / sqrt(d)) V
///     H_T = FFN(LN(H' + H)) + H'
///
/// Every node of a graph carries the same label embedding `H_l`, so the
/// query rows of a graph are equal and the masked `n x n` attention reduces
/// exactly to one weight per node, `a_j = softmax_{j in G}(tau q_G.k_j /
/// sqrt(d))`, and one attended vector per graph, `H'_G = sum_j a_j v_j`:
/// O(n d) instead of O(n^2 d). `a` is the per-node importance score the
/// drawings show.
///
/// Shapes: `H` is `nodeCount x d`, `H_l` is `graphCount x d`; output
/// `nodeCount x d` and attention `nodeCount x 1`. The FFN is
/// `Linear(d, d) - ReLU - dropout - Linear(d, d)` (the paper gives no
/// width; d keeps the teacher's cost near the backbone's).
public final class LabelAttention: Module {
  public let labelNorm: LayerNorm
  public let nodeNorm: LayerNorm
  public let query: Linear
  public let key: Linear
  public let value: Linear
  public let addNorm: LayerNorm
  public let feedForward: MLP
  public let tau: Float

  public init(width d: Int, tau: Float, dropout: Float, name: String = "attention",
              random: inout RandomGenerator) {
    labelNorm = LayerNorm(d, name: "\(name).label_norm")
    nodeNorm = LayerNorm(d, name: "\(name).node_norm")
    query = Linear(d, d, name: "\(name).query", random: &random)
    key = Linear(d, d, name: "\(name).key", random: &random)
    value = Linear(d, d, name: "\(name).value", random: &random)
    addNorm = LayerNorm(d, name: "\(name).add_norm")
    feedForward = MLP(
      widths: [d, d, d], dropout: dropout, batchNorm: false, name: "\(name).ffn",
      random: &random)
    self.tau = tau
  }

  public var parameters: [Parameter] {
    labelNorm.parameters + nodeNorm.parameters + query.parameters + key.parameters
      + value.parameters + addNorm.parameters + feedForward.parameters
  }

  /// Returns the ideal embeddings `H_T` and the attention of every node.
  public func callAsFunction(
    nodes h: Variable, labels hl: Variable, segments: Segments
  ) -> (output: Variable, attention: Variable) {
    let d = Float(h.cols)
    let q = query(labelNorm(hl)).broadcast(to: segments)
    let normed = nodeNorm(h)
    let k = key(normed)
    let v = value(normed)
    let scores = q.rowDot(k) * (tau / d.squareRoot())
    let a = scores.segmentSoftmax(segments)
    let attended = (v * a).segmentSum(segments).broadcast(to: segments)
    let out = feedForward(addNorm(attended + h)) + attended
    return (out, a)
  }
}
