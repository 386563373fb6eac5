/// Finds a graph-classification dataset by name and reads it.
///
/// ```
/// let mutag = try DatasetLoader.load(
///   name: "MUTAG", root: nil, environment: ProcessInfo.processInfo.environment,
///   features: .default)
/// // MUTAG: 188 graphs, 2 classes (63/125), 7 node features (one-hot node label)
/// ```
public enum DatasetLoader {
  /// Loads dataset `name` (exact, case-sensitive) from the first search
  /// root that holds it: `root`, then `$LAD_DATA`, then the user cache
  /// (`$XDG_CACHE_HOME/lad` or `~/.cache/lad`), each read from
  /// `environment`. The format (TU raw or GIN text, plain or gzipped) is
  /// detected from the file names. `features` applies only to datasets
  /// without node labels or attributes; default `.degree`.
  ///
  /// Throws `DatasetError`: `.ambiguousName` for a family prefix (`PTC`),
  /// `.notFound` naming every place searched (with a close name when there
  /// is one), or a `.data` case naming the file and line of bad input.
  public static func load(
    name: String, root: String?, environment: [String: String],
    features: FeatureMode = .default
  ) throws -> GraphDataset {
    let roots = DatasetLocator.searchRoots(root: root, environment: environment)
    for searchRoot in roots {
      if let found = DatasetLocator.find(name, under: searchRoot) {
        return try load(found, features: features)
      }
    }
    let plainName = !name.isEmpty && !name.contains("/") && name != "." && name != ".."
    for searchRoot in roots where plainName && FileBytes.isDirectory("\(searchRoot)/\(name)") {
      throw DatasetError.unknownFormat(directory: "\(searchRoot)/\(name)", name: name)
    }
    let onDisk = DatasetLocator.list(roots: roots).map(\.name)
    switch DatasetNames.resolve(name, candidates: DatasetNames.known + onDisk) {
    case .ambiguous(let choices):
      throw DatasetError.ambiguousName(name: name, choices: choices)
    case .suggestion(let guess):
      throw DatasetError.notFound(
        name: name, searched: roots.map { "\($0)/\(name)" }, suggestion: guess)
    case .nothing:
      throw DatasetError.notFound(
        name: name, searched: roots.map { "\($0)/\(name)" }, suggestion: nil)
    }
  }

  /// Loads the dataset `name` whose files sit in `directory` itself.
  public static func load(
    directory: String, name: String, features: FeatureMode = .default
  ) throws -> GraphDataset {
    guard let format = DatasetLocator.format(of: directory, name: name) else {
      guard FileBytes.isDirectory(directory) else {
        throw DatasetError.notFound(name: name, searched: [directory], suggestion: nil)
      }
      throw DatasetError.unknownFormat(directory: directory, name: name)
    }
    return try load(
      LocalDataset(name: name, directory: directory, format: format),
      features: features)
  }

  /// The dataset folders found under the search roots of `load`, sorted by
  /// name; for listing and tab completion.
  public static func listLocal(root: String?, environment: [String: String]) -> [LocalDataset] {
    DatasetLocator.list(roots: DatasetLocator.searchRoots(root: root, environment: environment))
  }

  private static func load(_ found: LocalDataset, features: FeatureMode) throws -> GraphDataset {
    switch found.format {
    case .tu:
      try TUReader.read(directory: found.directory, name: found.name, features: features)
    case .ginText:
      try GINTextReader.read(directory: found.directory, name: found.name, features: features)
    }
  }
}
