/// Builds commands from tokens, one method per grammar rule:
///
///     script    := separators (command separators)* end
///     command   := verb argument* block?
///     argument  := key '=' value | value
///     block     := '{' separators (command separators)* '}'
///     separators:= (newline | ';')*
///
/// `VERB?` is shorthand for `help VERB`, and `?` for `help`.
public struct Parser {
  private let tokens: [Token]
  private let characters: [Character]
  private var index = 0

  /// - Parameters:
  ///   - tokens: the lexer's tokens, ending with `.end`.
  ///   - text: the text they were lexed from (for each command's text).
  public init(tokens: [Token], text: String) {
    self.tokens = tokens
    self.characters = Array(text)
  }

  /// Lexes and parses `text`.
  public static func parse(
    _ text: String, file: String, firstLine: Int = 1
  ) throws(LanguageError) -> [Command] {
    let tokens = try Lexer.tokens(in: text, file: file, firstLine: firstLine)
    var parser = Parser(tokens: tokens, text: text)
    return try parser.parseScript()
  }

  // script := separators (command separators)* end
  public mutating func parseScript() throws(LanguageError) -> [Command] {
    let commands = try parseCommands(inside: nil)
    if peek.kind == .rightBrace {
      throw LanguageError(.unexpectedCloseBrace, at: peek.location)
    }
    return commands
  }

  private mutating func parseCommands(inside open: Token?) throws(LanguageError)
    -> [Command]
  {
    var commands: [Command] = []
    while true {
      skipSeparators()
      switch peek.kind {
      case .end:
        if let open { throw LanguageError(.unclosedBlock, at: open.location) }
        return commands
      case .rightBrace:
        return commands
      default:
        commands.append(try parseCommand())
        try expectCommandEnd()
      }
    }
  }

  // command := verb argument* block?
  private mutating func parseCommand() throws(LanguageError) -> Command {
    let first = advance()
    guard first.kind == .word else {
      throw LanguageError(.expectedVerb(found: first.text), at: first.location)
    }
    var command = Command(verb: first)
    if first.text == "?" {
      command.verb.text = "help"
      command.verb.value = "help"
    } else if first.text.hasSuffix("?") {
      command = helpShorthand(for: first)
    }
    while peek.isValue || peek.kind == .equals {
      try parseArgument(into: &command)
    }
    if peek.kind == .leftBrace {
      command.block = try parseBlock()
    }
    let last = tokens[index - 1]
    command.text = String(characters[first.start..<max(last.end, first.end)])
    return command
  }

  // argument := key '=' value | value
  private mutating func parseArgument(into command: inout Command) throws(LanguageError) {
    let token = advance()
    if token.kind == .equals {
      throw LanguageError(.expectedKey(found: "="), at: token.location)
    }
    guard peek.kind == .equals else {
      command.positionals.append(token)
      return
    }
    guard token.kind == .word else {
      throw LanguageError(.expectedKey(found: token.text), at: token.location)
    }
    advance()
    guard peek.isValue else {
      throw LanguageError(.missingValue(key: token.text), at: token.location)
    }
    command.options.append(Option(key: token, value: advance()))
  }

  // block := '{' separators (command separators)* '}'
  private mutating func parseBlock() throws(LanguageError) -> Block {
    let open = advance()
    let commands = try parseCommands(inside: open)
    let close = advance()
    return Block(open: open, close: close, commands: commands)
  }

  // after a command: a separator, a closing brace or the end
  private func expectCommandEnd() throws(LanguageError) {
    switch peek.kind {
    case .newline, .semicolon, .rightBrace, .end: return
    default:
      throw LanguageError(.expectedSeparator(found: peek.text), at: peek.location)
    }
  }

  private mutating func skipSeparators() {
    while peek.isSeparator { advance() }
  }

  /// `teacher?` becomes `help teacher`, located at the written token.
  private func helpShorthand(for token: Token) -> Command {
    let name = String(token.text.dropLast())
    var verb = token
    verb.text = "help"
    verb.value = "help"
    var argument = token
    argument.text = name
    argument.value = name
    argument.location.length = max(name.count, 1)
    argument.end -= 1
    return Command(verb: verb, positionals: [argument])
  }

  private var peek: Token { tokens[min(index, tokens.count - 1)] }

  @discardableResult
  private mutating func advance() -> Token {
    let token = peek
    if index < tokens.count - 1 { index += 1 }
    return token
  }
}
