import Foundation
import Runtime
import XCTest

final class FoldsTests: XCTestCase {
  /// MUTAG's class sizes, in an arbitrary order of graphs.
  private let labels = (0..<188).map { ($0 * 7) % 188 < 63 ? 0 : 1 }

  func testStratifiedFoldsCoverEveryGraphOnceAndKeepTheClassProportions() {
    let folds = Folds.stratified(labels: labels, classCount: 2, seed: 3)
    XCTAssertEqual(folds.splits.count, 10)
    XCTAssertNil(folds.problem(graphCount: 188))
    let tests = folds.splits.map(\.test)
    XCTAssertEqual(tests.flatMap { $0 }.sorted(), Array(0..<188), "test parts partition")
    XCTAssertEqual(Set(tests.map(\.count)), [18, 19], "sizes differ by at most one")
    for split in folds.splits {
      let all = split.train + split.validation + split.test
      XCTAssertEqual(all.sorted(), Array(0..<188), "train, validation, test partition")
      let zeros = split.test.filter { labels[$0] == 0 }.count
      XCTAssertTrue((6...7).contains(zeros), "63 of 188 per fold: \(zeros)")
      // 10% of each class of the training part: round(0.1 * 56 or 57), round(0.1 * 112 or 113)
      let trainZeros = (split.train + split.validation).filter { labels[$0] == 0 }.count
      let validationZeros = split.validation.filter { labels[$0] == 0 }.count
      XCTAssertEqual(validationZeros, Int((Double(trainZeros) * 0.1).rounded()))
      XCTAssertEqual(split.validation.count, 17)
    }
    XCTAssertEqual(folds, Folds.stratified(labels: labels, classCount: 2, seed: 3))
    XCTAssertNotEqual(folds, Folds.stratified(labels: labels, classCount: 2, seed: 4))
  }

  func testFoldsSurviveJSONAndBadFoldsAreNamed() throws {
    let folds = Folds.stratified(labels: labels, classCount: 2, seed: 1)
    let decoded = try JSONDecoder().decode(Folds.self, from: JSONEncoder().encode(folds))
    XCTAssertEqual(decoded, folds)
    XCTAssertEqual(
      folds.problem(graphCount: 100), "the folds are of 188 graphs, the dataset has 100")
    var twice = folds
    twice.splits[1].test.append(twice.splits[0].test[0])
    XCTAssertNotNil(twice.problem(graphCount: 188))
    var three = folds
    three.splits.removeLast(7)
    XCTAssertEqual(
      three.problem(graphCount: 188), "there are 3 folds; lad's kfold is 10-fold cross-validation")
    var untested = folds
    untested.splits[0].test.removeLast()
    XCTAssertEqual(
      untested.problem(graphCount: 188),
      "the test parts cover 187 of the 188 graphs; each must be tested once")
  }

  func testGivenFoldsKeepTheirTestPartsAndDrawValidation() {
    let index = FoldIndex(folds: [
      .init(train: Array(0..<94), test: Array(94..<188)),
      .init(train: Array(94..<188), test: Array(0..<94)),
    ])
    let folds = Folds.given(index, labels: labels, classCount: 2, seed: 1, source: "t")
    XCTAssertEqual(folds.splits.map(\.test), [Array(94..<188), Array(0..<94)])
    XCTAssertEqual(
      (folds.splits[0].train + folds.splits[0].validation).sorted(), Array(0..<94))
    // two folds are no 10-fold cross-validation
    XCTAssertEqual(
      folds.problem(graphCount: 188),
      "there are 2 folds; lad's kfold is 10-fold cross-validation")
  }
}
