import Runtime

/// The one place errors become text:
///
///     script.lad:3:13: error: unknown key 'nhdi' for 'teacher'. Did you mean 'nhid'?
///     teacher gcn nhdi=32
///                 ^~~~
///     hint: 'help teacher' lists its keys
///
/// Colour is used only when asked (when stderr is a terminal).
public enum Diagnostics {
  /// Renders any error: language errors at their token, `LocatedError`s
  /// at their place, other user-facing errors at `fallback` (the verb of
  /// the command that threw), anything else as an internal error.
  public static func render(
    _ error: any Error, at fallback: SourceLocation? = nil, sources: SourceStore? = nil,
    color: Bool = false
  ) -> String {
    let located = Diagnostics.located(error, at: fallback)
    let line = located.location.flatMap { sources?.line(at: $0) }
    return render(
      message: located.message, hint: located.hint, at: located.location,
      sourceLine: line, color: color)
  }

  /// The exit status for an error: from its category, 70 when it has none.
  public static func exitStatus(for error: any Error) -> Int32 {
    category(of: error).exitStatus
  }

  public static func category(of error: any Error) -> ErrorCategory {
    (error as? any UserFacingError)?.category ?? .runtime
  }

  /// Renders one diagnostic from its parts.
  public static func render(
    message: String, hint: String? = nil, at location: SourceLocation?,
    sourceLine: String? = nil, severity: String = "error", color: Bool = false
  ) -> String {
    let style = Style(enabled: color)
    let place = location.map { "\($0): " } ?? "lad: "
    let label = severity == "error" ? style.red(severity + ":") : style.magenta(severity + ":")
    var text = style.bold(place) + label + " " + style.bold(message) + "\n"
    if let location, let sourceLine {
      text += sourceLine + "\n"
      text += style.green(caret(under: location, in: sourceLine)) + "\n"
    }
    if let hint {
      text += style.cyan("hint:") + " " + hint + "\n"
    }
    return text
  }

  /// `^~~~` under the located characters, tabs kept so it lines up.
  static func caret(under location: SourceLocation, in line: String) -> String {
    let characters = Array(line)
    let start = max(0, min(location.column - 1, characters.count))
    let padding = characters[..<start].map { $0 == "\t" ? "\t" : " " }.joined()
    let length = max(1, min(location.length, characters.count - start))
    return padding + "^" + String(repeating: "~", count: length - 1)
  }

  private static func located(
    _ error: any Error, at fallback: SourceLocation?
  ) -> (message: String, hint: String?, location: SourceLocation?) {
    switch error {
    case let error as LanguageError:
      (error.message, error.hint, error.location)
    case let error as LocatedError:
      (error.message, error.hint, error.location)
    case let error as any UserFacingError:
      (error.message, error.hint, fallback)
    default:
      (
        "internal error: \(error)", "please report this with the command that caused it",
        fallback
      )
    }
  }
}

/// ANSI styling, or none.
struct Style {
  var enabled: Bool

  func bold(_ s: String) -> String { wrap(s, "1") }
  func red(_ s: String) -> String { wrap(s, "1;31") }
  func green(_ s: String) -> String { wrap(s, "1;32") }
  func magenta(_ s: String) -> String { wrap(s, "1;35") }
  func cyan(_ s: String) -> String { wrap(s, "1;36") }

  private func wrap(_ s: String, _ code: String) -> String {
    enabled && !s.isEmpty ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
  }
}

// MARK: the words of language errors

extension LanguageError: UserFacingError {
  public var message: String {
    switch kind {
    case .unclosedString:
      "unclosed string"
    case .unknownEscape(let c):
      "unknown escape '\\\(c)' in a string"
    case .emptyVariableName:
      "'$' needs a variable name after it"
    case .unexpectedCharacter(let c):
      "unexpected character \(c.unicodeScalars.map { "U+" + hex($0.value) }.joined())"
    case .unclosedBlock:
      "unclosed block: this '{' has no matching '}'"
    case .unexpectedCloseBrace:
      "'}' without an open block"
    case .expectedVerb(let found):
      "expected a verb, found '\(found)'"
    case .expectedKey(let found):
      found == "=" ? "expected a key before '='" : "'\(found)' is not a key name"
    case .missingValue(let key):
      "missing value for '\(key)'"
    case .expectedSeparator(let found):
      "expected the end of the command, found '\(found)'"
    case .unknownVerb(let verb, let suggestion):
      "unknown verb '\(verb)'" + didYouMean(suggestion)
    case .unknownKey(let key, let verb, let suggestion):
      "unknown key '\(key)' for '\(verb)'" + didYouMean(suggestion)
    case .repeatedKey(let key, _):
      "'\(key)' is given twice"
    case .badValue(let value, let key, let type):
      "'\(value)' is not \(type.noun) for '\(key)'"
    case .outOfRange(let value, let key, let constraint):
      "'\(value)' is out of range for '\(key)': it \(constraint.requirement)"
    case .badChoice(let value, "backbone", _, let suggestion),
      .badChoice(let value, "backbones", _, let suggestion):
      "unknown backbone '\(value)'" + didYouMean(suggestion)
    case .badChoice(let value, let key, _, let suggestion):
      "'\(value)' is not a choice for '\(key)'" + didYouMean(suggestion)
    case .repeatedSeed(let seed, let key):
      "the seed \(seed) is given twice in '\(key)'; its runs would replace each other"
    case .missingPositional(let name, let verb):
      "'\(verb)' needs a \(name.uppercased())"
    case .extraPositional(let value, let verb):
      "unexpected argument '\(value)' for '\(verb)'"
    case .unknownVariable(let name, let suggestion):
      "unknown variable '$\(name)'" + didYouMean(suggestion.map { "$" + $0 })
    case .badVariableName(let name):
      "'\(name)' is not a valid variable name"
    case .expectedAssignment(let found):
      "expected key=value, found '\(found)'"
    case .blockNotAllowed(let verb):
      "'\(verb)' does not take a block"
    case .blockRequired(let verb):
      "'\(verb)' needs a block: { ... }"
    }
  }

  public var hint: String? {
    switch kind {
    case .unclosedString:
      "close it with '\"' on the same line"
    case .unknownEscape:
      "the escapes are \\\" \\\\ \\n and \\t"
    case .unclosedBlock:
      "close the block with '}'"
    case .expectedVerb, .unknownVerb:
      "'help' lists the verbs"
    case .missingValue(let key):
      "write \(key)=VALUE"
    case .expectedSeparator:
      "separate commands with ';' or a new line"
    case .unknownKey(_, let verb, _), .extraPositional(_, let verb),
      .missingPositional(_, let verb):
      "'help \(verb)' shows its usage and keys"
    case .badChoice(_, _, let choices, _):
      "choose one of " + choices.joined(separator: ", ")
    case .unknownVariable(let name, _):
      "define it first with 'set \(name)=VALUE'"
    case .badVariableName:
      "a variable name has letters, digits and '_', and starts with a letter"
    case .badValue(_, _, .seeds):
      "write one seed (3), a range (1..10) or a list (1,2,5), at most 10000 seeds"
    case .badValue(_, _, .bool):
      "write true or false"
    case .repeatedSeed:
      "give each seed once, e.g. 1,2,3 or 1..3"
    default:
      nil
    }
  }

  private func didYouMean(_ suggestion: String?) -> String {
    suggestion.map { ". Did you mean '\($0)'?" } ?? ""
  }

  private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}
