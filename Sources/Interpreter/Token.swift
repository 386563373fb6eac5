/// Where a piece of source text sits: file name, 1-based line and column
/// (counted in characters), and how many characters it spans.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int
  public var length: Int

  public init(file: String, line: Int, column: Int, length: Int = 1) {
    self.file = file
    self.line = line
    self.column = column
    self.length = length
  }

  /// `FILE:LINE:COL`, the prefix of a diagnostic.
  public var description: String { "\(file):\(line):\(column)" }
}

/// The kinds of token the command language has.
public enum TokenKind: Sendable, Hashable {
  /// A bare word: a verb, a key, an enumerated value or a path.
  case word
  /// A double-quoted string; `value` holds it with escapes resolved.
  case string
  /// An integer or a decimal number (`64`, `0.01`, `5e-5`, `-1`).
  case number
  /// An integer range (`1..10`).
  case range
  /// A comma-separated list (`gcn,gin`, `0.1,1,10`).
  case list
  /// A variable reference (`$name`); `value` holds the name without `$`.
  case variable
  /// `=` between a key and its value.
  case equals
  /// `;`, which separates commands on one line.
  case semicolon
  /// The end of a line, which ends a command.
  case newline
  /// `{`, which opens a block of commands.
  case leftBrace
  /// `}`, which closes a block.
  case rightBrace
  /// The end of the input.
  case end
}

/// One token: its kind, the text exactly as written, its value (escapes
/// resolved for strings, the name for variables, else the text) and its
/// location.
public struct Token: Sendable, Hashable, CustomStringConvertible {
  public var kind: TokenKind
  public var text: String
  public var value: String
  public var location: SourceLocation
  /// Character offsets of the token in the lexed text, for slicing.
  var start: Int
  var end: Int

  public init(
    kind: TokenKind, text: String, value: String? = nil, location: SourceLocation
  ) {
    self.init(
      kind: kind, text: text, value: value ?? text, location: location, start: 0,
      end: 0)
  }

  init(
    kind: TokenKind, text: String, value: String, location: SourceLocation,
    start: Int, end: Int
  ) {
    self.kind = kind
    self.text = text
    self.value = value
    self.location = location
    self.start = start
    self.end = end
  }

  /// True for tokens that can stand where a value goes.
  public var isValue: Bool {
    switch kind {
    case .word, .string, .number, .range, .list, .variable: true
    default: false
    }
  }

  /// True for tokens that end a command.
  public var isSeparator: Bool { kind == .newline || kind == .semicolon }

  public var description: String {
    switch kind {
    case .newline: "end of line"
    case .end: "end of input"
    default: "'\(text)'"
    }
  }

  /// The elements of a list token, each with its own location.
  public var listElements: [Token] {
    guard kind == .list else { return [self] }
    var elements: [Token] = []
    var column = location.column
    var offset = start
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      let piece = String(part)
      let kind = Lexer.classify(bare: piece)
      let place = SourceLocation(
        file: location.file, line: location.line, column: column,
        length: max(piece.count, 1))
      elements.append(
        Token(
          kind: kind == .list ? .word : kind, text: piece, value: piece,
          location: place, start: offset, end: offset + piece.count))
      column += piece.count + 1
      offset += piece.count + 1
    }
    return elements
  }
}
