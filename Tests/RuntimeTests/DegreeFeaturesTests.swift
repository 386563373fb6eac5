import Foundation
import Runtime
import XCTest

/// Structural features of featureless datasets, and the two feature
/// storages read through `featureRows(of:into:)`.
final class DegreeFeaturesTests: XCTestCase {
  private var fixture: Fixture!

  override func setUpWithError() throws {
    fixture = try Fixture()
  }

  override func tearDown() {
    fixture = nil
  }

  /// A star (centre 0, three leaves) and a path of three nodes, no labels.
  private func loadStarAndPath(_ mode: FeatureMode) throws -> GraphDataset {
    try fixture.writeTU(
      "SP",
      [
        "A": "1, 2\n1, 3\n1, 4\n5, 6\n6, 7\n",
        "graph_indicator": "1\n1\n1\n1\n2\n2\n2\n",
        "graph_labels": "0\n1\n",
      ])
    return try fixture.load("SP", features: mode)
  }

  func testOneHotDegreeIsStoredCompactly() throws {
    let d = try loadStarAndPath(.degree)
    XCTAssertEqual(d.nodeDegrees(), [3, 1, 1, 1, 1, 2, 1])
    XCTAssertEqual(d.featureCount, 4)
    XCTAssertEqual(d.oneHotIndex, [3, 1, 1, 1, 1, 2, 1])
    XCTAssertEqual(d.features, [])
    XCTAssertEqual(d.featureDescription, "4 node features (one-hot degree 0...3)")
    XCTAssertEqual(d.featureRow(ofNode: 0), [0, 0, 0, 1])
    XCTAssertEqual(d.featureRows(of: 4..<7), [0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0])
    assertWellFormed(d)
  }

  func testFeatureRowsOverwritesTheWholeBuffer() throws {
    let d = try loadStarAndPath(.degree)
    var buffer = [Float](repeating: 9, count: 8)
    buffer.withUnsafeMutableBufferPointer { d.featureRows(of: 0..<2, into: $0) }
    XCTAssertEqual(buffer, [0, 0, 0, 1, 0, 1, 0, 0])
  }

  func testMinMaxDegreeWithinEachGraph() throws {
    let d = try loadStarAndPath(.minmaxDegree)
    XCTAssertEqual(d.featureCount, 1)
    XCTAssertNil(d.oneHotIndex)
    let expected: [Float] = [1, 0, 0, 0, 0, 1, 0]  // (deg - min) / (max - min + 1e-8)
    for (got, want) in zip(d.features, expected) { XCTAssertEqual(got, want, accuracy: 1e-6) }
    XCTAssertEqual(d.featureDescription, "1 node feature (degree min-max scaled within each graph)")
  }

  func testConstantFeature() throws {
    let d = try loadStarAndPath(.constant)
    XCTAssertEqual(d.features, [1, 1, 1, 1, 1, 1, 1])
    XCTAssertEqual(d.featureCount, 1)
    XCTAssertEqual(d.featureDescription, "1 node feature (constant 1)")
  }

  /// A star with 1000 leaves: the largest degree reaches 1000, so PyG's
  /// convention switches to one standardised column.
  func testLargeDegreesAreStandardised() throws {
    let leaves = 1000
    var text = "1\n\(leaves + 1) 0\n0 \(leaves)"
    for leaf in 1...leaves { text += " \(leaf)" }
    text += "\n" + String(repeating: "0 1 0\n", count: leaves)
    try fixture.write("STAR/STAR.txt", text)
    let d = try fixture.load("STAR")

    XCTAssertEqual(d.featureCount, 1)
    XCTAssertNil(d.oneHotIndex)
    let n = Double(leaves + 1)
    let mean = Double(2 * leaves) / n
    let variance = (pow(Double(leaves) - mean, 2) + Double(leaves) * pow(1 - mean, 2)) / (n - 1)
    XCTAssertEqual(
      Double(d.features[0]), (Double(leaves) - mean) / variance.squareRoot(),
      accuracy: 1e-4)
    XCTAssertEqual(Double(d.features[1]), (1 - mean) / variance.squareRoot(), accuracy: 1e-4)
    XCTAssertTrue(d.featureDescription.hasPrefix("1 node feature (degree standardised"))
  }

  func testModeIsIgnoredWhenTheDatasetHasLabels() throws {
    try fixture.writeTU(
      "L",
      [
        "A": "1, 2\n", "graph_indicator": "1\n1\n", "graph_labels": "0\n",
        "node_labels": "0\n1\n",
      ])
    for mode in FeatureMode.allCases {
      let d = try fixture.load("L", features: mode)
      XCTAssertEqual(d.features, [1, 0, 0, 1])
    }
  }
}
