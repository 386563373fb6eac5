import Foundation
import Runtime
import Viz
import XCTest

final class ProjectionTests: XCTestCase {
  /// Normal draws from the seeded generator.
  private func normals(_ count: Int, seed: Int) -> [Double] {
    var random = RandomGenerator(seed: seed, stream: "test")
    return (0..<count).map { _ in
      let u = 1 - Double(random.nextFloat())
      let v = Double(random.nextFloat())
      return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
  }

  func testPCARecoversTheAxesOfAStretchedCloud() {
    // variance 9 along (1, 1, 0)/sqrt2, 1 along (0, 0, 1), 0.01 along (1, -1, 0)/sqrt2
    let n = 400
    let z = normals(3 * n, seed: 1)
    let r = 1 / 2.0.squareRoot()
    let data = (0..<n).map { i -> [Double] in
      let a = 3 * z[3 * i]
      let b = z[3 * i + 1]
      let c = 0.1 * z[3 * i + 2]
      return [5 + r * (a + c), -2 + r * (a - c), 1 + b]
    }
    let pca = PCA(fitting: data, components: 2)
    XCTAssertEqual(pca.components.count, 2)
    let first = pca.components[0]
    let second = pca.components[1]
    XCTAssertEqual(first[0], r, accuracy: 0.02)
    XCTAssertEqual(first[1], r, accuracy: 0.02)
    XCTAssertEqual(first[2], 0, accuracy: 0.05)
    XCTAssertEqual(abs(second[2]), 1, accuracy: 0.01)
    XCTAssertEqual(pca.variances[0], 9, accuracy: 1.2)
    XCTAssertEqual(pca.variances[1], 1, accuracy: 0.2)
    XCTAssertEqual(pca.explainedRatio[0] + pca.explainedRatio[1], 1, accuracy: 0.01)
    XCTAssertEqual(pca.mean[0], 5, accuracy: 0.3)

    // projections are centred, with the fitted variances
    let projected = pca.project(data)
    let mean = projected.map { $0[0] }.reduce(0, +) / Double(n)
    let variance = projected.map { ($0[0] - mean) * ($0[0] - mean) }.reduce(0, +) / Double(n - 1)
    XCTAssertEqual(mean, 0, accuracy: 1e-9)
    XCTAssertEqual(variance, pca.variances[0], accuracy: 1e-9)
  }

  func testPCASignsAreFixed() {
    let data = [[1.0, 2, 0], [2, 4, 0.1], [3, 6, -0.1], [4, 8, 0]]
    let a = PCA(fitting: data).components[0]
    let b = PCA(fitting: data.map { $0.map { -$0 } }).components[0]
    XCTAssertEqual(a, b)
    XCTAssertGreaterThan(a[1], 0)
  }

  func testTSNESeparatesTwoClusters() {
    let perCluster = 15
    let d = 8
    let z = normals(2 * perCluster * d, seed: 2)
    let data = (0..<(2 * perCluster)).map { i -> [Double] in
      (0..<d).map { j -> Double in
        let offset: Double = i >= perCluster && j == 0 ? 10 : 0
        return offset + 0.5 * z[i * d + j]
      }
    }
    let y = TSNE(iterations: 300, seed: 1).embed(data)
    XCTAssertEqual(y.count, 30)
    func distance(_ a: [Double], _ b: [Double]) -> Double {
      ((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1])).squareRoot()
    }
    // every point's nearest neighbour in the map is from its own cluster
    for i in y.indices {
      let others = y.indices.filter { $0 != i }
      let nearest = others.min { distance(y[i], y[$0]) < distance(y[i], y[$1]) }!
      XCTAssertEqual(nearest < perCluster, i < perCluster, "point \(i)")
    }
    // and the clusters lie far apart compared with their spread
    func centroid(_ r: Range<Int>) -> [Double] {
      let count = Double(r.count)
      return [r.map { y[$0][0] }.reduce(0, +) / count, r.map { y[$0][1] }.reduce(0, +) / count]
    }
    let a = centroid(0..<perCluster)
    let b = centroid(perCluster..<(2 * perCluster))
    let spread = (0..<perCluster).map { distance(y[$0], a) }.max()!
    XCTAssertGreaterThan(distance(a, b), 2 * spread)
  }

  func testTSNEIsSeededAndPerplexityFollowsTheCount() {
    let data = (0..<12).map { i -> [Double] in
      let x = Double(i % 3)
      let y = Double(i / 3)
      return [x, y, Double(i) * 0.1]
    }
    XCTAssertEqual(TSNE(iterations: 50).embed(data), TSNE(iterations: 50).embed(data))
    XCTAssertNotEqual(
      TSNE(iterations: 50, seed: 1).embed(data), TSNE(iterations: 50, seed: 2).embed(data))
    XCTAssertEqual(TSNE().perplexity(forCount: 19), 6)
    XCTAssertEqual(TSNE().perplexity(forCount: 188), 30)
    XCTAssertEqual(TSNE().embed([[1, 2]]), [[0, 0]])
    XCTAssertNil(TSNE().embed(data, stop: { true }), "a stop request ends it early")
  }
}
