/// One data series of a line plot.
public struct LineSeries: Sendable {
  /// Identifies the series across panels (`student`).
  public var name: String
  /// What the legend says (`student (AUC 0.912)`); the name when nil.
  public var legend: String?
  public var color: String
  public var dashed: Bool
  public var points: [(x: Double, y: Double)]

  public init(
    name: String, legend: String? = nil, color: String, dashed: Bool = false,
    points: [(x: Double, y: Double)]
  ) {
    self.name = name
    self.legend = legend
    self.color = color
    self.dashed = dashed
    self.points = points
  }
}

/// A panel of line series: training curves per epoch, or ROC curves
/// (with `diagonal` drawing the chance line). `figure(title:panels:)`
/// puts panels side by side with one legend on the right.
public struct LinePlot: Sendable {
  public var title: String
  public var xLabel: String
  public var yLabel: String
  public var series: [LineSeries]
  /// Fixed ranges; from the data (padded) when nil.
  public var xRange: ClosedRange<Double>?
  public var yRange: ClosedRange<Double>?
  /// Draws the line y = x (the ROC of a random guess).
  public var diagonal: Bool

  public init(
    title: String, xLabel: String, yLabel: String, series: [LineSeries],
    xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil,
    diagonal: Bool = false
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.series = series
    self.xRange = xRange
    self.yRange = yRange
    self.diagonal = diagonal
  }

  /// Panels of 400 x 340 pixels side by side, the legend to their right.
  /// A single panel takes the figure's title as its own.
  public static func figure(title: String, panels: [LinePlot]) -> Figure {
    var panels = panels
    if panels.count == 1 { panels[0].title = "" }
    let panelWidth = 400.0
    let gap = 80.0
    let left = 62.0
    let top = panels.count == 1 ? 64.0 : 84.0
    let legendLeft = left + Double(panels.count) * (panelWidth + gap) - gap + 24
    let longest = panels.flatMap(\.series).map { ($0.legend ?? $0.name).count }.max() ?? 0
    let legendWidth = max(120, 6.5 * Double(longest) + 44)
    var figure = Figure(width: legendLeft + legendWidth, height: top + 340 + 56, title: title)
    figure.text(
      title, at: FigurePoint(figure.width / 2, 26), size: 16, anchor: .middle, bold: true)
    for (i, plot) in panels.enumerated() {
      plot.draw(
        into: &figure, x: left + Double(i) * (panelWidth + gap), y: top, width: panelWidth,
        height: 340)
    }

    // one legend entry per series name, in first-seen order
    var seen: [String] = []
    var y = top + 6
    for series in panels.flatMap(\.series) where !seen.contains(series.name) {
      seen.append(series.name)
      figure.line(
        [FigurePoint(legendLeft, y - 4), FigurePoint(legendLeft + 26, y - 4)],
        color: series.color, width: 2.5, dashed: series.dashed, role: .legend)
      figure.text(series.legend ?? series.name, at: FigurePoint(legendLeft + 34, y), size: 12)
      y += 22
    }
    return figure
  }

  /// Draws this panel into a figure at the given pixel rectangle.
  public func draw(into figure: inout Figure, x: Double, y: Double, width: Double, height: Double) {
    let all = series.flatMap(\.points)
    let panel = PlotPanel(
      x: x, y: y, width: width, height: height,
      xRange: xRange ?? PlotPanel.range(of: all.map(\.x), margin: 0),
      yRange: yRange ?? PlotPanel.range(of: all.map(\.y)))
    panel.drawAxes(into: &figure, title: title, xLabel: xLabel, yLabel: yLabel)
    if diagonal {
      figure.line(
        [panel.point(panel.xRange.lowerBound, panel.yRange.lowerBound),
         panel.point(panel.xRange.upperBound, panel.yRange.upperBound)],
        color: "#AAAAAA", width: 1, dashed: true, role: .reference)
    }
    for s in series {
      let points = s.points.filter { $0.x.isFinite && $0.y.isFinite }
        .map { panel.point($0.x, $0.y) }
      if points.count == 1 {
        figure.mark(.circle, at: points[0], size: 7, fill: s.color, role: .curve, tooltip: s.name)
      } else {
        figure.line(points, color: s.color, width: 2, dashed: s.dashed, role: .curve)
      }
    }
  }
}
