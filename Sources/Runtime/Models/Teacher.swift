/// The LAD-GNN teacher: it reads the true label of each graph through the
/// label encoder `h` (an MLP `C -> d -> d` on the one-hot label) and the
/// label-attentive encoder, and classifies the mean-pooled, L2-normalised
/// ideal embeddings with the head `g` (METHOD.md section 1, steps 1-5).
/// Its loss is the cross-entropy plus the backbone's own loss term, if the
/// backbone has one (MEWISPool's pooling loss).
///
/// `variant` switches the label path: `.paper` uses the per-graph label
/// encoder and `LabelAttention`; `.reference` the per-node encoder and the
/// batch-wide attention of `ReferenceLabelAttention` (the released code).
public final class Teacher: GraphClassifier {
  public let variant: ModelVariant
  public let backbone: any Backbone
  /// The paper's per-graph label encoder and attention (`nil` for
  /// `.reference`).
  public let labelEncoder: MLP?
  public let attention: LabelAttention?
  /// The released code's per-node label encoder and attention (`nil` for
  /// `.paper`).
  public let referenceAttention: ReferenceLabelAttention?
  public let head: ClassifierHead

  public init(backbone: any Backbone, classCount: Int, tau: Float, dropout: Float,
              variant: ModelVariant = .paper, random: inout RandomGenerator) {
    let d = backbone.embeddingWidth
    self.variant = variant
    self.backbone = backbone
    switch variant {
    case .paper:
      labelEncoder = MLP(
        widths: [classCount, d, d], dropout: dropout, name: "label_encoder", random: &random)
      attention = LabelAttention(width: d, tau: tau, dropout: dropout, random: &random)
      referenceAttention = nil
    case .reference:
      labelEncoder = nil
      attention = nil
      referenceAttention = ReferenceLabelAttention(
        width: d, classCount: classCount, tau: tau, dropout: dropout, random: &random)
    }
    head = ClassifierHead(
      width: backbone.readoutWidth, classCount: classCount, dropout: 0, random: &random)
  }

  /// The attention temperature.
  public var tau: Float { attention?.tau ?? referenceAttention?.tau ?? 0 }

  private var labelPath: [any Module] {
    let modules: [(any Module)?] = [labelEncoder, attention, referenceAttention]
    return modules.compactMap { $0 }
  }

  public var parameters: [Parameter] {
    backbone.parameters + labelPath.flatMap(\.parameters) + head.parameters
  }
  public var buffers: [Parameter] {
    backbone.buffers + labelPath.flatMap(\.buffers) + head.buffers
  }

  public func predict(_ batch: GraphBatch, tape: Tape) -> Prediction {
    let h = backbone.embed(tape.constant(batch.x), batch: batch)
    let labels = tape.constant(batch.labelOneHot)
    let ideal: Variable
    let a: Variable
    if let labelEncoder, let attention {
      (ideal, a) = attention(nodes: h, labels: labelEncoder(labels), segments: batch.segments)
    } else {
      let out = referenceAttention!(nodes: h, labelOneHot: labels, segments: batch.segments)
      (ideal, a) = (out.output, out.attention)
    }
    let (vectors, auxiliary) = backbone.readoutWithLoss(ideal, batch: batch)
    let z = vectors.l2NormalizeRows()
    return Prediction(
      logProbs: head(z), nodeEmbeddings: ideal, graphEmbeddings: z, attention: a,
      auxiliaryLoss: auxiliary)
  }
}
