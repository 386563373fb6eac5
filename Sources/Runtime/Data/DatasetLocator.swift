#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The on-disk formats `lad` reads.
public enum DatasetFormat: String, Sendable {
  /// TU raw files: `NAME_A.txt`, `NAME_graph_indicator.txt`, ...
  case tu
  /// The GIN paper's single file `NAME.txt`.
  case ginText
}

/// A dataset folder found on disk.
public struct LocalDataset: Sendable, Equatable {
  public var name: String
  /// The folder that holds the files.
  public var directory: String
  public var format: DatasetFormat
}

/// Where datasets are looked for. A search root `R` may hold the dataset
/// `NAME` as `R/NAME/` itself or, as PyG and the TU zips lay it out, as
/// `R/NAME/raw/`, `R/NAME/NAME/` or `R/NAME/NAME/raw/`.
enum DatasetLocator {
  /// The search roots, in order, without repeats: `root` (a leading `~/`
  /// expands to `$HOME`), then `$LAD_DATA`, then the user cache
  /// `$XDG_CACHE_HOME/lad` or `$HOME/.cache/lad`.
  static func searchRoots(root: String?, environment: [String: String]) -> [String] {
    var roots: [String] = []
    func add(_ path: String?) {
      guard var path, !path.isEmpty else { return }
      if path.hasPrefix("~/"), let home = environment["HOME"], !home.isEmpty {
        path = home + path.dropFirst()
      }
      while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
      if !roots.contains(path) { roots.append(path) }
    }
    add(root)
    add(environment["LAD_DATA"])
    if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
      add(cache + "/lad")
    } else if let home = environment["HOME"], !home.isEmpty {
      add(home + "/.cache/lad")
    }
    return roots
  }

  /// The folder of dataset `name` under `root`, if there is one.
  static func find(_ name: String, under root: String) -> LocalDataset? {
    guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else { return nil }
    let base = "\(root)/\(name)"
    for directory in [base, "\(base)/raw", "\(base)/\(name)", "\(base)/\(name)/raw"] {
      if let format = format(of: directory, name: name) {
        return LocalDataset(name: name, directory: directory, format: format)
      }
    }
    return nil
  }

  /// The format of the dataset `name` in `directory`, if it holds one.
  /// TU wins when both are present.
  static func format(of directory: String, name: String) -> DatasetFormat? {
    guard FileBytes.isDirectory(directory) else { return nil }
    if TUReader.recognises(directory: directory, name: name) { return .tu }
    if GINTextReader.file(directory: directory, name: name) != nil { return .ginText }
    return nil
  }

  /// Every dataset folder under the roots, sorted by name; a name found
  /// under two roots is listed once, from the first.
  static func list(roots: [String]) -> [LocalDataset] {
    var found: [String: LocalDataset] = [:]
    for root in roots {
      for entry in subdirectories(of: root) where found[entry] == nil {
        if let dataset = find(entry, under: root) { found[entry] = dataset }
      }
    }
    return found.values.sorted { $0.name < $1.name }
  }

  private static func subdirectories(of root: String) -> [String] {
    guard let handle = opendir(root) else { return [] }
    defer { closedir(handle) }
    var names: [String] = []
    while let entry = readdir(handle) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      if !name.hasPrefix("."), FileBytes.isDirectory("\(root)/\(name)") { names.append(name) }
    }
    return names
  }
}
