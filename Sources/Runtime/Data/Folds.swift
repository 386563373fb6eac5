/// The `kfold` protocol's splits (METHOD.md section 4; Errica et al.,
/// ICLR 2020): stratified folds whose test parts cover every graph once,
/// and inside each training part a stratified 10% held out for
/// validation and early stopping.
public struct Folds: Sendable, Equatable, Codable {
  /// Where the folds came from: `seed N`, a file, or the dataset's own.
  public var source: String
  /// The number of graphs the indices refer to.
  public var graphCount: Int
  /// One split per fold; the test parts are disjoint and cover all graphs.
  public var splits: [Split]

  public init(source: String, graphCount: Int, splits: [Split]) {
    self.source = source
    self.graphCount = graphCount
    self.splits = splits
  }

  /// Stratified `count` folds drawn from the seed: per class, the graphs
  /// are shuffled and dealt to the folds in turn, the dealing continuing
  /// from class to class, so fold sizes differ by at most one and each
  /// fold keeps the class proportions; then `validationFraction` of each
  /// training part is held out, stratified (`round` per class).
  public static func stratified(
    labels: [Int], classCount: Int, seed: Int, count: Int = 10,
    validationFraction: Double = 0.1
  ) -> Folds {
    var random = RandomGenerator(seed: seed, stream: "folds")
    var tests = [[Int]](repeating: [], count: count)
    var next = 0
    for k in 0..<classCount {
      var members = labels.indices.filter { labels[$0] == k }
      random.shuffle(&members)
      for graph in members {
        tests[next].append(graph)
        next = (next + 1) % count
      }
    }
    let trains = tests.indices.map { f in
      tests.indices.filter { $0 != f }.flatMap { tests[$0] }
    }
    return Folds(
      source: "seed \(seed)", graphCount: labels.count,
      splits: holdOutValidation(
        trains: trains, tests: tests, labels: labels, classCount: classCount,
        random: &random, fraction: validationFraction))
  }

  /// Folds whose train and test parts are given (a dataset's `10fold_idx`);
  /// validation is drawn from each training part with the seed.
  public static func given(
    _ index: FoldIndex, labels: [Int], classCount: Int, seed: Int,
    validationFraction: Double = 0.1, source: String
  ) -> Folds {
    var random = RandomGenerator(seed: seed, stream: "folds")
    return Folds(
      source: source, graphCount: labels.count,
      splits: holdOutValidation(
        trains: index.folds.map(\.train), tests: index.folds.map(\.test), labels: labels,
        classCount: classCount, random: &random, fraction: validationFraction))
  }

  private static func holdOutValidation(
    trains: [[Int]], tests: [[Int]], labels: [Int], classCount: Int,
    random: inout RandomGenerator, fraction: Double
  ) -> [Split] {
    zip(trains, tests).map { train, test in
      var kept: [Int] = []
      var validation: [Int] = []
      for k in 0..<classCount {
        var members = train.filter { labels[$0] == k }.sorted()
        random.shuffle(&members)
        let held = Int((Double(members.count) * fraction).rounded())
        validation += members[0..<held]
        kept += members[held...]
      }
      return Split(train: kept.sorted(), validation: validation.sorted(), test: test.sorted())
    }
  }

  /// The first problem of folds read from a file against a dataset of
  /// `graphCount` graphs, or nil: 10 folds, indices in range, no graph
  /// twice within a fold, test parts disjoint and covering every graph.
  public func problem(graphCount: Int) -> String? {
    guard self.graphCount == graphCount else {
      return "the folds are of \(self.graphCount) graphs, the dataset has \(graphCount)"
    }
    guard !splits.isEmpty else { return "there are no folds" }
    guard splits.count == 10 else {
      return "there are \(splits.count) folds; lad's kfold is 10-fold cross-validation"
    }
    var tested = Set<Int>()
    for (f, split) in splits.enumerated() {
      let all = split.train + split.validation + split.test
      if let bad = all.first(where: { $0 < 0 || $0 >= graphCount }) {
        return "fold \(f + 1) names graph \(bad), outside 0...\(graphCount - 1)"
      }
      if Set(all).count != all.count { return "fold \(f + 1) names a graph twice" }
      if split.train.isEmpty || split.validation.isEmpty || split.test.isEmpty {
        return "fold \(f + 1) has an empty part"
      }
      for graph in split.test where !tested.insert(graph).inserted {
        return "graph \(graph) is tested in two folds"
      }
    }
    guard tested.count == graphCount else {
      return "the test parts cover \(tested.count) of the \(graphCount) graphs; each must be "
        + "tested once"
    }
    return nil
  }
}
