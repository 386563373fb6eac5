import Foundation
import Runtime
import Viz
import Synchronization
import XCTest

/// Everything that calls Graphviz, in one class so that the renders run
/// one after another (Graphviz is not thread-safe; `Graphviz` also locks).
final class GraphvizTests: XCTestCase {
  private let pngSignature = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])

  func testMoleculeRendersToSVGAndPNG() throws {
    let dot = MoleculeDot(
      graph: 1, of: nitro, attention: [0.1, 0.1, 0.5, 0.2, 0.1], title: "MUTAG graph 1"
    ).text
    let svg = try Graphviz.svg(dot)
    let elements = xmlElements(svg)
    XCTAssertEqual(elements.filter { $0.attributes["class"] == "node" }.count, 5)
    XCTAssertEqual(elements.filter { $0.attributes["class"] == "edge" }.count, 4)
    XCTAssertTrue(svg.contains("<title>n2</title>"))

    let png = try Graphviz.render(dot, format: .png, dpi: 144)
    XCTAssertEqual(png.prefix(8), pngSignature)
    XCTAssertGreaterThan(png.count, 1000)
  }

  func testPlotRendersToPNGWithPinnedPositions() throws {
    let plot = ScatterPlot(
      title: "t", xLabel: "x", yLabel: "y", classNames: ["a", "b"],
      points: (0..<10).map {
        .init(x: Double($0), y: Double($0 % 3), classIndex: $0 % 2, part: .train)
      })
    let dot = plot.dot
    let svg = try Graphviz.svg(dot, engine: FigureDot.engine)
    // nop2 keeps the figure's size: its pixels become points
    XCTAssertTrue(svg.contains("viewBox=\"0.00 0.00 760.00 520.00\""), String(svg.prefix(600)))
    let png = try Graphviz.render(dot, engine: FigureDot.engine, format: .png, dpi: 144)
    XCTAssertEqual(png.prefix(8), pngSignature)
    // IHDR width and height: 760 and 520 points at 144 dpi
    let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
    let height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
    XCTAssertEqual(width, 1520, accuracy: 4)
    XCTAssertEqual(height, 1040, accuracy: 4)
  }

  func testErrorsAreValuesAndLeaveGraphvizUsable() throws {
    XCTAssertThrowsError(try Graphviz.svg("graph { a -- ")) { error in
      XCTAssertEqual((error as? GraphvizError)?.stage, .parse)
      XCTAssertTrue("\(error)".contains("could not read the DOT text"), "\(error)")
    }
    XCTAssertThrowsError(try Graphviz.svg("graph { a -- b }", engine: "nosuchengine")) { error in
      XCTAssertEqual((error as? GraphvizError)?.stage, .layout)
    }
    XCTAssertTrue(try Graphviz.svg("graph { a -- b }").contains("<title>a</title>"))
  }

  func testConcurrentCallsAreSerialised() {
    let dot = MoleculeDot(graph: 1, of: nitro, title: "t").text
    let results = Mutex([Int](repeating: 0, count: 6))
    DispatchQueue.concurrentPerform(iterations: 6) { i in
      let size = (try? Graphviz.svg(dot))?.count ?? -1
      results.withLock { $0[i] = size }
    }
    let sizes = results.withLock { $0 }
    XCTAssertTrue(sizes.allSatisfy { $0 > 0 && $0 == sizes[0] }, "\(sizes)")
  }
}
