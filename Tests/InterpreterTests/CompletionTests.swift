import Interpreter
import XCTest

final class CompletionTests: XCTestCase {
  private let completer = Completer(
    variableNames: { ["width", "seed"] },
    datasetNames: { ["MUTAG", "PROTEINS", "PROTEINS_full"] },
    listDirectory: { directory in
      switch directory {
      case ".": [("out", true), ("run.lad", false), (".hidden", false)]
      case "out/": [("result.json", false), ("runs", true)]
      default: []
      }
    })

  func testVerbsAtTheStartOfACommand() {
    XCTAssertEqual(completer.candidates(before: "te"), ["teacher"])
    XCTAssertEqual(completer.candidates(before: ""), VerbTable.standard.verbNames)
    XCTAssertEqual(completer.candidates(before: "load MUTAG; d"), ["datasets", "distill", "draw"])
    XCTAssertEqual(completer.candidates(before: "repeat {  ev"), ["evaluate"])
  }

  func testPositionalChoicesThenKeys() {
    XCTAssertEqual(completer.candidates(before: "teacher g"), ["gcn", "gat", "gin"])
    XCTAssertEqual(completer.candidates(before: "teacher gcn nh"), ["nhid="])
    XCTAssertEqual(completer.candidates(before: "teacher gcn nhid=3 n"), ["nlayers="])
    XCTAssertEqual(completer.candidates(before: "evaluate "), ["protocol=", "to="])
  }

  func testValuesAfterKeyEquals() {
    XCTAssertEqual(completer.candidates(before: "distill backbone=s"), ["sage", "sagpool"])
    XCTAssertEqual(completer.candidates(before: "set quiet="), ["true", "false"])
    XCTAssertEqual(completer.candidates(before: "teacher gcn lr="), [])
  }

  func testPathsAfterPathKeys() {
    XCTAssertEqual(completer.candidates(before: "evaluate to="), ["out/", "run.lad"])
    XCTAssertEqual(completer.candidates(before: "evaluate to=ou"), ["out/"])
    XCTAssertEqual(
      completer.candidates(before: "evaluate to=out/r"), ["out/result.json", "out/runs/"])
    XCTAssertEqual(completer.candidates(before: "load MUTAG root=."), [".hidden"])
  }

  func testDatasetsHelpVerbsAndVariables() {
    XCTAssertEqual(completer.candidates(before: "load pro"), ["PROTEINS", "PROTEINS_full"])
    XCTAssertEqual(completer.candidates(before: "help di"), ["distill"])
    XCTAssertEqual(completer.candidates(before: "teacher gcn nhid=$w"), ["$width"])
    XCTAssertEqual(completer.candidates(before: "nosuch x"), [])
  }
}
