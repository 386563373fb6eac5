/// Which design of LAD-GNN a model follows (METHOD.md section 2).
///
/// - `paper` (default): the method as the paper describes it: per-graph
///   label attention with LayerNorms, FFN and residual; node-level
///   distillation; GCN with self-loops and symmetric normalisation; GIN
///   with a two-layer MLP.
/// - `reference`: the design choices of the authors' released code (not its
///   defects): attention over every node of the mini-batch scaled by `tau`
///   only, a per-node label encoder, graph-level distillation to pooled,
///   L2-normalised vectors, a fresh student head, GCN as a plain sum of
///   neighbours and GIN with one Linear layer. See `ReferenceLabelAttention`
///   and `Student`.
public enum ModelVariant: String, Sendable, CaseIterable {
  case paper
  case reference

  /// The short tag `evaluate` appends to a model's name, e.g. `student(ref)`.
  public var tag: String { self == .paper ? "" : "(ref)" }
}
