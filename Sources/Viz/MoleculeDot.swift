import Foundation
import Runtime

/// The DOT text of one graph of a dataset, for Graphviz's `neato`.
///
/// Node ids are stable, `n0 ... n(k-1)` in the graph's node order. With
/// an `AtomTable` (MUTAG, PTC_MR) atoms are filled in CPK colours and
/// labelled by element, and bonds are drawn by type; other datasets get
/// neutral nodes labelled by node label (or index). The teacher's label
/// attention, when given, is a ring around each atom whose width and
/// colour grow with the weight, scaled to the graph's largest weight and
/// explained by a legend in the title block.
public struct MoleculeDot: Sendable {
  /// A model's verdict on the graph, for the title.
  public struct Verdict: Sendable, Equatable {
    public var model: String
    public var predictedClass: String
    public var probability: Double

    public init(model: String, predictedClass: String, probability: Double) {
      self.model = model
      self.predictedClass = predictedClass
      self.probability = probability
    }
  }

  public var title: String
  public var trueClass: String
  public var verdict: Verdict?
  /// Text inside each node.
  public var nodeTexts: [String]
  /// The element of each node, nil for neutral nodes.
  public var elements: [Element?]
  /// Undirected edges (`a < b`), with their bond kind when known.
  public var bonds: [(a: Int, b: Int, kind: BondKind?)]
  /// One weight per node, or nil for no rings.
  public var attention: [Double]?

  /// - Parameters:
  ///   - attention: one weight per node of graph `g` (the teacher's label
  ///     attention, summing to 1), or nil.
  ///   - title: the first line, e.g. `MUTAG graph 12 (test)`.
  public init(
    graph g: Int, of dataset: GraphDataset, attention: [Double]? = nil, title: String,
    verdict: Verdict? = nil
  ) {
    let table = AtomTable.forDataset(dataset.name)
    let first = dataset.nodeOffsets[g]
    let count = dataset.nodeCount(ofGraph: g)
    precondition(attention == nil || attention!.count == count, "MoleculeDot: attention size")
    self.title = title
    trueClass = dataset.classNames[dataset.labels[g]]
    self.verdict = verdict
    self.attention = attention

    var texts: [String] = []
    var elements: [Element?] = []
    for i in 0..<count {
      let label = dataset.nodeLabels.map { Int($0[first + i]) }
      let element = label.flatMap { table?.element(ofLabel: $0) }
      elements.append(element)
      texts.append(element?.symbol ?? label.map(String.init) ?? String(i))
    }
    nodeTexts = texts
    self.elements = elements

    var bonds: [(a: Int, b: Int, kind: BondKind?)] = []
    for e in dataset.edgeOffsets[g]..<dataset.edgeOffsets[g + 1] {
      let a = Int(dataset.edgeSource[e])
      let b = Int(dataset.edgeTarget[e])
      guard a < b else { continue }
      let kind = dataset.edgeLabels.flatMap { table?.bond(ofLabel: Int($0[e])) }
      bonds.append((a, b, kind))
    }
    self.bonds = bonds
  }

  /// The ring of a node whose weight is `ratio` of the graph's largest:
  /// outline colour and width.
  public static func halo(ratio: Double) -> (color: String, penwidth: Double) {
    let r = min(max(ratio, 0), 1)
    return (Palette.mix("#FFE9C2", "#D94800", r), 1.2 + 6.8 * r)
  }

  /// Graphs up to this many nodes are laid out by `neato` (stress
  /// majorization, the best drawings of small graphs); bigger ones by the
  /// multilevel `sfdp`, which draws REDDIT's 3782-node graph in seconds
  /// where `neato` needs minutes.
  public static let neatoLimit = 300

  /// The layout engine for this graph: `neato`, or `sfdp` when it is big.
  public var engine: String { nodeTexts.count > MoleculeDot.neatoLimit ? "sfdp" : "neato" }

  /// The DOT text.
  public var text: String {
    var lines = ["graph \(Markup.dotQuoted(title)) {"]
    lines.append(
      "  graph [layout=\(engine), start=1, overlap=false, splines=false, pack=true, "
        + "pad=0.3, bgcolor=white, fontname=\"Helvetica\", labelloc=t, label=<\(legend)>]")
    lines.append(
      "  node [shape=circle, fixedsize=true, width=0.42, style=filled, "
        + "fontname=\"Helvetica\", fontsize=12, color=\"#444444\", penwidth=1]")
    lines.append("  edge [penwidth=1.8, len=0.75]")
    let largest = attention?.max() ?? 0
    for i in nodeTexts.indices {
      var attributes = ["label=\(Markup.dotQuoted(nodeTexts[i]))"]
      if let element = elements[i] {
        attributes.append("fillcolor=\"\(element.color)\"")
        attributes.append("fontcolor=\(element.textColor)")
      } else {
        attributes.append("fillcolor=\"#E4E4E4\"")
      }
      var tooltip = "n\(i): \(nodeTexts[i])"
      if let weight = attention?[i] {
        let ring = MoleculeDot.halo(ratio: largest > 0 ? weight / largest : 0)
        attributes.append("color=\"\(ring.color)\"")
        attributes.append("penwidth=\(Markup.number(ring.penwidth))")
        tooltip += ", attention " + String(format: "%.4f", weight)
      }
      attributes.append("tooltip=\(Markup.dotQuoted(tooltip))")
      lines.append("  n\(i) [\(attributes.joined(separator: ", "))]")
    }
    for bond in bonds {
      let style = bond.kind.map { " [\($0.dotAttributes)]" } ?? ""
      lines.append("  n\(bond.a) -- n\(bond.b)\(style)")
    }
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }

  /// What the nodes are: atoms when the dataset has an atom table.
  var nodeNoun: String { elements.contains { $0 != nil } ? "atoms" : "nodes" }

  /// The title block: title, true class and verdict, the attention scale
  /// and the bond kinds present, as a Graphviz HTML-like label.
  var legend: String {
    func row(_ content: String) -> String { "<TR><TD COLSPAN=\"6\">\(content)</TD></TR>" }
    var rows = [row("<FONT POINT-SIZE=\"15\"><B>\(Markup.xml(title))</B></FONT>")]
    var facts = "true class \(Markup.xml(trueClass))"
    if let verdict {
      facts +=
        " · \(Markup.xml(verdict.model)) predicts \(Markup.xml(verdict.predictedClass))"
        + String(format: " (p = %.2f)", verdict.probability)
    }
    rows.append(row("<FONT POINT-SIZE=\"12\">\(facts)</FONT>"))
    if let attention, let largest = attention.max() {
      var cells =
        "<TD ALIGN=\"RIGHT\"><FONT POINT-SIZE=\"11\">ring: label attention</FONT></TD>"
      for step in 0...4 {
        let ratio = Double(step) / 4
        let ring = MoleculeDot.halo(ratio: ratio)
        cells +=
          "<TD BGCOLOR=\"\(ring.color)\"><FONT POINT-SIZE=\"10\">"
          + String(format: "%.3f", ratio * largest) + "</FONT></TD>"
      }
      rows.append("<TR>\(cells)</TR>")
      rows.append(
        row("<FONT POINT-SIZE=\"10\">weights sum to 1 over the \(attention.count) \(nodeNoun); "
          + "the widest ring is the largest weight</FONT>"))
    }
    let kinds = BondKind.allCases.filter { kind in bonds.contains { $0.kind == kind } }
    if !kinds.isEmpty {
      rows.append(
        row("<FONT POINT-SIZE=\"10\">bonds: "
          + kinds.map(\.legendText).joined(separator: " · ") + "</FONT>"))
    }
    return "<TABLE BORDER=\"0\" CELLSPACING=\"1\" CELLPADDING=\"2\">"
      + rows.joined() + "</TABLE>"
  }
}
