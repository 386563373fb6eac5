import Foundation
import Interpreter
import XCTest

final class HistoryTimeTests: XCTestCase {
  func testTimeRunsTheCommandAfterItAndPrintsTheWallTime() {
    let h = Harness()
    XCTAssertEqual(h.runScript("load MUTAG\ntime teacher gcn nhid=32"), 0, h.errors.text)
    XCTAssertEqual(h.executor.verbs, ["load", "teacher"])
    XCTAssertEqual(h.executor.received[1].int("nhid"), 32)
    XCTAssertTrue(h.output.text.contains("s wall for 'teacher gcn nhid=32'"), h.output.text)
  }

  func testTimedCommandErrorsPointIntoTheTimedCommand() {
    let h = Harness()
    XCTAssertEqual(h.runScript("time teacher gcn nhdi=3"), 64)
    XCTAssertTrue(h.errors.text.contains("test.lad:1:18: error: unknown key 'nhdi'"), h.errors.text)
  }

  func testHistoryListsAndSavesTheCommandsThatRan() throws {
    let h = Harness()
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("lad-history-\(UUID().uuidString).lad").path
    let status = h.runScript(
      "load MUTAG\nset seed=3\nhelp\ntime baseline gcn\nhistory\nhistory to=\(path)")
    XCTAssertEqual(status, 0, h.errors.text)
    XCTAssertTrue(h.output.text.contains("   3  baseline gcn\n"), h.output.text)
    let saved = try String(contentsOfFile: path, encoding: .utf8)
    XCTAssertEqual(saved, "# lad history, 3 commands\nload MUTAG\nset seed=3\nbaseline gcn\n")
    // the saved script runs again and sends the same commands
    let again = Harness()
    XCTAssertEqual(again.runScript(saved), 0, again.errors.text)
    XCTAssertEqual(again.executor.verbs, ["load", "baseline"])
  }
}

extension HistoryTimeTests {
  func testTranscriptKeepsDiagnosticsWithoutColour() {
    XCTAssertEqual(
      Console.strippingEscapes("\u{1B}[1;31merror:\u{1B}[0m bad [x]"), "error: bad [x]")
  }
}

extension HistoryTimeTests {
  func testSetWarnsAboutANearMissOfAKey() {
    let h = Harness()
    XCTAssertEqual(h.runScript("set epoch=3 width=96"), 0)
    XCTAssertTrue(h.errors.text.contains("Did you mean 'epochs'?"), h.errors.text)
    XCTAssertFalse(h.errors.text.contains("'width'"), h.errors.text)
  }
}
