import Runtime
import XCTest

/// Segment max, min and std, and the n-ary column concatenation.
final class SegmentStatisticsTests: XCTestCase {
  /// Segments {0, 1, 2}, {} and {3, 4}; column 1 of the first segment
  /// ties at its maximum (rows 0 and 2).
  let x = Tensor([[1, 4], [3, -2], [-1, 4], [0.5, 0], [0.5, 1]])
  let segments = Segments(sizes: [3, 0, 2])

  func testValuesWithAnEmptySegment() {
    let tape = Tape(training: false)
    let v = tape.constant(x)
    XCTAssertEqual(v.segmentMax(segments).value.nested, [[3, 4], [0, 0], [0.5, 1]])
    XCTAssertEqual(v.segmentMin(segments).value.nested, [[-1, -2], [0, 0], [0.5, 0]])
    let std = v.segmentStd(segments).value
    // column 0: mean 1, var 8/3; column 1: mean 2, var 8; then {} and
    // {0.5, 0.5} (var 0 -> 0), {0, 1} (var 0.25)
    let expected: [Float] = [Float(8.0 / 3).squareRoot(), Float(8).squareRoot(), 0, 0, 0, 0.5]
    for (got, want) in zip(std.data, expected) { XCTAssertEqual(got, want, accuracy: 1e-6) }
  }

  func testTiedMaximumSendsTheGradientToTheFirstRow() {
    let tape = Tape(training: true)
    let v = tape.variable(x)
    tape.backward(from: v.segmentMax(segments).sum())
    XCTAssertEqual(tape.gradient(of: v).nested, [[0, 1], [1, 0], [0, 0], [1, 0], [0, 1]])
    let t2 = Tape(training: true)
    let w = t2.variable(x)
    t2.backward(from: w.segmentMin(segments).sum())
    // the tied minimum 0.5 of segment 2, column 0, goes to row 3
    XCTAssertEqual(t2.gradient(of: w).nested, [[0, 0], [0, 1], [1, 0], [1, 1], [0, 0]])
  }

  /// Eleven columns (eight at a time, then three) against plain loops,
  /// with whole rows repeated so every column ties.
  func testWideRowsMatchPlainLoopsIncludingTies() {
    var x = randomTensor(7, 11, seed: 53)
    for c in 0..<11 {
      x[3, c] = x[1, c]
      x[6, c] = x[5, c]
    }
    let groups = Segments(sizes: [4, 0, 1, 2])
    for largest in [true, false] {
      let tape = Tape(training: true)
      let v = tape.variable(x)
      let y = largest ? v.segmentMax(groups) : v.segmentMin(groups)
      let weights = randomTensor(4, 11, seed: 54)
      tape.backward(from: (y * tape.constant(weights)).sum())
      var expected = Tensor(rows: 4, cols: 11)
      var gradient = Tensor(rows: 7, cols: 11)
      for s in 0..<4 where groups.size(s) > 0 {
        for c in 0..<11 {
          var at = groups.range(s).lowerBound
          for r in groups.range(s) where largest ? x[r, c] > x[at, c] : x[r, c] < x[at, c] {
            at = r
          }
          expected[s, c] = x[at, c]
          gradient[at, c] = weights[s, c]
        }
      }
      XCTAssertEqual(y.value, expected)
      XCTAssertEqual(tape.gradient(of: v), gradient)
    }
  }

  func testGradientsAgainstFiniteDifferences() {
    // values at least 0.1 apart in each segment and column: no argmax
    // changes within the finite-difference step
    let y = Tensor([[0.9, -0.4], [0.2, 0.6], [-0.5, 0.1], [0.3, -0.8], [-0.7, 0.5]])
    let groups = Segments(sizes: [3, 0, 1, 1])
    let pairs = Segments(sizes: [2, 0, 3])
    for s in [groups, pairs] {
      checkGradients([y]) { _, v in v[0].segmentMax(s) }
      checkGradients([y]) { _, v in v[0].segmentMin(s) }
      checkGradients([y]) { _, v in v[0].segmentStd(s) }
    }
  }

  /// Gathering rows gives what gathering first, then reducing, gives.
  func testGatheringMatchesGatherThenReduce() {
    let x = randomTensor(4, 9, seed: 55, margin: 0.05)
    let rows: [Int32] = [2, 0, 3, 1, 1, 0, 3]
    let groups = Segments(sizes: [3, 0, 1, 3])
    let tape = Tape(training: false)
    let v = tape.constant(x)
    let gathered = v.gatherRows(rows)
    XCTAssertEqual(
      v.segmentMax(groups, gathering: rows).value, gathered.segmentMax(groups).value)
    XCTAssertEqual(
      v.segmentMin(groups, gathering: rows).value, gathered.segmentMin(groups).value)
    let std = v.segmentStd(groups, gathering: rows).value
    for (got, want) in zip(std.data, gathered.segmentStd(groups).value.data) {
      XCTAssertEqual(got, want, accuracy: 1e-6)
    }
    let y = randomTensor(4, 9, seed: 56)
    checkGradients([y]) { _, v in v[0].segmentMax(groups, gathering: rows) }
    checkGradients([y]) { _, v in v[0].segmentMin(groups, gathering: rows) }
    checkGradients([y]) { _, v in v[0].segmentStd(groups, gathering: rows) }
  }

  func testConcatColumnsOfSeveralParts() {
    let a = randomTensor(3, 2, seed: 50)
    let b = randomTensor(3, 1, seed: 51)
    let c = randomTensor(3, 3, seed: 52)
    let tape = Tape(training: false)
    let joined = Variable.concatColumns([tape.constant(a), tape.constant(b), tape.constant(c)])
    XCTAssertEqual(joined.value.row(1), a.row(1) + b.row(1) + c.row(1))
    checkGradients([a, b, c]) { _, v in Variable.concatColumns(v) }
  }
}
