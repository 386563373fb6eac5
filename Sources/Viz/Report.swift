import Foundation

/// A run of lad as one self-contained HTML page, like a notebook: the
/// dataset, settings and final figures at the top, then every command in
/// order with what it printed and the pictures it made. SVG pictures are
/// embedded as inline `<svg>` elements, PNG-only pictures as `data:` URIs;
/// the page references nothing outside itself. It is well-formed XML
/// (XHTML syntax), so it can be checked with an XML parser.
public struct Report: Sendable {
  /// A table of the header block (e.g. the models and their scores).
  public struct Table: Sendable {
    public var caption: String
    public var header: [String]
    public var rows: [[String]]

    public init(caption: String, header: [String], rows: [[String]]) {
      self.caption = caption
      self.header = header
      self.rows = rows
    }
  }

  /// One command of the run.
  public struct Entry: Sendable {
    public var command: String
    /// What it printed on stdout.
    public var output: String
    /// Its diagnostics (stderr), if any.
    public var errors: String
    public var pictures: [Picture]

    public init(command: String, output: String, errors: String = "", pictures: [Picture] = []) {
      self.command = command
      self.output = output
      self.errors = errors
      self.pictures = pictures
    }
  }

  public var title: String
  /// Name and value pairs shown first (dataset, settings, date).
  public var facts: [(name: String, value: String)]
  public var tables: [Table]
  public var entries: [Entry]

  public init(
    title: String, facts: [(name: String, value: String)], tables: [Table], entries: [Entry]
  ) {
    self.title = title
    self.facts = facts
    self.tables = tables
    self.entries = entries
  }

  public var html: String {
    var out = """
      <!DOCTYPE html>
      <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
      <head>
      <meta charset="utf-8"/>
      <title>\(x(title))</title>
      <style>\(Report.style)</style>
      </head>
      <body>
      <h1>\(x(title))</h1>

      """
    if !facts.isEmpty {
      out += "<dl class=\"facts\">\n"
      for fact in facts { out += "<dt>\(x(fact.name))</dt><dd>\(x(fact.value))</dd>\n" }
      out += "</dl>\n"
    }
    for table in tables { out += Report.write(table) }
    out += "<h2>Session</h2>\n"
    for (i, entry) in entries.enumerated() { out += Report.write(entry, number: i + 1) }
    return out + "</body>\n</html>\n"
  }

  private static func write(_ table: Table) -> String {
    var out = "<table>\n<caption>\(x(table.caption))</caption>\n<tr>"
    out += table.header.map { "<th>\(x($0))</th>" }.joined() + "</tr>\n"
    for row in table.rows { out += "<tr>" + row.map { "<td>\(x($0))</td>" }.joined() + "</tr>\n" }
    return out + "</table>\n"
  }

  private static func write(_ entry: Entry, number: Int) -> String {
    var out = "<section class=\"command\" id=\"command-\(number)\">\n"
    out += "<pre class=\"input\"><span class=\"prompt\">[\(number)]</span> "
      + x(entry.command) + "</pre>\n"
    if !entry.output.isEmpty { out += "<pre class=\"output\">\(x(entry.output))</pre>\n" }
    if !entry.errors.isEmpty { out += "<pre class=\"errors\">\(x(entry.errors))</pre>\n" }
    for picture in entry.pictures { out += write(picture) }
    return out + "</section>\n"
  }

  private static func write(_ picture: Picture) -> String {
    var out = "<figure>\n"
    if let svg = picture.svg {
      out += inline(svg) + "\n"
    } else if let png = picture.png {
      out += "<img alt=\"\(x(picture.caption))\" src=\"data:image/png;base64,"
        + png.base64EncodedString() + "\"/>\n"
    }
    out += "<figcaption>\(x(picture.caption)) (<code>\(x(picture.path))</code>)</figcaption>\n"
    return out + "</figure>\n"
  }

  /// An SVG document as an element to embed: its XML declaration, DOCTYPE
  /// and leading comments removed.
  static func inline(_ svg: String) -> String {
    guard let start = svg.range(of: "<svg") else { return "" }
    return String(svg[start.lowerBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  private static func x(_ text: String) -> String { Markup.xml(text) }
  private func x(_ text: String) -> String { Markup.xml(text) }

  private static let style = """
    body { font-family: Helvetica, Arial, sans-serif; max-width: 1200px; margin: 2em auto; \
    padding: 0 1em; color: #222; }
    h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; }
    dl.facts { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; }
    dt { font-weight: bold; } dd { margin: 0; }
    table { border-collapse: collapse; margin: 1em 0; }
    caption { text-align: left; font-weight: bold; padding-bottom: 0.3em; }
    th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; }
    pre { margin: 0.2em 0; padding: 0.5em 0.8em; white-space: pre-wrap; }
    pre.input { background: #eef3fa; font-weight: bold; }
    pre.output { background: #f7f7f7; }
    pre.errors { background: #fbeaea; color: #a00; }
    .prompt { color: #888; font-weight: normal; }
    section.command { margin: 1.2em 0; }
    figure { margin: 0.8em 0; } figure svg, figure img { max-width: 100%; height: auto; }
    figcaption { color: #555; font-size: 0.9em; }
    """
}
