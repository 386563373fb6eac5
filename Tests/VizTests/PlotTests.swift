import Runtime
import Viz
import XCTest

final class PlotTests: XCTestCase {
  private func scatter() -> ScatterPlot {
    var points: [ScatterPlot.Point] = []
    for i in 0..<23 {
      let part: ScatterPlot.Part = i < 15 ? .train : i < 19 ? .validation : .test
      points.append(
        .init(x: Double(i), y: Double(i * i % 7), classIndex: i % 2, part: part,
              tooltip: "graph \(i)"))
    }
    return ScatterPlot(
      title: "MUTAG <student> embeddings", xLabel: "PC1", yLabel: "PC2",
      classNames: ["-1", "1"], points: points)
  }

  func testScatterSVGHasOneMarkPerPointWithItsMarkerAndColour() {
    let plot = scatter()
    let elements = xmlElements(plot.svg)
    XCTAssertEqual(elements.first?.name, "svg")
    let marks = elements.filter { $0.attributes["class"] == "point" }
    XCTAssertEqual(marks.count, 23)
    XCTAssertEqual(marks.filter { $0.name == "circle" }.count, 15)
    XCTAssertEqual(marks.filter { $0.name == "rect" }.count, 4)
    XCTAssertEqual(marks.filter { $0.name == "polygon" }.count, 4)
    XCTAssertEqual(marks.filter { $0.attributes["fill"] == Palette.classColor(0) }.count, 12)
    XCTAssertEqual(marks.filter { $0.attributes["fill"] == Palette.classColor(1) }.count, 11)
    // the legend names classes and splits with their counts
    XCTAssertTrue(plot.svg.contains(">-1  (12)</text>"))
    XCTAssertTrue(plot.svg.contains(">validation  (4)</text>"))
    XCTAssertTrue(plot.svg.contains("&lt;student&gt;"))
  }

  func testScatterMarksStayInsideTheFigure() {
    let figure = scatter().figure
    for case .mark(_, let p, _, _, _, _, _) in figure.elements {
      XCTAssertTrue((0...figure.width).contains(p.x) && (0...figure.height).contains(p.y))
    }
  }

  func testLinePlotHasOneCurvePerSeriesAndOneLegendEntry() {
    let epochs = (1...30).map(Double.init)
    func series(_ name: String, _ f: (Double) -> Double) -> LineSeries {
      LineSeries(name: name, color: Palette.modelColor(name), points: epochs.map { ($0, f($0)) })
    }
    let loss = LinePlot(
      title: "training loss", xLabel: "epoch", yLabel: "loss",
      series: [series("teacher") { 1 / $0 }, series("student") { 2 / $0 },
               series("baseline") { 1.5 / $0 }])
    let accuracy = LinePlot(
      title: "validation accuracy", xLabel: "epoch", yLabel: "accuracy",
      series: [series("teacher") { 1 - 1 / $0 }, series("student") { _ in 0.8 },
               LineSeries(name: "baseline", color: "#000000", points: [(1, 0.5)])],
      yRange: 0...1)
    let figure = LinePlot.figure(title: "MUTAG training", panels: [loss, accuracy])
    let elements = xmlElements(SVGDocument(figure).text)
    let curves = elements.filter { $0.attributes["class"] == "curve" }
    XCTAssertEqual(curves.count, 6)
    XCTAssertEqual(curves.filter { $0.name == "circle" }.count, 1, "a one-epoch series is a dot")
    let legend = elements.filter { $0.name == "polyline" && $0.attributes["class"] == "legend" }
    XCTAssertEqual(legend.count, 3, "one legend entry per model")
  }

  func testROCCurveOfAPerfectAndATiedClassifier() {
    let perfect = ROCCurve.points(
      scores: [0.9, 0.8, 0.2, 0.1], positive: [true, true, false, false])
    XCTAssertEqual(perfect.map(\.x), [0, 0, 0, 0.5, 1])
    XCTAssertEqual(perfect.map(\.y), [0, 0.5, 1, 1, 1])
    XCTAssertEqual(ROCCurve.area(perfect), 1)
    // all scores tied: one diagonal step, area one half
    let tied = ROCCurve.points(scores: [1, 1, 1, 1], positive: [true, false, true, false])
    XCTAssertEqual(tied.count, 2)
    XCTAssertEqual(ROCCurve.area(tied), 0.5)
    XCTAssertTrue(ROCCurve.points(scores: [1, 2], positive: [true, true]).isEmpty)
  }

  func testROCAreaMatchesTheMannWhitneyAUC() {
    var random = RandomGenerator(seed: 3, stream: "roc")
    let labels = (0..<60).map { _ in random.nextInt(below: 2) }
    let scores = labels.map { y in [0.0, Double(y) * 0.8 + Double(random.nextFloat())] }
    let curve = ROCCurve.curve(scores: scores, labels: labels)
    let auc = Metrics.binaryAUC(scores: scores.map { $0[1] }, positive: labels.map { $0 == 1 })
    XCTAssertEqual(ROCCurve.area(curve), auc, accuracy: 1e-12)

    let three = (0..<30).map { i in [Double(i % 3 == 0 ? 1 : 0), Double(i % 3 == 1 ? 1 : 0),
                                     Double(i % 3 == 2 ? 1 : 0)] }
    let macro = ROCCurve.curve(scores: three, labels: (0..<30).map { $0 % 3 })
    XCTAssertEqual(ROCCurve.area(macro), 1, accuracy: 1e-9)
  }

  func testFigureDotPinsEveryElement() {
    var figure = Figure(width: 200, height: 100, title: "t")
    figure.line([FigurePoint(10, 10), FigurePoint(50, 90), FigurePoint(90, 10)], color: "#FF0000",
                width: 2, dashed: true, role: .curve)
    figure.mark(.triangle, at: FigurePoint(20, 30), size: 10, fill: "#00FF00", role: .point)
    figure.text("left", at: FigurePoint(5, 95), size: 10)
    figure.text("right", at: FigurePoint(195, 95), size: 10, anchor: .end)
    let dot = FigureDot(figure).text
    XCTAssertTrue(dot.contains("corner1 [shape=point, style=invis, width=0, pos=\"200,100!\"]"))
    // a polyline of two segments: 3 * 2 + 1 spline points, y flipped
    XCTAssertEqual(
      lines(of: dot, containing: "e0a -- e0b [pos=\"10,90 10,90 50,10 50,10 50,10 90,90 90,90\"",
            "style=dashed").count, 1)
    XCTAssertEqual(lines(of: dot, containing: "shape=triangle", "pos=\"20,70!\"").count, 1)
    XCTAssertEqual(lines(of: dot, containing: "label=\"left\\l\"").count, 1)
    XCTAssertEqual(lines(of: dot, containing: "label=\"right\\r\"").count, 1)
  }

  func testTicksAreRoundNumbersInsideTheRange() {
    XCTAssertEqual(PlotPanel.ticks(in: 0...1), [0, 0.2, 0.4, 0.6, 0.8, 1])
    XCTAssertEqual(PlotPanel.ticks(in: 1...300), [50, 100, 150, 200, 250, 300])
    XCTAssertEqual(PlotPanel.ticks(in: -0.33...0.41).first, -0.3)
  }
}
