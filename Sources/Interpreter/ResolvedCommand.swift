import Runtime

/// A command checked against the verb table: typed values with the
/// table's defaults filled in, the settings at that moment, and where
/// each part was written, so an executor can point at a key.
///
/// Positional arguments are read by their name in the table, like keys:
/// `teacher gcn` gives `string("backbone") == "gcn"`.
public struct ResolvedCommand: Sendable {
  /// The verb's entry in the table.
  public let spec: VerbSpec
  /// Every value by name: positionals, given keys and defaulted keys.
  public let values: [String: Value]
  /// The names of the positionals and keys the user wrote.
  public let explicitKeys: Set<String>
  /// Settings and variables (`set`) when the command ran.
  public let settings: [String: Value]
  /// The command as parsed (its tokens, block and text).
  public let command: Command
  let keyLocations: [String: SourceLocation]
  let valueLocations: [String: SourceLocation]

  public init(
    spec: VerbSpec, values: [String: Value], explicitKeys: Set<String>,
    settings: [String: Value], command: Command,
    keyLocations: [String: SourceLocation] = [:],
    valueLocations: [String: SourceLocation] = [:]
  ) {
    self.spec = spec
    self.values = values
    self.explicitKeys = explicitKeys
    self.settings = settings
    self.command = command
    self.keyLocations = keyLocations
    self.valueLocations = valueLocations
  }

  public var verb: String { spec.name }
  /// The command's source text, for transcripts.
  public var text: String { command.text }
  public var verbLocation: SourceLocation { command.verb.location }

  // MARK: typed values

  /// The value of a positional or key, nil when absent and not defaulted.
  public func value(_ name: String) -> Value? { values[name] }

  /// Whether the user wrote this positional or key (not a default).
  public func isExplicit(_ name: String) -> Bool { explicitKeys.contains(name) }

  public func int(_ name: String) -> Int { typed(name, \.intValue, "an int") }
  public func double(_ name: String) -> Double { typed(name, \.doubleValue, "a number") }
  public func string(_ name: String) -> String { typed(name, \.stringValue, "a string") }
  public func bool(_ name: String) -> Bool { typed(name, \.boolValue, "a bool") }
  public func seeds(_ name: String) -> [Int] { typed(name, \.seedsValue, "seeds") }
  public func list(_ name: String) -> [Value] { typed(name, \.listValue, "a list") }

  /// Asking for a name the table does not give this verb, or as the wrong
  /// type, is a programmer error of the executor, not a user error.
  private func typed<T>(_ name: String, _ read: (Value) -> T?, _ what: String) -> T {
    guard let value = values[name] else {
      preconditionFailure("'\(verb)' has no value for '\(name)'")
    }
    guard let result = read(value) else {
      preconditionFailure("'\(verb) \(name)' is \(value), not \(what)")
    }
    return result
  }

  // MARK: settings

  /// A setting or variable by name.
  public func setting(_ name: String) -> Value? { settings[name] }
  /// The `seed` setting (1 unless set).
  public var seed: Int { settings["seed"]?.intValue ?? 1 }
  /// The `quiet` setting (false unless set).
  public var quiet: Bool { settings["quiet"]?.boolValue ?? false }

  // MARK: locations

  /// Where the key was written (for a positional, its value); the verb's
  /// location when the value came from a default.
  public func location(ofKey name: String) -> SourceLocation {
    keyLocations[name] ?? verbLocation
  }

  /// Where the key's value was written; the verb's location when defaulted.
  public func location(ofValue name: String) -> SourceLocation {
    valueLocations[name] ?? verbLocation
  }

  /// An error pointing at the value of `name` (or the verb when defaulted).
  public func error(
    at name: String, _ category: ErrorCategory, _ message: String, hint: String? = nil
  ) -> LocatedError {
    LocatedError(LadError(category, message, hint: hint), at: location(ofValue: name))
  }
}
