/// Splits command text into tokens.
///
/// One command a line: `verb positional... key=value...`. `#` starts a
/// comment, `;` separates commands on a line, `{` and `}` delimit blocks.
/// A bare run of characters is a number (`64`, `1e-3`), a range (`1..10`),
/// a list (`gcn,gin`), a variable (`$name`) or else a word (verbs, names,
/// paths such as `out/result.json`). Strings are double-quoted, on one
/// line, with the escapes `\"`, `\\`, `\n` and `\t`.
public struct Lexer {
  private let characters: [Character]
  private let file: String
  private var index = 0
  private var line: Int
  private var lineStart = 0
  private var tokens: [Token] = []

  /// - Parameters:
  ///   - text: the source text.
  ///   - file: the name shown in diagnostics (a path, `<prompt>`, `-e`).
  ///   - firstLine: the line number of the text's first line.
  public init(_ text: String, file: String, firstLine: Int = 1) {
    self.characters = Array(text)
    self.file = file
    self.line = firstLine
  }

  /// All tokens of the text, ending with one `.end` token.
  public static func tokens(
    in text: String, file: String, firstLine: Int = 1
  ) throws(LanguageError) -> [Token] {
    var lexer = Lexer(text, file: file, firstLine: firstLine)
    return try lexer.scanAll()
  }

  public mutating func scanAll() throws(LanguageError) -> [Token] {
    while index < characters.count {
      try scanToken()
    }
    add(.end, from: index, text: "")
    return tokens
  }

  private mutating func scanToken() throws(LanguageError) {
    let c = characters[index]
    switch c {
    case _ where c.isNewline:
      add(.newline, from: index, text: "\n")
      index += 1
      line += 1
      lineStart = index
    case " ", "\t":
      index += 1
    case "#":
      while index < characters.count, !characters[index].isNewline { index += 1 }
    case ";": single(.semicolon)
    case "{": single(.leftBrace)
    case "}": single(.rightBrace)
    case "=": single(.equals)
    case "\"": try scanString()
    case _ where c.isASCII && (c.asciiValue! < 32 || c.asciiValue! == 127):
      throw LanguageError(.unexpectedCharacter(c), at: location(from: index, length: 1))
    default: try scanBare()
    }
  }

  private mutating func single(_ kind: TokenKind) {
    add(kind, from: index, text: String(characters[index]))
    index += 1
  }

  private mutating func scanString() throws(LanguageError) {
    let start = index
    var value = ""
    index += 1
    while index < characters.count {
      let c = characters[index]
      if c.isNewline { break }
      if c == "\"" {
        index += 1
        let text = String(characters[start..<index])
        add(.string, from: start, text: text, value: value)
        return
      }
      if c == "\\" {
        guard index + 1 < characters.count, !characters[index + 1].isNewline else {
          break
        }
        let escaped = characters[index + 1]
        switch escaped {
        case "\"": value.append("\"")
        case "\\": value.append("\\")
        case "n": value.append("\n")
        case "t": value.append("\t")
        default:
          throw LanguageError(.unknownEscape(escaped), at: location(from: index, length: 2))
        }
        index += 2
        continue
      }
      value.append(c)
      index += 1
    }
    throw LanguageError(.unclosedString, at: location(from: start, length: 1))
  }

  private mutating func scanBare() throws(LanguageError) {
    let start = index
    while index < characters.count, !Lexer.endsBare(characters[index]) {
      index += 1
    }
    let text = String(characters[start..<index])
    if text.hasPrefix("$") {
      let name = String(text.dropFirst())
      let place = location(from: start, length: text.count)
      if name.isEmpty { throw LanguageError(.emptyVariableName, at: place) }
      guard Lexer.isIdentifier(name) else {
        throw LanguageError(.badVariableName(text), at: place)
      }
      add(.variable, from: start, text: text, value: name)
      return
    }
    add(Lexer.classify(bare: text), from: start, text: text)
  }

  private mutating func add(
    _ kind: TokenKind, from start: Int, text: String, value: String? = nil
  ) {
    let place = location(from: start, length: max(text.count, 1))
    tokens.append(
      Token(
        kind: kind, text: text, value: value ?? text, location: place,
        start: start, end: start + text.count))
  }

  private func location(from start: Int, length: Int) -> SourceLocation {
    SourceLocation(file: file, line: line, column: start - lineStart + 1, length: length)
  }

  // MARK: classification, shared with the resolver and completion

  static func endsBare(_ c: Character) -> Bool {
    c.isWhitespace || c == ";" || c == "{" || c == "}" || c == "#" || c == "="
      || c == "\""
  }

  /// The kind of a bare run of characters: number, range, list or word.
  static func classify(bare text: String) -> TokenKind {
    if isNumber(text) { return .number }
    if isRange(text) { return .range }
    if text.contains(",") { return .list }
    return .word
  }

  /// `-?(digits[.digits] | .digits)([eE][+-]?digits)?`
  static func isNumber(_ text: String) -> Bool {
    var s = Substring(text)
    if s.first == "-" || s.first == "+" { s = s.dropFirst() }
    let mantissaEnd = s.firstIndex { $0 == "e" || $0 == "E" } ?? s.endIndex
    let mantissa = s[..<mantissaEnd]
    let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
      parts.contains(where: { !$0.isEmpty })
    else { return false }
    if mantissaEnd == s.endIndex { return true }
    var exponent = s[s.index(after: mantissaEnd)...]
    if exponent.first == "-" || exponent.first == "+" { exponent = exponent.dropFirst() }
    return !exponent.isEmpty && exponent.allSatisfy(\.isASCIIDigit)
  }

  /// `INT..INT`, either end possibly negative.
  static func isRange(_ text: String) -> Bool {
    guard let dots = text.range(of: "..") else { return false }
    return isInteger(String(text[..<dots.lowerBound]))
      && isInteger(String(text[dots.upperBound...]))
  }

  static func isInteger(_ text: String) -> Bool {
    var s = Substring(text)
    if s.first == "-" { s = s.dropFirst() }
    return !s.isEmpty && s.allSatisfy(\.isASCIIDigit)
  }

  static func isIdentifier(_ text: String) -> Bool {
    guard let first = text.first, first.isLetter || first == "_" else { return false }
    return text.allSatisfy { $0.isLetter || $0.isASCIIDigit || $0 == "_" }
  }
}

extension Character {
  var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
