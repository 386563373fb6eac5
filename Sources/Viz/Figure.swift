/// A point of a figure, in pixels from the top-left corner (y down).
public struct FigurePoint: Sendable, Equatable {
  public var x: Double
  public var y: Double

  public init(_ x: Double, _ y: Double) {
    self.x = x
    self.y = y
  }
}

/// A picture as a list of marks in drawing order, the one description
/// both writers read: `SVGDocument` writes it as SVG, `FigureDot` as DOT
/// with pinned positions for Graphviz to render as PNG. Builders
/// (`ScatterPlot`, `LinePlot`) add lines first, then marks, then text, so
/// both writers stack them the same way.
public struct Figure: Sendable {
  public enum Marker: String, Sendable, CaseIterable {
    case circle, square, triangle
  }

  public enum Anchor: String, Sendable {
    case start, middle, end
  }

  /// What a mark is for; SVG writes it as the element's `class`, so tests
  /// and style sheets can find the data marks.
  public enum Role: String, Sendable {
    /// A data point of a scatter plot.
    case point
    /// A data series of a line plot.
    case curve
    case legend, axis, grid, frame, reference
  }

  public enum Element: Sendable {
    /// An open polyline.
    case line(
      points: [FigurePoint], color: String, width: Double, dashed: Bool, role: Role)
    /// A filled marker centred on a point; `size` is its width.
    case mark(
      Marker, at: FigurePoint, size: Double, fill: String, stroke: String, role: Role,
      tooltip: String?)
    /// One line of text whose baseline starts, centres or ends at `at`.
    case text(
      String, at: FigurePoint, size: Double, anchor: Anchor, color: String, bold: Bool)
  }

  public var width: Double
  public var height: Double
  public var title: String
  public private(set) var elements: [Element] = []

  public init(width: Double, height: Double, title: String) {
    self.width = width
    self.height = height
    self.title = title
  }

  public mutating func line(
    _ points: [FigurePoint], color: String, width: Double = 1, dashed: Bool = false,
    role: Role
  ) {
    guard points.count >= 2 else { return }
    elements.append(.line(points: points, color: color, width: width, dashed: dashed, role: role))
  }

  /// A rectangle's outline, as a closed polyline.
  public mutating func frame(
    x: Double, y: Double, width w: Double, height h: Double, color: String, role: Role = .frame
  ) {
    let corners = [
      FigurePoint(x, y), FigurePoint(x + w, y), FigurePoint(x + w, y + h),
      FigurePoint(x, y + h), FigurePoint(x, y),
    ]
    line(corners, color: color, width: 1, role: role)
  }

  public mutating func mark(
    _ marker: Marker, at point: FigurePoint, size: Double, fill: String,
    stroke: String = "#FFFFFF", role: Role, tooltip: String? = nil
  ) {
    elements.append(
      .mark(marker, at: point, size: size, fill: fill, stroke: stroke, role: role,
            tooltip: tooltip))
  }

  public mutating func text(
    _ string: String, at point: FigurePoint, size: Double = 12, anchor: Anchor = .start,
    color: String = Palette.ink, bold: Bool = false
  ) {
    elements.append(
      .text(string, at: point, size: size, anchor: anchor, color: color, bold: bold))
  }

  /// The elements in the order both writers draw them: lines, then
  /// marks, then text, each in the order added.
  public var layered: [Element] {
    func layer(_ e: Element) -> Int {
      switch e {
      case .line: 0
      case .mark: 1
      case .text: 2
      }
    }
    return elements.enumerated().sorted {
      (layer($0.element), $0.offset) < (layer($1.element), $1.offset)
    }.map(\.element)
  }
}
