import Foundation
import Runtime
import XCTest

/// `GATConv` against a dense formulation written out here, and the GAT
/// stack's gradients.
final class GATTests: XCTestCase {
  /// A triangle with a pendant node, and a pair plus an isolated node.
  let batch: GraphBatch = {
    let ds = makeDataset(
      graphs: [(4, [(0, 1), (1, 2), (2, 0), (2, 3)], 0), (3, [(0, 1)], 1)],
      features: (0..<7).map { i in [Float(i) / 3 - 1, Float(i % 3) - 0.5, 0.25] })
    return GraphBatch(dataset: ds, graphs: [0, 1])
  }()

  /// Attention written out per node and head: neighbours plus self, a
  /// softmax over them, a weighted sum, then concat or mean, plus bias.
  func denseGAT(_ conv: GATConv, _ x: Tensor) -> Tensor {
    let (n, heads, c) = (x.rows, conv.heads, conv.headWidth)
    let wx = x.matmul(conv.linear.weight.value)
    let (aSrc, aDst) = (conv.attentionSource.value, conv.attentionTarget.value)
    var neighbours = [[Int]](repeating: [], count: n)
    for (s, t) in zip(batch.source, batch.target) { neighbours[Int(t)].append(Int(s)) }
    var out = Tensor(rows: n, cols: conv.outFeatures)
    for i in 0..<n {
      for k in 0..<heads {
        func score(_ j: Int) -> Float {
          var s: Float = 0
          for f in 0..<c {
            s += aSrc[0, k * c + f] * wx[j, k * c + f] + aDst[0, k * c + f] * wx[i, k * c + f]
          }
          return s > 0 ? s : 0.2 * s
        }
        let group = neighbours[i] + [i]
        let e = group.map { Foundation.exp(score($0)) }
        let total = e.reduce(0, +)
        for (j, ej) in zip(group, e) {
          for f in 0..<c {
            let v = ej / total * wx[j, k * c + f]
            if conv.concatenates {
              out[i, k * c + f] += v
            } else {
              out[i, f] += v / Float(heads)
            }
          }
        }
      }
      for f in 0..<out.cols { out[i, f] += conv.bias.value[0, f] }
    }
    return out
  }

  func testGATConvMatchesDenseAttentionConcatAndMean() {
    var random = RandomGenerator(seed: 30)
    for concat in [true, false] {
      let conv = GATConv(3, 2, heads: 3, concat: concat, name: "conv", random: &random)
      conv.bias.value = randomTensor(1, conv.outFeatures, seed: 31)
      XCTAssertEqual(conv.outFeatures, concat ? 6 : 2)
      let tape = Tape(training: false)
      let y = conv(tape.constant(batch.x), batch: batch).value
      let expected = denseGAT(conv, batch.x)
      XCTAssertEqual(y.shapeDescription, expected.shapeDescription)
      for (got, want) in zip(y.data, expected.data) { XCTAssertEqual(got, want, accuracy: 1e-5) }
      // the isolated node 6 attends only to itself: W x_6 (heads averaged) + b
      let wx = batch.x.matmul(conv.linear.weight.value).row(6)
      for f in 0..<conv.outFeatures {
        let own = concat ? wx[f] : (0..<3).map { wx[$0 * 2 + f] }.reduce(0, +) / 3
        XCTAssertEqual(y[6, f], own + conv.bias.value[0, f], accuracy: 1e-5)
      }
    }
  }

  func testParameterNamesAndGlorotBounds() {
    var random = RandomGenerator(seed: 32)
    let conv = GATConv(10, 8, heads: 4, name: "conv0", random: &random)
    XCTAssertEqual(
      conv.parameters.map(\.name),
      ["conv0.lin.weight", "conv0.att_src", "conv0.att_dst", "conv0.bias"])
    let linearBound = (6 / Float(10 + 32)).squareRoot()
    XCTAssertTrue(conv.linear.weight.value.data.allSatisfy { abs($0) <= linearBound })
    let attentionBound = (6 / Float(4 + 8)).squareRoot()
    XCTAssertTrue(conv.attentionSource.value.data.allSatisfy { abs($0) <= attentionBound })
    XCTAssertGreaterThan(conv.attentionSource.value.data.map(abs).max()!, linearBound)
    XCTAssertEqual(conv.bias.value.data, [Float](repeating: 0, count: 32))
  }

  func testAttentionDropoutActsOnlyInTraining() {
    var random = RandomGenerator(seed: 33)
    let conv = GATConv(3, 2, heads: 2, dropout: 0.5, name: "conv", random: &random)
    let plain = GATConv(3, 2, heads: 2, name: "conv", random: &random)
    plain.restore(conv.snapshot())
    func run(_ c: GATConv, training: Bool) -> Tensor {
      let tape = Tape(training: training, random: RandomGenerator(seed: 1))
      return c(tape.constant(batch.x), batch: batch).value
    }
    XCTAssertEqual(run(conv, training: false), run(plain, training: false))
    XCTAssertNotEqual(run(conv, training: true), run(plain, training: true))
  }

  func testStackWidthsAndGradients() {
    var random = RandomGenerator(seed: 34)
    let settings = BackboneSettings(inputWidth: 3, hiddenWidth: 4, layerCount: 2, dropout: 0.3)
    let gat = GAT(settings, heads: 2, random: &random)
    XCTAssertEqual(gat.stack.convs.map(\.outFeatures), [4, 4])
    XCTAssertEqual(gat.stack.convs.map(\.headWidth), [2, 4])
    XCTAssertEqual(gat.embeddingWidth, 4)
    // dropout on features and attention, with the same masks each pass
    checkGradients([batch.x], training: true) { _, v in gat.embed(v[0], batch: batch) }
    // a step of 1e-2 straddles a kink here (3e-3, 1e-3 and 3e-4 agree)
    checkParameterGradients(gat.stack.convs.flatMap(\.parameters), eps: 3e-3) { t in
      gat.embed(t.constant(batch.x), batch: batch)
    }
  }
}
