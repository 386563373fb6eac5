import Foundation

/// One plotting area of a figure: a pixel rectangle, the data ranges it
/// shows, and its frame, grid, tick labels, axis labels and title.
public struct PlotPanel: Sendable {
  public var x: Double
  public var y: Double
  public var width: Double
  public var height: Double
  public var xRange: ClosedRange<Double>
  public var yRange: ClosedRange<Double>

  public init(
    x: Double, y: Double, width: Double, height: Double,
    xRange: ClosedRange<Double>, yRange: ClosedRange<Double>
  ) {
    self.x = x
    self.y = y
    self.width = width
    self.height = height
    self.xRange = PlotPanel.widened(xRange)
    self.yRange = PlotPanel.widened(yRange)
  }

  /// The pixel of a data point (y grows upwards in data, downwards in pixels).
  public func point(_ dx: Double, _ dy: Double) -> FigurePoint {
    let u = (dx - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound)
    let v = (dy - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound)
    return FigurePoint(x + u * width, y + (1 - v) * height)
  }

  /// Grid lines and tick labels at round numbers, the frame, the axis
  /// labels (x below, y above the panel's top-left corner, unrotated so
  /// that SVG and PNG agree) and the title.
  public func drawAxes(into figure: inout Figure, title: String, xLabel: String, yLabel: String) {
    let xTicks = PlotPanel.ticks(in: xRange)
    let yTicks = PlotPanel.ticks(in: yRange)
    for t in xTicks {
      let p = point(t, yRange.lowerBound)
      figure.line([p, FigurePoint(p.x, y)], color: Palette.grid, role: .grid)
    }
    for t in yTicks {
      let p = point(xRange.lowerBound, t)
      figure.line([p, FigurePoint(x + width, p.y)], color: Palette.grid, role: .grid)
    }
    figure.frame(x: x, y: y, width: width, height: height, color: Palette.axis, role: .axis)
    let xFormat = PlotPanel.format(xTicks)
    for t in xTicks {
      let p = point(t, yRange.lowerBound)
      figure.text(
        String(format: xFormat, t), at: FigurePoint(p.x, y + height + 15), size: 10,
        anchor: .middle, color: Palette.axis)
    }
    let yFormat = PlotPanel.format(yTicks)
    for t in yTicks {
      let p = point(xRange.lowerBound, t)
      figure.text(
        String(format: yFormat, t), at: FigurePoint(x - 5, p.y + 3.5), size: 10,
        anchor: .end, color: Palette.axis)
    }
    figure.text(xLabel, at: FigurePoint(x + width / 2, y + height + 33), size: 12, anchor: .middle)
    figure.text(yLabel, at: FigurePoint(x, y - 8), size: 12, anchor: .start)
    if !title.isEmpty {
      figure.text(
        title, at: FigurePoint(x + width / 2, y - 28), size: 14, anchor: .middle, bold: true)
    }
  }

  /// Round numbers inside `range`, about `count` of them (steps of 1, 2
  /// or 5 times a power of ten).
  public static func ticks(in range: ClosedRange<Double>, count: Int = 5) -> [Double] {
    let span = range.upperBound - range.lowerBound
    guard span > 0, span.isFinite else { return [range.lowerBound] }
    let step = niceStep(span / Double(max(count, 1)))
    let first = (range.lowerBound / step).rounded(.up)
    let last = (range.upperBound / step).rounded(.down)
    guard last >= first else { return [] }
    // k * step, cleaned of binary noise (0.30000000000000004 -> 0.3)
    return stride(from: first, through: last, by: 1).map { ($0 * step * 1e9).rounded() / 1e9 + 0 }
  }

  static func niceStep(_ raw: Double) -> Double {
    let power = pow(10, (log10(raw)).rounded(.down))
    let fraction = raw / power
    let nice: Double = fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10
    return nice * power
  }

  /// A `printf` format with as many decimals as the ticks' step needs.
  static func format(_ ticks: [Double]) -> String {
    guard ticks.count >= 2 else { return "%.2g" }
    let step = abs(ticks[1] - ticks[0])
    let decimals = max(0, Int((-log10(step)).rounded(.up)))
    return "%.\(min(decimals, 6))f"
  }

  /// The data range of `values` with `margin` of its span added each side.
  public static func range(of values: [Double], margin: Double = 0.05) -> ClosedRange<Double> {
    let finite = values.filter(\.isFinite)
    guard let lo = finite.min(), let hi = finite.max() else { return 0...1 }
    let pad = (hi - lo) * margin
    return (lo - pad)...(hi + pad)
  }

  /// A range with a width, so that a single value still maps.
  static func widened(_ r: ClosedRange<Double>) -> ClosedRange<Double> {
    guard r.upperBound - r.lowerBound <= 1e-12 || !r.lowerBound.isFinite
      || !r.upperBound.isFinite
    else { return r }
    let c = r.lowerBound.isFinite ? r.lowerBound : 0
    return (c - 1)...(c + 1)
  }
}
