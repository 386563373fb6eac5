/// Checks a parsed command against the verb table and types its values,
/// substituting `$name` variables and filling in defaults.
public struct Resolver: Sendable {
  public let table: VerbTable

  public init(table: VerbTable = .standard) {
    self.table = table
  }

  /// Parses and resolves one command lad writes itself (compare's steps,
  /// `lad train`'s flags, a saved file's settings), so values that come
  /// from elsewhere meet the checks of typed ones.
  public func resolve(
    text: String, file: String, variables: [String: Value] = [:]
  ) throws(LanguageError) -> ResolvedCommand {
    let commands = try Parser.parse(text, file: file)
    // a value with a ';' in it would make a second command
    if commands.count > 1 {
      throw LanguageError(.unexpectedCharacter(";"), at: commands[1].verb.location)
    }
    guard let command = commands.first else {
      throw LanguageError(
        .expectedVerb(found: "nothing"), at: SourceLocation(file: file, line: 1, column: 1))
    }
    return try resolve(command, variables: variables)
  }

  /// - Parameter variables: settings and variables at this point; they
  ///   resolve `$name` and are kept in the result as its settings.
  public func resolve(
    _ command: Command, variables: [String: Value]
  ) throws(LanguageError) -> ResolvedCommand {
    let spec = try verbSpec(of: command)
    try checkBlock(of: command, against: spec)

    var values: [String: Value] = [:]
    var keyLocations: [String: SourceLocation] = [:]
    var valueLocations: [String: SourceLocation] = [:]
    func record(_ name: String, _ value: Value, key: Token, value token: Token) {
      values[name] = value
      keyLocations[name] = key.location
      valueLocations[name] = token.location
    }

    // positionals, in order
    for (i, token) in command.positionals.enumerated() {
      guard i < spec.positionals.count else {
        throw LanguageError(.extraPositional(token.text, verb: spec.name), at: token.location)
      }
      let positional = spec.positionals[i]
      let value = try typed(token, as: positional.type, for: positional.name, variables)
      record(positional.name, value, key: token, value: token)
    }

    // key=value options; a positional may also be given by its name
    for option in command.options {
      let name = option.key.text
      guard values[name] == nil else {
        throw LanguageError(.repeatedKey(name, verb: spec.name), at: option.key.location)
      }
      if let key = spec.key(named: name) {
        var value = try typed(option.value, as: key.type, for: name, variables)
        value = try checked(value, option.value, key.constraint, name)
        record(name, value, key: option.key, value: option.value)
      } else if let positional = spec.positionals.first(where: { $0.name == name }) {
        let value = try typed(option.value, as: positional.type, for: name, variables)
        record(name, value, key: option.key, value: option.value)
      } else if spec.acceptsVariables {
        guard Lexer.isIdentifier(name) else {
          throw LanguageError(.badVariableName(name), at: option.key.location)
        }
        let value =
          try substituted(option.value, variables) ?? Value.inferred(from: option.value)
        try checkSetting(name, option.value, variables)
        record(name, value, key: option.key, value: option.value)
      } else {
        let names = spec.keys.map(\.name) + spec.positionals.map(\.name)
        let suggestion = Suggestion.closest(to: name, among: names)
        throw LanguageError(
          .unknownKey(name, verb: spec.name, suggestion: suggestion),
          at: option.key.location)
      }
    }

    let explicit = Set(values.keys)
    for positional in spec.positionals
    where positional.isRequired && values[positional.name] == nil {
      throw LanguageError(
        .missingPositional(name: positional.name, verb: spec.name), at: command.verb.location)
    }
    for key in spec.keys where values[key.name] == nil {
      values[key.name] = key.defaultValue
    }
    return ResolvedCommand(
      spec: spec, values: values, explicitKeys: explicit, settings: variables,
      command: command, keyLocations: keyLocations, valueLocations: valueLocations)
  }

  private func verbSpec(of command: Command) throws(LanguageError) -> VerbSpec {
    let name = command.verb.text
    if let spec = table.verb(named: name) { return spec }
    let suggestion = Suggestion.closest(to: name, among: table.verbNames)
    throw LanguageError(.unknownVerb(name, suggestion: suggestion), at: command.verb.location)
  }

  private func checkBlock(of command: Command, against spec: VerbSpec) throws(LanguageError) {
    switch (spec.block, command.block) {
    case (.none, let block?):
      throw LanguageError(.blockNotAllowed(verb: spec.name), at: block.open.location)
    case (.required, nil):
      throw LanguageError(.blockRequired(verb: spec.name), at: command.verb.location)
    default:
      return
    }
  }

  /// The variable's value for a `$name` token, nil for other tokens.
  private func substituted(
    _ token: Token, _ variables: [String: Value]
  ) throws(LanguageError) -> Value? {
    guard token.kind == .variable else { return nil }
    if let value = variables[token.value] { return value }
    let suggestion = Suggestion.closest(to: token.value, among: variables.keys.sorted())
    throw LanguageError(
      .unknownVariable(token.value, suggestion: suggestion), at: token.location)
  }

  /// Types a value token (or the variable it names) as `type`.
  private func typed(
    _ token: Token, as type: ValueType, for name: String, _ variables: [String: Value]
  ) throws(LanguageError) -> Value {
    var text = token.value
    let quoted = token.kind == .string
    if let value = try substituted(token, variables) { text = value.description }

    switch type {
    case .choice(let choices):
      if let value = type.value(of: text) { return value }
      let suggestion = Suggestion.closest(to: text, among: choices)
      throw LanguageError(
        .badChoice(text, key: name, choices: choices, suggestion: suggestion),
        at: token.location)
    case .verb:
      if table.verb(named: text) != nil { return .string(text) }
      let suggestion = Suggestion.closest(to: text, among: table.verbNames)
      throw LanguageError(.unknownVerb(text, suggestion: suggestion), at: token.location)
    case .list(let element) where token.kind == .list:
      var values: [Value] = []
      for part in token.listElements {
        values.append(try typed(part, as: element, for: name, variables))
      }
      return .list(values)
    default:
      if let value = type.value(of: text, quoted: quoted) { return value }
      // one word where a list of choices goes: say which choices, as a
      // single choice would
      if case .list(let element) = type, case .choice = element, !text.contains(",") {
        return .list([try typed(token, as: element, for: name, variables)])
      }
      throw LanguageError(.badValue(text, key: name, expected: type), at: token.location)
    }
  }

  /// A setting is a default for every verb with a key of its name
  /// (`set batch=0` for teacher, distill and baseline): its value must
  /// fit each of those keys as if given on the command.
  private func checkSetting(
    _ name: String, _ token: Token, _ variables: [String: Value]
  ) throws(LanguageError) {
    for verb in table.verbs {
      guard let key = verb.key(named: name) else { continue }
      let value = try typed(token, as: key.type, for: name, variables)
      _ = try checked(value, token, key.constraint, name)
    }
  }

  /// Checks a number against the key's constraint, and seeds for repeats.
  private func checked(
    _ value: Value, _ token: Token, _ constraint: Constraint, _ name: String
  ) throws(LanguageError) -> Value {
    if let seeds = value.seedsValue {
      var seen = Set<Int>()
      for seed in seeds where !seen.insert(seed).inserted {
        throw LanguageError(.repeatedSeed(seed, key: name), at: token.location)
      }
    }
    if let x = value.doubleValue, !constraint.admits(x) {
      let text = token.kind == .variable ? value.description : token.value
      throw LanguageError(
        .outOfRange(text, key: name, constraint: constraint),
        at: token.location)
    }
    return value
  }
}
