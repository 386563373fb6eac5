/// The LAD-GNN teacher: it reads the true label of each graph through the
/// label encoder `h` (an MLP `C -> d -> d` on the one-hot label) and the
/// label-attentive encoder, and classifies the mean-pooled, L2-normalised
/// ideal embeddings with the head `g` (METHOD.md section 1, steps 1-5).
public final class Teacher: GraphClassifier {
  public let backbone: any Backbone
  public let labelEncoder: MLP
  public let attention: LabelAttention
  public let head: ClassifierHead

  public init(backbone: any Backbone, classCount: Int, tau: Float, dropout: Float,
              random: inout RandomGenerator) {
    let d = backbone.embeddingWidth
    self.backbone = backbone
    labelEncoder = MLP(
      widths: [classCount, d, d], dropout: dropout, name: "label_encoder", random: &random)
    attention = LabelAttention(width: d, tau: tau, dropout: dropout, random: &random)
    head = ClassifierHead(
      width: backbone.readoutWidth, classCount: classCount, dropout: 0, random: &random)
  }

  public var parameters: [Parameter] {
    backbone.parameters + labelEncoder.parameters + attention.parameters + head.parameters
  }
  public var buffers: [Parameter] { backbone.buffers + labelEncoder.buffers + head.buffers }

  public func predict(_ batch: GraphBatch, tape: Tape) -> Prediction {
    let h = backbone.embed(tape.constant(batch.x), batch: batch)
    let hl = labelEncoder(tape.constant(batch.labelOneHot))
    let (ideal, a) = attention(nodes: h, labels: hl, segments: batch.segments)
    let z = backbone.readout(ideal, batch: batch).l2NormalizeRows()
    return Prediction(logProbs: head(z), nodeEmbeddings: ideal, graphEmbeddings: z, attention: a)
  }
}
