import Foundation
import Runtime
import XCTest

/// Layer outputs on small hand-made inputs, checked against hand
/// computations or an independent dense formulation.
final class LayerTests: XCTestCase {
  /// A path 0-1-2 plus an isolated node 3, one feature per node.
  func testGCNConvMatchesHandComputation() {
    let ds = makeDataset(
      graphs: [(4, [(0, 1), (1, 2)], 0)], features: [[1], [2], [3], [4]])
    let batch = GraphBatch(dataset: ds, graphs: [0])
    var random = RandomGenerator(seed: 1)
    let conv = GCNConv(1, 1, name: "conv", random: &random)
    conv.linear.weight.value = Tensor([[2]])
    conv.bias.value = Tensor([[0.5]])
    let tape = Tape(training: false)
    let y = conv(tape.constant(batch.x), batch: batch).value
    // degrees with self-loops: 2, 3, 2, 1; x W = 2, 4, 6, 8
    // node 0: 2/2 + 4/sqrt(6); node 1: 2/sqrt(6) + 4/3 + 6/sqrt(6)
    // node 2: 4/sqrt(6) + 6/2; node 3: 8/1; each + 0.5
    let s6 = Float(6).squareRoot()
    let expected: [Float] = [1 + 4 / s6, 2 / s6 + 4 / 3 + 6 / s6, 4 / s6 + 3, 8].map { $0 + 0.5 }
    XCTAssertEqual(y.rows, 4)
    XCTAssertEqual(y.cols, 1)
    for (got, want) in zip(y.data, expected) { XCTAssertEqual(got, want, accuracy: 1e-5) }
  }

  func testGCNGradientsAgainstFiniteDifferences() {
    let ds = makeDataset(
      graphs: [(3, [(0, 1), (1, 2)], 0), (2, [(0, 1)], 1)],
      features: [[1, 0], [0.5, 1], [0, 2], [1, 1], [2, 0]])
    let batch = GraphBatch(dataset: ds, graphs: [0, 1])
    var random = RandomGenerator(seed: 3)
    let gcn = GCN(BackboneSettings(inputWidth: 2, hiddenWidth: 3, layerCount: 2, dropout: 0),
                  random: &random)
    checkGradients([batch.x], training: true) { _, v in gcn.embed(v[0], batch: batch) }
  }

  func testLinearUsesPyTorchInitialisationBounds() {
    var random = RandomGenerator(seed: 5)
    let layer = Linear(16, 8, name: "lin", random: &random)
    let bound: Float = 1 / 4
    XCTAssertTrue(layer.weight.value.data.allSatisfy { abs($0) <= bound })
    XCTAssertTrue(layer.bias!.value.data.allSatisfy { abs($0) <= bound })
    XCTAssertGreaterThan(layer.weight.value.data.map(abs).max()!, bound * 0.8)
  }

  /// The reduced per-graph attention equals the masked dense attention
  /// `softmax(tau Q K^T / sqrt(d) + mask) V` written out in full.
  func testLabelAttentionMatchesDenseMaskedAttention() {
    let d = 4
    var random = RandomGenerator(seed: 11)
    let attention = LabelAttention(width: d, tau: 0.7, dropout: 0, random: &random)
    let segments = Segments(sizes: [3, 2])
    let h = randomTensor(5, d, seed: 12)
    let hl = randomTensor(2, d, seed: 13)
    let tape = Tape(training: false)
    let (out, weights) = attention(
      nodes: tape.constant(h), labels: tape.constant(hl), segments: segments)

    // dense reference
    func layerNorm(_ x: Tensor, _ m: LayerNorm) -> Tensor {
      let t = Tape(training: false)
      return m(t.constant(x)).value
    }
    func linear(_ x: Tensor, _ l: Linear) -> Tensor {
      var y = x.matmul(l.weight.value)
      for r in 0..<y.rows { for c in 0..<y.cols { y[r, c] += l.bias!.value[0, c] } }
      return y
    }
    var labelRows = Tensor(rows: 5, cols: d)
    for i in 0..<5 {
      let g = Int(segments.rowSegment[i])
      for c in 0..<d { labelRows[i, c] = hl[g, c] }
    }
    let q = linear(layerNorm(labelRows, attention.labelNorm), attention.query)
    let k = linear(layerNorm(h, attention.nodeNorm), attention.key)
    let v = linear(layerNorm(h, attention.nodeNorm), attention.value)
    let scores = q.matmul(k, transposeOther: true)
    var attended = Tensor(rows: 5, cols: d)
    var firstRowWeights = [Float](repeating: 0, count: 5)
    for i in 0..<5 {
      let gi = segments.rowSegment[i]
      var w = [Float](repeating: 0, count: 5)
      var total: Float = 0
      for j in 0..<5 where segments.rowSegment[j] == gi {
        w[j] = Float(Foundation.exp(Double(0.7 * scores[i, j] / Float(d).squareRoot())))
        total += w[j]
      }
      for j in 0..<5 { w[j] /= total }
      if segments.range(Int(gi)).first == i {
        for j in 0..<5 where w[j] > 0 { firstRowWeights[j] = w[j] }
      }
      for j in 0..<5 { for c in 0..<d { attended[i, c] += w[j] * v[j, c] } }
    }
    var sum = attended
    for i in sum.data.indices { sum.data[i] += h.data[i] }
    let t = Tape(training: false)
    let ffn = attention.feedForward(attention.addNorm(t.constant(sum))).value
    var expected = ffn
    for i in expected.data.indices { expected.data[i] += attended.data[i] }

    for (got, want) in zip(out.value.data, expected.data) {
      XCTAssertEqual(got, want, accuracy: 1e-5)
    }
    for (got, want) in zip(weights.value.data, firstRowWeights) {
      XCTAssertEqual(got, want, accuracy: 1e-6)
    }
  }

  func testLabelAttentionGradients() {
    var random = RandomGenerator(seed: 21)
    let attention = LabelAttention(width: 3, tau: 0.5, dropout: 0, random: &random)
    let segments = Segments(sizes: [2, 3])
    checkGradients([randomTensor(5, 3, seed: 22), randomTensor(2, 3, seed: 23)]) { _, v in
      attention(nodes: v[0], labels: v[1], segments: segments).output
    }
  }

  func testBatchNormRunningStatisticsFollowPyTorch() {
    let bn = BatchNorm1d(1, name: "bn")
    let tape = Tape(training: true)
    let y = bn(tape.constant(Tensor([[1], [2], [3], [6]])))
    // mean 3, biased var 3.5, unbiased 14/3
    XCTAssertEqual(bn.runningMean.value.data[0], 0.3, accuracy: 1e-6)
    XCTAssertEqual(bn.runningVariance.value.data[0], 0.9 + 0.1 * 14 / 3, accuracy: 1e-5)
    XCTAssertEqual(y.value.data[0], -2 / Float(3.5 + 1e-5).squareRoot(), accuracy: 1e-5)
  }
}

/// Layer outputs of the backbones beyond GCN.
final class BackboneLayerTests: XCTestCase {
  /// The path 0-1-2 plus an isolated node 3, two features per node.
  let pathAndIsolated = makeDataset(
    graphs: [(4, [(0, 1), (1, 2)], 0)], features: [[1, 0], [2, 1], [3, -1], [4, 2]])

  func testSAGEConvMatchesHandComputation() {
    let batch = GraphBatch(dataset: pathAndIsolated, graphs: [0])
    var random = RandomGenerator(seed: 1)
    let conv = SAGEConv(2, 1, name: "conv", random: &random)
    XCTAssertEqual(
      conv.parameters.map(\.name), ["conv.lin_l.weight", "conv.lin_l.bias", "conv.lin_r.weight"])
    conv.neighbours.weight.value = Tensor([[1], [2]])
    conv.neighbours.bias!.value = Tensor([[0.5]])
    conv.root.weight.value = Tensor([[3], [-1]])
    let tape = Tape(training: false)
    let y = conv(tape.constant(batch.x), batch: batch).value
    // neighbour means: [2, 1], [2, -0.5], [2, 1], [0, 0] (isolated)
    // W_2 mean + b: 4.5, 1.5, 4.5, 0.5; W_1 x: 3, 5, 10, 10
    XCTAssertEqual(y.shapeDescription, "4x1")
    for (got, want) in zip(y.data, [7.5, 6.5, 14.5, 10.5] as [Float]) {
      XCTAssertEqual(got, want, accuracy: 1e-5)
    }
  }

  func testSAGEGradientsAgainstFiniteDifferences() {
    let batch = twoGraphBatch()
    var random = RandomGenerator(seed: 3)
    let sage = GraphSAGE(
      BackboneSettings(inputWidth: 2, hiddenWidth: 3, layerCount: 2, dropout: 0),
      random: &random)
    checkGradients([batch.x], training: true) { _, v in sage.embed(v[0], batch: batch) }
    checkParameterGradients(sage.stack.convs[0].parameters) { t in
      sage.embed(t.constant(batch.x), batch: batch)
    }
  }
}

extension BackboneLayerTests {
  /// Features 1, -2, 0.5, 4 on the path 0-1-2 plus isolated node 3.
  func testGINConvMatchesHandComputation() {
    let ds = makeDataset(graphs: [(4, [(0, 1), (1, 2)], 0)], features: [[1], [-2], [0.5], [4]])
    let batch = GraphBatch(dataset: ds, graphs: [0])
    var random = RandomGenerator(seed: 1)
    let conv = GINConv(1, 2, name: "conv", random: &random)
    XCTAssertEqual(
      conv.parameters.map(\.name),
      [
        "conv.nn.lin0.weight", "conv.nn.lin0.bias", "conv.nn.lin1.weight", "conv.nn.lin1.bias",
        "conv.nn.norm0.weight", "conv.nn.norm0.bias",
      ])
    XCTAssertEqual(conv.buffers.map(\.name).last, "conv.eps")
    conv.mlp.layers[0].weight.value = Tensor([[1, -1]])
    conv.mlp.layers[0].bias!.value = Tensor([[0, 1]])
    conv.mlp.layers[1].weight.value = Tensor([[2, 0], [3, 0]])
    conv.mlp.layers[1].bias!.value = Tensor([[0.5, 0]])
    // evaluation-mode BatchNorm with fresh statistics scales by s
    let s = 1 / Float(1 + 1e-5).squareRoot()
    func output() -> [Float] {
      let tape = Tape(training: false)
      let y = conv(tape.constant(batch.x), batch: batch).value
      return (0..<4).map { y[$0, 0] }
    }
    // eps 0: x_i + sum_j x_j = -1, -0.5, -1.5, 4; hidden relu([p, 1 - p])
    // = [0, 2], [0, 1.5], [0, 2.5], [4, 0]; out = s (2 a + 3 b) + 0.5
    for (got, want) in zip(output(), [6 * s, 4.5 * s, 7.5 * s, 8 * s]) {
      XCTAssertEqual(got, want + 0.5, accuracy: 1e-5)
    }
    // eps 0.5: p = -0.5, -1.5, -1.25, 6
    conv.eps.value = Tensor(scalar: 0.5)
    for (got, want) in zip(output(), [4.5 * s, 7.5 * s, 6.75 * s, 12 * s]) {
      XCTAssertEqual(got, want + 0.5, accuracy: 1e-5)
    }
  }

  func testGINGradientsIncludingTrainableEps() {
    let batch = twoGraphBatch()
    var random = RandomGenerator(seed: 4)
    let settings = BackboneSettings(inputWidth: 2, hiddenWidth: 3, layerCount: 2, dropout: 0)
    let gin = GIN(settings, trainEps: true, random: &random)
    for conv in gin.stack.convs { conv.eps.value = Tensor(scalar: 0.3) }
    XCTAssertTrue(gin.parameters.contains { $0.name == "backbone.conv1.eps" })
    checkGradients([batch.x], training: true) { _, v in gin.embed(v[0], batch: batch) }
    // a step of 1e-2 straddles a ReLU kink of the inner MLP here
    let checked = gin.stack.convs.map(\.eps) + gin.stack.convs[0].mlp.parameters
    checkParameterGradients(checked, eps: 3e-3) { t in
      gin.embed(t.constant(batch.x), batch: batch)
    }
    let fixed = GIN(settings, random: &random)
    XCTAssertFalse(fixed.parameters.contains { $0.name.hasSuffix("eps") })
  }
}

/// A path of 3 nodes, a pair, and an isolated node, in one batch.
func twoGraphBatch() -> GraphBatch {
  let ds = makeDataset(
    graphs: [(3, [(0, 1), (1, 2)], 0), (3, [(0, 1)], 1)],
    features: [[1, 0], [0.5, 1], [0, 2], [1, 1], [2, 0], [-1, 0.5]])
  return GraphBatch(dataset: ds, graphs: [0, 1])
}
