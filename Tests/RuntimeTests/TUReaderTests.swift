import Foundation
import Runtime
import XCTest

/// The TU reader on MUTAG (exact figures) and on hand-made datasets whose
/// result can be worked out by hand.
final class TUReaderTests: XCTestCase {
  func testMUTAGMatchesPyGFigures() throws {
    let root = try sharedDatasetRoot()
    let mutag = try DatasetLoader.load(
      name: "MUTAG", root: root, environment: [:], features: .default)

    XCTAssertEqual(mutag.name, "MUTAG")
    XCTAssertEqual(mutag.graphCount, 188)
    XCTAssertEqual(mutag.nodeCount, 3371)
    XCTAssertEqual(mutag.classCount, 2)
    XCTAssertEqual(mutag.classNames, ["-1", "1"])
    XCTAssertEqual(mutag.classCounts, [63, 125])
    XCTAssertEqual(mutag.labels.first, 1)  // first line of graph_labels is "1"
    XCTAssertEqual(mutag.edgeCount, 7442)  // 3721 undirected edges, both directions
    XCTAssertEqual(mutag.removedSelfLoops, 0)
    XCTAssertEqual(mutag.removedDuplicateEdges, 0)

    // 7 one-hot atom types C N O F I Cl Br, stored densely
    XCTAssertEqual(mutag.featureCount, 7)
    XCTAssertNil(mutag.oneHotIndex)
    XCTAssertEqual(mutag.features.count, 3371 * 7)
    XCTAssertEqual(mutag.featureDescription, "7 node features (one-hot node label)")
    XCTAssertEqual(mutag.featureRow(ofNode: 0), [1, 0, 0, 0, 0, 0, 0])
    XCTAssertEqual(mutag.featureRow(ofNode: 15), [0, 0, 1, 0, 0, 0, 0])  // an O
    XCTAssertEqual(
      Array(mutag.nodeLabels?.prefix(17) ?? []),
      [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 2])
    var atoms = [Int](repeating: 0, count: 7)
    for label in mutag.nodeLabels ?? [] { atoms[Int(label)] += 1 }
    XCTAssertEqual(atoms, [2395, 345, 593, 12, 1, 23, 2])

    // graph 0: 17 nodes, 19 bonds; its first edges in (source, target) order
    XCTAssertEqual(mutag.nodeCount(ofGraph: 0), 17)
    XCTAssertEqual(mutag.edgeCount(ofGraph: 0), 38)
    XCTAssertEqual(Array(mutag.edgeSource[0..<6]), [0, 0, 1, 1, 2, 2])
    XCTAssertEqual(Array(mutag.edgeTarget[0..<6]), [1, 5, 0, 2, 1, 3])

    // 4 bond types: aromatic, single, double, triple
    let edgeLabels = try XCTUnwrap(mutag.edgeLabels)
    var bonds = [Int](repeating: 0, count: 4)
    for label in edgeLabels { bonds[Int(label)] += 1 }
    XCTAssertEqual(bonds, [4708, 2008, 724, 2])
    XCTAssertEqual(Array(edgeLabels[0..<6]), [0, 0, 0, 0, 0, 0])
    XCTAssertNil(mutag.edgeAttributes)
    XCTAssertNil(mutag.folds)
    XCTAssertEqual(mutag.nodeDegrees().max(), 4)
    XCTAssertEqual(
      mutag.summary,
      "MUTAG: 188 graphs, 2 classes (63/125), 7 node features (one-hot node label), "
        + "3721 edges, 4 edge labels")
    assertWellFormed(mutag)
  }

  /// Two graphs: a path 0-1-2 listed with a repeat, a reversed-only line
  /// and a self-loop, and a single edge listed one way.
  func testDeduplicatesSymmetrisesAndRenumbers() throws {
    let fixture = try Fixture()
    try fixture.writeTU(
      "TINY",
      [
        "A": "1, 2\n2, 1\n1, 2\n3, 2\n2, 2\n5, 4\n",
        "graph_indicator": "1\n1\n1\n2\n2\n",
        "graph_labels": "7\n-3\n",
        "node_labels": "2\n3\n2\n4\n2\n",
        "edge_labels": "5\n6\n7\n8\n9\n10\n",
      ])
    let tiny = try fixture.load("TINY")

    XCTAssertEqual(tiny.nodeOffsets, [0, 3, 5])
    XCTAssertEqual(tiny.edgeOffsets, [0, 4, 6])
    XCTAssertEqual(tiny.edgeSource, [0, 1, 1, 2, 0, 1])
    XCTAssertEqual(tiny.edgeTarget, [1, 0, 2, 1, 1, 0])
    // listed directions keep their labels, added ones copy the reverse's
    XCTAssertEqual(tiny.edgeLabels, [0, 1, 3, 3, 5, 5])
    XCTAssertEqual(tiny.removedSelfLoops, 1)
    XCTAssertEqual(tiny.removedDuplicateEdges, 1)
    XCTAssertEqual(tiny.classNames, ["-3", "7"])
    XCTAssertEqual(tiny.labels, [1, 0])
    XCTAssertEqual(tiny.nodeLabels, [0, 1, 0, 2, 0])
    XCTAssertEqual(tiny.featureCount, 3)
    XCTAssertEqual(tiny.features, [1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0])
    assertWellFormed(tiny)
  }

  /// Attributes come first, then one one-hot block per label column.
  func testAttributesPrecedeSeveralLabelColumns() throws {
    let fixture = try Fixture()
    try fixture.writeTU(
      "COLS",
      [
        "A": "1, 2\n2, 1\n",
        "graph_indicator": "1\n1\n2\n",
        "graph_labels": "0\n1\n",
        "node_labels": "1, 10\n3, 11\n2, 10\n",
        "node_attributes": " 0.5, -1e2\n1.25,3\n-0.0, 2.5E-1\n",
        "edge_attributes": "1.5, 2\n3, 4\n",
      ])
    let cols = try fixture.load("COLS")

    XCTAssertEqual(cols.featureCount, 2 + 3 + 2)
    XCTAssertEqual(cols.featureRow(ofNode: 0), [0.5, -100, 1, 0, 0, 1, 0])
    XCTAssertEqual(cols.featureRow(ofNode: 1), [1.25, 3, 0, 0, 1, 0, 1])
    XCTAssertEqual(cols.featureRow(ofNode: 2), [0, 0.25, 0, 1, 0, 1, 0])
    XCTAssertEqual(cols.nodeLabels, [0, 2, 1])
    XCTAssertEqual(
      cols.featureDescription,
      "7 node features (2 continuous attributes + one-hot node labels in 2 columns)")
    XCTAssertEqual(cols.edgeAttributeCount, 2)
    XCTAssertEqual(cols.edgeAttributes, [1.5, 2, 3, 4])
    XCTAssertEqual(
      cols.summary,
      "COLS: 2 graphs, 2 classes (1/1), 7 node features (2 continuous attributes + one-hot "
        + "node labels in 2 columns), 1 edge, 2 edge attributes")
    XCTAssertNil(cols.edgeLabels)
    // graph 2 has one node and no edges
    XCTAssertEqual(cols.edgeOffsets, [0, 2, 2])
    assertWellFormed(cols)
  }

  /// A gzipped file reads like the plain one; plain wins when both exist.
  func testReadsGzippedFiles() throws {
    let fixture = try Fixture()
    try fixture.writeTU(
      "GZ",
      [
        "graph_indicator": "1\n1\n1\n2\n2\n",
        "graph_labels": "1\n2\n",
        "node_labels": "1\n2\n1\n2\n1\n",
      ])
    try fixture.write("GZ/GZ_A.txt.gz", bytes: GzipSamples.pathEdges)
    let gz = try fixture.load("GZ")
    XCTAssertEqual(gz.edgeSource, [0, 1, 1, 2, 0, 1])
    XCTAssertEqual(gz.edgeTarget, [1, 0, 2, 1, 1, 0])

    // two gzip members back to back read as one file, like gzip -d
    try fixture.write("GZ/GZ_A.txt.gz", bytes: GzipSamples.pathEdgesInTwoMembers)
    XCTAssertEqual(try fixture.load("GZ").edgeTarget, [1, 0, 2, 1, 1, 0])

    try fixture.write("GZ/GZ_A.txt", "1, 2\n2, 1\n")
    XCTAssertEqual(try fixture.load("GZ").edgeCount, 2)
  }

  func testReadsTheLayoutsOfPyGAndTheTUZips() throws {
    let fixture = try Fixture()
    let files = [
      "A": "1, 2\n2, 1\n", "graph_indicator": "1\n1\n", "graph_labels": "0\n",
    ]
    for (suffix, text) in files { try fixture.write("ONE/ONE/raw/ONE_\(suffix).txt", text) }
    for (suffix, text) in files { try fixture.write("TWO/raw/TWO_\(suffix).txt", text) }
    XCTAssertEqual(try fixture.load("ONE").edgeCount, 2)
    XCTAssertEqual(try fixture.load("TWO").edgeCount, 2)
  }
}
