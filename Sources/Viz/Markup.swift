import Foundation

/// Escaping of text placed in the three languages Viz writes: XML (SVG
/// and the HTML report), DOT quoted strings and Graphviz HTML-like labels.
public enum Markup {
  /// `text` with `& < > " '` replaced by entities, safe in XML text and
  /// in double- or single-quoted attribute values.
  public static func xml(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for c in text {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(c)
      }
    }
    return out
  }

  /// `text` as a double-quoted DOT string, quotes included. Backslashes
  /// are doubled so that DOT's escapes (`\n`, `\l`) are not triggered by
  /// user text; pass `escapes: true` to keep them.
  public static func dotQuoted(_ text: String, escapes: Bool = false) -> String {
    var out = "\""
    for c in text {
      switch c {
      case "\"": out += "\\\""
      case "\\": out += escapes ? "\\" : "\\\\"
      case "\n": out += "\\n"
      default: out.append(c)
      }
    }
    return out + "\""
  }

  /// A number as DOT and SVG want it: fixed-point, at most `digits`
  /// decimals, trailing zeros dropped, never `-0`.
  public static func number(_ x: Double, digits: Int = 2) -> String {
    guard x.isFinite else { return "0" }
    var text = String(format: "%.\(digits)f", x)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text == "-0" ? "0" : text
  }
}
