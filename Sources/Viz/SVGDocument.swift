/// A `Figure` written as a standalone SVG 1.1 document: one `<polyline>`,
/// `<circle>`/`<rect>`/`<polygon>` or `<text>` per element, each with the
/// element's role as its `class`; no scripts, no external references.
public struct SVGDocument: Sendable {
  public var figure: Figure

  public init(_ figure: Figure) {
    self.figure = figure
  }

  public var text: String {
    let w = Markup.number(figure.width)
    let h = Markup.number(figure.height)
    var out = """
      <?xml version="1.0" encoding="UTF-8"?>
      <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(w)" height="\(h)" \
      viewBox="0 0 \(w) \(h)" font-family="Helvetica, Arial, sans-serif">
      <title>\(Markup.xml(figure.title))</title>
      <rect width="\(w)" height="\(h)" fill="#FFFFFF"/>

      """
    for element in figure.layered {
      out += SVGDocument.write(element) + "\n"
    }
    return out + "</svg>\n"
  }

  private static func write(_ element: Figure.Element) -> String {
    switch element {
    case .line(let points, let color, let width, let dashed, let role):
      let list = points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
      let dash = dashed ? " stroke-dasharray=\"6 4\"" : ""
      return "<polyline class=\"\(role.rawValue)\" points=\"\(list)\" fill=\"none\" "
        + "stroke=\"\(color)\" stroke-width=\"\(n(width))\"\(dash) "
        + "stroke-linejoin=\"round\" stroke-linecap=\"round\"/>"

    case .mark(let marker, let p, let size, let fill, let stroke, let role, let tooltip):
      let paint =
        "class=\"\(role.rawValue)\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"0.8\""
      let body = tooltip.map { "><title>\(Markup.xml($0))</title></" } ?? "/>"
      func close(_ tag: String) -> String {
        tooltip == nil ? body : body + tag + ">"
      }
      switch marker {
      case .circle:
        return "<circle \(paint) cx=\"\(n(p.x))\" cy=\"\(n(p.y))\" r=\"\(n(size / 2))\""
          + close("circle")
      case .square:
        let s = size * 0.9
        return "<rect \(paint) x=\"\(n(p.x - s / 2))\" y=\"\(n(p.y - s / 2))\" "
          + "width=\"\(n(s))\" height=\"\(n(s))\"" + close("rect")
      case .triangle:
        let corners = triangle(at: p, size: size)
          .map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
        return "<polygon \(paint) points=\"\(corners)\"" + close("polygon")
      }

    case .text(let string, let p, let size, let anchor, let color, let bold):
      let weight = bold ? " font-weight=\"bold\"" : ""
      return "<text x=\"\(n(p.x))\" y=\"\(n(p.y))\" font-size=\"\(n(size))\" "
        + "text-anchor=\"\(anchor.rawValue)\" fill=\"\(color)\"\(weight)>"
        + Markup.xml(string) + "</text>"
    }
  }

  /// An upward triangle of width `size` around `p`.
  static func triangle(at p: FigurePoint, size: Double) -> [FigurePoint] {
    let s = size * 1.1
    return [
      FigurePoint(p.x, p.y - s * 0.58), FigurePoint(p.x + s / 2, p.y + s * 0.29),
      FigurePoint(p.x - s / 2, p.y + s * 0.29),
    ]
  }

  private static func n(_ x: Double) -> String { Markup.number(x) }
}
