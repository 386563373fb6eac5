#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a download reports while it runs, for a progress line.
public enum DownloadEvent: Sendable, Equatable {
  /// The transfer of `url` begins.
  case started(url: String)
  /// `received` bytes so far, of `expected` when the server said.
  case receiving(received: Int, expected: Int?)
  /// The archive arrived and is being unpacked and parsed.
  case checking
  /// The checked archive was moved into place at `path`.
  case saved(path: String, bytes: Int)
}

/// How `DatasetLoader.load` fetches a TU dataset it finds in no search
/// root: `BASE/NAME.zip` into the user cache, under a temporary name,
/// checked (every entry unpacks with the right CRC, the files parse) and
/// only then renamed to `NAME.zip`. A failure removes the temporary file.
/// Only the names in `DatasetNames.known` are fetched.
public struct DatasetDownload: Sendable {
  /// The TU collection (Morris et al., 2020).
  public static let defaultBaseURL = "https://www.chrsmrrs.com/graphkerneldatasets"
  /// The environment variable that replaces `defaultBaseURL`.
  public static let baseURLVariable = "LAD_DOWNLOAD_URL"

  /// Where `NAME.zip` is fetched from (`http`, `https` or `file` URL).
  public var baseURL: String
  /// Called on the loading thread as the download goes on.
  public var report: @Sendable (DownloadEvent) -> Void
  /// Polled about ten times a second; true abandons the download.
  public var isCancelled: @Sendable () -> Bool
  /// Seconds without a byte from the server before the download gives up.
  public var timeout: Double = 30

  /// `baseURL` from `$LAD_DOWNLOAD_URL`, else `defaultBaseURL`.
  public init(
    environment: [String: String], report: @escaping @Sendable (DownloadEvent) -> Void = { _ in },
    isCancelled: @escaping @Sendable () -> Bool = { Interrupt.isRequested }
  ) {
    let configured = environment[DatasetDownload.baseURLVariable] ?? ""
    baseURL = configured.isEmpty ? DatasetDownload.defaultBaseURL : configured
    self.report = report
    self.isCancelled = isCancelled
  }

  /// Whether `name` is one `load` would download when it is not on disk.
  public static func isDownloadable(_ name: String) -> Bool {
    DatasetNames.known.contains(name)
  }

  /// The URL of dataset `name`'s zip.
  public func url(for name: String) -> String {
    var base = baseURL
    while base.hasSuffix("/") { base.removeLast() }
    return "\(base)/\(name).zip"
  }

  /// Fetches, checks and keeps `cache/NAME.zip`, and returns the dataset
  /// read from it. Throws `DatasetError.downloadFailed`.
  func fetch(_ name: String, into cache: String, features: FeatureMode) throws -> GraphDataset {
    let url = url(for: name)
    func failure(_ reason: String) -> DatasetError {
      .downloadFailed(name: name, url: url, cache: cache, reason: reason)
    }
    if let problem = Directories.create(cache) { throw failure(problem) }
    Directories.removeAbandonedDownloads(of: name, in: cache)
    let temporary = "\(cache)/\(Directories.temporaryPrefix(of: name))\(getpid()).zip"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else {
      throw failure("cannot create a file in the cache (\(String(cString: strerror(errno))))")
    }
    var keep = false
    defer { if !keep { unlink(temporary) } }

    // fetch
    report(.started(url: url))
    let bytes: Int
    do {
      bytes = try URLFetch.fetch(
        url, into: descriptor, timeout: timeout,
        progress: { report(.receiving(received: $0, expected: $1)) }, isCancelled: isCancelled)
    } catch {
      close(descriptor)
      throw failure(error.reason)
    }
    let synced = fsync(descriptor) == 0
    close(descriptor)
    guard synced else { throw failure("cannot write to the cache") }

    // check: the archive unpacks and the dataset in it parses
    report(.checking)
    let dataset: GraphDataset
    do {
      try ZipArchive(path: temporary).verify()
      guard let found = DatasetLocator.find(name, inside: temporary) else {
        throw DatasetError.unknownFormat(directory: temporary, name: name)
      }
      dataset = try DatasetLoader.read(found, features: features)
    } catch let error as DatasetError {
      let message = error.message.replacingAll(temporary, with: "\(name).zip")
      throw failure("what it sent is not a usable dataset: " + message.dropLastPeriod)
    }

    // keep
    let destination = "\(cache)/\(name).zip"
    guard rename(temporary, destination) == 0 else {
      throw failure("cannot move it into place (\(String(cString: strerror(errno))))")
    }
    keep = true
    report(.saved(path: destination, bytes: bytes))
    return dataset
  }
}

/// Folder chores of the cache.
private enum Directories {
  /// `mkdir -p path`; the reason on failure.
  static func create(_ path: String) -> String? {
    var built = path.hasPrefix("/") ? "" : "."
    for part in path.split(separator: "/") {
      built += "/\(part)"
      if mkdir(built, 0o755) != 0 && errno != EEXIST {
        return "cannot create the cache folder '\(built)' (\(String(cString: strerror(errno))))"
      }
    }
    return FileBytes.isDirectory(path) ? nil : "'\(path)' is not a folder"
  }

  /// `.NAME.download-`: the temporary files are `.NAME.download-PID.zip`.
  static func temporaryPrefix(of name: String) -> String {
    ".\(name).download-"
  }

  /// Removes the temporary files of downloads whose process is gone (a
  /// `kill -9`, a Ctrl-C outside a session).
  static func removeAbandonedDownloads(of name: String, in cache: String) {
    let prefix = temporaryPrefix(of: name)
    for entry in DatasetLocator.entries(of: cache)
    where entry.hasPrefix(prefix) && entry.hasSuffix(".zip") {
      let digits = entry.dropFirst(prefix.count).dropLast(4)
      guard let pid = Int32(digits), kill(pid, 0) != 0, errno == ESRCH else { continue }
      unlink("\(cache)/\(entry)")
    }
  }
}

extension String {
  /// The text with every `target` replaced by `replacement`.
  fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty else { return self }
    var result = ""
    var rest = self[...]
    while let found = rest.firstRange(of: target) {
      result += rest[..<found.lowerBound] + replacement
      rest = rest[found.upperBound...]
    }
    return result + rest
  }

  fileprivate var dropLastPeriod: String {
    hasSuffix(".") ? String(dropLast()) : self
  }
}
