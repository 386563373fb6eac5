/// Cross-validation folds shipped with a dataset, as the GIN paper's
/// `10fold_idx/train_idx-K.txt` and `test_idx-K.txt` (one 0-based graph
/// index a line, K = 1, 2, ...).
public struct FoldIndex: Sendable, Equatable {
  /// One fold: the graphs to train on and the graphs to test on.
  public struct Fold: Sendable, Equatable {
    public var train: [Int]
    public var test: [Int]

    public init(train: [Int], test: [Int]) {
      self.train = train
      self.test = test
    }
  }

  /// Folds in file order: `folds[0]` is `train_idx-1.txt`/`test_idx-1.txt`.
  public var folds: [Fold]

  public init(folds: [Fold]) {
    self.folds = folds
  }

  /// The folds in `datasetDirectory/10fold_idx`, or nil without that folder.
  static func readIfPresent(datasetDirectory: String, graphCount: Int) throws -> FoldIndex? {
    let directory = "\(datasetDirectory)/10fold_idx"
    guard FileBytes.isDirectory(directory) else { return nil }
    return try read(directory: directory, graphCount: graphCount)
  }

  /// Reads the folds in `directory` (e.g. `COLLAB/10fold_idx`), checking
  /// every index against `graphCount`, that no file repeats an index, and
  /// that a fold's train and test sets are disjoint. Reads K = 1, 2, ...
  /// until `train_idx-K.txt` is missing; a missing partner file is an error.
  static func read(directory: String, graphCount: Int) throws -> FoldIndex {
    var folds: [Fold] = []
    var k = 1
    while true {
      let trainPath = "\(directory)/train_idx-\(k).txt"
      let testPath = "\(directory)/test_idx-\(k).txt"
      let hasTrain = FileBytes.isFile(trainPath)
      let hasTest = FileBytes.isFile(testPath)
      if !hasTrain && !hasTest { break }
      guard hasTrain else { throw DatasetError.missingFile(file: trainPath, role: "fold \(k)") }
      guard hasTest else { throw DatasetError.missingFile(file: testPath, role: "fold \(k)") }
      var seen = [Bool](repeating: false, count: graphCount)
      let train = try indices(path: trainPath, graphCount: graphCount, seen: &seen)
      var testSeen = [Bool](repeating: false, count: graphCount)
      let test = try indices(path: testPath, graphCount: graphCount, seen: &testSeen)
      if let shared = test.first(where: { seen[$0] }) {
        throw DatasetError.badFold(
          file: testPath, line: nil,
          problem: "graph \(shared) is in both the train and the test set of fold \(k)")
      }
      folds.append(Fold(train: train, test: test))
      k += 1
    }
    guard !folds.isEmpty else {
      throw DatasetError.missingFile(file: "\(directory)/train_idx-1.txt", role: "fold 1")
    }
    return FoldIndex(folds: folds)
  }

  private static func indices(path: String, graphCount: Int, seen: inout [Bool]) throws -> [Int] {
    var result: [Int] = []
    try TextLines.forEach(path: path) { line in
      guard !line.isBlank else { return }
      var cursor = FieldCursor(line, file: path)
      let columns = "1 field (a 0-based graph index)"
      let index = try cursor.int("a graph index", columns: columns)
      try cursor.end(columns: columns)
      guard index >= 0 && index < graphCount else {
        throw DatasetError.badFold(
          file: path, line: line.number,
          problem: "graph index \(index) is outside 0...\(graphCount - 1)")
      }
      guard !seen[index] else {
        throw DatasetError.badFold(
          file: path, line: line.number, problem: "graph index \(index) appears twice")
      }
      seen[index] = true
      result.append(index)
    }
    guard !result.isEmpty else { throw DatasetError.emptyFile(file: path) }
    return result
  }
}
