/// The text of `help` and `help VERB`, built from the verb table alone.
public enum HelpText {
  /// Every verb with its one-line summary.
  public static func overview(of table: VerbTable) -> String {
    let width = (table.verbNames.map(\.count).max() ?? 0) + 2
    var text = "Verbs ('help VERB' or 'VERB?' shows a verb's keys):\n"
    for verb in table.verbs {
      text += "  " + padded(verb.name, to: width) + verb.summary + "\n"
    }
    text += """

      One command a line, or several separated by ';'. Keys are written
      key=value; '#' starts a comment; $name reads a variable set by 'set'.

      """
    return text
  }

  /// A verb's usage, summary, arguments, keys with type, default and
  /// help, and its example.
  public static func usage(of verb: VerbSpec) -> String {
    var text = "usage: \(verb.usage)\n  \(verb.summary)\n"

    if !verb.positionals.isEmpty {
      text += "\narguments:\n"
      let rows = verb.positionals.map { positional in
        (positional.name.uppercased(), describe(positional))
      }
      text += table(rows)
    }

    if !verb.keys.isEmpty {
      text += "\nkeys:\n"
      let rows = verb.keys.map { key in ("\(key.name)=\(shortType(key.type))", describe(key)) }
      text += table(rows)
    }
    if verb.acceptsVariables {
      text += "\nAny other key=value sets a variable that later commands read as $key.\n"
      text += "Every verb reads the settings above. 'set' alone lists them all.\n"
    }

    text += "\nexample:\n  \(verb.example)\n"
    return text
  }

  private static func describe(_ positional: PositionalSpec) -> String {
    var line = positional.summary
    if !positional.isRequired { line += " (optional)" }
    if case .choice(let choices) = positional.type {
      line += "\none of: " + choices.joined(separator: " ")
    }
    return line
  }

  private static func describe(_ key: KeySpec) -> String {
    var line = key.summary
    if let shown = key.shownDefault { line += " (default: \(shown))" }
    if case .choice(let choices) = key.type {
      line += "\none of: " + choices.joined(separator: " ")
    }
    return line
  }

  /// Choices are listed on their own line, so the column stays narrow.
  private static func shortType(_ type: ValueType) -> String {
    if case .choice = type { return "NAME" }
    return type.placeholder
  }

  /// Two columns; a second line of the right column is indented under it.
  private static func table(_ rows: [(String, String)]) -> String {
    let width = (rows.map(\.0.count).max() ?? 0) + 2
    var text = ""
    for (left, right) in rows {
      let lines = right.split(separator: "\n", omittingEmptySubsequences: false)
      text += "  " + padded(left, to: width) + lines[0] + "\n"
      for more in lines.dropFirst() {
        text += String(repeating: " ", count: width + 2) + more + "\n"
      }
    }
    return text
  }

  private static func padded(_ s: String, to width: Int) -> String {
    s + String(repeating: " ", count: max(1, width - s.count))
  }
}
