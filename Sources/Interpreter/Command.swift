/// One `key=value` pair of a command, as written.
public struct Option: Sendable, Hashable {
  public var key: Token
  public var value: Token

  public init(key: Token, value: Token) {
    self.key = key
    self.value = value
  }

  /// The whole `key=value` span, for pointing at the pair.
  public var location: SourceLocation {
    var place = key.location
    if value.location.line == key.location.line {
      place.length = value.location.column + value.location.length - key.location.column
    }
    return place
  }
}

/// A `{ ... }` block of nested commands.
public struct Block: Sendable, Hashable {
  public var open: Token
  public var close: Token
  public var commands: [Command]

  public init(open: Token, close: Token, commands: [Command]) {
    self.open = open
    self.close = close
    self.commands = commands
  }
}

/// One parsed command: `verb positional... key=value... [{ block }]`, with
/// every part's source location and the command's own text.
public struct Command: Sendable, Hashable {
  public var verb: Token
  public var positionals: [Token]
  public var options: [Option]
  public var block: Block?
  /// The command's source text, from the verb to its last token.
  public var text: String

  public init(
    verb: Token, positionals: [Token] = [], options: [Option] = [],
    block: Block? = nil, text: String? = nil
  ) {
    self.verb = verb
    self.positionals = positionals
    self.options = options
    self.block = block
    self.text = text ?? verb.text
  }
}
