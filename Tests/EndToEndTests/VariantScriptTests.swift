import Foundation
import XCTest

/// `variant=reference` (the released code's design) through the lad
/// binary: teacher and distill run in both variants, the student inherits
/// its teacher's, and evaluate, show and save record it.
final class VariantScriptTests: XCTestCase {
  func testBothVariantsRunTeacherAndDistill() throws {
    let directory = try temporaryDirectory()
    for variant in ["paper", "reference"] {
      let commands =
        "load MUTAG; set quiet=true epochs=3; teacher gcn variant=\(variant); distill; "
        + "baseline gcn variant=\(variant); show; evaluate to=rows.json; "
        + "save student to=s.safetensors"
      let run = try runLad(["-e", commands], in: directory)
      XCTAssertEqual(run.status, 0, "\(variant): \(run.errors)")
      let tag = variant == "reference" ? "(ref)" : ""
      for role in ["teacher", "student", "baseline"] {
        XCTAssertTrue(
          run.output.contains("\(role)\(tag) gcn on MUTAG: 3 epochs"), "\(variant): \(run.output)")
        XCTAssertTrue(
          run.output.contains("\(role)\(tag)".padding(toLength: 10, withPad: " ", startingAt: 0)),
          run.output)
      }
      // show lists the variant and, for the reference student, its own head
      XCTAssertTrue(run.output.contains("variant=\(variant)"), run.output)
      if variant == "reference" { XCTAssertTrue(run.output.contains("head=own"), run.output) }
      let json = try String(
        contentsOf: directory.appendingPathComponent("rows.json"), encoding: .utf8)
      XCTAssertTrue(json.contains("\"variant\" : \"\(variant)\""), json)
      let saved = try Data(contentsOf: directory.appendingPathComponent("s.safetensors"))
      XCTAssertTrue(
        String(decoding: saved, as: UTF8.self).contains("\"variant\":\"\(variant)\""))

      // the saved student reopens in its variant with the same figures
      // (columns compared as words: evaluate widens the first for tags)
      let reopen = try runLad(["-e", "open s.safetensors; evaluate"], in: directory)
      XCTAssertEqual(reopen.status, 0, reopen.errors)
      let row = { (text: String) in
        text.split(separator: "\n").first { $0.hasPrefix("student") && $0.contains(" holdout ") }
          .map { $0.split(separator: " ") }
      }
      XCTAssertNotNil(row(run.output))
      XCTAssertEqual(row(run.output), row(reopen.output))
    }
  }
}
