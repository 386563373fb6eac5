import Foundation
import Runtime
import XCTest

/// The edge grouping and the ops over grouped edges.
final class EdgeOpTests: XCTestCase {
  /// 0 -> 1, 2 -> 1, 1 -> 0, 2 -> 2 (a self-loop), node 3 isolated.
  let edges = (source: [Int32(0), 2, 1, 2], target: [Int32(1), 1, 0, 2])

  func testGroupingByTargetKeepsOrderAndAddsSelfLoopsLast() {
    let plain = IncomingEdges(nodeCount: 4, source: edges.source, target: edges.target)
    XCTAssertEqual(plain.groups.offsets, [0, 1, 3, 4, 4])
    XCTAssertEqual(plain.source, [1, 0, 2, 2])
    XCTAssertEqual(plain.target, [0, 1, 1, 2])
    let looped = IncomingEdges(
      nodeCount: 4, source: edges.source, target: edges.target, addingSelfLoops: true)
    // the given loop 2 -> 2 is replaced by the added one
    XCTAssertEqual(looped.groups.offsets, [0, 2, 5, 6, 7])
    XCTAssertEqual(looped.source, [1, 0, 0, 2, 1, 2, 3])
    XCTAssertEqual(looped.target, [0, 0, 1, 1, 1, 2, 3])
  }

  func testEdgeSoftmaxNormalisesEachGroupAndColumn() {
    let grouped = IncomingEdges(nodeCount: 4, source: edges.source, target: edges.target)
    let tape = Tape(training: false)
    let x = Tensor([[5, 0], [1, 2], [1, 0], [-3, 7]])
    let y = tape.constant(x).edgeSoftmax(grouped).value
    // groups: {0}, {1, 2}, {3}; node 3 has none
    let e = Float(M_E)
    XCTAssertEqual(y.nested[0], [1, 1])
    XCTAssertEqual(y[1, 0], 0.5, accuracy: 1e-6)
    XCTAssertEqual(y[1, 1], e * e / (e * e + 1), accuracy: 1e-6)
    XCTAssertEqual(y[2, 1], 1 / (e * e + 1), accuracy: 1e-6)
    XCTAssertEqual(y.nested[3], [1, 1])
  }

  func testEdgeSoftmaxGradients() {
    let grouped = IncomingEdges(
      nodeCount: 5, source: [0, 1, 2, 3, 0, 4, 1], target: [1, 1, 1, 0, 3, 3, 4])
    checkGradients([randomTensor(7, 3, seed: 40)]) { _, v in v[0].edgeSoftmax(grouped) }
  }

  func testAggregateMatchesLoopsAndGradients() {
    let grouped = IncomingEdges(
      nodeCount: 4, source: edges.source, target: edges.target, addingSelfLoops: true)
    let x = randomTensor(4, 6, seed: 41)
    let w = randomTensor(grouped.count, 2, seed: 42)
    let tape = Tape(training: false)
    let y = tape.constant(x).aggregate(over: grouped, weights: tape.constant(w)).value
    var expected = Tensor(rows: 4, cols: 6)
    for e in 0..<grouped.count {
      let (i, j) = (Int(grouped.target[e]), Int(grouped.source[e]))
      for c in 0..<6 { expected[i, c] += w[e, c / 3] * x[j, c] }
    }
    for (got, want) in zip(y.data, expected.data) { XCTAssertEqual(got, want, accuracy: 1e-6) }
    checkGradients([x, w]) { _, v in v[0].aggregate(over: grouped, weights: v[1]) }
  }
}
