import Foundation
import Runtime

extension Session {
  /// `load NAME [root=DIR] [features=MODE]`: finds, downloads if need be,
  /// and reads the dataset; on success it replaces the loaded one and
  /// forgets the models trained on it, on failure everything stays.
  func load(_ command: ResolvedCommand, console: Console) throws {
    let name = command.string("name")
    let root = command.value("root")?.stringValue
    let features = FeatureMode(rawValue: command.string("features")) ?? .default
    let download = DatasetDownload(environment: environment) { event in
      Session.show(event, of: name, on: console)
    }
    var loaded: GraphDataset
    do {
      loaded = try DatasetLoader.load(
        name: name, root: root, environment: environment, features: features,
        download: download)
    } catch DatasetError.downloadFailed(_, let url, let cache, _) where Interrupt.isRequested {
      // Ctrl-C: an interruption (exit 130, as in training), not an error
      console.clearProgress()
      console.print(
        "load \(name): the download of \(url) was interrupted; nothing was kept in \(cache).")
      return
    } catch let error as DatasetError where error.isAboutRoot && root != nil {
      throw LocatedError(error, at: command.location(ofValue: "root"))
    } catch let error as UserFacingError {
      throw LocatedError(error, at: command.location(ofValue: "name"))
    }
    loaded.requestedFeatures = features
    loaded.requestedRoot = root
    guard loaded.classCount >= 2 else {
      throw command.error(
        at: "name", .data,
        "\(loaded.name) has \(loaded.classCount) class; classification needs at least two.",
        hint: "Check its _graph_labels file.")
    }
    install(loaded, console: console)
    console.print(loaded.summary)
  }

  /// `datasets [root=DIR]`: each dataset found on disk (name, format,
  /// where), then the known names `load` would download.
  func listDatasets(_ command: ResolvedCommand, console: Console) throws {
    let root = command.value("root")?.stringValue
    do {
      try DatasetLoader.checkRoots(root: root, environment: environment)
    } catch let error as UserFacingError {
      throw LocatedError(
        error, at: root == nil ? command.verbLocation : command.location(ofValue: "root"))
    }
    let roots = DatasetLoader.searchRoots(root: root, environment: environment)
    let found = DatasetLoader.listLocal(root: root, environment: environment)
    let places =
      roots.isEmpty ? "nowhere (no root, LAD_DATA or HOME)" : roots.joined(separator: ", ")
    if found.isEmpty {
      console.print("No datasets in \(places).")
    } else {
      console.print("Datasets in \(places):")
      let width = (found.map(\.name.count).max() ?? 0) + 2
      for dataset in found {
        let format = dataset.format == .tu ? "TU" : "GIN text"
        let kind = dataset.archive == nil ? format : format + ", zip"
        let place = dataset.archive ?? dataset.directory
        console.print("  " + padded(dataset.name, width) + padded(kind, 15) + place)
      }
    }

    let missing = DatasetNames.known.filter { name in !found.contains { $0.name == name } }
    guard !missing.isEmpty else { return }
    let download = DatasetDownload(environment: environment)
    guard let cache = DatasetLoader.cacheRoot(environment: environment) else {
      console.print("Not on disk: \(missing.joined(separator: " ")) (no cache to download to).")
      return
    }
    console.print("'load' downloads these from \(download.baseURL) into \(cache):")
    var line = " "
    for name in missing {
      if line.count + name.count + 1 > 78 {
        console.print(line)
        line = " "
      }
      line += " " + name
    }
    console.print(line)
  }

  /// The progress line of a download, and one line when it is kept.
  static func show(_ event: DownloadEvent, of name: String, on console: Console) {
    switch event {
    case .started(let url):
      console.progress("downloading \(url)")
    case .receiving(let received, let expected):
      var line = "downloading \(name).zip: \(megabytes(received))"
      if let expected, expected > 0 {
        line += " of \(megabytes(expected)) (\(100 * received / expected)%)"
      }
      console.progress(line)
    case .checking:
      console.progress("checking \(name).zip")
    case .saved(let path, let bytes):
      console.print("Downloaded \(name).zip (\(megabytes(bytes))) to \(path)")
    }
  }

  /// `3.4 MB`, or `24 kB` under a tenth of a megabyte.
  private static func megabytes(_ bytes: Int) -> String {
    bytes < 100_000
      ? "\((bytes + 500) / 1000) kB" : String(format: "%.1f MB", Double(bytes) / 1_000_000)
  }

  private func padded(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
  }
}
