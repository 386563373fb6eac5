/// How the student classifies its pooled embeddings.
public enum StudentHead: String, Sendable, CaseIterable {
  /// The teacher's trained head, frozen and run in evaluation mode: the
  /// paper's Figure 2 (default).
  case shared
  /// A copy of the teacher's head, trained further with the student.
  case tuned
  /// A fresh head trained from scratch (the released code's choice).
  case own
}

/// The LAD-GNN student (METHOD.md section 1, step 6): a fresh backbone
/// `f_S` whose node embeddings are pulled towards the teacher's ideal
/// embeddings, classified by the teacher's trained head, frozen and run in
/// evaluation mode:
///
///     L = NLL(g(norm(pool(H_S))), y) + lambda * MSE(H_S, H_T)
///
/// `H_T` comes from the teacher in evaluation mode on the same batch, on a
/// tape of its own, so no gradient reaches the teacher, and is divided by
/// one calibration constant (`calibrate`). Early stopping watches the same
/// objective on the validation graphs, as the authors' code does. At
/// inference the student runs alone, with no label input. A backbone with
/// a loss term of its own (`Backbone.readoutWithLoss`, MEWISPool's
/// pooling loss) adds it to `L`, in either variant.
///
/// With `variant: .reference` (the released code's design) the target is
/// graph-level: the student's pooled, L2-normalised vectors `z_S`
/// (`graphCount x d`) are pulled towards the frozen teacher's `z_T` on the
/// same batch,
///
///     L = NLL(g_S(z_S), y) + lambda * MSE(z_S, z_T),
///
/// with no calibration (both sides are unit vectors) and no cache (the
/// reference teacher attends across the graphs of a batch, so `z_T`
/// depends on the batch). The session gives it its own fresh head.
public final class Student: GraphClassifier {
  public let variant: ModelVariant
  public let backbone: any Backbone
  public let teacher: Teacher
  public let lambda: Float
  public let headMode: StudentHead
  /// The head the student classifies with: the teacher's own object when
  /// shared, else the student's.
  public let head: ClassifierHead
  /// `H_T` of every graph seen so far, by dataset index. The frozen
  /// teacher in evaluation mode gives each graph the same `H_T` every time
  /// (its layers act within a graph), so one pass per graph suffices.
  private var idealCache: [Int: Tensor] = [:]
  /// The root-mean-square of `H_T` over the training graphs; targets are
  /// divided by it (see `calibrate`).
  public private(set) var targetScale: Float = 1

  public init(
    backbone: any Backbone, teacher: Teacher, lambda: Float, head: StudentHead = .shared,
    variant: ModelVariant = .paper, random: inout RandomGenerator
  ) {
    precondition(
      backbone.embeddingWidth == teacher.backbone.embeddingWidth,
      "Student: widths of student and teacher differ")
    self.variant = variant
    self.backbone = backbone
    self.teacher = teacher
    self.lambda = lambda
    headMode = head
    teacher.setFrozen(true)
    switch head {
    case .shared:
      self.head = teacher.head
    case .tuned, .own:
      let fresh = ClassifierHead(
        width: teacher.head.mlp.layers[0].inFeatures,
        classCount: teacher.head.mlp.layers.last!.outFeatures, dropout: teacher.head.mlp.dropout,
        random: &random)
      if head == .tuned { fresh.restore(teacher.head.snapshot()) }
      self.head = fresh
    }
  }

  /// What training updates and saving stores: the student's backbone, and
  /// its head unless the head is the teacher's.
  public var parameters: [Parameter] {
    backbone.parameters + (headMode == .shared ? [] : head.parameters)
  }
  public var buffers: [Parameter] {
    backbone.buffers + (headMode == .shared ? [] : head.buffers)
  }

  public func predict(_ batch: GraphBatch, tape: Tape) -> Prediction {
    let h = backbone.embed(tape.constant(batch.x), batch: batch)
    let (vectors, auxiliary) = backbone.readoutWithLoss(h, batch: batch)
    let z = vectors.l2NormalizeRows()
    let logProbs = headMode == .shared ? tape.evaluating { head(z) } : head(z)
    return Prediction(
      logProbs: logProbs, nodeEmbeddings: h, graphEmbeddings: z, attention: nil,
      auxiliaryLoss: auxiliary)
  }

  public func loss(_ batch: GraphBatch, tape: Tape) -> (loss: Variable, prediction: Prediction) {
    let target = variant == .paper ? idealEmbeddings(batch) : teacherGraphVectors(batch)
    let p = predict(batch, tape: tape)
    let ce = p.logProbs.nllLoss(targets: batch.labels)
    let student = variant == .paper ? p.nodeEmbeddings : p.graphEmbeddings
    let distill = student.mseLoss(tape.constant(target))
    return (p.addingAuxiliaryLoss(to: ce + distill * lambda), p)
  }

  /// The teacher's pooled, L2-normalised `z_T` on the whole batch
  /// (`graphCount x d`), evaluation mode, no gradient: the `.reference`
  /// target.
  public func teacherGraphVectors(_ batch: GraphBatch) -> Tensor {
    let tape = Tape(training: false)
    return withExtendedLifetime(tape) { teacher.predict(batch, tape: tape).graphEmbeddings.value }
  }

  /// Sets `targetScale` from the training graphs' `H_T`.
  ///
  /// The teacher's loss sees its embeddings only after L2 normalisation,
  /// so nothing fixes their scale: trained teachers end with `H_T` entries
  /// of 10 or more, and an MSE in those units swamps the cross-entropy
  /// (an MSE near 180 against a CE near 0.7 on MUTAG). Dividing `H_T` by
  /// one number changes its units, not its directions or the relative
  /// sizes of its nodes, so the pooled, normalised vectors the shared head
  /// reads are unchanged.
  /// The `.reference` variant needs none: its targets are unit vectors.
  public func calibrate(on graphs: [Int], dataset: GraphDataset) {
    guard !graphs.isEmpty, variant == .paper else { return }
    targetScale = 1
    let all = idealEmbeddings(GraphBatch(dataset: dataset, graphs: graphs))
    var sum: Double = 0
    for v in all.data { sum += Double(v) * Double(v) }
    let rms = Float((sum / Double(max(all.count, 1))).squareRoot())
    targetScale = rms > 0 && rms.isFinite ? rms : 1
  }

  /// The teacher's `H_T` on a batch, evaluation mode, no gradient.
  public func idealEmbeddings(_ batch: GraphBatch) -> Tensor {
    let missing = batch.graphIndices.filter { idealCache[$0] == nil }
    // in chunks, so calibrating on thousands of graphs (COLLAB) stays small
    for start in stride(from: 0, to: missing.count, by: 256) {
      let chunk = Array(missing[start..<min(start + 256, missing.count)])
      let sub = GraphBatch(dataset: batch.dataset, graphs: chunk)
      let tape = Tape(training: false)
      let all = withExtendedLifetime(tape) {
        teacher.predict(sub, tape: tape).nodeEmbeddings.value
      }
      for (k, g) in chunk.enumerated() {
        let range = sub.segments.range(k)
        idealCache[g] = Tensor(
          rows: range.count, cols: all.cols,
          data: Array(all.data[(range.lowerBound * all.cols)..<(range.upperBound * all.cols)]))
      }
    }
    var data: [Float] = []
    data.reserveCapacity(batch.nodeCount * backbone.embeddingWidth)
    let inverse = 1 / targetScale
    for g in batch.graphIndices { data += idealCache[g]!.data.map { $0 * inverse } }
    return Tensor(rows: batch.nodeCount, cols: backbone.embeddingWidth, data: data)
  }
}
