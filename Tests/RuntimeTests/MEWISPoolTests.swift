import Foundation
import Runtime
import XCTest

/// MEWISPool's node entropies, its independent-set decoding, its pooled
/// graph, its gradients, and its pooling loss inside the three models.
final class MEWISPoolTests: XCTestCase {
  /// A path 0-1-2, one edge 3-4, and a lone node 5.
  private func handBatch() -> GraphBatch {
    let ds = makeDataset(
      graphs: [(3, [(0, 1), (1, 2)], 0), (2, [(0, 1)], 1), (1, [], 0)],
      features: [[1, 0], [0, 1], [2, 2], [0, 0], [3, 4], [5, 5]])
    return GraphBatch(dataset: ds, graphs: [0, 1, 2])
  }

  private func graph(of batch: GraphBatch) -> IndependentSetGraph {
    IndependentSetGraph(segments: batch.segments, source: batch.source, target: batch.target)
  }

  func testEntropyOfAHandGraph() {
    let batch = handBatch()
    let tape = Tape(training: false)
    let e = MEWISPool.entropy(tape.constant(batch.x), graph: graph(of: batch)).value
    // path: variations (1,1), (1+4, 1+1), (4, 1) -> norms sqrt 2, sqrt 29, sqrt 17
    let v: [Double] = [2, 29, 17].map { $0.squareRoot() }
    let z = v.map { exp($0) }.reduce(0, +)
    let p = v.map { exp($0) / z }
    // the edge: both ends vary by (9, 16), P = 1/2 each; the lone node: P = 1
    let expected = p.map { -$0 * log($0) } + [0.5 * log(2), 0.5 * log(2), 0]
    XCTAssertEqual(e.rows, 6)
    XCTAssertEqual(e.cols, 1)
    for (got, want) in zip(e.data, expected) { XCTAssertEqual(Double(got), want, accuracy: 1e-6) }
  }

  /// A star whose centre is the most probable node but carries little
  /// entropy, a path, and a lone node, worked through Algorithm 1 by hand.
  func testIndependentSetByHand() {
    let ds = makeDataset(
      graphs: [(5, [(0, 1), (0, 2), (0, 3), (0, 4)], 0), (3, [(0, 1), (1, 2)], 1), (1, [], 0)])
    let g = graph(of: GraphBatch(dataset: ds, graphs: [0, 1, 2]))
    let entropy = Tensor([[0.01], [2], [2], [2], [2], [0.3], [0.3], [0.3], [0.5]])
    let p = Tensor([[0.9], [0.5], [0.5], [0.5], [0.5], [0.2], [0.9], [0.4], [0.1]])
    // star: L(p) = -(0.009 + 4) + 2 * 4 * 0.45 = -0.409. Keeping the centre
    // gives L = -0.01 > -0.409: refused. Leaf 1 (centre to 0) gives -5, and
    // each further leaf lowers L by 1: all four leaves are kept.
    // path: L(p) = -0.45 + 2 * (0.18 + 0.36) = 0.63; the middle node (0.9)
    // gives -0.3: kept, its neighbours rejected. The lone node is kept.
    let (kept, sizes) = MEWISPool.independentSet(entropy: entropy, probability: p, graph: g)
    XCTAssertEqual(kept, [1, 2, 3, 4, 6, 8])
    XCTAssertEqual(sizes, [4, 1, 1])
  }

  func testAGraphThatWouldKeepNothingKeepsItsMostProbableNode() {
    // one edge: L(p) = -(10 * 0.9 + 5 * 0.8) + 2 * 0.72 = -11.56; keeping
    // node 0 gives -10, keeping node 1 gives -5: both refused
    let ds = makeDataset(graphs: [(2, [(0, 1)], 0)])
    let g = graph(of: GraphBatch(dataset: ds, graphs: [0]))
    let (kept, sizes) = MEWISPool.independentSet(
      entropy: Tensor([[10], [5]]), probability: Tensor([[0.9], [0.8]]), graph: g)
    XCTAssertEqual(kept, [0])
    XCTAssertEqual(sizes, [1])
  }

  /// Random graphs and scores: no two kept nodes are adjacent, every graph
  /// keeps a node, and a second run gives the same set.
  func testDecodingIsAnIndependentSetAndDeterministic() {
    var rng = RandomGenerator(seed: 21)
    var graphs: [(nodes: Int, edges: [(Int, Int)], label: Int)] = []
    for k in 0..<30 {
      let n = 2 + k % 11
      var edges: [(Int, Int)] = []
      for a in 0..<n {
        for b in (a + 1)..<n where rng.uniform(0, 1) < 0.35 { edges.append((a, b)) }
      }
      graphs.append((n, edges, 0))
    }
    let batch = GraphBatch(dataset: makeDataset(graphs: graphs), graphs: Array(0..<30))
    let g = graph(of: batch)
    let n = batch.nodeCount
    // entropy-like values and probabilities, including ties
    let entropy = Tensor(rows: n, cols: 1, data: (0..<n).map { _ in rng.uniform(0, 0.37) })
    let p = Tensor(rows: n, cols: 1, data: (0..<n).map { Float(($0 * 7) % 5) / 5 + 0.05 })
    let first = MEWISPool.independentSet(entropy: entropy, probability: p, graph: g)
    let second = MEWISPool.independentSet(entropy: entropy, probability: p, graph: g)
    XCTAssertEqual(first.kept, second.kept)
    XCTAssertEqual(first.sizes, second.sizes)
    XCTAssertEqual(first.sizes.count, 30)
    XCTAssertFalse(first.sizes.contains(0))
    XCTAssertEqual(first.sizes.reduce(0, +), first.kept.count)
    let kept = Set(first.kept)
    for (s, t) in zip(batch.source, batch.target) {
      XCTAssertFalse(kept.contains(s) && kept.contains(t), "\(s) and \(t) are both kept")
    }
    // kept nodes stay inside their own graph, ascending
    var offset = 0
    for (k, size) in first.sizes.enumerated() {
      let rows = first.kept[offset..<(offset + size)]
      XCTAssertTrue(rows.allSatisfy { batch.segments.range(k).contains(Int($0)) })
      XCTAssertEqual(Array(rows), rows.sorted())
      offset += size
    }
  }

  func testPooledGraphByHand() {
    // a path 0-..-6 keeping 0, 2, 5; a 4-cycle 7-8-9-10 keeping 7, 9; a lone 11
    let ds = makeDataset(
      graphs: [
        (7, [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 6)], 0),
        (4, [(0, 1), (1, 2), (2, 3), (3, 0)], 1), (1, [], 0),
      ])
    let g = graph(of: GraphBatch(dataset: ds, graphs: [0, 1, 2]))
    let pooled = g.pooled(keeping: [0, 2, 5, 7, 9, 11], keptSizes: [3, 2, 1])
    // 0-2 at distance 2, 2-5 at distance 3, 0-5 at 5 (none); 7-9 at 2
    XCTAssertEqual(pooled.source, [0, 1, 1, 2, 3, 4])
    XCTAssertEqual(pooled.target, [1, 0, 2, 1, 4, 3])
    XCTAssertEqual(pooled.segments, Segments(sizes: [3, 2, 1]))
    XCTAssertEqual(pooled.adjacency.matrix.dense.rows, 6)
  }

  /// Against the authors' dense formula `(1 - I) clamp(A^2 + A^3, 0, 1)`.
  func testPooledGraphMatchesDenseWalkCounts() {
    var rng = RandomGenerator(seed: 22)
    let n = 12
    var edges: [(Int, Int)] = []
    for a in 0..<n {
      for b in (a + 1)..<n where rng.uniform(0, 1) < 0.2 { edges.append((a, b)) }
    }
    let g = graph(of: GraphBatch(dataset: makeDataset(graphs: [(n, edges, 0)]), graphs: [0]))
    let keep: [Int32] = [0, 3, 4, 7, 8, 11]
    let pooled = g.pooled(keeping: keep, keptSizes: [keep.count])
    var a = [[Int]](repeating: [Int](repeating: 0, count: n), count: n)
    for (s, t) in edges { (a[s][t], a[t][s]) = (1, 1) }
    func times(_ x: [[Int]], _ y: [[Int]]) -> [[Int]] {
      (0..<n).map { i in (0..<n).map { j in (0..<n).reduce(0) { $0 + x[i][$1] * y[$1][j] } } }
    }
    let a2 = times(a, a)
    let a3 = times(a2, a)
    var expected: [(Int32, Int32)] = []
    for (i, u) in keep.enumerated() {
      for (j, v) in keep.enumerated() where i != j && a2[Int(u)][Int(v)] + a3[Int(u)][Int(v)] > 0 {
        expected.append((Int32(i), Int32(j)))
      }
    }
    XCTAssertFalse(expected.isEmpty)
    XCTAssertEqual(pooled.source, expected.map(\.0))
    XCTAssertEqual(pooled.target, expected.map(\.1))
  }

  func testEntropyAndPoolingLossGradients() {
    let batch = handBatch()
    let g = graph(of: batch)
    let x = randomTensor(6, 3, seed: 23)
    // entropies and their gradients are small: a tight tolerance
    checkGradients([x], eps: 1e-3, tolerance: 2e-3) { _, v in
      MEWISPool.entropy(v[0], graph: g)
    }
    let e = randomTensor(6, 1, seed: 24)
    let p = randomTensor(6, 1, seed: 25)
    checkGradients([e, p]) { _, v in
      MEWISPool.poolingLoss(entropy: v[0], probability: v[1], graph: g)
    }
    // by hand: sum e - e.p + 2 (p0 p1 + p1 p2 + p3 p4)
    let tape = Tape(training: false)
    let loss = MEWISPool.poolingLoss(
      entropy: tape.constant(e), probability: tape.constant(p), graph: g
    ).value.scalar
    var want = (0..<6).reduce(Float(0)) { $0 + e[$1, 0] - e[$1, 0] * p[$1, 0] }
    want += 2 * (p[0, 0] * p[1, 0] + p[1, 0] * p[2, 0] + p[3, 0] * p[4, 0])
    XCTAssertEqual(loss, want, accuracy: 1e-5)
  }

  /// Two graphs of 7 and 6 nodes through two pooling stages; every
  /// parameter of the backbone, and its input, against finite
  /// differences. The selection is discrete: with this seed no step of
  /// the finite differences changes which nodes are kept (checked), so
  /// the check sees a smooth function.
  func testBackboneGradients() {
    let ds = makeDataset(
      graphs: [
        (7, [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (1, 5)], 0),
        (6, [(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 5)], 1),
      ],
      features: (0..<13).map { [Float($0 % 3), Float($0 % 4) * 0.5] })
    let batch = GraphBatch(dataset: ds, graphs: [0, 1])
    var random = RandomGenerator(seed: 26)
    let model = MEWISPool(
      BackboneSettings(inputWidth: 2, hiddenWidth: 3, layerCount: 2, dropout: 0),
      poolingLossWeight: 1, random: &random)
    var kept: [[[Int32]]] = []
    func run(_ h: Variable) -> Variable {
      kept.append(model.keptNodes(h, batch: batch))
      let (vectors, loss) = model.readoutWithLoss(h, batch: batch)
      let column = loss!.broadcast(to: Segments(sizes: [batch.graphCount]))
      return vectors.concatColumns(column)
    }
    checkParameterGradients(
      model.parameters, training: false, eps: 1e-3, tolerance: 5e-3
    ) { tape in
      run(model.embed(tape.constant(batch.x), batch: batch))
    }
    XCTAssertEqual(Set(kept).count, 1, "the parameter steps changed the kept nodes")
    // pooling did something: fewer nodes after each stage
    XCTAssertLessThan(kept[0][0].count, 13)
    XCTAssertLessThan(kept[0][1].count, kept[0][0].count)
    kept = []
    let h = randomTensor(13, 3, seed: 27, margin: 0.05)
    checkGradients([h], training: false, eps: 1e-3, tolerance: 5e-3) { _, v in run(v[0]) }
    XCTAssertEqual(Set(kept).count, 1, "the input steps changed the kept nodes")
    XCTAssertLessThan(kept[0][0].count, 13)
  }

  /// The pooling loss reaches the objective of all three models; a
  /// backbone without one leaves the objective as it was.
  func testPoolingLossIsPartOfEveryObjective() throws {
    let batch = handBatch()
    var random = RandomGenerator(seed: 28)
    let settings = BackboneSettings(inputWidth: 2, hiddenWidth: 4, dropout: 0)
    let teacher = Teacher(
      backbone: MEWISPool(settings, random: &random), classCount: 2, tau: 0.1, dropout: 0,
      random: &random)
    let student = Student(
      backbone: MEWISPool(settings, random: &random), teacher: teacher, lambda: 1,
      random: &random)
    let baseline = Baseline(
      backbone: MEWISPool(settings, random: &random), classCount: 2, dropout: 0,
      random: &random)
    let plain = Baseline(
      backbone: GCN(settings, random: &random), classCount: 2, dropout: 0, random: &random)
    for model in [teacher, student, baseline, plain] as [any GraphClassifier] {
      let tape = Tape(training: false)
      let (loss, p) = model.loss(batch, tape: tape)
      var rest = p.logProbs.nllLoss(targets: batch.labels).value.scalar
      if let student = model as? Student {
        let target = tape.constant(student.idealEmbeddings(batch))
        rest += p.nodeEmbeddings.mseLoss(target).value.scalar
      }
      if model === plain {
        XCTAssertNil(p.auxiliaryLoss)
        XCTAssertEqual(loss.value.scalar, rest)
      } else {
        let auxiliary = try XCTUnwrap(p.auxiliaryLoss).value.scalar
        XCTAssertGreaterThan(auxiliary, 0)
        XCTAssertEqual(loss.value.scalar, rest + auxiliary, accuracy: 1e-5)
      }
    }
  }

  /// Decoding graph by graph: a graph pools the same whatever its batch.
  func testPoolingDoesNotDependOnTheBatch() {
    let ds = cyclesAndStars(count: 6)
    var random = RandomGenerator(seed: 29)
    let model = MEWISPool(BackboneSettings(inputWidth: 10, hiddenWidth: 8), random: &random)
    func vectors(_ graphs: [Int]) -> Tensor {
      let batch = GraphBatch(dataset: ds, graphs: graphs)
      let tape = Tape(training: false)
      return model.readout(model.embed(tape.constant(batch.x), batch: batch), batch: batch).value
    }
    let together = vectors(Array(0..<6))
    for g in 0..<6 {
      let alone = vectors([g])
      for c in 0..<8 { XCTAssertEqual(alone[0, c], together[g, c], accuracy: 1e-5) }
    }
  }

  func testMEWISPoolOnMUTAG() throws {
    try trainThreeModels(on: "MUTAG") { MEWISPool($0, random: &$1) }
  }

  /// Degree features, dense ego-networks.
  func testMEWISPoolOnIMDBBinary() throws {
    try trainThreeModels(on: "IMDB-BINARY", graphs: 100) {
      MEWISPool($0, random: &$1)
    }
  }
}
