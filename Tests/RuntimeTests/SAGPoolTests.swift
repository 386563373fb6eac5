import Runtime
import XCTest

/// SAGPool's top-k selection, induced subgraphs, its readout against a
/// dense formulation, and its gradients.
final class SAGPoolTests: XCTestCase {
  func testTopKKeepsHalfOfEachGraphByScore() {
    // graph 0: 5 nodes -> 3 kept; graph 1: 2 nodes -> 1 kept (tie: lower index)
    let score = Tensor([[0.1], [0.7], [-0.3], [0.7], [0.2], [0.4], [0.4]])
    let (kept, sizes) = SAGPool.topK(score, segments: Segments(sizes: [5, 2]), ratio: 0.5)
    XCTAssertEqual(kept, [1, 3, 4, 5])
    XCTAssertEqual(sizes, [3, 1])
  }

  func testInducedSubgraphKeepsEdgesBetweenKeptNodes() {
    // path 0-1-2-3 (both directions), keep 2 and 1 in that order
    let source: [Int32] = [0, 1, 1, 2, 2, 3]
    let target: [Int32] = [1, 0, 2, 1, 3, 2]
    let pooled = PooledGraph(
      inducedBy: [2, 1], keptSizes: [2], nodeCount: 4, source: source, target: target)
    XCTAssertEqual(pooled.source, [1, 0])
    XCTAssertEqual(pooled.target, [0, 1])
    // two nodes joined by an edge: every entry of D^-1/2 (A+I) D^-1/2 is 1/2
    let dense = pooled.gcnNormalized.matrix.dense
    XCTAssertEqual(dense.rows, 2)
    XCTAssertEqual(dense.cols, 2)
    for v in dense.data { XCTAssertEqual(v, 0.5, accuracy: 1e-6) }
  }

  /// Two blocks on a path of 4 nodes and a triangle, against dense
  /// matrices built here from the edge lists.
  func testReadoutMatchesDenseFormulation() {
    let ds = makeDataset(
      graphs: [(4, [(0, 1), (1, 2), (2, 3)], 0), (3, [(0, 1), (1, 2), (0, 2)], 1)])
    let batch = GraphBatch(dataset: ds, graphs: [0, 1])
    var random = RandomGenerator(seed: 11)
    let model = SAGPool(
      BackboneSettings(inputWidth: 1, hiddenWidth: 3, layerCount: 2, dropout: 0),
      random: &random)
    let h = randomTensor(7, 3, seed: 12)
    let tape = Tape(training: false)
    let got = model.readout(tape.constant(h), batch: batch).value

    var edges: [(Int, Int)] = zip(batch.source, batch.target).map { (Int($0), Int($1)) }
    var x = (0..<7).map { r in (0..<3).map { h[r, $0] } }
    var members = [[0, 1, 2, 3], [4, 5, 6]]
    var expected = [[Float]](repeating: [Float](repeating: 0, count: 6), count: 2)
    for block in 0..<2 {
      let n = x.count
      var a = [[Float]](repeating: [Float](repeating: 0, count: n), count: n)
      for (s, t) in edges { a[t][s] = 1 }
      for i in 0..<n { a[i][i] = 1 }
      let deg = a.map { $0.reduce(0, +) }
      func gcn(_ x: [[Float]], _ conv: GCNConv) -> [[Float]] {
        let (w, b) = (conv.linear.weight.value, conv.bias.value)
        let xw = x.map { row in
          (0..<w.cols).map { o in (0..<w.rows).reduce(0) { $0 + row[$1] * w[$1, o] } }
        }
        return (0..<n).map { i in
          (0..<w.cols).map { o in
            (0..<n).reduce(b[0, o]) { s, j in
              s + a[i][j] * xw[j][o] / (deg[i] * deg[j]).squareRoot()
            }
          }
        }
      }
      if block > 0 { x = gcn(x, model.convs[block]).map { $0.map { max($0, 0) } } }
      let score = gcn(x, model.scorers[block]).map { $0[0] }
      var newMembers: [[Int]] = []
      var keptAll: [Int] = []
      for (g, nodes) in members.enumerated() {
        let byScore = nodes.sorted { score[$0] != score[$1] ? score[$0] > score[$1] : $0 < $1 }
        let kept = Array(byScore.prefix((nodes.count + 1) / 2))
        newMembers.append(Array(keptAll.count..<(keptAll.count + kept.count)))
        keptAll += kept
        let rows = kept.map { i in x[i].map { $0 * tanh(score[i]) } }
        for c in 0..<3 {
          expected[g][c] += rows.map { $0[c] }.reduce(0, +) / Float(rows.count)
          expected[g][3 + c] += rows.map { $0[c] }.max()!
        }
      }
      let position = Dictionary(uniqueKeysWithValues: keptAll.enumerated().map { ($1, $0) })
      edges = edges.compactMap { s, t in
        guard let u = position[s], let v = position[t] else { return nil }
        return (u, v)
      }
      x = keptAll.map { i in x[i].map { $0 * tanh(score[i]) } }
      members = newMembers
    }
    XCTAssertEqual(got.rows, 2)
    XCTAssertEqual(got.cols, 6)
    for g in 0..<2 {
      for c in 0..<6 { XCTAssertEqual(got[g, c], expected[g][c], accuracy: 1e-5) }
    }
  }

  /// Through the kept rows and the tanh(score) factor; the scores are made
  /// far apart so a finite difference never changes which nodes are kept.
  func testReadoutGradients() {
    let ds = makeDataset(graphs: [(5, [(0, 1), (1, 2), (3, 4)], 0), (3, [(0, 1)], 1)])
    let batch = GraphBatch(dataset: ds, graphs: [0, 1])
    var random = RandomGenerator(seed: 13)
    let model = SAGPool(
      BackboneSettings(inputWidth: 1, hiddenWidth: 3, layerCount: 1, dropout: 0),
      random: &random)
    model.scorers[0].linear.weight.value = Tensor([[1], [0], [0]])
    var h = randomTensor(8, 3, seed: 14, margin: 0.05)
    for i in 0..<8 { h[i, 0] = Float(i * 5 % 8) * 0.4 - 1 }
    checkGradients([h], training: false) { _, v in model.readout(v[0], batch: batch) }
  }

  func testEmbedGradients() {
    let ds = makeDataset(
      graphs: [(3, [(0, 1), (1, 2)], 0), (2, [(0, 1)], 1)],
      features: [[1, 0], [0.5, 1], [0, 2], [1, 1], [2, 0]])
    let batch = GraphBatch(dataset: ds, graphs: [0, 1])
    var random = RandomGenerator(seed: 15)
    let model = SAGPool(
      BackboneSettings(inputWidth: 2, hiddenWidth: 3, layerCount: 3, dropout: 0),
      random: &random)
    XCTAssertEqual(model.readoutWidth, 6)
    checkGradients([batch.x]) { _, v in model.embed(v[0], batch: batch) }
  }

  func testSAGPoolOnMUTAG() throws {
    try trainThreeModels(on: "MUTAG") { SAGPool($0, random: &$1) }
  }
}
