/// The plain classifier LAD-GNN is compared against: backbone, readout,
/// L2 normalisation and the head, trained with cross-entropy (plus the
/// backbone's own loss term, if it has one: MEWISPool's pooling loss).
public final class Baseline: GraphClassifier {
  public let backbone: any Backbone
  public let head: ClassifierHead

  public init(backbone: any Backbone, classCount: Int, dropout: Float,
              random: inout RandomGenerator) {
    self.backbone = backbone
    head = ClassifierHead(
      width: backbone.readoutWidth, classCount: classCount, dropout: 0, random: &random)
  }

  public var parameters: [Parameter] { backbone.parameters + head.parameters }
  public var buffers: [Parameter] { backbone.buffers + head.buffers }

  public func predict(_ batch: GraphBatch, tape: Tape) -> Prediction {
    let h = backbone.embed(tape.constant(batch.x), batch: batch)
    let (vectors, auxiliary) = backbone.readoutWithLoss(h, batch: batch)
    let z = vectors.l2NormalizeRows()
    return Prediction(
      logProbs: head(z), nodeEmbeddings: h, graphEmbeddings: z, attention: nil,
      auxiliaryLoss: auxiliary)
  }
}
