import Interpreter
import XCTest

final class LexerTests: XCTestCase {
  private func kinds(_ text: String) throws -> [TokenKind] {
    try Lexer.tokens(in: text, file: "t").map(\.kind)
  }

  func testCommandWithPositionalAndKeys() throws {
    let tokens = try Lexer.tokens(in: "teacher gcn nhid=64 lr=1e-3", file: "s.lad")
    XCTAssertEqual(
      tokens.map(\.kind),
      [.word, .word, .word, .equals, .number, .word, .equals, .number, .end])
    XCTAssertEqual(
      tokens.map(\.text), ["teacher", "gcn", "nhid", "=", "64", "lr", "=", "1e-3", ""])
    XCTAssertEqual(
      tokens[2].location, SourceLocation(file: "s.lad", line: 1, column: 13, length: 4))
    XCTAssertEqual(
      tokens[7].location, SourceLocation(file: "s.lad", line: 1, column: 24, length: 4))
  }

  func testLocationsAcrossLinesAndFirstLine() throws {
    let tokens = try Lexer.tokens(in: "load MUTAG\n  teacher gcn", file: "f", firstLine: 7)
    let teacher = tokens.first { $0.text == "teacher" }!
    XCTAssertEqual(teacher.location.line, 8)
    XCTAssertEqual(teacher.location.column, 3)
    XCTAssertEqual(tokens[2].kind, .newline)
  }

  func testNumbersRangesListsPathsAndVariables() throws {
    let tokens = try Lexer.tokens(
      in: "x 3 -2 0.5 .5 5e-5 1..10 gcn,gin to=out/result.json $width ../a", file: "t")
    XCTAssertEqual(
      tokens.map(\.kind),
      [
        .word, .number, .number, .number, .number, .number, .range, .list,
        .word, .equals, .word, .variable, .word, .end,
      ])
    XCTAssertEqual(tokens[11].value, "width")
    XCTAssertEqual(tokens[10].text, "out/result.json")
  }

  func testCommentsSemicolonsAndBraces() throws {
    XCTAssertEqual(
      try kinds("a # note ; {\nb; c { d }"),
      [.word, .newline, .word, .semicolon, .word, .leftBrace, .word, .rightBrace, .end])
  }

  func testStringEscapes() throws {
    let tokens = try Lexer.tokens(in: #"set name="a \"b\"\\c\td" x=1"#, file: "t")
    XCTAssertEqual(tokens[3].kind, .string)
    XCTAssertEqual(tokens[3].value, "a \"b\"\\c\td")
    XCTAssertEqual(tokens[3].text, #""a \"b\"\\c\td""#)
    XCTAssertEqual(tokens[4].location.column, 26)
  }

  func testListElementsHaveTheirOwnLocations() throws {
    let tokens = try Lexer.tokens(in: "x gcn,gin,sage", file: "t")
    let elements = tokens[1].listElements
    XCTAssertEqual(elements.map(\.text), ["gcn", "gin", "sage"])
    XCTAssertEqual(elements.map(\.location.column), [3, 7, 11])
  }

  func testUnclosedStringPointsAtItsQuote() {
    let error = languageError { _ = try Lexer.tokens(in: "load \"MUTAG\nx", file: "t") }
    XCTAssertEqual(error?.kind, .unclosedString)
    XCTAssertEqual(error?.location, SourceLocation(file: "t", line: 1, column: 6, length: 1))
    XCTAssertEqual(error?.message, "unclosed string")
    XCTAssertEqual(error?.category, .data)
  }

  func testUnknownEscapeAndBareDollar() {
    let escape = languageError { _ = try Lexer.tokens(in: #"x "a\qb""#, file: "t") }
    XCTAssertEqual(escape?.message, #"unknown escape '\q' in a string"#)
    XCTAssertEqual(escape?.location.column, 5)
    let dollar = languageError { _ = try Lexer.tokens(in: "x $ y", file: "t") }
    XCTAssertEqual(dollar?.kind, .emptyVariableName)
  }
}
