/// The label attention of the authors' released code (the `reference`
/// variant, METHOD.md section 2): attention over all nodes of the
/// mini-batch, across graphs, scaled by `tau` only, with no LayerNorm,
/// Add & Norm, feed-forward block or residual:
///
///     H_l = h(onehot(y_G(i)))                      per node i
///     Q = H_l W_Q + b_Q,  K = H W_K + b_K,  V = H W_V + b_V
///     H_T = softmax_rows(tau * Q K^T) V
///
/// `h` is the per-node label encoder `Linear(C, d) - BN - ReLU - dropout -
/// Linear(d, d) - BN - ReLU - dropout - Linear(d, d)`, applied to each
/// node's copy of its graph's one-hot label (BatchNorm statistics are
/// therefore over nodes, as in the released code).
///
/// Shapes: `H` is `N x d` (N nodes of the whole batch), the one-hot labels
/// `graphCount x C`; the attention matrix is `N x N` (dense: fine at batch
/// 32 of TU graphs, quadratic in N); output `N x d`. The per-node score
/// returned for drawings is the attention a node receives from every
/// query, normalised within its graph so a graph's scores sum to 1 as in
/// `LabelAttention`: `a_j = r_j / sum_{k in G(j)} r_k`, `r_j = sum_i A_ij`,
/// `N x 1`. It is a constant (no loss reads it).
public final class ReferenceLabelAttention: Module {
  public let labelEncoder: MLP
  public let query: Linear
  public let key: Linear
  public let value: Linear
  public let tau: Float

  public init(
    width d: Int, classCount: Int, tau: Float, dropout: Float, name: String = "attention",
    random: inout RandomGenerator
  ) {
    labelEncoder = MLP(
      widths: [classCount, d, d, d], dropout: dropout, name: "label_encoder", random: &random)
    query = Linear(d, d, name: "\(name).query", random: &random)
    key = Linear(d, d, name: "\(name).key", random: &random)
    value = Linear(d, d, name: "\(name).value", random: &random)
    self.tau = tau
  }

  public var parameters: [Parameter] {
    labelEncoder.parameters + query.parameters + key.parameters + value.parameters
  }
  public var buffers: [Parameter] { labelEncoder.buffers }

  /// The attended embeddings `H_T` (`N x d`), the full attention matrix
  /// (`N x N`) and each node's received attention, normalised within its
  /// graph (`N x 1`).
  public func callAsFunction(
    nodes h: Variable, labelOneHot y: Variable, segments: Segments
  ) -> (output: Variable, matrix: Variable, attention: Variable) {
    let hl = labelEncoder(y.broadcast(to: segments))
    let q = query(hl)
    let k = key(h)
    let v = value(h)
    let a = (q.matmul(k, transposeOther: true) * tau).softmaxRows()
    let out = a.matmul(v)
    return (out, a, h.tape.constant(Self.received(a.value, segments: segments)))
  }

  /// Column sums of `a`, each divided by the total of its graph.
  static func received(_ a: Tensor, segments: Segments) -> Tensor {
    var r = Tensor(rows: a.cols, cols: 1)
    for i in 0..<a.rows { for j in 0..<a.cols { r.data[j] += a[i, j] } }
    for g in 0..<segments.count {
      let range = segments.range(g)
      let total = range.reduce(Float(0)) { $0 + r.data[$1] }
      if total > 0 { for j in range { r.data[j] /= total } }
    }
    return r
  }
}
