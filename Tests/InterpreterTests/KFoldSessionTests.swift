import Foundation
import Interpreter
import Runtime
import XCTest

/// `protocol=kfold` and `folds` through a real `Session` on MUTAG, with
/// two-epoch models.
final class KFoldSessionTests: RealSessionTestCase {

  func testKFoldTrainsAModelPerFoldAndTheStudentUsesItsFoldsTeacher() throws {
    XCTAssertEqual(
      try run(
        "load MUTAG; set quiet=true epochs=2 nhid=8\n"
          + "teacher gcn protocol=kfold; distill protocol=kfold; evaluate"),
      .completed, errors.text)
    let teachers = session.runs.filter { $0.role == .teacher }
    let students = session.runs.filter { $0.role == .student }
    XCTAssertEqual(teachers.map(\.fold), (0..<10).map { $0 })
    XCTAssertEqual(students.map(\.fold), (0..<10).map { $0 })
    XCTAssertEqual(session.student?.split, session.teacher?.split)
    XCTAssertEqual(session.student?.fold, 9)
    let folds = try XCTUnwrap(session.dataset).labels
    XCTAssertEqual(
      session.teacher?.split, Folds.stratified(labels: folds, classCount: 2, seed: 1).splits[9])
    XCTAssertTrue(output.text.contains("[kfold, seed 1, fold 3]"), output.text)
    XCTAssertTrue(output.text.contains("student   gcn       MUTAG         kfold     1        10"))
    XCTAssertTrue(output.text.contains("kfold: stratified 10-fold"))
  }

  func testKFoldAsASettingAcrossSeeds() throws {
    XCTAssertEqual(
      try run(
        "load MUTAG; set quiet=true epochs=1 nhid=8 protocol=kfold\n"
          + "repeat seeds=1..2 { baseline gcn }; evaluate"),
      .completed, errors.text)
    XCTAssertEqual(session.runs.count, 20)
    XCTAssertTrue(output.text.contains("baseline  gcn       MUTAG         kfold     1,2      20"))
  }

  func testFoldsSaveAndLoadRoundTrip() throws {
    let file = directory.appendingPathComponent("f.json").path
    XCTAssertEqual(try run("load MUTAG; set seed=5; folds to=\(file)"), .completed, errors.text)
    XCTAssertTrue(output.text.contains("10 folds of MUTAG (seed 5):"), output.text)
    XCTAssertTrue(output.text.contains("  fold 1: train 152, validation 17, test 19"))
    XCTAssertNil(session.fixedFolds)

    XCTAssertEqual(try run("set seed=1; folds from=\(file)"), .completed, errors.text)
    let dataset = try XCTUnwrap(session.dataset)
    XCTAssertEqual(
      session.fixedFolds, Folds.stratified(labels: dataset.labels, classCount: 2, seed: 5))
    XCTAssertTrue(output.text.contains("(seed 5), used for every seed"))
    XCTAssertEqual(try run("folds from=seed"), .completed)
    XCTAssertNil(session.fixedFolds)

    XCTAssertEqual(try run("folds from=dataset"), .failed(status: 64))
    XCTAssertTrue(errors.text.contains("MUTAG ships no 10fold_idx folder"), errors.text)
    try Data("{}".utf8).write(to: directory.appendingPathComponent("bad.json"))
    XCTAssertEqual(
      try run("folds from=\(directory.appendingPathComponent("bad.json").path)"),
      .failed(status: 65))
    XCTAssertTrue(errors.text.contains("could not read folds from"), errors.text)
  }
}

extension KFoldSessionTests {
  /// A student follows its kfold teachers unless told `protocol=holdout`,
  /// which is refused: there is no holdout teacher.
  func testAHoldoutStudentOfKFoldTeachersIsRefused() throws {
    XCTAssertEqual(
      try run(
        "load MUTAG; set quiet=true epochs=1 nhid=8; teacher gcn protocol=kfold\n"
          + "distill protocol=holdout"),
      .failed(status: 64))
    XCTAssertTrue(errors.text.contains("'distill protocol=kfold'"), errors.text)
    XCTAssertEqual(try run("evaluate protocol=paper"), .completed, errors.text)
    XCTAssertTrue(output.text.contains("the best test epoch of the kfold models"), output.text)
  }
}

extension KFoldSessionTests {
  func testASavedKFoldModelOpensWithItsFold() throws {
    let file = directory.appendingPathComponent("b.safetensors").path
    XCTAssertEqual(
      try run(
        "load MUTAG; set quiet=true epochs=1 nhid=8; baseline gcn protocol=kfold\n"
          + "save baseline to=\(file); open \(file)"),
      .completed, errors.text)
    XCTAssertEqual(session.baseline?.fold, 9)
    XCTAssertEqual(session.runs.count, 10, "the opened fold replaces its run")
    XCTAssertEqual(session.runs.last?.scheme, "kfold")
  }
}
