import Foundation
import Runtime

/// Tab completion, from the verb table: verbs at the start of a command,
/// then the next positional's values and the verb's keys (`nhid=`), the
/// choices of a key after `key=`, paths after a path key (`to=`, `root=`),
/// dataset names (on disk, or known and downloadable), and `$variables`.
public struct Completer: Sendable {
  /// The characters that end the word being completed.
  public static let wordBreaks: Set<Character> = [" ", "\t", "\n", ";", "{", "}", "="]

  public let table: VerbTable
  private let variableNames: @Sendable () -> [String]
  private let datasetNames: @Sendable () -> [String]
  private let listDirectory: @Sendable (String) -> [(name: String, isDirectory: Bool)]

  public init(
    table: VerbTable = .standard,
    variableNames: @escaping @Sendable () -> [String] = { [] },
    datasetNames: @escaping @Sendable () -> [String] = Completer.datasetsOnDisk,
    listDirectory: @escaping @Sendable (String) -> [(name: String, isDirectory: Bool)] =
      Completer.entries(of:)
  ) {
    self.table = table
    self.variableNames = variableNames
    self.datasetNames = datasetNames
    self.listDirectory = listDirectory
  }

  /// The candidates for the word that ends `text` (the line up to the
  /// cursor); each replaces the whole word.
  public func candidates(before text: String) -> [String] {
    let characters = Array(text)
    var start = characters.count
    while start > 0, !Completer.wordBreaks.contains(characters[start - 1]) { start -= 1 }
    let word = String(characters[start...])
    if word.hasPrefix("$") {
      return variableNames().sorted().map { "$" + $0 }.filter { $0.hasPrefix(word) }
    }

    // the pieces of this command before the word
    var commandStart = start
    while commandStart > 0, !";{}".contains(characters[commandStart - 1]) {
      commandStart -= 1
    }
    let before = String(characters[commandStart..<start])
    let afterEquals = before.last == "="
    let pieces = before.split(whereSeparator: \.isWhitespace).map(String.init)
    guard let first = pieces.first else {
      return table.verbNames.filter { $0.hasPrefix(word) }
    }
    let name = first.hasSuffix("?") ? String(first.dropLast()) : first
    guard let verb = table.verb(named: name) else { return [] }

    // a value after key=
    if afterEquals, let key = pieces.last?.dropLast() {
      guard let type = type(of: String(key), in: verb) else { return [] }
      return values(of: type, matching: word)
    }

    // a positional or a key
    let arguments = pieces.dropFirst()
    let used = Set(arguments.compactMap { $0.split(separator: "=").first.map(String.init) })
    let positionalCount = arguments.filter { !$0.contains("=") }.count
    var found: [String] = []
    if positionalCount < verb.positionals.count {
      found += values(of: verb.positionals[positionalCount].type, matching: word)
    }
    found += verb.keys.map(\.name).filter { !used.contains($0) }.map { $0 + "=" }
      .filter { $0.hasPrefix(word) }
    return found
  }

  private func type(of key: String, in verb: VerbSpec) -> ValueType? {
    verb.key(named: key)?.type ?? verb.positionals.first { $0.name == key }?.type
  }

  private func values(of type: ValueType, matching word: String) -> [String] {
    switch type {
    case .choice(let choices): return choices.filter { $0.hasPrefix(word.lowercased()) }
    case .bool: return ["true", "false"].filter { $0.hasPrefix(word) }
    case .verb: return table.verbNames.filter { $0.hasPrefix(word) }
    case .dataset:
      return datasetNames().filter { $0.lowercased().hasPrefix(word.lowercased()) }
    case .path: return paths(matching: word)
    default: return []
    }
  }

  /// Files and directories (with a trailing `/`) that complete `word`.
  private func paths(matching word: String) -> [String] {
    let slash = word.lastIndex(of: "/")
    let directory = slash.map { String(word[...$0]) } ?? ""
    let base = slash.map { String(word[word.index(after: $0)...]) } ?? word
    let listed = directory.isEmpty ? "." : ValueType.expandingTilde(directory)
    return listDirectory(listed)
      .filter { $0.name.hasPrefix(base) && (base.hasPrefix(".") || !$0.name.hasPrefix(".")) }
      .map { directory + $0.name + ($0.isDirectory ? "/" : "") }
      .sorted()
  }

  // MARK: what is on disk

  /// The entries of a directory, none when it cannot be read.
  public static func entries(of directory: String) -> [(name: String, isDirectory: Bool)] {
    let manager = FileManager.default
    guard let names = try? manager.contentsOfDirectory(atPath: directory) else { return [] }
    return names.map { name in
      var isDirectory: ObjCBool = false
      _ = manager.fileExists(atPath: directory + "/" + name, isDirectory: &isDirectory)
      return (name, isDirectory.boolValue)
    }
  }

  /// The names `load` accepts without a `root=`: the datasets in
  /// `LAD_DATA` and the user cache (folders and zips), and the known TU
  /// names it would download.
  public static func datasetsOnDisk() -> [String] {
    let environment = ProcessInfo.processInfo.environment
    let local = DatasetLoader.listLocal(root: nil, environment: environment).map(\.name)
    return Set(local + DatasetNames.known).sorted()
  }
}
