/// The LAD-GNN student (METHOD.md section 1, step 6): a fresh backbone
/// `f_S` whose node embeddings are pulled towards the teacher's ideal
/// embeddings, classified by the teacher's trained head, frozen and run in
/// evaluation mode:
///
///     L = NLL(g(norm(pool(H_S))), y) + lambda * MSE(H_S, H_T)
///
/// `H_T` comes from the teacher in evaluation mode on the same batch, on a
/// tape of its own, so no gradient reaches the teacher. At inference the
/// student runs alone, with no label input.
public final class Student: GraphClassifier {
  public let backbone: any Backbone
  public let teacher: Teacher
  public let lambda: Float
  /// `H_T` of every graph seen so far, by dataset index. The frozen
  /// teacher in evaluation mode gives each graph the same `H_T` every time
  /// (its layers act within a graph), so one pass per graph suffices.
  private var idealCache: [Int: Tensor] = [:]

  public init(backbone: any Backbone, teacher: Teacher, lambda: Float) {
    precondition(
      backbone.embeddingWidth == teacher.backbone.embeddingWidth,
      "Student: widths of student and teacher differ")
    self.backbone = backbone
    self.teacher = teacher
    self.lambda = lambda
    teacher.setFrozen(true)
  }

  /// The shared head; it belongs to the teacher and stays frozen.
  public var head: ClassifierHead { teacher.head }
  /// Only the student's own backbone is trained and saved as the student.
  public var parameters: [Parameter] { backbone.parameters }
  public var buffers: [Parameter] { backbone.buffers }

  public func predict(_ batch: GraphBatch, tape: Tape) -> Prediction {
    let h = backbone.embed(tape.constant(batch.x), batch: batch)
    let z = backbone.readout(h, batch: batch).l2NormalizeRows()
    let logProbs = tape.evaluating { head(z) }
    return Prediction(logProbs: logProbs, nodeEmbeddings: h, graphEmbeddings: z, attention: nil)
  }

  public func loss(_ batch: GraphBatch, tape: Tape) -> (loss: Variable, prediction: Prediction) {
    let target = idealEmbeddings(batch)
    let p = predict(batch, tape: tape)
    let ce = p.logProbs.nllLoss(targets: batch.labels)
    let distill = p.nodeEmbeddings.mseLoss(tape.constant(target))
    return (ce + distill * lambda, p)
  }

  /// The teacher's `H_T` on a batch, evaluation mode, no gradient.
  public func idealEmbeddings(_ batch: GraphBatch) -> Tensor {
    let missing = batch.graphIndices.filter { idealCache[$0] == nil }
    if !missing.isEmpty {
      let sub = GraphBatch(dataset: batch.dataset, graphs: missing)
      let tape = Tape(training: false)
      let all = withExtendedLifetime(tape) {
        teacher.predict(sub, tape: tape).nodeEmbeddings.value
      }
      for (k, g) in missing.enumerated() {
        let range = sub.segments.range(k)
        idealCache[g] = Tensor(
          rows: range.count, cols: all.cols,
          data: Array(all.data[(range.lowerBound * all.cols)..<(range.upperBound * all.cols)]))
      }
    }
    var data: [Float] = []
    data.reserveCapacity(batch.nodeCount * backbone.embeddingWidth)
    for g in batch.graphIndices { data += idealCache[g]!.data }
    return Tensor(rows: batch.nodeCount, cols: backbone.embeddingWidth, data: data)
  }
}
