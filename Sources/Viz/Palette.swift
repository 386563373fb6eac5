import Foundation

/// The colours of lad's pictures.
public enum Palette {
  /// One colour per class (Tableau 10), repeating after ten.
  public static let classes = [
    "#1F77B4", "#FF7F0E", "#2CA02C", "#D62728", "#9467BD",
    "#8C564B", "#E377C2", "#7F7F7F", "#BCBD22", "#17BECF",
  ]

  public static func classColor(_ k: Int) -> String {
    classes[((k % classes.count) + classes.count) % classes.count]
  }

  /// The colour of each model's curves: the student (LAD-GNN) red, the
  /// baseline blue, the teacher grey; anything else from `classes`.
  public static func modelColor(_ name: String) -> String {
    switch name {
    case "student": "#D62728"
    case "baseline": "#1F77B4"
    case "teacher": "#7F7F7F"
    default: classColor(name.unicodeScalars.reduce(0) { $0 + Int($1.value) })
    }
  }

  public static let ink = "#222222"
  public static let grid = "#E6E6E6"
  public static let axis = "#555555"

  /// The colour `t` of the way from `a` to `b` (`#RRGGBB`), `t` in [0, 1].
  public static func mix(_ a: String, _ b: String, _ t: Double) -> String {
    let x = channels(a)
    let y = channels(b)
    let mixed = (0..<3).map { Int((Double(x[$0]) + (Double(y[$0] - x[$0])) * t).rounded()) }
    return String(format: "#%02X%02X%02X", mixed[0], mixed[1], mixed[2])
  }

  private static func channels(_ hex: String) -> [Int] {
    let digits = Array(hex.dropFirst())
    guard digits.count == 6 else { return [0, 0, 0] }
    return (0..<3).map { Int(String(digits[(2 * $0)..<(2 * $0 + 2)]), radix: 16) ?? 0 }
  }
}
