/// How a bond is drawn.
public enum BondKind: String, Sendable, CaseIterable {
  case aromatic, single, double, triple

  /// DOT edge attributes: aromatic dashed, a double bond as two parallel
  /// lines (`color="black:invis:black"`), a triple bond as three.
  public var dotAttributes: String {
    switch self {
    case .aromatic: "style=dashed"
    case .single: "color=\"#222222\""
    case .double: "color=\"#222222:invis:#222222\""
    case .triple: "color=\"#222222:invis:#222222:invis:#222222\""
    }
  }

  /// How the legend describes its drawing.
  public var legendText: String {
    switch self {
    case .aromatic: "dashed: aromatic"
    case .single: "line: single"
    case .double: "double line: double"
    case .triple: "triple line: triple"
    }
  }
}

/// An element as drawn: its symbol and CPK (Jmol) colour.
public struct Element: Sendable, Equatable {
  public var symbol: String
  /// Fill colour, `#RRGGBB`.
  public var color: String

  public init(_ symbol: String, _ color: String) {
    self.symbol = symbol
    self.color = color
  }

  /// Black or white, whichever reads better on `color`.
  public var textColor: String {
    let hex = Array(color.dropFirst())
    func channel(_ i: Int) -> Double {
      Double(Int(String(hex[(2 * i)..<(2 * i + 2)]), radix: 16) ?? 0)
    }
    let luma = 0.299 * channel(0) + 0.587 * channel(1) + 0.114 * channel(2)
    return luma < 140 ? "white" : "black"
  }
}

/// The atom and bond tables of a molecular dataset: the element of each
/// node label and the bond kind of each edge label, from the dataset's
/// README (METHOD.md section 6).
public struct AtomTable: Sendable {
  /// Indexed by node label.
  public var elements: [Element]
  /// Indexed by edge label.
  public var bonds: [BondKind]

  public init(elements: [Element], bonds: [BondKind]) {
    self.elements = elements
    self.bonds = bonds
  }

  public func element(ofLabel label: Int) -> Element? {
    elements.indices.contains(label) ? elements[label] : nil
  }

  public func bond(ofLabel label: Int) -> BondKind? {
    bonds.indices.contains(label) ? bonds[label] : nil
  }

  /// The table of a dataset by its TU name, nil when lad knows none.
  public static func forDataset(_ name: String) -> AtomTable? {
    switch name.uppercased() {
    case "MUTAG": mutag
    case "PTC_MR": ptcMR
    default: nil
    }
  }

  /// MUTAG: node labels 0..6 are C N O F I Cl Br; edge labels 0..3 are
  /// aromatic, single, double, triple.
  public static let mutag = AtomTable(
    elements: [
      Element("C", "#909090"), Element("N", "#3050F8"), Element("O", "#FF0D0D"),
      Element("F", "#90E050"), Element("I", "#940094"), Element("Cl", "#1FF01F"),
      Element("Br", "#A62929"),
    ],
    bonds: [.aromatic, .single, .double, .triple])

  /// PTC_MR: 18 elements in the README's order; edge labels 0..3 are
  /// triple, double, single, aromatic (the reverse of MUTAG's).
  public static let ptcMR = AtomTable(
    elements: [
      Element("In", "#A67573"), Element("P", "#FF8000"), Element("O", "#FF0D0D"),
      Element("N", "#3050F8"), Element("Na", "#AB5CF2"), Element("C", "#909090"),
      Element("Cl", "#1FF01F"), Element("S", "#FFFF30"), Element("Br", "#A62929"),
      Element("F", "#90E050"), Element("K", "#8F40D4"), Element("Cu", "#C88033"),
      Element("Zn", "#7D80B0"), Element("I", "#940094"), Element("Ba", "#00C900"),
      Element("Sn", "#668080"), Element("Pb", "#575961"), Element("Ca", "#3DFF00"),
    ],
    bonds: [.triple, .double, .single, .aromatic])
}
