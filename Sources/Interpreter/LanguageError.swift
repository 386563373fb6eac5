import Runtime

/// An error in a command's text, found by the lexer, the parser or the
/// resolver. It carries data only; `Diagnostics.swift` turns it into words.
public struct LanguageError: Error, Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    // lexer
    case unclosedString
    case unknownEscape(Character)
    case emptyVariableName
    case unexpectedCharacter(Character)
    // parser
    case unclosedBlock
    case unexpectedCloseBrace
    case expectedVerb(found: String)
    case expectedKey(found: String)
    case missingValue(key: String)
    case expectedSeparator(found: String)
    // resolver
    case unknownVerb(String, suggestion: String?)
    case unknownKey(String, verb: String, suggestion: String?)
    case repeatedKey(String, verb: String)
    case badValue(String, key: String, expected: ValueType)
    case outOfRange(String, key: String, constraint: Constraint)
    case repeatedSeed(Int, key: String)
    case badChoice(String, key: String, choices: [String], suggestion: String?)
    case missingPositional(name: String, verb: String)
    case extraPositional(String, verb: String)
    case unknownVariable(String, suggestion: String?)
    case badVariableName(String)
    case expectedAssignment(found: String)
    case blockNotAllowed(verb: String)
    case blockRequired(verb: String)
  }

  public var kind: Kind
  public var location: SourceLocation

  public init(_ kind: Kind, at location: SourceLocation) {
    self.kind = kind
    self.location = location
  }

  /// Syntax errors are data errors (65); the rest are usage errors (64).
  public var category: ErrorCategory {
    switch kind {
    case .unclosedString, .unknownEscape, .emptyVariableName, .unexpectedCharacter,
      .unclosedBlock, .unexpectedCloseBrace, .expectedVerb, .expectedKey,
      .missingValue, .expectedSeparator:
      .data
    default:
      .usage
    }
  }
}

/// An error from a verb's executor, pinned to a place in the command (a
/// key or its value) instead of the verb.
public struct LocatedError: Error, UserFacingError {
  public var underlying: any UserFacingError
  public var location: SourceLocation

  public init(_ underlying: any UserFacingError, at location: SourceLocation) {
    self.underlying = underlying
    self.location = location
  }

  public var category: ErrorCategory { underlying.category }
  public var message: String { underlying.message }
  public var hint: String? { underlying.hint }
}
