import Foundation
import Runtime
import XCTest

/// The `reference` variant (the released code's design, METHOD.md section
/// 2): batch-wide label attention, plain-sum GCN, one-Linear GIN and
/// graph-level distillation, against hand or dense computations.
final class ReferenceVariantTests: XCTestCase {
  /// Two graphs (3 + 2 nodes), labels 0 and 1.
  let toy = makeDataset(
    graphs: [(3, [(0, 1), (1, 2)], 0), (2, [(0, 1)], 1)],
    features: [[1, 0], [0.5, 1], [0, 2], [1, 1], [2, 0]])

  /// `softmax_rows(tau Q K^T) V` over all five nodes, written out densely,
  /// with no mask, no 1/sqrt(d), no LayerNorm and no residual.
  func testAttentionMatchesDenseUnmaskedComputation() {
    let d = 4
    let tau: Float = 0.7
    var random = RandomGenerator(seed: 21)
    let attention = ReferenceLabelAttention(
      width: d, classCount: 2, tau: tau, dropout: 0, random: &random)
    let segments = Segments(sizes: [3, 2])
    let h = randomTensor(5, d, seed: 22)
    let oneHot = Tensor([[1, 0], [0, 1]])
    let tape = Tape(training: false)
    let out = attention(
      nodes: tape.constant(h), labelOneHot: tape.constant(oneHot), segments: segments)

    // dense reference: per-node label rows through the encoder, then by hand
    let labelRows = Tensor([[1, 0], [1, 0], [1, 0], [0, 1], [0, 1]])
    let t = Tape(training: false)
    let hl = attention.labelEncoder(t.constant(labelRows)).value
    func linear(_ x: Tensor, _ l: Linear) -> Tensor {
      var y = Tensor(rows: x.rows, cols: l.outFeatures)
      for r in 0..<x.rows {
        for c in 0..<l.outFeatures {
          var s = l.bias!.value[0, c]
          for k in 0..<x.cols { s += x[r, k] * l.weight.value[k, c] }
          y[r, c] = s
        }
      }
      return y
    }
    let (q, k, v) = (linear(hl, attention.query), linear(h, attention.key),
                     linear(h, attention.value))
    var expected = Tensor(rows: 5, cols: d)
    var received = [Float](repeating: 0, count: 5)
    for i in 0..<5 {
      var w = (0..<5).map { j -> Double in
        var s: Float = 0
        for c in 0..<d { s += q[i, c] * k[j, c] }
        return Foundation.exp(Double(tau * s))
      }
      let total = w.reduce(0, +)
      w = w.map { $0 / total }
      for j in 0..<5 {
        received[j] += Float(w[j]) / 5
        for c in 0..<d { expected[i, c] += Float(w[j]) * v[j, c] }
      }
    }
    XCTAssertEqual(out.output.rows, 5)
    XCTAssertEqual(out.output.cols, d)
    XCTAssertEqual(out.matrix.rows, 5)
    XCTAssertEqual(out.matrix.cols, 5)
    for (got, want) in zip(out.output.value.data, expected.data) {
      XCTAssertEqual(got, want, accuracy: 1e-5)
    }
    // received attention, normalised within each graph
    for g in 0..<2 {
      let range = segments.range(g)
      let total = range.reduce(Float(0)) { $0 + received[$1] }
      for j in range {
        XCTAssertEqual(out.attention.value.data[j], received[j] / total, accuracy: 1e-5)
      }
    }
    // nodes of the other graph get weight: the attention crosses graphs
    XCTAssertGreaterThan(out.matrix.value[0, 4], 0.01)
  }

  func testAttentionGradientsAgainstFiniteDifferences() {
    var random = RandomGenerator(seed: 23)
    let attention = ReferenceLabelAttention(
      width: 3, classCount: 2, tau: 0.5, dropout: 0, random: &random)
    let segments = Segments(sizes: [3, 2])
    let h = randomTensor(5, 3, seed: 24)
    let oneHot = Tensor([[1, 0], [0, 1]])
    checkGradients([h], training: false) { tape, v in
      attention(nodes: v[0], labelOneHot: tape.constant(oneHot), segments: segments).output
    }
    let weights = attention.query.parameters + attention.key.parameters
      + attention.value.parameters
    checkParameterGradients(weights, training: false) { tape in
      attention(
        nodes: tape.constant(h), labelOneHot: tape.constant(oneHot), segments: segments
      ).output
    }
  }

  /// The path 0-1-2 plus an isolated node 3: `A X W + b`, no self-loops.
  func testPlainSumGCNConvMatchesHandComputation() {
    let ds = makeDataset(
      graphs: [(4, [(0, 1), (1, 2)], 0)], features: [[1], [2], [3], [4]])
    let batch = GraphBatch(dataset: ds, graphs: [0])
    var random = RandomGenerator(seed: 1)
    let conv = GCNConv(1, 1, normalized: false, name: "conv", random: &random)
    conv.linear.weight.value = Tensor([[2]])
    conv.bias.value = Tensor([[0.5]])
    let tape = Tape(training: false)
    let y = conv(tape.constant(batch.x), batch: batch).value
    // x W = 2, 4, 6, 8; sums of neighbours 4, 2 + 6, 4, none
    XCTAssertEqual(y.data, [4.5, 8.5, 4.5, 0.5])
  }

  /// In evaluation and in training mode. (With the `toy` features, node
  /// 4's first-layer sum equals the batch mean exactly, so BatchNorm puts
  /// it on ReLU's kink at 0, where no finite difference can agree: the
  /// training-mode check uses features off that coincidence.)
  func testPlainSumGCNGradientsAgainstFiniteDifferences() {
    let batch = GraphBatch(dataset: toy, graphs: [0, 1])
    let offKink = makeDataset(
      graphs: [(3, [(0, 1), (1, 2)], 0), (2, [(0, 1)], 1)],
      features: [[1, 0], [0.5, 1], [0, 2], [1, 1], [2, 0.3]])
    let trainingBatch = GraphBatch(dataset: offKink, graphs: [0, 1])
    var random = RandomGenerator(seed: 4)
    let gcn = GCN(
      BackboneSettings(inputWidth: 2, hiddenWidth: 3, layerCount: 2, dropout: 0),
      variant: .reference, random: &random)
    XCTAssertEqual(gcn.variant, .reference)
    checkGradients([batch.x], training: false) { _, v in gcn.embed(v[0], batch: batch) }
    checkGradients([trainingBatch.x], training: true) { _, v in
      gcn.embed(v[0], batch: trainingBatch)
    }
    let conv = GCNConv(2, 3, normalized: false, name: "c", random: &random)
    checkGradients([batch.x], training: true) { _, v in conv(v[0], batch: batch) }
  }

  /// The reference teacher's prediction for a graph moves when another
  /// graph of the batch changes; the paper teacher's does not.
  func testOnlyTheReferenceTeacherAttendsAcrossGraphs() {
    let settings = BackboneSettings(inputWidth: 2, hiddenWidth: 4, layerCount: 2, dropout: 0)
    let other = makeDataset(
      graphs: [(3, [(0, 1), (1, 2)], 0), (2, [(0, 1)], 1)],
      features: [[1, 0], [0.5, 1], [0, 2], [-3, 2], [4, -1]])
    for variant in ModelVariant.allCases {
      var random = RandomGenerator(seed: 5)
      let teacher = Teacher(
        backbone: GCN(settings, variant: variant, random: &random), classCount: 2, tau: 1,
        dropout: 0, variant: variant, random: &random)
      func firstGraph(_ ds: GraphDataset) -> [Float] {
        let tape = Tape(training: false)
        let p = teacher.predict(GraphBatch(dataset: ds, graphs: [0, 1]), tape: tape)
        return Array(p.graphEmbeddings.value.data.prefix(4))
      }
      let change = zip(firstGraph(toy), firstGraph(other)).map { abs($0 - $1) }.max()!
      if variant == .paper {
        XCTAssertLessThan(change, 1e-6)
      } else {
        XCTAssertGreaterThan(change, 1e-4)
      }
    }
  }

  /// One Linear after `x_i + sum of neighbours`.
  func testReferenceGINLayerIsOneLinear() {
    let batch = GraphBatch(dataset: toy, graphs: [0, 1])
    let settings = BackboneSettings(inputWidth: 2, hiddenWidth: 3, layerCount: 1, dropout: 0)
    var random = RandomGenerator(seed: 2)
    let gin = GIN(settings, variant: .reference, random: &random)
    let conv = gin.stack.convs[0]
    XCTAssertEqual(conv.mlp.layers.count, 1)
    XCTAssertTrue(conv.mlp.norms.isEmpty)
    let tape = Tape(training: false)
    let y = gin.embed(tape.constant(batch.x), batch: batch).value
    let neighbours: [[Int]] = [[1], [0, 2], [1], [4], [3]]
    let lin = conv.mlp.layers[0]
    for i in 0..<5 {
      for c in 0..<3 {
        var s = lin.bias!.value[0, c]
        for f in 0..<2 {
          let x = batch.x[i, f] + neighbours[i].map { batch.x[$0, f] }.reduce(0, +)
          s += x * lin.weight.value[f, c]
        }
        XCTAssertEqual(y[i, c], s, accuracy: 1e-5)
      }
    }
  }

  /// The reference student's loss is CE + lambda * MSE of graph vectors.
  func testReferenceStudentDistilsPooledNormalisedVectors() {
    let batch = GraphBatch(dataset: toy, graphs: [0, 1])
    let settings = BackboneSettings(inputWidth: 2, hiddenWidth: 4, layerCount: 2, dropout: 0)
    var random = RandomGenerator(seed: 3)
    let teacher = Teacher(
      backbone: GCN(settings, variant: .reference, random: &random), classCount: 2, tau: 0.1,
      dropout: 0, variant: .reference, random: &random)
    XCTAssertNil(teacher.attention)
    XCTAssertNotNil(teacher.referenceAttention)
    let student = Student(
      backbone: GCN(settings, variant: .reference, random: &random), teacher: teacher,
      lambda: 2, head: .own, variant: .reference, random: &random)
    XCTAssertFalse(student.head === teacher.head)
    let tape = Tape(training: false)
    let (loss, p) = student.loss(batch, tape: tape)
    let zT = student.teacherGraphVectors(batch)
    XCTAssertEqual(zT.rows, 2)
    XCTAssertEqual(zT.cols, 4)
    let zS = p.graphEmbeddings.value
    var mse: Float = 0
    for i in zS.data.indices { mse += (zS.data[i] - zT.data[i]) * (zS.data[i] - zT.data[i]) }
    mse /= Float(zS.count)
    let ce = -(p.logProbs.value[0, 0] + p.logProbs.value[1, 1]) / 2
    XCTAssertEqual(loss.value.scalar, ce + 2 * mse, accuracy: 1e-5)
  }

  /// Twenty small graphs of two classes, and a reference teacher on them.
  private func referenceSetup(
    _ variant: ModelVariant = .reference
  ) -> (GraphDataset, Split, Teacher) {
    let graphs = (0..<20).map { g in
      (nodes: 2 + g % 4, edges: [(0, 1), (1, 0)], label: g % 2)
    }
    let features = graphs.flatMap { g in
      (0..<g.nodes).map { n in [Float(g.label) + 0.1 * Float(n), Float(n % 2)] }
    }
    let ds = makeDataset(graphs: graphs, features: features)
    let split = Split(train: Array(0..<12), validation: Array(12..<16), test: Array(16..<20))
    var random = RandomGenerator(seed: 3)
    let teacher = Teacher(
      backbone: GCN(
        BackboneSettings(inputWidth: 2, hiddenWidth: 4), variant: variant, random: &random),
      classCount: 2, tau: 1, dropout: 0, variant: variant, random: &random)
    return (ds, split, teacher)
  }

  /// Validation and test run in batches of `batch` graphs, as the released
  /// code evaluated: the attention never spans more than a batch.
  func testReferenceTeacherEvaluatesInBatchesOfBatchSize() throws {
    let (ds, split, teacher) = referenceSetup()
    var options = TrainingOptions()
    options.epochs = 1
    options.batchSize = 2
    let trainer = Trainer(model: teacher, dataset: ds, split: split, options: options, stream: "t")
    let result = try trainer.fit()
    XCTAssertEqual(trainer.evaluationBatches(split.test).map(\.graphCount), [2, 2])

    func testLoss(_ chunks: [[Int]]) -> Double {
      let rows = chunks.map { trainer.predictions(GraphBatch(dataset: ds, graphs: $0)) }
      let logProbs = Tensor(
        rows: split.test.count, cols: 2, data: rows.flatMap(\.data))
      return Metrics.negativeLogLikelihood(
        logProbs: logProbs, labels: split.test.map { ds.labels[$0] })
    }
    let recorded = try XCTUnwrap(result.history.last).testLoss
    XCTAssertEqual(recorded, testLoss([[16, 17], [18, 19]]), accuracy: 1e-6)
    XCTAssertNotEqual(recorded, testLoss([split.test]), accuracy: 1e-6, "one batch differs")

    // the paper teacher's attention stays within a graph: one batch
    let paper = referenceSetup(.paper).2
    XCTAssertEqual(
      Trainer(model: paper, dataset: ds, split: split, options: options, stream: "t")
        .evaluationBatches(split.test).count, 1)
  }

  /// A batch whose N x N attention cannot fit is refused before training,
  /// naming the nodes and the memory, instead of aborting in malloc.
  func testReferenceAttentionTooLargeForMemoryIsRefused() throws {
    let (ds, split, teacher) = referenceSetup()
    var options = TrainingOptions()
    options.epochs = 2
    options.memoryAvailable = 10_000
    let trainer = Trainer(model: teacher, dataset: ds, split: split, options: options, stream: "t")
    XCTAssertThrowsError(try trainer.fit()) { error in
      let message = (error as? LadError)?.message ?? ""
      // all twelve training graphs in one batch of 32: 42 nodes
      XCTAssertTrue(message.contains("a batch of 42 nodes needs about 42 kB"), message)
      XCTAssertTrue((error as? LadError)?.hint?.contains("batch=") ?? false)
    }
    options.memoryAvailable = 6 * 4 * 42 * 42
    XCTAssertNoThrow(
      try Trainer(model: teacher, dataset: ds, split: split, options: options, stream: "t").fit())
  }
}
