/// Finds a graph-classification dataset by name and reads it.
///
/// ```
/// let mutag = try DatasetLoader.load(
///   name: "MUTAG", root: nil, environment: ProcessInfo.processInfo.environment,
///   features: .default)
/// // MUTAG: 188 graphs, 2 classes (63/125), 7 node features (one-hot node label)
/// ```
public enum DatasetLoader {
  /// Loads dataset `name` (exact, case-sensitive) from `root` when it is
  /// given, else from the first search root that holds it: `$LAD_DATA`,
  /// then the user cache (`$XDG_CACHE_HOME/lad` or `~/.cache/lad`), each
  /// read from `environment`. A `root` or `$LAD_DATA` that is not a
  /// directory is an error (`.badRoot`), and so is a `root` without the
  /// dataset (`.notInRoot`): neither falls through to a download. In
  /// each root the folder `NAME/` comes before the zip `NAME.zip`. The
  /// format (TU raw or GIN text, plain or gzipped) is detected from the
  /// file names. `features` applies only to datasets
  /// without node labels or attributes; default `.degree`.
  ///
  /// When no root holds it and `download` is given, a name of
  /// `DatasetNames.known` is fetched into the cache (see `DatasetDownload`).
  ///
  /// Throws `DatasetError`: `.ambiguousName` for a family prefix (`PTC`),
  /// `.notFound` naming every place searched (with a close name when there
  /// is one), `.downloadFailed`, or a `.data` case naming the file and
  /// line of bad input.
  public static func load(
    name: String, root: String?, environment: [String: String],
    features: FeatureMode = .default, download: DatasetDownload? = nil
  ) throws -> GraphDataset {
    try DatasetLocator.checkChosenRoot(root: root, environment: environment)
    let roots = DatasetLocator.searchRoots(root: root, environment: environment)
    for searchRoot in roots {
      if let found = try DatasetLocator.locate(name, under: searchRoot) {
        return try read(found, features: features)
      }
    }
    let plainName = DatasetLocator.isPlainName(name)
    for searchRoot in roots where plainName && FileBytes.isDirectory("\(searchRoot)/\(name)") {
      throw DatasetError.unknownFormat(directory: "\(searchRoot)/\(name)", name: name)
    }
    // an explicit root is the only place searched: no download either
    if root == nil, let download, DatasetDownload.isDownloadable(name),
      let cache = DatasetLocator.cacheRoot(environment: environment)
    {
      return try download.fetch(name, into: cache, features: features)
    }
    let onDisk = DatasetLocator.list(roots: roots).map(\.name)
    let resolved = DatasetNames.resolve(name, candidates: DatasetNames.known + onDisk)
    if let root, let searched = roots.first {
      var suggestion: String? = nil
      switch resolved {
      case .ambiguous(let choices): throw DatasetError.ambiguousName(name: name, choices: choices)
      case .suggestion(let guess): suggestion = guess
      case .nothing: break
      }
      throw DatasetError.notInRoot(
        name: name, root: root,
        searched: ["\(searched)/\(name)/", "\(searched)/\(name).zip"], suggestion: suggestion)
    }
    switch resolved {
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

  /// Loads the dataset `name` whose files sit in `directory` itself (a
  /// folder, a zip file, or a folder inside a zip: `D/X.zip/X`).
  public static func load(
    directory: String, name: String, features: FeatureMode = .default
  ) throws -> GraphDataset {
    guard let format = DatasetLocator.format(of: directory, name: name) else {
      guard FileBytes.isDirectory(directory) else {
        throw DatasetError.notFound(name: name, searched: [directory], suggestion: nil)
      }
      if let (archive, _) = FileBytes.splitArchivePath(directory) {
        _ = try ZipArchive(path: archive)
      }
      throw DatasetError.unknownFormat(directory: directory, name: name)
    }
    return try read(
      LocalDataset(name: name, directory: directory, format: format),
      features: features)
  }

  /// The datasets (folders and zips) found under the search roots of
  /// `load`, sorted by name; for listing and tab completion.
  /// `checkRoots` throws what `load` would for a root that is no directory.
  public static func checkRoots(root: String?, environment: [String: String]) throws {
    try DatasetLocator.checkChosenRoot(root: root, environment: environment)
  }

  public static func listLocal(root: String?, environment: [String: String]) -> [LocalDataset] {
    DatasetLocator.list(roots: DatasetLocator.searchRoots(root: root, environment: environment))
  }

  /// Throws the error `load` would give for `name` when it is neither on
  /// disk under the search roots nor a name lad can download; cheap
  /// otherwise (nothing is read). For a long job to check its datasets
  /// before it starts.
  public static func checkFindable(_ name: String, environment: [String: String]) throws {
    let onDisk = listLocal(root: nil, environment: environment).map(\.name)
    guard !onDisk.contains(name), !DatasetDownload.isDownloadable(name) else { return }
    // not found: this throws the error 'load' gives, with its suggestion
    _ = try load(name: name, root: nil, environment: environment)
  }

  /// The search roots of `load`, in order.
  public static func searchRoots(root: String?, environment: [String: String]) -> [String] {
    DatasetLocator.searchRoots(root: root, environment: environment)
  }

  /// The user cache, where downloads go; nil without `XDG_CACHE_HOME` or `HOME`.
  public static func cacheRoot(environment: [String: String]) -> String? {
    DatasetLocator.cacheRoot(environment: environment)
  }

  static func read(_ found: LocalDataset, features: FeatureMode) throws -> GraphDataset {
    switch found.format {
    case .tu:
      try TUReader.read(directory: found.directory, name: found.name, features: features)
    case .ginText:
      try GINTextReader.read(directory: found.directory, name: found.name, features: features)
    }
  }
}
