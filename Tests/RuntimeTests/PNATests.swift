import Foundation
import Runtime
import XCTest

/// `PNAConv` against a per-node formulation written out here; the degree
/// histogram; the PNA stack's gradients.
final class PNATests: XCTestCase {
  /// A star 0-{1, 2, 3} with the edge 2-3, and a pair plus an isolated node.
  let dataset = makeDataset(
    graphs: [(4, [(0, 1), (0, 2), (0, 3), (2, 3)], 0), (3, [(0, 1)], 1)],
    features: (0..<7).map { i in [Float(i % 4) - 1.5, Float(i) / 4] })

  func testDegreeHistogramCountsInDegrees() {
    // graph 0: degrees 3, 1, 2, 2; graph 1: 1, 1, 0
    XCTAssertEqual(PNA.degreeHistogram(of: dataset, graphs: [0, 1]), [1, 3, 2, 1])
    XCTAssertEqual(PNA.degreeHistogram(of: dataset, graphs: [1]), [1, 2])
  }

  func testPNAConvMatchesPerNodeFormulation() {
    let batch = GraphBatch(dataset: dataset, graphs: [0, 1])
    let histogram = [1, 3, 2, 1]
    var random = RandomGenerator(seed: 60)
    let conv = PNAConv(2, 3, degreeHistogram: histogram, name: "conv", random: &random)
    let delta = (3 * log(2) + 2 * log(3) + log(4)) / Float(7)
    XCTAssertEqual(conv.averageLogDegree.value.scalar, delta, accuracy: 1e-6)
    let tape = Tape(training: false)
    let y = conv(tape.constant(batch.x), batch: batch).value

    func apply(_ l: Linear, _ v: [Float]) -> [Float] {
      (0..<l.outFeatures).map { o in
        var s = l.bias?.value[0, o] ?? 0
        for (k, vk) in v.enumerated() { s += vk * l.weight.value[k, o] }
        return s
      }
    }
    let x = batch.x
    var neighbours = [[Int]](repeating: [], count: 7)
    for (s, t) in zip(batch.source, batch.target) { neighbours[Int(t)].append(Int(s)) }
    for i in 0..<7 {
      // messages U [x_i || x_j] + c, with U split as the layer stores it
      let messages = neighbours[i].map { j in
        zip(apply(conv.preTarget, x.row(i)), apply(conv.preSource, x.row(j))).map { $0 + $1 }
      }
      var aggregated: [Float] = []
      for statistic in 0..<4 {
        for f in 0..<2 {
          let m = messages.map { $0[f] }
          guard !m.isEmpty else {
            aggregated.append(0)
            continue
          }
          let mean = m.reduce(0, +) / Float(m.count)
          let variance = m.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(m.count)
          aggregated.append(
            [mean, m.min()!, m.max()!, variance > 1e-5 ? variance.squareRoot() : 0][statistic])
        }
      }
      let logDegree = log(Float(max(neighbours[i].count, 1)) + 1)
      let input =
        x.row(i) + aggregated + aggregated.map { $0 * logDegree / delta }
        + aggregated.map { $0 * delta / logDegree }
      let expected = apply(conv.linear, apply(conv.post, input))
      for (got, want) in zip(y.row(i), expected) { XCTAssertEqual(got, want, accuracy: 1e-5) }
    }
  }

  func testStackGradients() {
    let batch = GraphBatch(dataset: dataset, graphs: [0, 1])
    var random = RandomGenerator(seed: 61)
    let settings = BackboneSettings(inputWidth: 2, hiddenWidth: 3, layerCount: 2, dropout: 0)
    let pna = PNA(settings, degreeHistogram: [1, 3, 2, 1], random: &random)
    XCTAssertEqual(pna.buffers.filter { $0.name.hasSuffix("avg_deg_log") }.count, 2)
    checkGradients([batch.x], training: true, eps: 3e-3) { _, v in pna.embed(v[0], batch: batch) }
    checkParameterGradients(pna.stack.convs[0].parameters, eps: 3e-3) { t in
      pna.embed(t.constant(batch.x), batch: batch)
    }
  }
}
