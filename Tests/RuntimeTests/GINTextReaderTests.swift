import Foundation
import Runtime
import XCTest

/// The GIN single-file text format, its folds and its errors.
final class GINTextReaderTests: XCTestCase {
  /// A triangle listed with a repeat and a one-way line, a path 0-1-2, and
  /// one node with a self-loop.
  static let threeGraphs = """
    3
    3 1
    0 3 1 1 2
    0 2 0 2
    0 0
    3 0
    0 1 1
    0 2 0 2
    0 1 1
    1 5
    0 1 0

    """

  private var fixture: Fixture!

  override func setUpWithError() throws {
    fixture = try Fixture()
  }

  override func tearDown() {
    fixture = nil
  }

  private func load(_ text: String, features: FeatureMode = .default) throws -> GraphDataset {
    try fixture.write("G/G.txt", text)
    return try fixture.load("G", features: features)
  }

  private var file: String { "\(fixture.path)/G/G.txt" }

  func testReadsGraphsSymmetricSortedAndFeatureless() throws {
    let g = try load(Self.threeGraphs)
    XCTAssertEqual(g.graphCount, 3)
    XCTAssertEqual(g.nodeOffsets, [0, 3, 6, 7])
    XCTAssertEqual(g.edgeOffsets, [0, 6, 10, 10])
    XCTAssertEqual(g.edgeSource, [0, 0, 1, 1, 2, 2, 0, 1, 1, 2])
    XCTAssertEqual(g.edgeTarget, [1, 2, 0, 2, 0, 1, 1, 0, 2, 1])
    XCTAssertEqual(g.classNames, ["0", "1", "5"])
    XCTAssertEqual(g.labels, [1, 0, 2])
    XCTAssertEqual(g.removedSelfLoops, 1)
    XCTAssertEqual(g.removedDuplicateEdges, 1)
    XCTAssertNil(g.nodeLabels)
    XCTAssertNil(g.edgeLabels)
    XCTAssertNil(g.folds)
    // all tags 0: featureless, one-hot degree 0...2
    XCTAssertEqual(g.oneHotIndex, [2, 2, 2, 1, 2, 1, 0])
    XCTAssertEqual(g.featureCount, 3)
    XCTAssertEqual(g.featureDescription, "3 node features (one-hot degree 0...2)")
    assertWellFormed(g)
  }

  func testReadsWindowsLineEnds() throws {
    // the same file, plain but with CRLF, must give the same dataset
    let crlf = try load(Self.threeGraphs.replacingOccurrences(of: "\n", with: "\r\n"))
    XCTAssertEqual(crlf.edgeTarget, [1, 2, 0, 2, 0, 1, 1, 0, 2, 1])
  }

  func testDistinctTagsBecomeOneHotNodeLabels() throws {
    let g = try load("1\n3 0\n4 1 1\n6 2 0 2\n4 1 1\n")
    XCTAssertEqual(g.nodeLabels, [0, 2, 0])
    XCTAssertEqual(g.featureCount, 3)
    XCTAssertNil(g.oneHotIndex)
    XCTAssertEqual(g.features, [1, 0, 0, 0, 0, 1, 1, 0, 0])
    XCTAssertEqual(g.featureDescription, "3 node features (one-hot node label)")
  }

  func testReadsTenFoldIndexFiles() throws {
    try fixture.write("G/10fold_idx/train_idx-1.txt", "0\n1\n")
    try fixture.write("G/10fold_idx/test_idx-1.txt", "2\n")
    try fixture.write("G/10fold_idx/train_idx-2.txt", "2\n0\n")
    try fixture.write("G/10fold_idx/test_idx-2.txt", "1\n")
    let g = try load(Self.threeGraphs)
    XCTAssertEqual(
      g.folds,
      FoldIndex(folds: [
        FoldIndex.Fold(train: [0, 1], test: [2]), FoldIndex.Fold(train: [2, 0], test: [1]),
      ]))
  }

  func testFoldsThatDoNotFitTheDataset() throws {
    let folds = "\(fixture.path)/G/10fold_idx"
    try fixture.write("G/10fold_idx/train_idx-1.txt", "0\n3\n")
    try fixture.write("G/10fold_idx/test_idx-1.txt", "2\n")
    XCTAssertEqual(
      expectDatasetError(try load(Self.threeGraphs)),
      .badFold(
        file: "\(folds)/train_idx-1.txt", line: 2,
        problem: "graph index 3 is outside 0...2"))

    try fixture.write("G/10fold_idx/train_idx-1.txt", "0\n1\n0\n")
    XCTAssertEqual(
      expectDatasetError(try load(Self.threeGraphs)),
      .badFold(file: "\(folds)/train_idx-1.txt", line: 3, problem: "graph index 0 appears twice"))

    try fixture.write("G/10fold_idx/train_idx-1.txt", "0\n1\n")
    try fixture.write("G/10fold_idx/test_idx-1.txt", "2\n1\n")
    XCTAssertEqual(
      expectDatasetError(try load(Self.threeGraphs)),
      .badFold(
        file: "\(folds)/test_idx-1.txt", line: nil,
        problem: "graph 1 is in both the train and the test set of fold 1"))

    try fixture.write("G/10fold_idx/test_idx-1.txt", "2\n")
    try fixture.write("G/10fold_idx/train_idx-2.txt", "2\n")
    XCTAssertEqual(
      expectDatasetError(try load(Self.threeGraphs)),
      .missingFile(file: "\(folds)/test_idx-2.txt", role: "fold 2"))
  }

  func testBadHeaders() throws {
    XCTAssertEqual(
      expectDatasetError(try load("three\n")),
      .badField(file: file, line: 1, expected: "the number of graphs", found: "three"))
    XCTAssertEqual(
      expectDatasetError(try load("0\n")),
      .badField(file: file, line: 1, expected: "a graph count of 1 or more", found: "0"))
    XCTAssertEqual(
      expectDatasetError(try load("1\n2\n")),
      .columnCount(
        file: file, line: 2, expected: "2 fields (node count, graph label)",
        found: 1))
    XCTAssertEqual(
      expectDatasetError(try load("1\n2 a\n")),
      .badField(file: file, line: 2, expected: "an integer graph label", found: "a"))
    XCTAssertEqual(expectDatasetError(try load("")), .emptyFile(file: file))
  }

  func testGraphWithNoNodes() throws {
    XCTAssertEqual(
      expectDatasetError(try load("2\n1 0\n0 0\n0 1\n")),
      .emptyGraph(file: file, line: 4, graph: 2))
  }

  func testBadNodeLines() throws {
    XCTAssertEqual(
      expectDatasetError(try load("1\n2 0\n0 1 2\n0 1 0\n")),
      .badField(file: file, line: 3, expected: "a neighbour index in 0...1", found: "2"))
    XCTAssertEqual(
      expectDatasetError(try load("1\n2 0\n0 2 1\n0 1 0\n")),
      .columnCount(
        file: file, line: 3, expected: "4 fields (tag, degree, 2 neighbours)",
        found: 3))
    XCTAssertEqual(
      expectDatasetError(try load("1\n2 0\n0 1 1 0\n0 1 0\n")),
      .columnCount(
        file: file, line: 3, expected: "3 fields (tag, degree, 1 neighbour)",
        found: 4))
    XCTAssertEqual(
      expectDatasetError(try load("1\n2 0\n0 -1\n0 1 0\n")),
      .badField(file: file, line: 3, expected: "a degree of 0 or more", found: "-1"))
  }

  func testFileEndsEarlyOrRunsOn() throws {
    XCTAssertEqual(
      expectDatasetError(try load("1\n3 0\n0 1 1\n0 1 0\n")),
      .unexpectedEnd(file: file, line: 4, expected: "node 3 of 3 in graph 1"))
    XCTAssertEqual(
      expectDatasetError(try load("2\n1 0\n0 0\n")),
      .unexpectedEnd(file: file, line: 3, expected: "graph 2 of 2 (a line 'n label')"))
    XCTAssertEqual(
      expectDatasetError(try load("1\n1 0\n0 0\n1 0\n")),
      .badField(file: file, line: 4, expected: "the end of the file after 1 graph", found: "1"))
  }

  /// A binary file's bytes are quoted escaped: no control sequence, stray
  /// byte or bidi override reaches the terminal.
  func testGarbageBytesAreEscapedInTheMessage() throws {
    try fixture.write(
      "G/G.txt", bytes: [0x1B, 0x5B, 0x33, 0x31, 0x6D, 0x00, 0xFF, 0xC3, 0xA9, 0x0A])
    let error = expectDatasetError(try fixture.load("G"))
    let message = try XCTUnwrap(error?.message)
    XCTAssertTrue(message.contains("found '\\x1B[31m\\x00\\xFFé'"), message)
    XCTAssertFalse(message.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{FFFD}" })

    try fixture.write("G/G.txt", "1\n2 0\n1 \u{202E}x\u{07}\n1 0\n")
    let bidi = try XCTUnwrap(expectDatasetError(try fixture.load("G"))?.message)
    XCTAssertTrue(bidi.contains("'\\xE2\\x80\\xAEx\\x07'"), bidi)
  }
}
