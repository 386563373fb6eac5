import Foundation
import Runtime
import XCTest

/// Every kind of bad TU input gives a `DatasetError` naming the file, the
/// line and what was expected; none traps.
final class TUReaderErrorTests: XCTestCase {
  /// Two graphs (nodes 1-3 and 4-5) with every optional file.
  static let valid: [String: String] = [
    "A": "1, 2\n2, 1\n2, 3\n3, 2\n4, 5\n5, 4\n",
    "graph_indicator": "1\n1\n1\n2\n2\n",
    "graph_labels": "1\n-1\n",
    "node_labels": "0\n1\n0\n2\n0\n",
    "node_attributes": "0.5, 1\n1.5, 2\n2.5, 3\n3.5, 4\n4.5, 5\n",
    "edge_labels": "0\n0\n1\n1\n2\n2\n",
    "edge_attributes": "1\n1\n2\n2\n3\n3\n",
  ]

  private var fixture: Fixture!

  override func setUpWithError() throws {
    fixture = try Fixture()
  }

  override func tearDown() {
    fixture = nil
  }

  /// Loads the valid dataset with some files replaced (nil deletes one).
  private func load(_ changes: [String: String?]) throws -> GraphDataset {
    var files = Self.valid
    for (suffix, text) in changes { files[suffix] = text }
    try? FileManager.default.removeItem(atPath: "\(fixture.path)/BAD")
    try fixture.writeTU("BAD", files)
    return try fixture.load("BAD")
  }

  private func path(_ suffix: String) -> String {
    "\(fixture.path)/BAD/BAD_\(suffix).txt"
  }

  func testTheValidFixtureLoads() throws {
    let dataset = try load([:])
    XCTAssertEqual(dataset.featureCount, 2 + 3)
    XCTAssertEqual(dataset.edgeAttributes, [1, 1, 2, 2, 3, 3])
    assertWellFormed(dataset)
  }

  func testNonNumericField() throws {
    let error = expectDatasetError(try load(["A": "1, 2\n2, x1\n"]))
    XCTAssertEqual(
      error,
      .badField(file: path("A"), line: 2, expected: "a node id in 1...5", found: "x1"))
    XCTAssertEqual(error?.category, .data)
    XCTAssertEqual(
      error?.message, "\(path("A")):2: expected a node id in 1...5, found 'x1'.")
    XCTAssertEqual(error?.file, path("A"))
    XCTAssertEqual(error?.line, 2)

    XCTAssertEqual(
      expectDatasetError(try load(["graph_labels": "1\n1.5\n"])),
      .badField(
        file: path("graph_labels"), line: 2, expected: "an integer graph label",
        found: "1.5"))
    XCTAssertEqual(
      expectDatasetError(try load(["node_attributes": "0.5, 1\n1.5, 2\n2.5, 3\n3.5, 4e\n4, 5\n"])),
      .badField(file: path("node_attributes"), line: 4, expected: "a number", found: "4e"))
    XCTAssertEqual(
      expectDatasetError(try load(["A": "1, 2\n2,, 1\n"])),
      .badField(file: path("A"), line: 2, expected: "a node id in 1...5 after ','", found: ""))
    XCTAssertEqual(
      expectDatasetError(try load(["A": "1, 2\n2 1 ,\n"])),
      .badField(file: path("A"), line: 2, expected: "the end of the line", found: ","))
    XCTAssertEqual(
      expectDatasetError(try load(["graph_indicator": "1\n1\n1\n2\n99999999999999999999\n"])),
      .badField(
        file: path("graph_indicator"), line: 5, expected: "a graph id (1, 2, ...)",
        found: "99999999999999999999"))
  }

  func testWrongColumnCount() throws {
    XCTAssertEqual(
      expectDatasetError(try load(["A": "1, 2\n2, 1, 3\n"])),
      .columnCount(file: path("A"), line: 2, expected: "2 fields (i, j)", found: 3))
    XCTAssertEqual(
      expectDatasetError(try load(["A": "1, 2\n\n2\n"])),
      .columnCount(file: path("A"), line: 3, expected: "2 fields (i, j)", found: 1))
    XCTAssertEqual(
      expectDatasetError(try load(["node_attributes": "0.5, 1\n1.5\n2.5, 3\n3.5, 4\n4.5, 5\n"])),
      .columnCount(
        file: path("node_attributes"), line: 2,
        expected: "2 fields, as on the first line", found: 1))
    XCTAssertEqual(
      expectDatasetError(try load(["graph_labels": "1\n-1 2\n"])),
      .columnCount(file: path("graph_labels"), line: 2, expected: "1 field", found: 2))
  }

  func testNodeIdOutOfRangeOrZero() throws {
    XCTAssertEqual(
      expectDatasetError(try load(["A": "1, 2\n2, 6\n"])),
      .badField(file: path("A"), line: 2, expected: "a node id in 1...5", found: "6"))
    XCTAssertEqual(
      expectDatasetError(try load(["A": "0, 1\n"])),
      .badField(file: path("A"), line: 1, expected: "a node id in 1...5", found: "0"))
    XCTAssertEqual(
      expectDatasetError(try load(["A": "1, -2\n"])),
      .badField(file: path("A"), line: 1, expected: "a node id in 1...5", found: "-2"))
  }

  func testEdgeBetweenTwoGraphs() throws {
    let error = expectDatasetError(try load(["A": "1, 2\n3, 4\n"]))
    XCTAssertEqual(
      error,
      .edgeAcrossGraphs(
        file: path("A"), line: 2, source: 3, target: 4, sourceGraph: 1,
        targetGraph: 2))
    XCTAssertEqual(error?.message, "\(path("A")):2: edge 3, 4 joins graph 1 to graph 2.")
  }

  func testGraphIdsNotSortedOrWithGaps() throws {
    XCTAssertEqual(
      expectDatasetError(try load(["graph_indicator": "1\n1\n2\n1\n2\n"])),
      .unsortedGraphs(file: path("graph_indicator"), line: 4, previous: 2, found: 1))
    XCTAssertEqual(
      expectDatasetError(
        try load([
          "graph_indicator": "1\n1\n1\n3\n3\n", "graph_labels": "1\n2\n3\n",
        ])),
      .emptyGraph(file: path("graph_indicator"), line: 4, graph: 2))
    XCTAssertEqual(
      expectDatasetError(try load(["graph_indicator": "2\n2\n2\n3\n3\n"])),
      .emptyGraph(file: path("graph_indicator"), line: 1, graph: 1))
    XCTAssertEqual(
      expectDatasetError(try load(["graph_indicator": "1\n1\n1\n0\n2\n"])),
      .badField(
        file: path("graph_indicator"), line: 4, expected: "a graph id (1, 2, ...)",
        found: "0"))
  }

  func testLabelOrAttributeFilesWithTooFewOrTooManyLines() throws {
    XCTAssertEqual(
      expectDatasetError(try load(["node_labels": "0\n1\n0\n2\n"])),
      .lineCount(file: path("node_labels"), expected: 5, found: 4, unit: "node"))
    XCTAssertEqual(
      expectDatasetError(try load(["node_attributes": Self.valid["node_attributes"]! + "1, 1\n"])),
      .lineCount(file: path("node_attributes"), expected: 5, found: 6, unit: "node"))
    XCTAssertEqual(
      expectDatasetError(try load(["edge_labels": "0\n0\n1\n1\n2\n"])),
      .lineCount(file: path("edge_labels"), expected: 6, found: 5, unit: "line of BAD_A.txt"))
    XCTAssertEqual(
      expectDatasetError(try load(["edge_attributes": "1\n1\n2\n2\n3\n3\n4\n"])),
      .lineCount(
        file: path("edge_attributes"), expected: 6, found: 7,
        unit: "line of BAD_A.txt"))
    XCTAssertEqual(
      expectDatasetError(try load(["graph_labels": "1\n"])),
      .lineCount(file: path("graph_labels"), expected: 2, found: 1, unit: "graph"))
  }

  /// A label line for a graph that owns no node in the indicator.
  func testGraphWithNoNodes() throws {
    let error = expectDatasetError(try load(["graph_labels": "1\n-1\n1\n"]))
    XCTAssertEqual(
      error, .lineCount(file: path("graph_labels"), expected: 2, found: 3, unit: "graph"))
    XCTAssertTrue(error?.hint?.contains("at least one node") ?? false)
  }

  func testEmptyFiles() throws {
    XCTAssertEqual(expectDatasetError(try load(["A": ""])), .emptyFile(file: path("A")))
    XCTAssertEqual(
      expectDatasetError(try load(["graph_labels": "\n  \n"])),
      .emptyFile(file: path("graph_labels")))
    XCTAssertEqual(
      expectDatasetError(try load(["graph_indicator": ""])),
      .emptyFile(file: path("graph_indicator")))
    XCTAssertEqual(
      expectDatasetError(try load(["node_labels": ""])), .emptyFile(file: path("node_labels")))
  }

  func testMissingMandatoryFile() throws {
    let error = expectDatasetError(try load(["graph_labels": nil]))
    XCTAssertEqual(error, .missingFile(file: path("graph_labels"), role: "graph labels"))
    XCTAssertEqual(
      expectDatasetError(try load(["graph_indicator": nil])),
      .missingFile(file: path("graph_indicator"), role: "node graphs"))
    XCTAssertEqual(
      expectDatasetError(try load(["A": nil])), .missingFile(file: path("A"), role: "edges"))
  }

  func testNaNOrInfiniteAttributes() throws {
    let rows = ["nan", "-inf", "Infinity", "1e39", "NaN"]
    for (i, bad) in rows.enumerated() {
      var lines = Self.valid["node_attributes"]!.split(separator: "\n").map(String.init)
      lines[i] = "0.5, \(bad)"
      let error = expectDatasetError(
        try load(["node_attributes": lines.joined(separator: "\n") + "\n"]))
      XCTAssertEqual(
        error, .notFinite(file: path("node_attributes"), line: i + 1, column: 2, found: bad))
    }
    XCTAssertEqual(
      expectDatasetError(try load(["edge_attributes": "1\n1\n2\n2\n3\nnan\n"])),
      .notFinite(file: path("edge_attributes"), line: 6, column: 1, found: "nan"))
  }

  func testNodeLabelsTooWideForOneHot() throws {
    let error = expectDatasetError(try load(["node_labels": "0\n1\n0\n2\n123456789\n"]))
    guard case .badField(let file, let line, _, let found) = error else {
      return XCTFail("expected a bad field, got \(String(describing: error))")
    }
    XCTAssertEqual([file, String(line), found], [path("node_labels"), "5", "123456789"])
  }

  func testTruncatedOrCorruptGzip() throws {
    try fixture.writeTU(
      "GZ",
      [
        "graph_indicator": "1\n1\n1\n2\n2\n", "graph_labels": "1\n2\n",
      ])
    let gz = "\(fixture.path)/GZ/GZ_A.txt.gz"
    for cut in [4, 12, GzipSamples.pathEdges.count - 3] {
      try fixture.write("GZ/GZ_A.txt.gz", bytes: Array(GzipSamples.pathEdges.dropLast(cut)))
      let error = expectDatasetError(try fixture.load("GZ"))
      guard case .corruptGzip(let file, _) = error else {
        return XCTFail("cut \(cut): expected corrupt gzip, got \(String(describing: error))")
      }
      XCTAssertEqual(file, gz)
    }
    var flipped = GzipSamples.pathEdges
    flipped[flipped.count - 6] ^= 0xFF  // the CRC
    try fixture.write("GZ/GZ_A.txt.gz", bytes: flipped)
    XCTAssertEqual(
      expectDatasetError(try fixture.load("GZ")),
      .corruptGzip(file: gz, reason: "incorrect data check"))
    try fixture.write("GZ/GZ_A.txt.gz", "1, 2\n")
    XCTAssertEqual(
      expectDatasetError(try fixture.load("GZ")),
      .corruptGzip(file: gz, reason: "incorrect header check"))
    try fixture.write("GZ/GZ_A.txt.gz", "")
    XCTAssertEqual(
      expectDatasetError(try fixture.load("GZ")), .corruptGzip(file: gz, reason: "no data"))
  }
}
