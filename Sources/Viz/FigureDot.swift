/// A `Figure` written as DOT with every position pinned, for Graphviz's
/// `nop2` engine (`neato -n2`) to render as PNG: lines become edges with
/// explicit straight-segment splines between invisible end nodes, marks
/// become fixed-size nodes, text becomes plaintext nodes. Coordinates are
/// points with y up, so the figure's pixels map one to one onto points.
public struct FigureDot: Sendable {
  public var figure: Figure

  public init(_ figure: Figure) {
    self.figure = figure
  }

  /// The engine to lay this DOT out with.
  public static let engine = "nop2"

  public var text: String {
    let height = figure.height
    func pos(_ p: FigurePoint) -> String { "\(n(p.x)),\(n(height - p.y))" }
    var lines = [
      "graph \(Markup.dotQuoted(figure.title)) {",
      "  graph [bgcolor=white, pad=0, outputorder=edgesfirst]",
      "  node [label=\"\", fixedsize=true, margin=0, penwidth=0.8, fontname=\"Helvetica\"]",
      // the corners fix the drawing's bounding box to the figure's
      "  corner0 [shape=point, style=invis, width=0, pos=\"0,0!\"]",
      "  corner1 [shape=point, style=invis, width=0, pos=\"\(n(figure.width)),\(n(height))!\"]",
    ]
    for (i, element) in figure.layered.enumerated() {
      switch element {
      case .line(let points, let color, let width, let dashed, _):
        var spline = [pos(points[0])]
        for k in 1..<points.count {
          spline += [pos(points[k - 1]), pos(points[k]), pos(points[k])]
        }
        let end = "shape=point, style=invis, width=0"
        lines.append("  e\(i)a [\(end), pos=\"\(pos(points[0]))!\"]")
        lines.append("  e\(i)b [\(end), pos=\"\(pos(points[points.count - 1]))!\"]")
        let style = dashed ? ", style=dashed" : ""
        lines.append(
          "  e\(i)a -- e\(i)b [pos=\"\(spline.joined(separator: " "))\", "
            + "color=\"\(color)\", penwidth=\(n(width))\(style)]")

      case .mark(let marker, let p, let size, let fill, let stroke, _, let tooltip):
        let shape =
          switch marker {
          case .circle: "circle"
          case .square: "square"
          case .triangle: "triangle"
          }
        let inches = n(size * (marker == .square ? 0.9 : 1) / 72, digits: 4)
        let tip = tooltip.map { ", tooltip=\(Markup.dotQuoted($0))" } ?? ""
        lines.append(
          "  m\(i) [shape=\(shape), width=\(inches), height=\(inches), pos=\"\(pos(p))!\", "
            + "style=filled, fillcolor=\"\(fill)\", color=\"\(stroke)\"\(tip)]")

      case .text(let string, let p, let size, let anchor, let color, let bold):
        // a box generously wider than the text; \l and \r justify inside it
        let boxWidth = size * 0.7 * Double(string.count) + size
        let (dx, justify) =
          switch anchor {
          case .start: (boxWidth / 2, "\\l")
          case .middle: (0.0, "")
          case .end: (-boxWidth / 2, "\\r")
          }
        // Graphviz centres text vertically; SVG places its baseline
        let centre = FigurePoint(p.x + dx, p.y - size * 0.34)
        let quoted = Markup.dotQuoted(string)
        let label = quoted.dropLast() + justify + "\""
        lines.append(
          "  t\(i) [shape=plaintext, label=\(label), width=\(n(boxWidth / 72, digits: 4)), "
            + "height=\(n(size * 1.3 / 72, digits: 4)), pos=\"\(pos(centre))!\", "
            + "fontsize=\(n(size)), fontcolor=\"\(color)\""
            + (bold ? ", fontname=\"Helvetica-Bold\"" : "") + "]")
      }
    }
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }

  private func n(_ x: Double, digits: Int = 2) -> String { Markup.number(x, digits: digits) }
}
