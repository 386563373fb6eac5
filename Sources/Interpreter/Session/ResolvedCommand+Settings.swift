import Runtime

/// Settings act as defaults: `set epochs=20` makes every later verb that
/// has an `epochs` key train 20 epochs unless the command says otherwise.
/// Order of precedence: the command's own key, then a setting of the same
/// name, then the verb table's default.
extension ResolvedCommand {
  func effective(_ name: String) -> Value? {
    if isExplicit(name) { return value(name) }
    if let setting = setting(name) { return setting }
    return value(name)
  }

  func effectiveInt(_ name: String) throws -> Int {
    guard let v = effective(name)?.intValue else { throw settingError(name, "a whole number") }
    return v
  }

  func effectiveDouble(_ name: String) throws -> Double {
    guard let v = effective(name)?.doubleValue else { throw settingError(name, "a number") }
    return v
  }

  func effectiveBool(_ name: String) throws -> Bool {
    guard let v = effective(name)?.boolValue else { throw settingError(name, "true or false") }
    return v
  }

  func effectiveString(_ name: String) throws -> String {
    guard let v = effective(name)?.stringValue else { throw settingError(name, "a word") }
    return v
  }

  private func settingError(_ name: String, _ expected: String) -> LocatedError {
    let shown = effective(name).map { "'\($0)'" } ?? "missing"
    return LocatedError(
      LadError(
        .usage, "the setting '\(name)' is \(shown), not \(expected), so '\(verb)' cannot use it.",
        hint: "Change it with 'set \(name)=...' or give \(name)= on the command."),
      at: verbLocation)
  }
}
