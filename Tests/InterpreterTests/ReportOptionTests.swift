import Interpreter
import Runtime
import XCTest

/// `lad FILE.lad --report FILE.html` runs `report to=FILE.html` after the script.
final class ReportOptionTests: XCTestCase {
  func testReportRunsAfterTheScript() {
    let h = Harness()
    XCTAssertEqual(h.commandLine(["-e", "load MUTAG", "--report", "out \"dir\"/r.html"]), 0)
    XCTAssertEqual(h.executor.verbs, ["load", "report"])
    XCTAssertEqual(h.executor.received.last?.string("to"), "out \"dir\"/r.html")
  }

  func testAFailedScriptStillGetsItsReportAndKeepsItsStatus() {
    let h = Harness()
    h.executor.failures = ["load": LadError(.data, "bad file")]
    XCTAssertEqual(h.commandLine(["-e", "load MUTAG; evaluate", "--report=r.html"]), 65)
    XCTAssertEqual(h.executor.verbs, ["load", "report"])
  }

  func testReportNeedsAScriptToRun() {
    for arguments in [["--report", "r.html"], ["--check", "-e", "help", "--report", "r.html"]] {
      let h = Harness()
      XCTAssertEqual(h.commandLine(arguments), 64)
      XCTAssertTrue(h.errors.text.contains("'--report' needs a script file or -e"), h.errors.text)
      XCTAssertEqual(h.executor.verbs, [])
    }
  }
}
