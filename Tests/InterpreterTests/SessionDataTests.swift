import Foundation
import Interpreter
import Runtime
import XCTest

/// `load` and `datasets` through a real `Session`: the features key, the
/// listing, and a failed load that keeps what was loaded before.
final class SessionDataTests: XCTestCase {
  private var directory: URL!
  private var session: Session!
  private var interpreter: Interpreter!
  private let output = BufferSink()
  private let errors = BufferSink()

  override func setUpWithError() throws {
    let environment = ProcessInfo.processInfo.environment
    let shared =
      environment["LAD_DATA"].flatMap { $0.isEmpty ? nil : $0 } ?? "/work/shared/datasets"
    guard FileManager.default.fileExists(atPath: "\(shared)/MUTAG") else {
      throw XCTSkip("no datasets: set LAD_DATA")
    }
    directory = try temporaryDirectory(for: self)
    // downloads come from a local folder that holds a broken DD.zip
    let mirror = directory.appendingPathComponent("mirror")
    try FileManager.default.createDirectory(at: mirror, withIntermediateDirectories: true)
    try Data("not a zip archive\n".utf8).write(to: mirror.appendingPathComponent("DD.zip"))
    session = Session(environment: [
      "LAD_DATA": shared, "XDG_CACHE_HOME": directory.appendingPathComponent("cache").path,
      "LAD_DOWNLOAD_URL": mirror.absoluteString,
    ])
    interpreter = Interpreter(console: Console(output: output, errors: errors), executor: session)
  }

  @discardableResult
  private func run(_ text: String) throws -> RunOutcome {
    interpreter.run(try interpreter.parse(text, file: "t.lad"))
  }

  private var cacheFiles: [String] {
    let cache = directory.appendingPathComponent("cache/lad").path
    return (try? FileManager.default.contentsOfDirectory(atPath: cache)) ?? []
  }

  func testAFailedLoadKeepsThePreviousDataset() throws {
    XCTAssertEqual(try run("load MUTAG"), .completed, errors.text)
    XCTAssertEqual(try run("load DD"), .failed(status: 70))
    XCTAssertEqual(session.dataset?.name, "MUTAG")
    XCTAssertTrue(errors.text.contains("t.lad:1:6: error: could not download 'DD' from file://"))
    XCTAssertTrue(errors.text.contains("not a usable zip archive"), errors.text)
    XCTAssertTrue(errors.text.contains("export LAD_DATA="), errors.text)
    XCTAssertEqual(cacheFiles, [])

    XCTAssertEqual(try run("load NOSUCH"), .failed(status: 64))
    XCTAssertEqual(try run("load MUTAG root=/nonexistent"), .failed(status: 64))
    XCTAssertTrue(errors.text.contains("t.lad:1:17: error: root='/nonexistent' does not exist."))
    XCTAssertEqual(try run("load MUTAG features=minmax"), .completed)
    XCTAssertEqual(session.dataset?.featureCount, 7, "features= changes labelled datasets")
  }

  func testFeaturesKeyForAFeaturelessDataset() throws {
    XCTAssertEqual(try run("load IMDB-BINARY features=constant"), .completed, errors.text)
    XCTAssertEqual(session.dataset?.featureCount, 1)
    XCTAssertTrue(output.text.contains("1 node feature (constant 1)"), output.text)
    XCTAssertEqual(try run("load IMDB-BINARY"), .completed)
    XCTAssertTrue(session.dataset?.oneHotIndex != nil, "default: one-hot degree")
    XCTAssertEqual(try run("load IMDB-BINARY features=degre"), .failed(status: 64))
  }

  func testDatasetsListsWhatIsOnDiskAndWhatWouldBeDownloaded() throws {
    XCTAssertEqual(try run("datasets"), .completed, errors.text)
    let lines = output.text.split(separator: "\n").map(String.init)
    let mutag = try XCTUnwrap(lines.first { $0.hasPrefix("  MUTAG ") }, output.text)
    XCTAssertTrue(mutag.contains(" TU ") && mutag.hasSuffix("/MUTAG"), mutag)
    let collab = try XCTUnwrap(lines.first { $0.hasPrefix("  COLLAB ") }, output.text)
    XCTAssertTrue(collab.contains("GIN text"), collab)
    let header = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("'load' downloads these from") })
    XCTAssertTrue(lines[header].hasSuffix("cache/lad:"), lines[header])
    let downloadable = lines[(header + 1)...].joined(separator: " ").split(separator: " ")
    XCTAssertTrue(downloadable.contains("PTC_FM"), output.text)
    XCTAssertFalse(downloadable.contains("MUTAG"), output.text)
  }

  /// A LAD_DATA that is not there stops `load` and `datasets` (no download).
  func testAMissingLADDataIsAnErrorBeforeAnyDownload() throws {
    let mirror = directory.appendingPathComponent("mirror").absoluteString
    let session = Session(environment: [
      "LAD_DATA": "../no/such/datasets",
      "XDG_CACHE_HOME": directory.appendingPathComponent("cache").path,
      "LAD_DOWNLOAD_URL": mirror,
    ])
    let interpreter = Interpreter(
      console: Console(output: output, errors: errors), executor: session)
    for command in ["load DD", "datasets"] {
      XCTAssertEqual(
        interpreter.run(try interpreter.parse(command, file: "t.lad")), .failed(status: 64))
    }
    XCTAssertEqual(
      errors.text.components(
        separatedBy: "LAD_DATA is '../no/such/datasets', which does not exist."
      )
      .count, 3, errors.text)
    XCTAssertFalse(errors.text.contains("could not download"), errors.text)
    XCTAssertEqual(cacheFiles, [])
  }

  /// Ctrl-C during a download is an interruption (exit 130), keeping
  /// nothing, like Ctrl-C during training.
  func testAnInterruptedDownloadIsAnInterruptionNotAFailure() throws {
    // a server that takes the connection and never answers
    let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(listener) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(listener, $0, length) == 0 && listen(listener, 4) == 0
          && getsockname(listener, $0, &length) == 0
      }
    }
    XCTAssertTrue(bound)
    let port = UInt16(bigEndian: address.sin_port)
    let session = Session(environment: [
      "LAD_DATA": self.session.environment["LAD_DATA"]!,
      "XDG_CACHE_HOME": directory.appendingPathComponent("cache").path,
      "LAD_DOWNLOAD_URL": "http://127.0.0.1:\(port)",
    ])
    let interpreter = Interpreter(
      console: Console(output: output, errors: errors), executor: session)
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { Interrupt.request() }
    defer { Interrupt.clear() }
    XCTAssertEqual(
      interpreter.run(try interpreter.parse("load DD", file: "t.lad")), .interrupted, errors.text)
    XCTAssertTrue(
      output.text.contains(
        "load DD: the download of http://127.0.0.1:\(port)/DD.zip was "
          + "interrupted; nothing was kept in"), output.text)
    XCTAssertEqual(errors.text, "")
    XCTAssertEqual(cacheFiles, [])
    XCTAssertNil(session.dataset)
  }
}
