import Runtime
import XCTest

/// DGCNN's ops and readout: SortPooling's order and padding, k, the 1-D
/// convolution ops against finite differences, and the readout against a
/// direct loop formulation of the convolutions.
final class DGCNNTests: XCTestCase {
  func testSortPoolOrdersByLastChannelAndPads() {
    // graph 0: nodes 0-2, last channel 0.5, 0.9, 0.5 (tie: lower index first)
    // graph 1: nodes 3-4
    let h = Tensor([[1, 0.5], [2, 0.9], [3, 0.5], [4, -1], [5, 2]])
    let index = DGCNN.sortPoolIndex(h, segments: Segments(sizes: [3, 2]), k: 3)
    XCTAssertEqual(index, [1, 0, 2, 4, 3, -1])
    let tape = Tape(training: false)
    let out = tape.constant(h).gatherRows(padded: index).value
    XCTAssertEqual(out, Tensor([[2, 0.9], [1, 0.5], [3, 0.5], [5, 2], [4, -1], [0, 0]]))
  }

  func testSortPoolSizeCoversSixtyPercentOfTheTrainingGraphs() {
    let sizes = [12, 30, 11, 15, 20]
    let ds = makeDataset(graphs: sizes.map { ($0, [], 0) })
    // sorted 11 12 15 20 30: ceil(0.6 * 5) = 3 -> 15
    XCTAssertEqual(DGCNN.sortPoolSize(of: ds, graphs: [0, 1, 2, 3, 4]), 15)
    // sorted 11 12: ceil(1.2) = 2 -> 12; never under 10
    XCTAssertEqual(DGCNN.sortPoolSize(of: ds, graphs: [0, 2]), 12)
    let small = makeDataset(graphs: [(3, [], 0), (4, [], 1)])
    XCTAssertEqual(DGCNN.sortPoolSize(of: small, graphs: [0, 1]), 10)
  }

  func testPaddedGatherGradients() {
    checkGradients([randomTensor(4, 3, seed: 1)]) { _, v in
      v[0].gatherRows(padded: [2, -1, 0, 2, 3, -1])
    }
  }

  func testReshapeGradients() {
    checkGradients([randomTensor(4, 3, seed: 2)]) { _, v in
      v[0].reshaped(rows: 2, cols: 6).tanh()
    }
  }

  func testMaxPoolPairsValuesAndGradients() {
    let tape = Tape(training: false)
    // two sequences of length 3 (the odd last position is dropped)
    let x = tape.constant(Tensor([[1, 5], [2, 4], [9, 9], [0, -1], [-2, 3], [7, 7]]))
    XCTAssertEqual(x.maxPoolPairs(length: 3).value, Tensor([[2, 5], [0, 3]]))
    checkGradients([randomTensor(8, 3, seed: 3, margin: 0.1)]) { _, v in
      v[0].maxPoolPairs(length: 4)
    }
  }

  func testUnfoldWindowsValuesAndGradients() {
    let tape = Tape(training: false)
    let x = tape.constant(Tensor([[1, 2], [3, 4], [5, 6], [7, 8]]))
    // two sequences of length 2, window 2: one window each
    XCTAssertEqual(
      x.unfoldWindows(length: 2, window: 2).value, Tensor([[1, 2, 3, 4], [5, 6, 7, 8]]))
    checkGradients([randomTensor(12, 2, seed: 4)]) { _, v in
      v[0].unfoldWindows(length: 6, window: 5)
    }
  }

  /// The readout against loops over positions, channels and kernel taps.
  func testReadoutMatchesDirectConvolutions() {
    let (d, k) = (3, 11)
    var random = RandomGenerator(seed: 5)
    let model = DGCNN(
      BackboneSettings(inputWidth: 2, hiddenWidth: d, layerCount: 2, dropout: 0), k: k,
      random: &random)
    let ds = makeDataset(graphs: [(12, [], 0), (4, [], 1)])
    let batch = GraphBatch(dataset: ds, graphs: [0, 1])
    let h = randomTensor(16, d, seed: 6)
    let tape = Tape(training: false)
    let got = model.readout(tape.constant(h), batch: batch).value

    func weight(_ l: Linear) -> (Tensor, Tensor) { (l.weight.value, l.bias!.value) }
    let (w1, b1) = weight(model.conv1)
    let (w2, b2) = weight(model.conv2)
    let (wd, bd) = weight(model.dense)
    let index = DGCNN.sortPoolIndex(h, segments: batch.segments, k: k)
    XCTAssertEqual(got.rows, 2)
    XCTAssertEqual(got.cols, d)
    for g in 0..<2 {
      // conv1: kernel d, stride d over the flattened sorted rows
      var c1 = [[Float]](repeating: [Float](repeating: 0, count: 16), count: k)
      for p in 0..<k {
        let node = Int(index[g * k + p])
        for o in 0..<16 {
          var s = b1[0, o]
          if node >= 0 { for c in 0..<d { s += h[node, c] * w1[c, o] } }
          c1[p][o] = max(s, 0)
        }
      }
      let half = k / 2
      let pooled = (0..<half).map { p in (0..<16).map { max(c1[2 * p][$0], c1[2 * p + 1][$0]) } }
      var flat: [Float] = []
      for p in 0..<(half - 4) {
        for o in 0..<32 {
          var s = b2[0, o]
          for tap in 0..<5 {
            for c in 0..<16 { s += pooled[p + tap][c] * w2[tap * 16 + c, o] }
          }
          flat.append(max(s, 0))
        }
      }
      for o in 0..<d {
        var s = bd[0, o]
        for (i, v) in flat.enumerated() { s += v * wd[i, o] }
        XCTAssertEqual(got[g, o], max(s, 0), accuracy: 1e-4)
      }
    }
  }

  func testReadoutGradients() {
    var random = RandomGenerator(seed: 7)
    let model = DGCNN(
      BackboneSettings(inputWidth: 2, hiddenWidth: 3, layerCount: 1, dropout: 0), k: 10,
      random: &random)
    let ds = makeDataset(graphs: [(11, [], 0), (5, [], 1)])
    let batch = GraphBatch(dataset: ds, graphs: [0, 1])
    // last channels far apart, so a finite difference never reorders nodes
    var h = randomTensor(16, 3, seed: 8)
    for i in 0..<16 { h[i, 2] = Float(i % 7) * 0.3 + Float(i) * 0.01 }
    checkGradients([h], training: false) { _, v in model.readout(v[0], batch: batch) }
  }

  func testEmbedGradients() {
    var random = RandomGenerator(seed: 9)
    let model = DGCNN(
      BackboneSettings(inputWidth: 2, hiddenWidth: 3, layerCount: 2, dropout: 0), k: 10,
      random: &random)
    let ds = makeDataset(
      graphs: [(3, [(0, 1), (1, 2)], 0), (2, [(0, 1)], 1)],
      features: [[1, 0], [0.5, 1], [0, 2], [1, 1], [2, 0]])
    let batch = GraphBatch(dataset: ds, graphs: [0, 1])
    XCTAssertEqual(model.embeddingWidth, 3)
    checkGradients([batch.x]) { _, v in model.embed(v[0], batch: batch) }
  }

  func testDGCNNOnMUTAG() throws {
    try trainThreeModels(on: "MUTAG") { settings, ds, train, random in
      DGCNN(settings, k: DGCNN.sortPoolSize(of: ds, graphs: train), random: &random)
    }
  }
}
