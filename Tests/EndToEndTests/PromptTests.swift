import Foundation
import XCTest

/// The prompt on a real pseudo-terminal: completion, history across
/// sessions, a block over several lines, Ctrl-C during training.
final class PromptTests: XCTestCase {
  func testTabCompletesVerbsAndKeys() throws {
    let t = try Terminal(directory: try temporaryDirectory())
    XCTAssertTrue(t.wait(for: "lad> "), t.screen)
    let before = t.mark
    // libedit redraws only the completed part: "tea" then "cher "
    t.type("tea\t")
    XCTAssertTrue(t.wait(for: "cher ", after: before), t.screen)
    t.type("gcn nh\t")
    XCTAssertTrue(t.wait(for: "id=", after: before), t.screen)
    // the line as completed reaches lad: 'teacher gcn nhid=0'
    t.type("0\n")
    XCTAssertTrue(t.wait(for: "teacher gcn nhid=0", after: before), t.screen)
    XCTAssertTrue(t.wait(for: "must be from 1 to 4096", after: before), t.screen)
    t.type("quit\n")
    XCTAssertEqual(t.waitForExit(), 0, t.screen)
  }

  func testHistoryIsKeptAcrossSessions() throws {
    let directory = try temporaryDirectory()
    let first = try Terminal(directory: directory)
    XCTAssertTrue(first.wait(for: "lad> "))
    first.type("set seed=7 width=96\n")
    XCTAssertTrue(first.wait(for: "lad> ", after: first.mark))
    first.type("\u{4}")
    XCTAssertEqual(first.waitForExit(), 0, first.screen)

    let second = try Terminal(directory: directory)
    XCTAssertTrue(second.wait(for: "lad> "))
    let before = second.mark
    second.type("\u{1B}[A")
    XCTAssertTrue(second.wait(for: "set seed=7 width=96", after: before), second.screen)
    second.type("\n")
    let after = second.mark
    second.type("set\n")
    XCTAssertTrue(second.wait(for: "width=96", after: after), second.screen)
    second.type("quit\n")
    XCTAssertEqual(second.waitForExit(), 0, second.screen)
  }

  func testOpenBlockShowsTheContinuationPromptAndBadLinesKeepTheSession() throws {
    let t = try Terminal(directory: try temporaryDirectory())
    XCTAssertTrue(t.wait(for: "lad> "))
    var before = t.mark
    t.type("help {\n")
    XCTAssertTrue(t.wait(for: "...> ", after: before), t.screen)
    t.type("}\n")
    before = t.mark
    t.type("teachr gcn\n")
    XCTAssertTrue(t.wait(for: "Did you mean 'teacher'?", after: before), t.screen)
    XCTAssertTrue(t.wait(for: "lad> ", after: before), t.screen)
    t.type("quit\n")
    XCTAssertEqual(t.waitForExit(), 0, t.screen)
  }

  func testCtrlCStopsTrainingAndKeepsTheBestModel() throws {
    let t = try Terminal(directory: try temporaryDirectory())
    XCTAssertTrue(t.wait(for: "lad> "))
    t.type("load MUTAG\n")
    XCTAssertTrue(t.wait(for: "188 graphs"), t.screen)
    let before = t.mark
    t.type("teacher gcn epochs=100000 patience=100000\n")
    XCTAssertTrue(t.wait(for: "epoch 3/", after: before), t.screen)
    t.type("\u{3}")
    XCTAssertTrue(t.wait(for: "interrupted after", after: before), t.screen)
    XCTAssertTrue(t.wait(for: "lad> ", after: before), t.screen)
    let after = t.mark
    t.type("evaluate\n")
    // the run is marked as stopped early
    XCTAssertTrue(t.wait(for: "teacher*  gcn       MUTAG", after: after), t.screen)
    XCTAssertTrue(t.wait(for: "*: stopped by Ctrl-C", after: after), t.screen)
    t.type("quit\n")
    XCTAssertEqual(t.waitForExit(), 0, t.screen)
  }
}
