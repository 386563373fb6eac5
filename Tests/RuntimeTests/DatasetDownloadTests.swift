import Foundation
import Runtime
import Synchronization
import XCTest

/// Downloads into the cache, against a server on 127.0.0.1 that this test
/// starts: a checked zip is kept, and every failure leaves nothing behind.
final class DatasetDownloadTests: XCTestCase {
  private var fixture: Fixture!
  private var server: LocalHTTPServer!
  private let events = EventLog()

  override func setUpWithError() throws {
    fixture = try Fixture()
    server = try LocalHTTPServer()
  }

  override func tearDown() {
    server.stop()
    server = nil
    fixture = nil
  }

  private var cache: String { "\(fixture.path)/cache/lad" }

  private var environment: [String: String] {
    ["XDG_CACHE_HOME": "\(fixture.path)/cache", "LAD_DOWNLOAD_URL": server.baseURL]
  }

  /// Everything in the cache folder, hidden files included.
  private var cacheFiles: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: cache)) ?? []).sorted()
  }

  private var timeout = 30.0

  private func load(
    _ name: String, cancelled: Bool = false, environment: [String: String]? = nil
  ) throws -> GraphDataset {
    var download = DatasetDownload(
      environment: environment ?? self.environment,
      report: { [events] event in events.append(event) },
      isCancelled: { cancelled })
    download.timeout = timeout
    return try DatasetLoader.load(
      name: name, root: nil, environment: environment ?? self.environment, download: download)
  }

  /// A two-graph TU dataset `name` in the TU zips' layout.
  private func smallZip(_ name: String, labels: String = "0\n1\n") -> [UInt8] {
    var zip = ZipWriter()
    zip.add("\(name)/\(name)_A.txt", deflatedFromGzip: GzipSamples.pathEdges)
    zip.add("\(name)/\(name)_graph_indicator.txt", "1\n1\n1\n2\n2\n")
    zip.add("\(name)/\(name)_graph_labels.txt", labels)
    zip.add("\(name)/README.txt", "a test dataset\n")
    return zip.bytes
  }

  /// The failure of loading `name`, checked for what every download
  /// failure must say and leave.
  private func failure(
    _ name: String, cancelled: Bool = false, file: StaticString = #filePath, line: UInt = #line
  ) -> String {
    let error = expectDatasetError(try load(name, cancelled: cancelled), file: file, line: line)
    guard case .downloadFailed(_, let url, let cacheFolder, let reason) = error else {
      XCTFail(
        "expected a download failure, got \(String(describing: error))", file: file, line: line)
      return ""
    }
    XCTAssertEqual(url, "\(server.baseURL)/\(name).zip", file: file, line: line)
    XCTAssertEqual(cacheFolder, cache, file: file, line: line)
    XCTAssertTrue(error?.message.contains(url) ?? false, file: file, line: line)
    XCTAssertTrue(error?.hint?.contains("export LAD_DATA=") ?? false, file: file, line: line)
    XCTAssertEqual(cacheFiles, [], "files left in the cache", file: file, line: line)
    return reason
  }

  func testADownloadIsCheckedAndKeptInTheCache() throws {
    let root = try sharedDatasetRoot()
    var zip = ZipWriter()
    for file in try FileManager.default.contentsOfDirectory(atPath: "\(root)/MUTAG") {
      let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: "\(root)/MUTAG/\(file)")))
      zip.add("DD/" + file.replacingOccurrences(of: "MUTAG", with: "DD"), bytes)
    }
    let archive = zip.bytes
    server.reply("/DD.zip", .ok(archive))

    let dataset = try load("DD")
    XCTAssertEqual(dataset.graphCount, 188)
    XCTAssertEqual(cacheFiles, ["DD.zip"])
    let seen = events.all
    XCTAssertEqual(seen.first, .started(url: "\(server.baseURL)/DD.zip"))
    XCTAssertTrue(seen.contains(.receiving(received: archive.count, expected: archive.count)))
    XCTAssertTrue(seen.contains(.checking))
    XCTAssertEqual(seen.last, .saved(path: "\(cache)/DD.zip", bytes: archive.count))

    // the next load reads the cache, without asking the server
    let again = try DatasetLoader.load(name: "DD", root: nil, environment: environment)
    XCTAssertEqual(again.edgeSource, dataset.edgeSource)
    XCTAssertEqual(server.requests, ["/DD.zip"])
  }

  func testServerErrorsLeaveNothing() {
    XCTAssertTrue(failure("DD").contains("404"))
    server.reply("/NCI109.zip", .status(500, "Internal Server Error"))
    XCTAssertTrue(failure("NCI109").contains("500"))
  }

  func testATransferCutShortLeavesNothing() {
    let archive = smallZip("DD")
    server.reply("/DD.zip", .cutShort(Array(archive.prefix(100)), claimed: archive.count))
    XCTAssertFalse(failure("DD").isEmpty)
  }

  func testATruncatedArchiveLeavesNothing() {
    let archive = smallZip("DD")
    server.reply("/DD.zip", .ok(Array(archive.prefix(archive.count - 30))))
    let reason = failure("DD")
    XCTAssertTrue(reason.contains("not a usable zip archive"), reason)
    XCTAssertFalse(reason.contains(".download-"), "names the temporary file: \(reason)")
  }

  func testAnArchiveWhoseFilesDoNotParseLeavesNothing() {
    server.reply("/DD.zip", .ok(smallZip("DD", labels: "0\nx\n")))
    let reason = failure("DD")
    XCTAssertTrue(reason.contains("DD.zip/DD/DD_graph_labels.txt:2: expected"), reason)

    var other = ZipWriter()
    other.add("notes.txt", "no dataset\n")
    server.reply("/DD.zip", .ok(other.bytes))
    XCTAssertTrue(failure("DD").contains("holds neither DD_A.txt"))
  }

  func testAnInterruptedDownloadLeavesNothing() {
    server.reply("/DD.zip", .stall)
    XCTAssertEqual(failure("DD", cancelled: true), "interrupted")
  }

  /// URL errors in words naming the host, never `NSURLErrorDomain -1001`.
  func testAStalledOrRefusedDownloadSaysWhatHappened() {
    server.reply("/DD.zip", .stall)
    timeout = 1
    XCTAssertEqual(failure("DD"), "127.0.0.1 sent nothing for 1 s (timed out)")
    server.stop()
    let refused = failure("DD")
    XCTAssertTrue(refused.hasPrefix("could not connect to 127.0.0.1 (nothing answered"), refused)
  }

  func testOnlyKnownNamesAreDownloadedAndOnlyWhenAsked() {
    XCTAssertEqual(
      expectDatasetError(try load("NOSUCH")),
      .notFound(name: "NOSUCH", searched: ["\(cache)/NOSUCH"], suggestion: nil))
    XCTAssertEqual(
      expectDatasetError(try DatasetLoader.load(name: "DD", root: nil, environment: environment)),
      .notFound(name: "DD", searched: ["\(cache)/DD"], suggestion: nil))
    XCTAssertEqual(server.requests, [])
    XCTAssertTrue(DatasetDownload.isDownloadable("REDDIT-MULTI-5K"))
    XCTAssertFalse(DatasetDownload.isDownloadable("NOSUCH"))
  }

  func testAbandonedTemporaryFilesOfDeadProcessesAreRemoved() throws {
    let dead: Int32 = 2_147_483_000
    guard kill(dead, 0) != 0 else { throw XCTSkip("process \(dead) exists") }
    try fixture.write("cache/lad/.DD.download-\(dead).zip", "partial")
    try fixture.write("cache/lad/.DD.download-1.zip", "another process's")
    server.reply("/DD.zip", .ok(smallZip("DD")))
    XCTAssertEqual(try load("DD").graphCount, 2)
    XCTAssertEqual(cacheFiles, [".DD.download-1.zip", "DD.zip"])
  }

  func testFileURLsAndTheDefaultURL() throws {
    try fixture.write("mirror/PTC_FM.zip", bytes: smallZip("PTC_FM"))
    var local = environment
    local["LAD_DOWNLOAD_URL"] = "file://\(fixture.path)/mirror/"
    XCTAssertEqual(try load("PTC_FM", environment: local).graphCount, 2)
    XCTAssertEqual(cacheFiles, ["PTC_FM.zip"])

    XCTAssertEqual(
      DatasetDownload(environment: [:]).url(for: "MUTAG"),
      "https://www.chrsmrrs.com/graphkerneldatasets/MUTAG.zip")
    XCTAssertEqual(
      DatasetDownload(environment: ["LAD_DOWNLOAD_URL": "http://127.0.0.1:9/x/"]).url(for: "A"),
      "http://127.0.0.1:9/x/A.zip")
  }
}

/// The events a download reported, in order.
private final class EventLog: Sendable {
  private let events = Mutex<[DownloadEvent]>([])

  func append(_ event: DownloadEvent) { events.withLock { $0.append(event) } }
  var all: [DownloadEvent] { events.withLock { $0 } }
}
