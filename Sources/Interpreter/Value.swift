import Foundation

/// The type of a key's or a positional argument's value.
public indirect enum ValueType: Sendable, Hashable {
  case int
  case float
  case string
  case bool
  /// A file or directory path; a leading `~/` is expanded.
  case path
  /// One of a fixed set of lower-case words.
  case choice([String])
  /// Seeds: one integer (`3`), a range (`1..10`) or a list (`1,2,5`).
  case seeds
  /// A comma-separated list of values of one type.
  case list(ValueType)
  /// The name of a verb of the table (for `help VERB`).
  case verb
  /// A dataset name (completed from the datasets found on disk).
  case dataset

  /// How help shows the type: `INT`, `FLOAT`, `gcn|gat|...`.
  public var placeholder: String {
    switch self {
    case .int: "INT"
    case .float: "FLOAT"
    case .string: "TEXT"
    case .bool: "BOOL"
    case .path: "PATH"
    case .choice(let choices): choices.joined(separator: "|")
    case .seeds: "SEEDS"
    case .list(let element): "\(element.placeholder),..."
    case .verb: "VERB"
    case .dataset: "NAME"
    }
  }

  /// What a value of this type is, for error messages ("a number").
  public var noun: String {
    switch self {
    case .int: "a whole number"
    case .float: "a number"
    case .string, .dataset: "a text"
    case .bool: "true or false"
    case .path: "a path"
    case .choice: "a choice"
    case .seeds: "a seed, a range or a list of seeds"
    case .list(let element): "a list of \(element.plural)"
    case .verb: "a verb"
    }
  }

  var plural: String {
    switch self {
    case .int: "whole numbers"
    case .float: "numbers"
    case .bool: "booleans"
    case .path: "paths"
    case .choice: "choices"
    default: "values"
    }
  }
}

/// A limit on a numeric value, checked by the resolver.
public enum Constraint: Sendable, Hashable {
  case none
  /// Greater than zero.
  case positive
  /// Zero or more.
  case nonNegative
  /// In [0, 1): a dropout rate.
  case fraction
  /// A whole number from 1 to `most`: a size that would exhaust memory
  /// beyond it (`nhid`, `nlayers`).
  case positiveAtMost(Int)

  func admits(_ x: Double) -> Bool {
    switch self {
    case .none: true
    case .positive: x > 0
    case .nonNegative: x >= 0
    case .fraction: x >= 0 && x < 1
    case .positiveAtMost(let most): x > 0 && x <= Double(most)
    }
  }

  /// "must be greater than 0", for error messages.
  public var requirement: String {
    switch self {
    case .none: "has no limit"
    case .positive: "must be greater than 0"
    case .nonNegative: "must be 0 or more"
    case .fraction: "must be at least 0 and below 1"
    case .positiveAtMost(let most): "must be from 1 to \(most)"
    }
  }
}

/// A typed value of a key, a positional argument or a variable.
public enum Value: Sendable, Hashable, CustomStringConvertible {
  case int(Int)
  case float(Double)
  case string(String)
  case bool(Bool)
  case path(String)
  case choice(String)
  case seeds([Int])
  case list([Value])

  public var intValue: Int? {
    if case .int(let x) = self { return x }
    return nil
  }

  /// Floats, and integers widened to floats.
  public var doubleValue: Double? {
    switch self {
    case .float(let x): x
    case .int(let x): Double(x)
    default: nil
    }
  }

  /// Strings, paths and choices.
  public var stringValue: String? {
    switch self {
    case .string(let s), .path(let s), .choice(let s): s
    default: nil
    }
  }

  public var boolValue: Bool? {
    if case .bool(let x) = self { return x }
    return nil
  }

  public var seedsValue: [Int]? {
    switch self {
    case .seeds(let seeds): seeds
    case .int(let x): [x]
    default: nil
    }
  }

  public var listValue: [Value]? {
    if case .list(let values) = self { return values }
    return nil
  }

  /// The value written back as command text (what `$name` expands to).
  public var description: String {
    switch self {
    case .int(let x): String(x)
    case .float(let x): Value.format(x)
    case .string(let s), .path(let s), .choice(let s): s
    case .bool(let x): x ? "true" : "false"
    case .seeds(let seeds): Value.written(seeds: seeds)
    case .list(let values): values.map(\.description).joined(separator: ",")
    }
  }

  static func format(_ x: Double) -> String {
    if x == x.rounded(), abs(x) < 1e15 { return String(format: "%.1f", x) }
    return String(x)
  }

  /// Seeds for reading, in ascending order: `1..3`, `1,3,5`.
  static func format(seeds: [Int]) -> String {
    written(seeds: seeds.sorted())
  }

  /// Seeds in their given order, as command text (`$seeds` expands to it).
  private static func written(seeds: [Int]) -> String {
    if seeds.count > 2, let first = seeds.first, let last = seeds.last, first < last,
      seeds == Array(first...last)
    {
      return "\(first)..\(last)"
    }
    return seeds.map(String.init).joined(separator: ",")
  }
}

extension ValueType {
  /// Types `text` as a value of this type, or nil when it does not fit.
  /// `quoted` text (from a string token) is never split into a list.
  func value(of text: String, quoted: Bool = false) -> Value? {
    switch self {
    case .int:
      if let x = Int(text) { return .int(x) }
      // `1e3` is a whole number too
      guard Lexer.isNumber(text), let x = Double(text), x == x.rounded(),
        abs(x) < 1e15
      else { return nil }
      return .int(Int(x))
    case .float:
      guard Lexer.isNumber(text), let x = Double(text), x.isFinite else { return nil }
      return .float(x)
    case .string, .dataset:
      return .string(text)
    case .bool:
      switch text.lowercased() {
      case "true", "yes", "on", "1": return .bool(true)
      case "false", "no", "off", "0": return .bool(false)
      default: return nil
      }
    case .path:
      return text.isEmpty ? nil : .path(ValueType.expandingTilde(text))
    case .choice(let choices):
      return choices.first { $0 == text.lowercased() }.map(Value.choice)
    case .verb:
      return .string(text)
    case .seeds:
      return ValueType.seeds(of: text).map(Value.seeds)
    case .list(let element):
      let parts = quoted ? [text] : text.split(separator: ",").map(String.init)
      var values: [Value] = []
      for part in parts {
        guard let value = element.value(of: part, quoted: true) else { return nil }
        values.append(value)
      }
      return values.isEmpty ? nil : .list(values)
    }
  }

  private static func seeds(of text: String) -> [Int]? {
    if let dots = text.range(of: ".."), Lexer.isRange(text) {
      guard let low = Int(text[..<dots.lowerBound]),
        let high = Int(text[dots.upperBound...]), low <= high,
        case let (span, overflow) = high.subtractingReportingOverflow(low),
        !overflow, span < ValueType.mostSeeds
      else { return nil }
      return Array(low...high)
    }
    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
    let seeds = parts.compactMap { Int($0) }
    return seeds.count == parts.count && !seeds.isEmpty ? seeds : nil
  }

  /// More seeds than this in one value is surely a typo (`1..10000000`).
  static let mostSeeds = 10_000

  static func expandingTilde(_ path: String) -> String {
    guard path == "~" || path.hasPrefix("~/") else { return path }
    let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
    return home + path.dropFirst()
  }
}

extension Value {
  /// The value a `set` of a new variable stores: its type inferred from
  /// the token (numbers, ranges, lists; anything else is text).
  static func inferred(from token: Token) -> Value {
    switch token.kind {
    case .number:
      if let x = Int(token.value) { return .int(x) }
      return Double(token.value).map(Value.float) ?? .string(token.value)
    case .range:
      return ValueType.seeds.value(of: token.value) ?? .string(token.value)
    case .list:
      return .list(token.listElements.map(Value.inferred(from:)))
    default:
      return .string(token.value)
    }
  }
}
