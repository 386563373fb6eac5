import Runtime
import Viz
import XCTest

final class MoleculeDotTests: XCTestCase {
  func testAtomsAreCPKColouredWithTheirSymbols() {
    let text = MoleculeDot(graph: 1, of: nitro, title: "MUTAG graph 1").text
    XCTAssertTrue(text.hasPrefix("graph \"MUTAG graph 1\" {"))
    XCTAssertTrue(text.contains("layout=neato"))
    XCTAssertEqual(lines(of: text, containing: "n0 [label=\"C\"", "fillcolor=\"#909090\"").count, 1)
    XCTAssertEqual(lines(of: text, containing: "n1 [label=\"C\"", "#909090").count, 1)
    XCTAssertEqual(
      lines(of: text, containing: "n2 [label=\"N\"", "fillcolor=\"#3050F8\"", "fontcolor=white")
        .count, 1)
    XCTAssertEqual(lines(of: text, containing: "[label=\"O\"", "#FF0D0D").count, 2)
    XCTAssertFalse(text.contains("n5 ["), "graph 1 has five atoms, n0 to n4")
  }

  func testBondsAreDrawnOnceEachByType() {
    let text = MoleculeDot(graph: 1, of: nitro, title: "t").text
    XCTAssertEqual(lines(of: text, containing: " -- ").count, 4)
    XCTAssertEqual(lines(of: text, containing: "n0 -- n1 [style=dashed]").count, 1)
    XCTAssertEqual(lines(of: text, containing: "n1 -- n2 [color=\"#222222\"]").count, 1)
    XCTAssertEqual(
      lines(of: text, containing: "n2 -- n3 [color=\"#222222:invis:#222222\"]").count, 1)
    XCTAssertTrue(text.contains("dashed: aromatic"))
    XCTAssertTrue(text.contains("double line: double"))
    XCTAssertFalse(text.contains("triple line"), "the legend names only bonds present")
  }

  func testAttentionRingsScaleWithTheWeightAndHaveALegend() {
    let attention = [0.1, 0.1, 0.5, 0.2, 0.1]
    let text = MoleculeDot(graph: 1, of: nitro, attention: attention, title: "t").text
    let strongest = MoleculeDot.halo(ratio: 1)
    let weakest = MoleculeDot.halo(ratio: 0.2)
    XCTAssertEqual(
      lines(of: text, containing: "n2 [", "color=\"\(strongest.color)\"", "penwidth=8,").count, 1)
    XCTAssertEqual(
      lines(of: text, containing: "n0 [", "color=\"\(weakest.color)\"", "attention 0.1000")
        .count, 1)
    XCTAssertLessThan(weakest.penwidth, strongest.penwidth)
    XCTAssertTrue(text.contains("ring: label attention"))
    XCTAssertTrue(text.contains("0.500</FONT>"), "the legend's top value is the largest weight")
    XCTAssertTrue(text.contains("over the 5 atoms"))
  }

  func testTitleHasTheTrueClassAndThePrediction() {
    let verdict = MoleculeDot.Verdict(model: "student", predictedClass: "-1", probability: 0.934)
    let text = MoleculeDot(graph: 1, of: nitro, title: "MUTAG graph 1 (test)", verdict: verdict)
      .text
    XCTAssertTrue(text.contains("<B>MUTAG graph 1 (test)</B>"))
    XCTAssertTrue(text.contains("true class 1 · student predicts -1 (p = 0.93)"))
    XCTAssertFalse(text.contains("ring:"), "no attention, no ring legend")
  }

  func testPTCUsesItsOwnTables() {
    // PTC_MR: label 5 is C, 3 is N; edge label 3 is aromatic, 1 double
    let ptc = moleculeDataset(
      name: "PTC_MR", graphs: [([5, 5, 3], [(0, 1, 3), (1, 2, 1)], 0)])
    let text = MoleculeDot(graph: 0, of: ptc, title: "t").text
    XCTAssertEqual(lines(of: text, containing: "n0 [label=\"C\"", "#909090").count, 1)
    XCTAssertEqual(lines(of: text, containing: "n2 [label=\"N\"", "#3050F8").count, 1)
    XCTAssertEqual(lines(of: text, containing: "n0 -- n1 [style=dashed]").count, 1)
    XCTAssertEqual(lines(of: text, containing: "n1 -- n2 [color=\"#222222:invis").count, 1)
  }

  func testDatasetsWithoutAnAtomTableGetNeutralNodes() {
    let other = moleculeDataset(name: "ENZYMES", graphs: [([2, 0, 1], [(0, 1, 0)], 0)])
    let text = MoleculeDot(graph: 0, of: other, title: "t").text
    XCTAssertEqual(lines(of: text, containing: "n0 [label=\"2\"", "#E4E4E4").count, 1)
    XCTAssertEqual(lines(of: text, containing: "  n0 -- n1").count, 1)
    XCTAssertFalse(text.contains("style=dashed"), "edge labels mean nothing without a table")

    let bare = moleculeDataset(
      name: "IMDB-BINARY", graphs: [([0, 0, 0], [(0, 2, 0)], 0)], withLabels: false)
    let plain = MoleculeDot(graph: 0, of: bare, title: "t").text
    XCTAssertEqual(lines(of: plain, containing: "n1 [label=\"1\"").count, 1, "labelled by index")
    XCTAssertFalse(plain.contains("bonds:"))
  }

  func testBigGraphsAreLaidOutBySFDP() {
    let small = MoleculeDot(graph: 1, of: nitro, title: "t")
    XCTAssertEqual(small.engine, "neato")
    let n = MoleculeDot.neatoLimit + 1
    let path = moleculeDataset(
      name: "REDDIT-BINARY", graphs: [([Int](repeating: 0, count: n),
                                       (1..<n).map { ($0 - 1, $0, 0) }, 0)], withLabels: false)
    let big = MoleculeDot(graph: 0, of: path, title: "t")
    XCTAssertEqual(big.engine, "sfdp")
    XCTAssertTrue(big.text.contains("layout=sfdp"))
    XCTAssertEqual(lines(of: big.text, containing: " -- ").count, n - 1)
  }

  func testUserTextIsEscaped() {
    let text = MoleculeDot(graph: 0, of: nitro, title: "a \"quoted\" <title> & more").text
    XCTAssertTrue(text.hasPrefix("graph \"a \\\"quoted\\\" <title> & more\" {"))
    XCTAssertTrue(text.contains("<B>a &quot;quoted&quot; &lt;title&gt; &amp; more</B>"))
  }
}
