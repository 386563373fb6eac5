import Foundation
#if canImport(FoundationXML)
  import FoundationXML
#endif
import Runtime
import XCTest

/// A dataset of labelled molecules given as atoms and bonds, both
/// directions of every bond stored as the loader stores them.
func moleculeDataset(
  name: String,
  graphs: [(atoms: [Int], bonds: [(Int, Int, Int)], label: Int)],
  classNames: [String] = ["-1", "1"], withLabels: Bool = true
) -> GraphDataset {
  var nodeOffsets = [0]
  var edgeOffsets = [0]
  var source: [Int32] = []
  var target: [Int32] = []
  var edgeLabels: [Int32] = []
  var nodeLabels: [Int32] = []
  for g in graphs {
    nodeOffsets.append(nodeOffsets.last! + g.atoms.count)
    nodeLabels += g.atoms.map(Int32.init)
    var pairs: [(Int32, Int32, Int32)] = []
    for (a, b, kind) in g.bonds {
      pairs.append((Int32(a), Int32(b), Int32(kind)))
      pairs.append((Int32(b), Int32(a), Int32(kind)))
    }
    pairs.sort { ($0.0, $0.1) < ($1.0, $1.1) }
    for (s, t, kind) in pairs {
      source.append(s)
      target.append(t)
      edgeLabels.append(kind)
    }
    edgeOffsets.append(source.count)
  }
  return GraphDataset(
    name: name, nodeOffsets: nodeOffsets, edgeOffsets: edgeOffsets, edgeSource: source,
    edgeTarget: target, edgeLabels: withLabels ? edgeLabels : nil,
    features: [Float](repeating: 1, count: nodeOffsets.last!), featureCount: 1,
    nodeLabels: withLabels ? nodeLabels : nil, labels: graphs.map(\.label),
    classCount: classNames.count, classNames: classNames, featureDescription: "test")
}

/// Graph 0: two carbons. Graph 1: a nitro group on an aromatic carbon
/// pair: C:C, C-N, N=O, N-O.
let nitro = moleculeDataset(
  name: "MUTAG",
  graphs: [
    ([0, 0], [(0, 1, 1)], 0),
    ([0, 0, 1, 2, 2], [(0, 1, 0), (1, 2, 1), (2, 3, 2), (2, 4, 1)], 1),
  ])

/// Lines of `text` that contain every one of `parts`.
func lines(of text: String, containing parts: String...) -> [Substring] {
  text.split(separator: "\n").filter { line in parts.allSatisfy { line.contains($0) } }
}

/// Elements of an XML document, with their attributes, in document order;
/// fails the test when the text is not well-formed.
func xmlElements(
  _ text: String, file: StaticString = #filePath, line: UInt = #line
) -> [(name: String, attributes: [String: String])] {
  final class Collector: NSObject, XMLParserDelegate {
    var found: [(name: String, attributes: [String: String])] = []
    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
      qualifiedName: String?, attributes: [String: String]
    ) {
      found.append((name, attributes))
    }
  }
  let parser = XMLParser(data: Data(text.utf8))
  let collector = Collector()
  parser.delegate = collector
  XCTAssertTrue(
    parser.parse(), "not well-formed: \(parser.parserError.map { "\($0)" } ?? "?")",
    file: file, line: line)
  return collector.found
}
