import Interpreter
import XCTest

final class ParserTests: XCTestCase {
  func testVerbPositionalsAndOptions() throws {
    let commands = try Parser.parse("teacher gcn nhid=32 lr = 0.1", file: "t")
    XCTAssertEqual(commands.count, 1)
    let command = commands[0]
    XCTAssertEqual(command.verb.text, "teacher")
    XCTAssertEqual(command.positionals.map(\.text), ["gcn"])
    XCTAssertEqual(command.options.map(\.key.text), ["nhid", "lr"])
    XCTAssertEqual(command.options.map(\.value.text), ["32", "0.1"])
    XCTAssertEqual(command.options[0].location.length, 7)
    XCTAssertEqual(command.text, "teacher gcn nhid=32 lr = 0.1")
  }

  func testSemicolonsNewlinesAndComments() throws {
    let text = "# setup\nload MUTAG; set seed=2 ;\n\n teacher gcn # first\nevaluate"
    let commands = try Parser.parse(text, file: "t")
    XCTAssertEqual(commands.map(\.verb.text), ["load", "set", "teacher", "evaluate"])
    XCTAssertEqual(commands.map(\.verb.location.line), [2, 2, 4, 5])
    XCTAssertEqual(commands[2].text, "teacher gcn")
  }

  func testBlocksNestAndSpanLines() throws {
    let text = "repeat seeds=1..3 {\n  teacher gcn; distill\n  inner { x }\n}\nevaluate"
    let commands = try Parser.parse(text, file: "t")
    XCTAssertEqual(commands.map(\.verb.text), ["repeat", "evaluate"])
    let block = try XCTUnwrap(commands[0].block)
    XCTAssertEqual(block.commands.map(\.verb.text), ["teacher", "distill", "inner"])
    XCTAssertEqual(block.commands[2].block?.commands.map(\.verb.text), ["x"])
    XCTAssertEqual(block.open.location.line, 1)
    XCTAssertEqual(block.close.location.line, 4)
    XCTAssertTrue(commands[0].text.hasPrefix("repeat seeds=1..3 {\n"))
    XCTAssertTrue(commands[0].text.hasSuffix("\n}"))
  }

  func testOneLineBlock() throws {
    let commands = try Parser.parse("repeat seeds=1..2 { teacher gcn; distill }", file: "t")
    XCTAssertEqual(commands[0].block?.commands.count, 2)
  }

  func testQuestionMarkIsHelp() throws {
    let command = try Parser.parse("teacher?", file: "t")[0]
    XCTAssertEqual(command.verb.text, "help")
    XCTAssertEqual(command.positionals.map(\.text), ["teacher"])
    XCTAssertEqual(command.positionals[0].location.column, 1)
    let bare = try Parser.parse("?", file: "t")[0]
    XCTAssertEqual(bare.verb.text, "help")
    XCTAssertEqual(bare.positionals, [])
  }

  func testUnclosedBlockPointsAtTheBrace() {
    let error = languageError {
      _ = try Parser.parse("load MUTAG\nrepeat seeds=1..3 {\n teacher gcn", file: "s.lad")
    }
    XCTAssertEqual(error?.kind, .unclosedBlock)
    XCTAssertEqual(error?.location, SourceLocation(file: "s.lad", line: 2, column: 19, length: 1))
    XCTAssertEqual(error?.message, "unclosed block: this '{' has no matching '}'")
    XCTAssertEqual(error?.category, .data)
  }

  func testSyntaxErrors() {
    XCTAssertEqual(
      languageError { _ = try Parser.parse("}", file: "t") }?.kind, .unexpectedCloseBrace)
    XCTAssertEqual(
      languageError { _ = try Parser.parse("64 x", file: "t") }?.message,
      "expected a verb, found '64'")
    XCTAssertEqual(
      languageError { _ = try Parser.parse("teacher lr=", file: "t") }?.message,
      "missing value for 'lr'")
    XCTAssertEqual(
      languageError { _ = try Parser.parse("teacher =3", file: "t") }?.message,
      "expected a key before '='")
    XCTAssertEqual(
      languageError { _ = try Parser.parse("teacher 3=3", file: "t") }?.message,
      "'3' is not a key name")
    XCTAssertEqual(
      languageError { _ = try Parser.parse("x { y } z", file: "t") }?.kind,
      .expectedSeparator(found: "z"))
  }
}
