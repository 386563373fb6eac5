import Runtime
import XCTest

/// Every differentiable op against central finite differences.
final class OpGradientTests: XCTestCase {
  let a = randomTensor(4, 3, seed: 1, margin: 0.1)
  let b = randomTensor(4, 3, seed: 2, margin: 0.1)

  func testAddSubMulSameShape() {
    checkGradients([a, b]) { _, v in v[0] + v[1] }
    checkGradients([a, b]) { _, v in v[0] - v[1] }
    checkGradients([a, b]) { _, v in v[0] * v[1] }
  }

  func testBroadcastRowColumnScalar() {
    let row = randomTensor(1, 3, seed: 3)
    let column = randomTensor(4, 1, seed: 4)
    let scalar = randomTensor(1, 1, seed: 5)
    for other in [row, column, scalar] {
      checkGradients([a, other]) { _, v in v[0] + v[1] }
      checkGradients([a, other]) { _, v in v[0] - v[1] }
      checkGradients([a, other]) { _, v in v[0] * v[1] }
    }
  }

  func testScaleAndShift() {
    checkGradients([a]) { _, v in v[0] * 2.5 + 1 }
  }

  func testMatmulWithTransposes() {
    let x = randomTensor(4, 3, seed: 6)
    let w = randomTensor(3, 5, seed: 7)
    let wt = randomTensor(5, 3, seed: 8)
    let xt = randomTensor(3, 4, seed: 9)
    checkGradients([x, w]) { _, v in v[0].matmul(v[1]) }
    checkGradients([x, wt]) { _, v in v[0].matmul(v[1], transposeOther: true) }
    checkGradients([xt, w]) { _, v in v[0].matmul(v[1], transposeSelf: true) }
    checkGradients([xt, wt]) { _, v in
      v[0].matmul(v[1], transposeSelf: true, transposeOther: true)
    }
  }

  func testUnaryOps() {
    checkGradients([a]) { _, v in v[0].relu() }
    checkGradients([a]) { _, v in v[0].leakyRelu(slope: 0.2) }
    checkGradients([a]) { _, v in v[0].exp() }
    checkGradients([mapPositive(a)]) { _, v in v[0].log() }
    checkGradients([a]) { _, v in v[0].sigmoid() }
    checkGradients([a]) { _, v in v[0].tanh() }
  }

  func testReductions() {
    checkGradients([a]) { _, v in v[0].sum() }
    checkGradients([a]) { _, v in v[0].mean() }
    checkGradients([a]) { _, v in v[0].sumRows() }
    checkGradients([a]) { _, v in v[0].sumColumns() }
    checkGradients([a, b]) { _, v in v[0].rowDot(v[1]) }
  }

  func testSoftmaxes() {
    checkGradients([a]) { _, v in v[0].softmaxRows() }
    checkGradients([a]) { _, v in v[0].logSoftmaxRows() }
    let scores = randomTensor(7, 1, seed: 11)
    let segments = Segments(sizes: [3, 1, 0, 3])
    checkGradients([scores]) { _, v in v[0].segmentSoftmax(segments) }
  }

  func testGatherScatterSegments() {
    let x = randomTensor(5, 3, seed: 12)
    let index: [Int32] = [4, 0, 0, 2, 1, 4]
    checkGradients([x]) { _, v in v[0].gatherRows(index) }
    checkGradients([x]) { _, v in v[0].scatterAddRows([1, 0, 1, 3, 1], rows: 4) }
    let segments = Segments(sizes: [2, 0, 3])
    checkGradients([x]) { _, v in v[0].segmentSum(segments) }
    checkGradients([x]) { _, v in v[0].segmentMean(segments) }
    let perSegment = randomTensor(3, 3, seed: 13)
    checkGradients([perSegment]) { _, v in v[0].broadcast(to: segments) }
    checkGradients([x, randomTensor(5, 2, seed: 14)]) { _, v in v[0].concatColumns(v[1]) }
  }

  func testSpmm() {
    let m = SparseMatrix(
      rows: 3, cols: 4,
      entries: [(0, 1, 0.5), (0, 3, -1), (1, 0, 2), (2, 2, 0.3), (2, 1, 1.5), (0, 1, 0.25)])
    let x = randomTensor(4, 2, seed: 15)
    checkGradients([x]) { _, v in v[0].spmm(SparseOperator(m)) }
  }

  func testLayerNorm() {
    let gamma = randomTensor(1, 3, seed: 16)
    let beta = randomTensor(1, 3, seed: 17)
    checkGradients([a, gamma, beta]) { _, v in v[0].layerNorm(gamma: v[1], beta: v[2]) }
  }

  func testBatchNormTrainingAndEvaluation() {
    let gamma = randomTensor(1, 3, seed: 18)
    let beta = randomTensor(1, 3, seed: 19)
    for training in [true, false] {
      checkGradients([a, gamma, beta], training: training) { _, v in
        let mean = Parameter("mean", randomTensor(1, 3, seed: 20))
        let variance = Parameter("var", Tensor(rows: 1, cols: 3, repeating: 1.5))
        return v[0].batchNorm(
          gamma: v[1], beta: v[2], runningMean: mean, runningVariance: variance)
      }
    }
  }

  func testL2NormalizeIncludingZeroRow() {
    checkGradients([a]) { _, v in v[0].l2NormalizeRows() }
    // a zero row must give a finite gradient and a zero output
    let tape = Tape(training: false)
    let z = tape.variable(Tensor(rows: 1, cols: 3))
    let y = z.l2NormalizeRows()
    tape.backward(from: y.sum())
    XCTAssertEqual(y.value.data, [0, 0, 0])
    XCTAssertTrue(tape.gradient(of: z).isFinite)
  }

  func testLocalVariation() {
    // weighted and asymmetric, with a repeated pair and an empty row
    let m = SparseMatrix(
      rows: 4, cols: 4,
      entries: [(0, 1, 1), (1, 0, 1), (1, 2, 0.5), (2, 1, 2), (0, 3, 1), (0, 1, 1)])
    let x = randomTensor(4, 3, seed: 33)
    checkGradients([x]) { _, v in v[0].localVariation(SparseOperator(m)) }
    // by hand: row 0 sums 2 (x0 - x1)^2 + (x0 - x3)^2; row 3 is empty
    let tape = Tape(training: false)
    let y = tape.constant(x).localVariation(SparseOperator(m)).value
    for c in 0..<3 {
      let (d1, d3) = (x[0, c] - x[1, c], x[0, c] - x[3, c])
      XCTAssertEqual(y[0, c], 2 * d1 * d1 + d3 * d3, accuracy: 1e-6)
      XCTAssertEqual(y[3, c], 0)
    }
  }

  func testRowNormsIncludingZeroRow() {
    checkGradients([a]) { _, v in v[0].rowNorms() }
    // a zero row: norm 0 and a zero (not NaN) gradient, as PyTorch's norm
    let tape = Tape(training: false)
    let z = tape.variable(Tensor([[0, 0, 0], [3, 4, 0]]))
    let y = z.rowNorms()
    tape.backward(from: y.sum())
    XCTAssertEqual(y.value.data, [0, 5])
    XCTAssertEqual(tape.gradient(of: z).data, [0, 0, 0, 0.6, 0.8, 0])
  }

  func testEntropyTermsIncludingZero() {
    // probabilities in (0, 1], away from 0 so the finite difference stays inside
    var p = mapPositive(a)
    for i in p.data.indices { p.data[i] /= 2 }
    checkGradients([p]) { _, v in v[0].entropyTerms() }
    let tape = Tape(training: false)
    let z = tape.variable(Tensor([[0, 1, 0.5]]))
    let y = z.entropyTerms()
    tape.backward(from: y.sum())
    XCTAssertEqual(y.value.data[0], 0)
    XCTAssertEqual(y.value.data[1], 0)
    XCTAssertEqual(y.value.data[2], 0.5 * log(2), accuracy: 1e-6)
    XCTAssertEqual(tape.gradient(of: z).data[0], 0)
    XCTAssertEqual(tape.gradient(of: z).data[1], -1, accuracy: 1e-6)
  }

  func testDropoutWithFixedMask() {
    checkGradients([a], training: true) { _, v in v[0].dropout(0.5) }
  }

  func testLosses() {
    checkGradients([a]) { _, v in v[0].logSoftmaxRows().nllLoss(targets: [0, 2, 1, 1]) }
    checkGradients([a, b]) { _, v in v[0].mseLoss(v[1]) }
  }

  private func mapPositive(_ t: Tensor) -> Tensor {
    var out = t
    for i in out.data.indices { out.data[i] = abs(out.data[i]) + 0.5 }
    return out
  }
}

extension OpGradientTests {
  func testAffine() {
    let x = randomTensor(4, 3, seed: 30)
    let w = randomTensor(3, 5, seed: 31)
    let b = randomTensor(1, 5, seed: 32)
    checkGradients([x, w, b]) { _, v in v[0].affine(v[1], v[2]) }
  }
}
