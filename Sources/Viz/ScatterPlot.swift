/// A scatter plot of 2-D points (graph embeddings after PCA or t-SNE):
/// colour by class, marker by the part of the split a graph is in
/// (train circle, validation square, test triangle), a legend on the
/// right naming the classes and the parts present.
public struct ScatterPlot: Sendable {
  public enum Part: String, Sendable, CaseIterable {
    case train, validation, test

    public var marker: Figure.Marker {
      switch self {
      case .train: .circle
      case .validation: .square
      case .test: .triangle
      }
    }
  }

  public struct Point: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var classIndex: Int
    public var part: Part
    /// Shown on hover in SVG (e.g. `graph 12, class 1`).
    public var tooltip: String?

    public init(x: Double, y: Double, classIndex: Int, part: Part, tooltip: String? = nil) {
      self.x = x
      self.y = y
      self.classIndex = classIndex
      self.part = part
      self.tooltip = tooltip
    }
  }

  public var title: String
  public var xLabel: String
  public var yLabel: String
  /// The name of each class, by class index.
  public var classNames: [String]
  public var points: [Point]

  public init(
    title: String, xLabel: String, yLabel: String, classNames: [String], points: [Point]
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.classNames = classNames
    self.points = points
  }

  public static let size = (width: 760.0, height: 520.0)

  public var figure: Figure {
    var figure = Figure(
      width: ScatterPlot.size.width, height: ScatterPlot.size.height, title: title)
    let panel = PlotPanel(
      x: 62, y: 58, width: 500, height: 400,
      xRange: PlotPanel.range(of: points.map(\.x)), yRange: PlotPanel.range(of: points.map(\.y)))
    panel.drawAxes(into: &figure, title: title, xLabel: xLabel, yLabel: yLabel)
    // test graphs last, so they sit on top
    let ordered = points.enumerated().sorted {
      (Part.allCases.firstIndex(of: $0.element.part)!, $0.offset)
        < (Part.allCases.firstIndex(of: $1.element.part)!, $1.offset)
    }
    for (_, p) in ordered {
      figure.mark(
        p.part.marker, at: panel.point(p.x, p.y), size: p.part == .train ? 8 : 10,
        fill: Palette.classColor(p.classIndex), stroke: "#FFFFFF", role: .point,
        tooltip: p.tooltip)
    }
    drawLegend(into: &figure, left: panel.x + panel.width + 24, top: panel.y + 6)
    return figure
  }

  public var svg: String { SVGDocument(figure).text }

  /// DOT with pinned positions, for a PNG through Graphviz (`FigureDot`).
  public var dot: String { FigureDot(figure).text }

  private func drawLegend(into figure: inout Figure, left: Double, top: Double) {
    var y = top
    figure.text("class", at: FigurePoint(left, y), size: 12, bold: true)
    for (k, name) in classNames.enumerated() {
      let count = points.filter { $0.classIndex == k }.count
      guard count > 0 else { continue }
      y += 20
      figure.mark(
        .circle, at: FigurePoint(left + 6, y - 4), size: 10, fill: Palette.classColor(k),
        role: .legend)
      figure.text("\(name)  (\(count))", at: FigurePoint(left + 18, y), size: 12)
    }
    y += 34
    figure.text("split", at: FigurePoint(left, y), size: 12, bold: true)
    for part in Part.allCases {
      let count = points.filter { $0.part == part }.count
      guard count > 0 else { continue }
      y += 20
      figure.mark(
        part.marker, at: FigurePoint(left + 6, y - 4), size: 10, fill: "#777777",
        role: .legend)
      figure.text("\(part.rawValue)  (\(count))", at: FigurePoint(left + 18, y), size: 12)
    }
  }
}
