/// Why a dataset could not be found or read. Each case carries the data
/// (file path, 1-based line, what was expected, what was found); `message`
/// and `hint` turn it into text, here and nowhere else.
public enum DatasetError: UserFacingError, Equatable {
  /// No folder named `name` in any of `searched`; `suggestion` is a close
  /// known name, when there is one.
  case notFound(name: String, searched: [String], suggestion: String?)
  /// The root the user chose (`setting` is `root=` or `LAD_DATA`, `path`
  /// as written) is not a directory; `problem` says why.
  case badRoot(setting: String, path: String, problem: String)
  /// The explicit `root=` exists but holds no dataset `name`; `searched`
  /// lists the places looked at; `suggestion` is a close name.
  case notInRoot(name: String, root: String, searched: [String], suggestion: String?)
  /// `name` is the prefix of several datasets (`PTC`).
  case ambiguousName(name: String, choices: [String])
  /// The folder exists but holds no file of a known format.
  case unknownFormat(directory: String, name: String)
  /// A file the format requires is absent.
  case missingFile(file: String, role: String)
  /// The operating system refused to open or read a file.
  case unreadable(file: String, reason: String)
  /// A file with no data lines.
  case emptyFile(file: String)
  /// A field that is not what the format allows at this place.
  case badField(file: String, line: Int, expected: String, found: String)
  /// A line with the wrong number of fields.
  case columnCount(file: String, line: Int, expected: String, found: Int)
  /// A file whose data lines do not match another file's count.
  case lineCount(file: String, expected: Int, found: Int, unit: String)
  /// The file ended before the format said it would.
  case unexpectedEnd(file: String, line: Int, expected: String)
  /// An edge whose endpoints belong to two different graphs.
  case edgeAcrossGraphs(
    file: String, line: Int, source: Int, target: Int,
    sourceGraph: Int, targetGraph: Int)
  /// A graph indicator smaller than the one on the line before.
  case unsortedGraphs(file: String, line: Int, previous: Int, found: Int)
  /// A graph with no nodes: a gap in the graph ids, or a graph whose
  /// header says it has none.
  case emptyGraph(file: String, line: Int, graph: Int)
  /// A NaN or infinite attribute.
  case notFinite(file: String, line: Int, column: Int, found: String)
  /// A gzip file that zlib cannot decompress to the end.
  case corruptGzip(file: String, reason: String)
  /// A fold index file that does not fit the dataset.
  case badFold(file: String, line: Int?, problem: String)
  /// A zip archive that cannot be read, or an entry of it (`file` is then
  /// `ARCHIVE.zip/ENTRY`).
  case badArchive(file: String, reason: String)
  /// Fetching `url` into the cache folder `cache` failed; nothing was kept.
  case downloadFailed(name: String, url: String, cache: String, reason: String)

  public var category: ErrorCategory {
    switch self {
    case .notFound, .ambiguousName, .badRoot, .notInRoot: .usage
    case .downloadFailed: .runtime
    default: .data
    }
  }

  /// Whether the error is about a search root rather than the dataset.
  public var isAboutRoot: Bool {
    switch self {
    case .badRoot, .notInRoot: true
    default: false
    }
  }

  /// The file the error is about, when there is one.
  public var file: String? {
    switch self {
    case .notFound, .ambiguousName, .downloadFailed, .badRoot, .notInRoot: nil
    case .unknownFormat(let directory, _): directory
    case .missingFile(let file, _), .unreadable(let file, _), .emptyFile(let file),
      .badField(let file, _, _, _), .columnCount(let file, _, _, _),
      .lineCount(let file, _, _, _), .unexpectedEnd(let file, _, _),
      .edgeAcrossGraphs(let file, _, _, _, _, _), .unsortedGraphs(let file, _, _, _),
      .emptyGraph(let file, _, _), .notFinite(let file, _, _, _),
      .corruptGzip(let file, _), .badFold(let file, _, _), .badArchive(let file, _):
      file
    }
  }

  /// The 1-based line the error is about, when there is one.
  public var line: Int? {
    switch self {
    case .badField(_, let line, _, _), .columnCount(_, let line, _, _),
      .unexpectedEnd(_, let line, _), .edgeAcrossGraphs(_, let line, _, _, _, _),
      .unsortedGraphs(_, let line, _, _), .emptyGraph(_, let line, _),
      .notFinite(_, let line, _, _):
      line
    case .badFold(_, let line, _): line
    default: nil
    }
  }

  public var message: String {
    let at = location
    switch self {
    case .notFound(let name, _, _):
      return "no dataset named '\(name)' was found."
    case .badRoot(let setting, let path, let problem):
      return setting == "LAD_DATA"
        ? "LAD_DATA is '\(path)', which \(problem)."
        : "root='\(path)' \(problem)."
    case .notInRoot(let name, let root, _, _):
      return "root='\(root)' holds no dataset '\(name)'."
    case .ambiguousName(let name, let choices):
      return "'\(name)' names several datasets: \(choices.joined(separator: ", "))."
    case .unknownFormat(let directory, let name):
      return "\(directory): holds neither \(name)_A.txt (TU format) nor "
        + "\(name).txt (GIN text format)."
    case .missingFile(let file, let role):
      return "\(file): missing; the dataset needs it for \(role)."
    case .unreadable(let file, let reason):
      return "\(file): cannot be read (\(reason))."
    case .emptyFile(let file):
      return "\(file): the file is empty."
    case .badField(_, _, let expected, let found):
      return "\(at): expected \(expected), found '\(found)'."
    case .columnCount(_, _, let expected, let found):
      return "\(at): expected \(expected), found \(found) field\(found == 1 ? "" : "s")."
    case .lineCount(let file, let expected, let found, let unit):
      return "\(file): has \(found) data line\(found == 1 ? "" : "s"), expected \(expected) "
        + "(one per \(unit))."
    case .unexpectedEnd(_, _, let expected):
      return "\(at): the file ends here, expected \(expected)."
    case .edgeAcrossGraphs(_, _, let source, let target, let sourceGraph, let targetGraph):
      return "\(at): edge \(source), \(target) joins graph \(sourceGraph) to graph "
        + "\(targetGraph)."
    case .unsortedGraphs(_, _, let previous, let found):
      return "\(at): graph id \(found) follows \(previous); graph ids must be sorted."
    case .emptyGraph(_, _, let graph):
      return "\(at): graph \(graph) has no nodes."
    case .notFinite(_, _, let column, let found):
      return "\(at): attribute \(column) is '\(found)', expected a finite number."
    case .corruptGzip(let file, let reason):
      return "\(file): not a complete gzip file (\(reason))."
    case .badFold(_, _, let problem):
      return "\(at): \(problem)."
    case .badArchive(_, let reason):
      return "\(at): not a usable zip archive (\(reason))."
    case .downloadFailed(let name, let url, _, let reason):
      return "could not download '\(name)' from \(url): \(reason)."
    }
  }

  public var hint: String? {
    switch self {
    case .notFound(_, let searched, let suggestion):
      let places =
        searched.isEmpty
        ? "nowhere (no root, LAD_DATA or HOME)"
        : searched.map { "'\($0)'" }.joined(separator: ", ")
      let guess = suggestion.map { "Did you mean '\($0)'? " } ?? ""
      return guess + "Looked in \(places). Put the dataset's folder in one of them, "
        + "or point LAD_DATA at the directory that holds it (export LAD_DATA=/path)."
    case .badRoot(let setting, let path, _):
      if setting == "LAD_DATA" {
        let relative =
          path.hasPrefix("/") || path.hasPrefix("~")
          ? ""
          : " (a relative path "
            + "is read from the current directory)"
        return "Point LAD_DATA at the folder that holds the datasets\(relative), e.g. "
          + "export LAD_DATA=/path/to/datasets, or unset it to use the cache and downloads."
      }
      return "Give root= a folder that holds the dataset, or leave root= out to search "
        + "LAD_DATA and the cache."
    case .notInRoot(let name, _, let searched, let suggestion):
      let guess = suggestion.map { "Did you mean '\($0)'? " } ?? ""
      return guess + "Looked for \(searched.map { "'\($0)'" }.joined(separator: " and ")) (also "
        + "raw/ and \(name)/ inside). Give root= the folder that holds \(name)/, or leave "
        + "root= out to search LAD_DATA and the cache."
    case .ambiguousName:
      return "Give the full name."
    case .unknownFormat:
      return "Use the TU raw files (NAME_A.txt, NAME_graph_indicator.txt, "
        + "NAME_graph_labels.txt, ...) or the GIN single-file NAME.txt; either may be gzipped."
    case .lineCount(_, _, _, let unit) where unit == "graph":
      return "Every graph id in the graph indicator needs one label line, and every label "
        + "line a graph with at least one node."
    case .lineCount(_, _, _, let unit) where unit.contains("_A.txt"):
      return "The expected count comes from the _A file (one line per edge): if that file "
        + "was cut short or edited, it is the one to fix."
    case .lineCount(_, _, _, let unit) where unit.contains("node"):
      return "The expected count comes from the _graph_indicator file (one line per node): "
        + "if that file was cut short or edited, it is the one to fix."
    case .emptyGraph:
      return "Every graph needs at least one node; graph ids run 1, 2, ... without gaps."
    case .corruptGzip:
      return "The download or copy may be incomplete; fetch the file again."
    case .badArchive:
      return "The download or copy may be incomplete; delete the zip and fetch it again."
    case .downloadFailed(let name, _, let cache, _):
      return "Nothing was kept in '\(cache)'. Copy the dataset there yourself (the folder "
        + "\(name)/ or \(name).zip), or point LAD_DATA at a directory that holds it "
        + "(export LAD_DATA=/path)."
    default:
      return nil
    }
  }

  /// `file:line` when the line is known, else the file alone.
  private var location: String {
    let path = file ?? ""
    return line.map { "\(path):\($0)" } ?? path
  }
}
