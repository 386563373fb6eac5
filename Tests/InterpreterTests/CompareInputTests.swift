import Foundation
import Interpreter
import Runtime
import XCTest

/// A sink that asks for a Ctrl-C once a line it waits for is written,
/// as the SIGINT handler would in the middle of a command.
private final class InterruptingSink: TextSink {
  let buffer = BufferSink()
  let trigger: String

  init(at trigger: String) {
    self.trigger = trigger
  }

  func write(_ text: String) {
    buffer.write(text)
    if text.contains(trigger) { Interrupt.request() }
  }
}

/// `compare`'s inputs checked before training, Ctrl-C keeping finished
/// seeds, and the messages about models that exist, on a real session.
final class CompareInputTests: RealSessionTestCase {
  func testCompareFindsEveryDatasetBeforeTrainingAny() throws {
    XCTAssertEqual(
      try run("set quiet=true epochs=1 nhid=4; compare datasets=MUTAG,MUTAGG seeds=1"),
      .failed(status: 64))
    XCTAssertFalse(output.text.contains("compare: MUTAG gcn seed"), output.text)
    XCTAssertTrue(errors.text.contains("MUTAGG"), errors.text)
    XCTAssertTrue(errors.text.contains("Did you mean 'MUTAG'?"), errors.text)
  }

  /// compare's models of one dataset are its own: moving to the next
  /// dataset warns about nothing.
  func testCompareMovesBetweenDatasetsQuietly() throws {
    XCTAssertEqual(
      try run("set quiet=true epochs=1 nhid=4; compare datasets=MUTAG,PTC_MR seeds=1"),
      .completed, errors.text)
    XCTAssertTrue(output.text.contains("compare: PTC_MR gcn seed 1"), output.text)
    XCTAssertFalse(errors.text.contains("replaces"), errors.text)
  }

  func testCompareChecksWhereItWritesBeforeTraining() throws {
    let missing = directory.appendingPathComponent("no-such-folder/table").path
    XCTAssertEqual(
      try run("set quiet=true epochs=1 nhid=4; compare seeds=1 to=\(missing)"),
      .failed(status: 70))
    XCTAssertFalse(output.text.contains("compare: MUTAG gcn seed"), output.text)
    XCTAssertTrue(errors.text.contains("does not exist"), errors.text)
  }

  func testInterruptedCompareKeepsTheFinishedSeedsOfItsCell() throws {
    let sink = InterruptingSink(at: "compare: MUTAG gcn seed 3")
    let interpreter = Interpreter(
      console: Console(output: sink, errors: errors), executor: session)
    let base = directory.appendingPathComponent("cut").path
    defer { Interrupt.clear() }
    let outcome = interpreter.run(
      try interpreter.parse(
        "set quiet=true epochs=1 nhid=4\n"
          + "compare datasets=MUTAG seeds=1..3 protocol=holdout,paper to=\(base)",
        file: "t.lad"))
    XCTAssertEqual(outcome, .interrupted, errors.text)
    let text = sink.buffer.text
    XCTAssertTrue(
      text.contains(
        "compare: interrupted; keeping 0 finished cells and 2 finished seeds (1,2) of MUTAG gcn."),
      text)
    XCTAssertTrue(text.contains("seeds 1..3; test accuracy"), text)
    let row = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("MUTAG ") })
    XCTAssertTrue(row.hasSuffix("(seeds 1,2 only)"), String(row))
    for reading in ["holdout", "paper"] {
      let data = try Data(contentsOf: URL(fileURLWithPath: "\(base)-\(reading).json"))
      let file = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
      let cells = try XCTUnwrap(file["cells"] as? [[String: Any]])
      XCTAssertEqual(cells.count, 1)
      XCTAssertEqual(cells[0]["seeds"] as? [Int], [1, 2])
      // two runs per model: the cut-short seed 3 is left out
      for role in ["baseline", "teacher", "student"] {
        XCTAssertEqual((cells[0][role] as? [String: Any])?["count"] as? Int, 2, role)
      }
      let markdown = try String(contentsOfFile: "\(base)-\(reading).md", encoding: .utf8)
      XCTAssertTrue(markdown.contains("| MUTAG | gcn (seeds 1,2 only) | "), markdown)
    }
  }

  func testCompareInterruptedBeforeAnySeedWritesNoTable() throws {
    let sink = InterruptingSink(at: "compare: MUTAG gcn seed 1")
    let interpreter = Interpreter(
      console: Console(output: sink, errors: errors), executor: session)
    let base = directory.appendingPathComponent("none").path
    defer { Interrupt.clear() }
    let outcome = interpreter.run(
      try interpreter.parse(
        "set quiet=true epochs=1 nhid=4; compare datasets=MUTAG seeds=1..2 to=\(base)",
        file: "t.lad"))
    XCTAssertEqual(outcome, .interrupted, errors.text)
    XCTAssertTrue(sink.buffer.text.contains("keeping 0 finished cells."), sink.buffer.text)
    XCTAssertFalse(FileManager.default.fileExists(atPath: base + ".md"))
  }

  func testEvaluateListsSeedsInOrder() throws {
    XCTAssertEqual(
      try run(
        "load MUTAG; set quiet=true epochs=1 nhid=4\n"
          + "set seed=2; baseline gcn; set seed=3; baseline gcn; set seed=1; baseline gcn\n"
          + "evaluate"),
      .completed, errors.text)
    XCTAssertTrue(
      output.text.contains("baseline  gcn       MUTAG         holdout   1..3     3"), output.text)
  }

  func testPictureOfAMissingModelNamesTheTrainedOne() throws {
    XCTAssertEqual(
      try run("load MUTAG; set quiet=true epochs=1 nhid=4; baseline gcn; plot embeddings"),
      .failed(status: 64))
    XCTAssertTrue(errors.text.contains("no teacher has been trained"), errors.text)
    XCTAssertTrue(
      errors.text.contains(
        "hint: Show the trained one with model=baseline, or train a teacher first, "
          + "e.g. 'teacher gcn'."),
      errors.text)
    // attention is the teacher's alone: no other model to suggest
    XCTAssertEqual(try run("draw attention"), .failed(status: 64))
    XCTAssertTrue(errors.text.contains("hint: Train one first, e.g. 'teacher gcn'."), errors.text)
    XCTAssertFalse(errors.text.contains("what="), errors.text)
  }
}
