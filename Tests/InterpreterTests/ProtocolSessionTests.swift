import Foundation
import Interpreter
import Runtime
import XCTest

/// Repeated runs and evaluation protocols through a real `Session` on
/// MUTAG, with two-epoch models.
final class ProtocolSessionTests: RealSessionTestCase {

  private func json(_ name: String) throws -> [String: Any] {
    let data = try Data(contentsOf: directory.appendingPathComponent(name))
    return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  func testRepeatKeepsEveryRunAndEvaluateAggregatesThem() throws {
    let file = directory.appendingPathComponent("r.json").path
    XCTAssertEqual(
      try run(
        "load MUTAG; set quiet=true epochs=2 nhid=8\n"
          + "repeat seeds=1..3 { teacher gcn; distill; baseline gcn }\n"
          + "evaluate to=\(file)"),
      .completed, errors.text)
    XCTAssertEqual(session.runs.count, 9)
    XCTAssertEqual(session.runs.filter { $0.role == .student }.map(\.seed), [1, 2, 3])
    XCTAssertTrue(output.text.contains("student   gcn       MUTAG         holdout   1..3     3"))

    let result = try json("r.json")
    let runs = try XCTUnwrap(result["runs"] as? [[String: Any]])
    let aggregates = try XCTUnwrap(result["aggregates"] as? [[String: Any]])
    XCTAssertEqual(runs.count, 9)
    XCTAssertEqual(aggregates.map { $0["model"] as? String }, ["teacher", "student", "baseline"])
    for aggregate in aggregates {
      let model = try XCTUnwrap(aggregate["model"] as? String)
      let accuracies = runs.filter { $0["model"] as? String == model }
        .compactMap { $0["accuracy"] as? Double }
      XCTAssertEqual(accuracies.count, 3)
      let mean = accuracies.reduce(0, +) / 3
      let std = (accuracies.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 3).squareRoot()
      let summary = try XCTUnwrap(aggregate["accuracy"] as? [String: Any])
      XCTAssertEqual(try XCTUnwrap(summary["mean"] as? Double), mean, accuracy: 1e-9)
      XCTAssertEqual(try XCTUnwrap(summary["std"] as? Double), std, accuracy: 1e-9)
      XCTAssertEqual(aggregate["seeds"] as? [Int], [1, 2, 3])
      XCTAssertEqual(aggregate["protocol"] as? String, "holdout")
    }

    // a retrained seed replaces its run; another seed adds one
    XCTAssertEqual(try run("set seed=2; baseline gcn; set seed=9; baseline gcn"), .completed)
    XCTAssertEqual(session.runs.filter { $0.role == .baseline }.map(\.seed), [1, 3, 2, 9])
  }

  func testPaperProtocolIsLabelledAndReadsTheBestTestEpoch() throws {
    let file = directory.appendingPathComponent("p.json").path
    XCTAssertEqual(
      try run(
        "load MUTAG; set quiet=true epochs=3 nhid=8; baseline gcn\n"
          + "evaluate protocol=paper to=\(file)"),
      .completed, errors.text)
    XCTAssertTrue(output.text.contains("protocol paper: test-selected, optimistic"))
    XCTAssertTrue(
      output.text.contains("baseline  gcn       MUTAG         paper/holdout "), output.text)
    let result = try json("p.json")
    XCTAssertEqual(result["protocol"] as? String, "paper")
    XCTAssertTrue((result["note"] as? String ?? "").contains("test-selected, optimistic"))
    let row = try XCTUnwrap((result["runs"] as? [[String: Any]])?.first)
    let trained = try XCTUnwrap(session.baseline?.result)
    XCTAssertEqual(row["accuracy"] as? Double, trained.history.map(\.testAccuracy).max())
    XCTAssertGreaterThanOrEqual(trained.paperAccuracy, trained.test.accuracy)

    XCTAssertEqual(try run("evaluate protocol=kfold"), .failed(status: 64))
    XCTAssertTrue(errors.text.contains("no model was trained under 'kfold'"), errors.text)
  }
}

extension ProtocolSessionTests {
  func testCompareTabulatesEveryCellAndLeavesTheSessionAsItWas() throws {
    let base = directory.appendingPathComponent("table").path
    XCTAssertEqual(
      try run(
        "load MUTAG; set quiet=true epochs=1 nhid=8; baseline gcn\n"
          + "compare backbones=gcn,gin datasets=MUTAG seeds=1..2 to=\(base).md"),
      .completed, errors.text)
    XCTAssertTrue(output.text.contains("compare: MUTAG gin seed 2 (4 of 4)"), output.text)
    XCTAssertTrue(output.text.contains("seeds 1,2; test accuracy, mean +- population std"))
    let line = try XCTUnwrap(
      output.text.split(separator: "\n").first { $0.hasPrefix("MUTAG          gcn ") })
    XCTAssertTrue(line.contains(" -> "), String(line))
    XCTAssertTrue(line.hasSuffix("0.747 -> 0.837"), String(line))
    let markdown = try String(contentsOfFile: base + ".md", encoding: .utf8)
    XCTAssertTrue(markdown.contains("| MUTAG | gin | "), markdown)
    let data = try Data(contentsOf: URL(fileURLWithPath: base + ".json"))
    let file = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    let cells = try XCTUnwrap(file["cells"] as? [[String: Any]])
    XCTAssertEqual(cells.map { $0["backbone"] as? String }, ["gcn", "gin"])
    XCTAssertEqual((cells[0]["student"] as? [String: Any])?["count"] as? Int, 2)
    // the session keeps its one baseline run
    XCTAssertEqual(session.runs.count, 1)
    XCTAssertEqual(session.baseline?.backbone, "gcn")
    XCTAssertNil(session.teacher)

    XCTAssertEqual(try run("compare seeds=1 protocol=paper"), .completed, errors.text)
    XCTAssertTrue(output.text.contains("(test-selected, optimistic); seeds 1;"), output.text)
  }

  /// `protocol=holdout,paper` reads one set of runs twice: the paper
  /// figure of every model is at least its holdout figure, and each
  /// protocol gets its own pair of files.
  func testCompareReadsTwoProtocolsFromTheSameRuns() throws {
    let base = directory.appendingPathComponent("both").path
    XCTAssertEqual(
      try run(
        "set quiet=true epochs=3 nhid=8\n"
          + "compare datasets=MUTAG seeds=1..2 protocol=holdout,paper to=\(base)"),
      .completed, errors.text)
    XCTAssertEqual(
      output.text.components(separatedBy: "compare: MUTAG gcn seed").count - 1, 2, output.text)
    func cell(_ name: String) throws -> [String: Any] {
      let data = try Data(contentsOf: URL(fileURLWithPath: "\(base)-\(name).json"))
      let file = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
      XCTAssertEqual(file["protocol"] as? String, name)
      return try XCTUnwrap((file["cells"] as? [[String: Any]])?.first)
    }
    let holdout = try cell("holdout")
    let paper = try cell("paper")
    for role in ["baseline", "teacher", "student"] {
      let h = try XCTUnwrap((holdout[role] as? [String: Any])?["mean"] as? Double)
      let p = try XCTUnwrap((paper[role] as? [String: Any])?["mean"] as? Double)
      XCTAssertGreaterThanOrEqual(p, h, role)
    }
    XCTAssertEqual(try run("compare protocol=kfold,paper"), .failed(status: 64))
    XCTAssertTrue(errors.text.contains("kfold trains models of its own"), errors.text)
  }

  /// `paper` reads per-epoch test figures: a model opened from a file has
  /// none, so it is left out and said to be; a kfold teacher's student
  /// follows the folds without `protocol=`.
  func testPaperLeavesOutOpenedModelsAndStudentsFollowKfoldTeachers() throws {
    let file = directory.appendingPathComponent("b.safetensors").path
    XCTAssertEqual(
      try run(
        "load MUTAG; set quiet=true epochs=2 nhid=8; baseline gcn; save baseline to=\(file)\n"
          + "open \(file); evaluate protocol=paper"),
      .failed(status: 64))
    XCTAssertTrue(errors.text.contains("models opened from files carry none"), errors.text)
    XCTAssertEqual(try run("teacher gcn; evaluate protocol=paper"), .completed, errors.text)
    XCTAssertTrue(output.text.contains("left out 1 model opened from a file"), output.text)
    XCTAssertFalse(output.text.contains("nan"), output.text)
    XCTAssertTrue(output.text.contains("teacher: reads each graph's true label"), output.text)

    XCTAssertEqual(
      try run("teacher gcn protocol=kfold epochs=1; distill epochs=1"), .completed, errors.text)
    XCTAssertEqual(session.runs.filter { $0.role == .student && $0.fold != nil }.count, 10)
    XCTAssertEqual(try run("evaluate"), .completed, errors.text)
    XCTAssertTrue(output.text.contains("not shown: 2 runs trained under holdout"), output.text)
  }
}
