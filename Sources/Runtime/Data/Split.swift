/// Which graphs train, validate and test a model.
public struct Split: Sendable, Equatable, Codable {
  public var train: [Int]
  public var validation: [Int]
  public var test: [Int]

  public init(train: [Int], validation: [Int], test: [Int]) {
    self.train = train
    self.validation = validation
    self.test = test
  }

  /// The `holdout` protocol's split: per class, the graphs are shuffled by
  /// the seed and `round(10%)` go to test, `round(10%)` to validation and
  /// the rest to training, so every part keeps the class proportions.
  /// Drawn once per seed and shared by teacher, student and baseline.
  public static func stratified(
    labels: [Int], classCount: Int, seed: Int,
    validationFraction: Double = 0.1, testFraction: Double = 0.1
  ) -> Split {
    var random = RandomGenerator(seed: seed, stream: "split")
    var train: [Int] = []
    var validation: [Int] = []
    var test: [Int] = []
    for k in 0..<classCount {
      var members = labels.indices.filter { labels[$0] == k }
      random.shuffle(&members)
      let n = Double(members.count)
      let testCount = Int((n * testFraction).rounded())
      let validationCount = Int((n * validationFraction).rounded())
      test += members[0..<testCount]
      validation += members[testCount..<(testCount + validationCount)]
      train += members[(testCount + validationCount)...]
    }
    return Split(train: train.sorted(), validation: validation.sorted(), test: test.sorted())
  }
}
