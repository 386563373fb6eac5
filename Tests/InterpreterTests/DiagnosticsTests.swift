import Interpreter
import Runtime
import XCTest

final class DiagnosticsTests: XCTestCase {
  func testRenderingPointsAtTheToken() throws {
    let sources = SourceStore()
    let text = "load MUTAG\n\tteacher gcn nhdi=32\n"
    sources.add(text, file: "script.lad")
    let commands = try Parser.parse(text, file: "script.lad")
    let error = languageError { _ = try Resolver().resolve(commands[1], variables: [:]) }
    let rendered = Diagnostics.render(try XCTUnwrap(error), sources: sources)
    XCTAssertEqual(
      rendered,
      """
      script.lad:2:14: error: unknown key 'nhdi' for 'teacher'. Did you mean 'nhid'?
      \tteacher gcn nhdi=32
      \t            ^~~~
      hint: 'help teacher' shows its usage and keys

      """)
  }

  func testExecutorErrorsAtTheVerbOrAtAKey() throws {
    let sources = SourceStore()
    sources.add("baseline gat", file: "s")
    let command = try Resolver().resolve(
      try Parser.parse("baseline gat", file: "s")[0], variables: [:])

    let atVerb = Diagnostics.render(
      LadError(.runtime, "out of memory"), at: command.verbLocation, sources: sources)
    XCTAssertEqual(atVerb, "s:1:1: error: out of memory\nbaseline gat\n^~~~~~~~\n")

    let atKey = command.error(
      at: "backbone", .usage, "'gat' is not implemented yet", hint: "use gcn")
    XCTAssertEqual(
      Diagnostics.render(atKey, at: command.verbLocation, sources: sources),
      "s:1:10: error: 'gat' is not implemented yet\nbaseline gat\n         ^~~\nhint: use gcn\n")
    XCTAssertEqual(Diagnostics.exitStatus(for: atKey), 64)
  }

  func testWithoutLocationOrSource() {
    XCTAssertEqual(
      Diagnostics.render(LadError(.data, "bad file", hint: "fix it")),
      "lad: error: bad file\nhint: fix it\n")
    let place = SourceLocation(file: "x", line: 3, column: 2)
    XCTAssertEqual(Diagnostics.render(message: "m", at: place), "x:3:2: error: m\n")
  }

  func testColourOnlyWhenAsked() {
    let plain = Diagnostics.render(message: "m", at: nil, color: false)
    let coloured = Diagnostics.render(message: "m", at: nil, color: true)
    XCTAssertFalse(plain.contains("\u{1B}["))
    XCTAssertTrue(coloured.contains("\u{1B}[1;31merror:\u{1B}[0m"))
  }

  func testExitStatusesFollowCategories() {
    XCTAssertEqual(Diagnostics.exitStatus(for: LadError(.usage, "u")), 64)
    XCTAssertEqual(Diagnostics.exitStatus(for: LadError(.data, "d")), 65)
    XCTAssertEqual(Diagnostics.exitStatus(for: LadError(.runtime, "r")), 70)
    struct Unexpected: Error {}
    XCTAssertEqual(Diagnostics.exitStatus(for: Unexpected()), 70)
  }
}
