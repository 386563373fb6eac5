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

/// A dataset found on disk.
public struct LocalDataset: Sendable, Equatable {
  public var name: String
  /// The folder that holds the files; inside a zip it reads
  /// `ARCHIVE.zip/FOLDER` (see `archive`).
  public var directory: String
  public var format: DatasetFormat
  /// The zip file the dataset is read from, when it is one.
  public var archive: String?

  public init(name: String, directory: String, format: DatasetFormat, archive: String? = nil) {
    self.name = name
    self.directory = directory
    self.format = format
    self.archive = archive
  }
}

/// Where datasets are looked for. A search root `R` may hold the dataset
/// `NAME` as `R/NAME/` itself or, as PyG and the TU zips lay it out, as
/// `R/NAME/raw/`, `R/NAME/NAME/` or `R/NAME/NAME/raw/`; failing those, as
/// the zip `R/NAME.zip` with the same layouts inside (`NAME/NAME_A.txt`).
enum DatasetLocator {
  /// The search roots, in order, without repeats: `root` alone when it is
  /// given (a leading `~/` expands to `$HOME`; an explicit root is the
  /// user's choice, so nothing else is searched), else `$LAD_DATA`, then
  /// the user cache `$XDG_CACHE_HOME/lad` or `$HOME/.cache/lad`.
  static func searchRoots(root: String?, environment: [String: String]) -> [String] {
    if let root = expand(root, environment: environment) { return [root] }
    var roots: [String] = []
    for path in [environment["LAD_DATA"], cacheRoot(environment: environment)] {
      if let path = expand(path, environment: environment), !roots.contains(path) {
        roots.append(path)
      }
    }
    return roots
  }

  /// `path` with a leading `~/` expanded and trailing slashes dropped;
  /// nil when it is nil or empty.
  static func expand(_ path: String?, environment: [String: String]) -> String? {
    guard var path, !path.isEmpty else { return nil }
    if path.hasPrefix("~/"), let home = environment["HOME"], !home.isEmpty {
      path = home + path.dropFirst()
    }
    while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
    return path
  }

  /// Checks the roots the user chose: `root` when given, else a set
  /// `$LAD_DATA`. Throws `.badRoot` when the one in force is not a
  /// directory, so a typo is never skipped on the way to a download.
  static func checkChosenRoot(root: String?, environment: [String: String]) throws {
    let (setting, written) =
      root.map { ("root=", $0) } ?? ("LAD_DATA", environment["LAD_DATA"] ?? "")
    guard let path = expand(written, environment: environment) else { return }
    var info = stat()
    let problem: String
    if stat(path, &info) != 0 {
      problem = errno == ENOENT ? "does not exist" : String(cString: strerror(errno))
    } else if (info.st_mode & S_IFMT) != S_IFDIR {
      problem = "is a file, not a directory"
    } else {
      return
    }
    throw DatasetError.badRoot(setting: setting, path: written, problem: problem)
  }

  /// The cache root of `searchRoots`: `$XDG_CACHE_HOME/lad` or
  /// `$HOME/.cache/lad`, nil without either.
  static func cacheRoot(environment: [String: String]) -> String? {
    if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
      return cache + "/lad"
    }
    if let home = environment["HOME"], !home.isEmpty { return home + "/.cache/lad" }
    return nil
  }

  /// Whether `name` can name a file: not empty, no `/`, not `.` or `..`.
  static func isPlainName(_ name: String) -> Bool {
    !name.isEmpty && !name.contains("/") && name != "." && name != ".."
  }

  /// Dataset `name` under `root`: its folder, else its zip. Throws when
  /// `root/NAME.zip` is there but is no readable zip or holds no dataset
  /// `name`; a dataset folder beside it wins.
  static func locate(_ name: String, under root: String) throws -> LocalDataset? {
    if let found = find(name, under: root, archives: false) { return found }
    let zip = "\(root)/\(name).zip"
    guard isPlainName(name), FileBytes.isArchive(zip) else { return nil }
    _ = try ZipArchive(path: zip)
    guard let found = find(name, inside: zip) else {
      throw DatasetError.unknownFormat(directory: zip, name: name)
    }
    return found
  }

  /// Dataset `name` under `root` (a folder, else a readable zip), if any.
  static func find(_ name: String, under root: String, archives: Bool = true) -> LocalDataset? {
    guard isPlainName(name) else { return nil }
    if let found = find(name, inside: "\(root)/\(name)") { return found }
    let zip = "\(root)/\(name).zip"
    guard archives, FileBytes.isArchive(zip) else { return nil }
    return find(name, inside: zip)
  }

  /// Dataset `name` in the folder or zip `base`, in one of the layouts.
  static func find(_ name: String, inside base: String) -> LocalDataset? {
    let archive = FileBytes.isArchive(base) ? base : nil
    for directory in [base, "\(base)/raw", "\(base)/\(name)", "\(base)/\(name)/raw"] {
      if let format = format(of: directory, name: name) {
        return LocalDataset(name: name, directory: directory, format: format, archive: archive)
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

  /// Every dataset folder or zip under the roots, sorted by name; a name
  /// found under two roots is listed once, from the first. Unreadable zips
  /// are left out.
  static func list(roots: [String]) -> [LocalDataset] {
    var found: [String: LocalDataset] = [:]
    for root in roots {
      for entry in candidateNames(in: root) where found[entry] == nil {
        if let dataset = find(entry, under: root) { found[entry] = dataset }
      }
    }
    return found.values.sorted { $0.name < $1.name }
  }

  /// The names of the folders and `*.zip` files in `root`, hidden ones aside.
  static func candidateNames(in root: String) -> [String] {
    var names: [String] = []
    for name in entries(of: root) where !name.hasPrefix(".") {
      let path = "\(root)/\(name)"
      if FileBytes.isArchive(path) {
        names.append(String(name.dropLast(4)))
      } else if FileBytes.isDirectory(path) {
        names.append(name)
      }
    }
    return names
  }

  /// The names in directory `root`, `.` and `..` aside; none when unreadable.
  static func entries(of root: String) -> [String] {
    guard let handle = opendir(root) else { return [] }
    defer { closedir(handle) }
    var names: [String] = []
    while let entry = readdir(handle) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names
  }
}
