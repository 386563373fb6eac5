import Foundation
import Interpreter
import Runtime
import XCTest

/// `save` then `open` in a fresh session: a model of a featureless
/// dataset loads it with its features mode, and a kfold model comes back
/// with its own fold's split.
final class SavedModelTests: RealSessionTestCase {
  /// A new session on the same datasets, as a second `lad` run would be.
  private func reopen(_ commands: String) throws -> RunOutcome {
    session = Session(environment: session.environment)
    interpreter = Interpreter(console: Console(output: output, errors: errors), executor: session)
    return try run(commands)
  }

  private func file(_ name: String) -> String { directory.appendingPathComponent(name).path }

  /// Trains `model` (e.g. `teacher gcn`) on MUTAG for one epoch at width 8
  /// and saves it as `name`.
  private func trainAndSave(_ model: String, seed: Int = 1, to name: String) throws {
    let role = model.split(separator: " ")[0]
    XCTAssertEqual(
      try run(
        "load MUTAG; set quiet=true epochs=1 nhid=8 seed=\(seed); \(model)\n"
          + "save \(role) to=\(file(name))"),
      .completed, errors.text)
  }

  func testAModelOfMinMaxFeaturesReopensWithThem() throws {
    XCTAssertEqual(
      try run(
        "load IMDB-BINARY features=minmax; set quiet=true epochs=1 nhid=8; baseline gcn\n"
          + "save baseline to=\(file("imm.safetensors"))"),
      .completed, errors.text)
    let accuracy = session.baseline?.result.test.accuracy
    XCTAssertEqual(try reopen("open \(file("imm.safetensors"))"), .completed, errors.text)
    XCTAssertEqual(session.dataset?.featureCount, 1)
    XCTAssertEqual(session.dataset?.requestedFeatures, .minmaxDegree)
    XCTAssertEqual(session.baseline?.result.test.accuracy, accuracy)

    // a dataset loaded with other features is loaded again as the file says
    XCTAssertEqual(
      try reopen("load IMDB-BINARY features=constant; open \(file("imm.safetensors"))"),
      .completed, errors.text)
    XCTAssertEqual(session.dataset?.requestedFeatures, .minmaxDegree)
    XCTAssertEqual(session.baseline?.result.test.accuracy, accuracy)
  }

  /// Settings edited into a file are checked as the keys they stand for,
  /// before anything is built (an nlayers of 100000 once ate gigabytes).
  func testEditedSettingsAreRefusedBeforeAnythingIsBuilt() throws {
    try trainAndSave("teacher gcn", to: "t.safetensors")
    let data = try Data(contentsOf: URL(fileURLWithPath: file("t.safetensors")))
    let (entries, meta) = try Safetensors.decode(data, file: "t.safetensors")
    for (key, value, expected) in [
      ("nlayers", "100000", "nlayers"), ("seed", "-4", "seed"), ("tau", "-1", "tau"),
      ("dropout", "5", "dropout"),
    ] {
      var edited = meta
      edited[key] = value
      try Safetensors.encode(entries, metadata: edited)
        .write(to: URL(fileURLWithPath: file("e.safetensors")))
      XCTAssertEqual(try reopen("open \(file("e.safetensors"))"), .failed(status: 65), key)
      XCTAssertTrue(errors.text.contains("records a setting lad refuses"), errors.text)
      XCTAssertTrue(errors.text.contains("'\(expected)'"), errors.text)
      XCTAssertNil(session.teacher)
    }
  }

  /// An opened teacher brings its seed; only a session teacher whose seed
  /// the user then changed draws the warning.
  func testDistillWarnsAboutTheSeedOnlyForASessionTeacher() throws {
    try trainAndSave("teacher gcn", seed: 2, to: "t2.safetensors")
    XCTAssertEqual(
      try reopen("set quiet=true epochs=1; open \(file("t2.safetensors")); distill"),
      .completed, errors.text)
    XCTAssertFalse(errors.text.contains("distilling with the teacher's seed"), errors.text)
    XCTAssertEqual(
      try run("set seed=3; teacher gcn; set seed=1; distill"), .completed, errors.text)
    XCTAssertTrue(
      errors.text.contains("distilling with the teacher's seed 3, not seed 1"), errors.text)
  }

  /// `show` lists an opened model's settings as it lists a trained one's.
  func testShowListsAnOpenedModelLikeATrainedOne() throws {
    func settingsLine() -> String? {
      output.text.split(separator: "\n").last { $0.hasPrefix("         nhid=") }.map(String.init)
    }
    XCTAssertEqual(
      try run(
        "load MUTAG; set quiet=true epochs=1 nhid=8; teacher gcn\n"
          + "save teacher to=\(file("s.safetensors")); show"),
      .completed, errors.text)
    let trained = try XCTUnwrap(settingsLine())
    XCTAssertEqual(try reopen("open \(file("s.safetensors")); show"), .completed, errors.text)
    XCTAssertEqual(settingsLine(), trained)
  }

  /// An opened model has no curves: `plot curves` says so and writes
  /// nothing, rather than an empty picture.
  func testCurvesOfOnlyOpenedModelsAreRefused() throws {
    try trainAndSave("baseline gcn", to: "b.safetensors")
    let picture = file("curves.svg")
    XCTAssertEqual(
      try reopen("open \(file("b.safetensors")); plot curves to=\(picture)"),
      .failed(status: 64))
    XCTAssertTrue(errors.text.contains("no per-epoch history to plot"), errors.text)
    XCTAssertFalse(FileManager.default.fileExists(atPath: picture))
  }

  /// A file from before the features mode was saved keeps the old
  /// behaviour, and its mismatch says how to fix it.
  func testAnOlderFileWithoutTheFeaturesModeHintsAtTheFix() throws {
    XCTAssertEqual(
      try run(
        "load IMDB-BINARY features=constant; set quiet=true epochs=1 nhid=8; baseline gcn\n"
          + "save baseline to=\(file("new.safetensors"))"),
      .completed, errors.text)
    let data = try Data(contentsOf: URL(fileURLWithPath: file("new.safetensors")))
    var (entries, meta) = try Safetensors.decode(data, file: "new.safetensors")
    XCTAssertEqual(meta["feature_mode"], "constant")
    meta["feature_mode"] = nil
    try Safetensors.encode(entries, metadata: meta)
      .write(to: URL(fileURLWithPath: file("old.safetensors")))
    entries = []

    XCTAssertEqual(try reopen("open \(file("old.safetensors"))"), .failed(status: 65))
    XCTAssertTrue(errors.text.contains("expects 1 features and 2 classes"), errors.text)
    XCTAssertTrue(errors.text.contains("'load IMDB-BINARY features=minmax'"), errors.text)
    XCTAssertEqual(
      try run("load IMDB-BINARY features=constant; open \(file("old.safetensors"))"),
      .completed, errors.text)
  }

  func testAKFoldModelSavesAndReopensItsFold() throws {
    XCTAssertEqual(
      try run(
        "load MUTAG; set quiet=true epochs=1 nhid=8; teacher gcn protocol=kfold\n"
          + "save teacher to=\(file("kt.safetensors"))\n"
          + "save teacher fold=3 to=\(file("k3.safetensors"))"),
      .completed, errors.text)
    XCTAssertTrue(output.text.contains("saved teacher gcn, fold 10 of 10 ("), output.text)
    XCTAssertTrue(output.text.contains("saved teacher gcn, fold 3 of 10 ("), output.text)
    let labels = try XCTUnwrap(session.dataset).labels
    let folds = Folds.stratified(labels: labels, classCount: 2, seed: 1)
    let third = session.runs.first { $0.role == .teacher && $0.fold == 2 }?.result.test.accuracy

    XCTAssertEqual(try reopen("open \(file("kt.safetensors"))"), .completed, errors.text)
    XCTAssertEqual(session.teacher?.fold, 9)
    XCTAssertEqual(session.teacher?.split, folds.splits[9])
    XCTAssertTrue(output.text.contains("[kfold, seed 1, fold 10]"), output.text)
    XCTAssertFalse(output.text.contains("[holdout, seed 1]"), output.text)
    XCTAssertEqual(try reopen("open \(file("k3.safetensors"))"), .completed, errors.text)
    XCTAssertEqual(session.teacher?.split, folds.splits[2])
    XCTAssertEqual(session.teacher?.result.test.accuracy, third)

    XCTAssertEqual(try run("save teacher fold=11"), .failed(status: 64))
    XCTAssertTrue(errors.text.contains("there is no fold 11"), errors.text)
  }

  /// Folds read from a file are saved as indices: the reopened model
  /// tests on the same graphs without the file.
  func testAModelOnGivenFoldsKeepsTheirIndices() throws {
    XCTAssertEqual(
      try run(
        "load MUTAG; set seed=5; folds to=\(file("f.json")); set seed=1\n"
          + "folds from=\(file("f.json")); set quiet=true epochs=1 nhid=8\n"
          + "baseline gcn protocol=kfold; save baseline to=\(file("kb.safetensors"))"),
      .completed, errors.text)
    let split = try XCTUnwrap(session.baseline?.split)
    let labels = try XCTUnwrap(session.dataset).labels
    XCTAssertEqual(split, Folds.stratified(labels: labels, classCount: 2, seed: 5).splits[9])
    XCTAssertEqual(try reopen("open \(file("kb.safetensors"))"), .completed, errors.text)
    XCTAssertEqual(session.baseline?.split, split)
    XCTAssertEqual(session.baseline?.fold, 9)
  }
}
