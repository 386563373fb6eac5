import Foundation
import XCTest

/// `lad train ...`: the authors' main.py command line.
final class CompatTrainTests: XCTestCase {
  func testTeacherThenStudentWithMainPyFlags() throws {
    let directory = try temporaryDirectory()
    let flags = ["--dataset", "MUTAG", "--seed", "2", "--epochs", "3", "--backbone", "GCN"]
    let teacher = try runLad(["train", "--train_mode", "T", "--lr", "0.01"] + flags, in: directory)
    XCTAssertEqual(teacher.status, 0, teacher.errors)
    let epochLines = teacher.output.split(separator: "\n").filter { $0.hasPrefix("[*] Epoch: ") }
    guard epochLines.count == 3 else {
      return XCTFail("expected 3 epoch lines in:\n\(teacher.output)")
    }
    XCTAssertTrue(epochLines[0].hasPrefix("[*] Epoch: 0, Train Loss: "), String(epochLines[0]))
    XCTAssertTrue(epochLines[0].contains(", Test Acc: "))
    XCTAssertTrue(teacher.output.contains("test_avg_acc: "))
    XCTAssertTrue(teacher.output.contains("test-selected and optimistic"))
    XCTAssertTrue(
      FileManager.default.fileExists(
        atPath: directory.appendingPathComponent(
          "checkpoints/GCN/MUTAG_seed2_teacher.safetensors"
        ).path))

    // any spelling of the backbone finds the teacher main.py's way saved
    let lower = flags.map { $0 == "GCN" ? "gcn" : $0 }
    let student = try runLad(
      ["train", "--train_mode", "S", "--alpha", "0.5"] + lower, in: directory)
    XCTAssertEqual(student.status, 0, student.errors)
    XCTAssertTrue(student.output.contains("student gcn on MUTAG: 3 epochs"), student.output)
    XCTAssertTrue(student.output.contains("lad holdout: accuracy"), student.output)
  }

  func testReferenceVariantFlag() throws {
    let directory = try temporaryDirectory()
    let flags = ["--seed", "2", "--epochs", "2", "--variant", "reference"]
    let teacher = try runLad(["train", "--train_mode", "T"] + flags, in: directory)
    XCTAssertEqual(teacher.status, 0, teacher.errors)
    XCTAssertTrue(
      FileManager.default.fileExists(
        atPath: directory.appendingPathComponent(
          "checkpoints/GCN/MUTAG_seed2_reference_teacher.safetensors"
        ).path))
    let student = try runLad(["train", "--train_mode", "S"] + flags, in: directory)
    XCTAssertEqual(student.status, 0, student.errors)
    XCTAssertTrue(student.output.contains("student(ref) gcn on MUTAG: 2 epochs"), student.output)
  }

  func testStudentWithoutTeacherAndUnknownFlagsAreUsageErrors() throws {
    let directory = try temporaryDirectory()
    let missing = try runLad(["train", "--train_mode", "S"], in: directory)
    XCTAssertEqual(missing.status, 64)
    XCTAssertTrue(missing.errors.contains("no saved teacher"), missing.errors)
    let unknown = try runLad(["train", "--lr_rate", "3"], in: directory)
    XCTAssertEqual(unknown.status, 64)
    XCTAssertTrue(unknown.errors.contains("'--lr_rate'"), unknown.errors)
  }

  /// A bad flag is reported as the flag, before any training.
  func testFlagsAreCheckedAsLadChecksTheirKeys() throws {
    let directory = try temporaryDirectory()
    for (flags, expected) in [
      (["--nhid", "0"], "--nhid '0': '0' is out of range for --nhid"),
      (["--lr", "abc"], "--lr 'abc': 'abc' is not a number for --lr"),
      (["--alpha=-1"], "--alpha '-1'"),
      (["--seed", "x"], "--seed 'x' is not a whole number"),
      (["--dataset", "MUTAG", "--dataset", "PTC_MR"], "'--dataset' is given twice"),
      (["--dataset", "mutag"], "lad train: --dataset 'mutag': "),
    ] {
      let run = try runLad(["train"] + flags, in: directory)
      XCTAssertEqual(run.status, 64, flags.joined(separator: " "))
      XCTAssertTrue(run.errors.contains(expected), run.errors)
      XCTAssertFalse(run.output.contains("Epoch"), run.output)
    }
  }
}
