import Foundation
import Runtime
import XCTest

/// The hand-written field parser, seen through node attribute files: every
/// spelling must give the Float the standard library gives.
final class NumberParsingTests: XCTestCase {
  private func parse(_ spellings: [String]) throws -> [Float] {
    let fixture = try Fixture()
    let n = spellings.count
    try fixture.writeTU(
      "NUM",
      [
        "A": "1, 2\n",
        "graph_indicator": String(repeating: "1\n", count: n),
        "graph_labels": "0\n",
        "node_attributes": spellings.joined(separator: "\n") + "\n",
      ])
    return try fixture.load("NUM").features
  }

  func testSpellingsOfTUAttributeFiles() throws {
    let spellings = [
      " 11.000000", "-0.510000", "102.600000", "-0.000091", "0", "-0", ".5", "5.", "+2",
      "1e-5", "2.5E+3", "3.4028235e38", "1.17549435e-38", "1e-45", "0.1",
      "123456789012345678901234", "0.000000000000000000000000000001234",
      "9007199254740993", "1.0000000000000000000000001",
    ]
    let parsed = try parse(spellings)
    for (text, value) in zip(spellings, parsed) {
      let trimmed = text.trimmingCharacters(in: .whitespaces)
      XCTAssertEqual(value, Float(Double(trimmed)!), text)
    }
  }

  func testRandomDecimalsMatchTheStandardLibrary() throws {
    var random = SplitMix64(seed: 42)
    var spellings: [String] = []
    for _ in 0..<2000 {
      let digits = 1 + random.below(18)
      var text = random.below(2) == 0 ? "" : "-"
      for i in 0..<digits {
        if i == digits / 2 && random.below(2) == 0 { text += "." }
        text += String(random.below(10))
      }
      // exponents that keep 18 digits within Float's range
      if random.below(3) == 0 { text += "e\(random.below(41) - 20)" }
      spellings.append(text)
    }
    let parsed = try parse(spellings)
    XCTAssertEqual(parsed.count, spellings.count)
    for (text, value) in zip(spellings, parsed) {
      XCTAssertEqual(value, Float(Double(text)!), text)
    }
  }
}
