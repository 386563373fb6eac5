import Runtime
import XCTest

final class TrainingTests: XCTestCase {
  /// One Adam step by hand: with g = grad + wd p, m = 0.1 g, v = 0.001 g^2,
  /// the bias-corrected step is lr * g / (|g| + eps), i.e. about lr.
  func testAdamStepMatchesPyTorchFormula() {
    let p = Parameter("p", Tensor([[1.0, -2.0]]))
    p.grad = Tensor([[0.5, 0.25]])
    let adam = Adam(parameters: [p], learningRate: 0.1, weightDecay: 0.01)
    adam.step()
    let g: [Float] = [0.5 + 0.01, 0.25 - 0.02]
    for (i, start) in [Float(1), -2].enumerated() {
      let m = 0.1 * g[i] / 0.1
      let v = 0.001 * g[i] * g[i]
      let expected = start - 0.1 * m / (v.squareRoot() / Float(0.001).squareRoot() + 1e-8)
      XCTAssertEqual(p.value.data[i], expected, accuracy: 1e-6)
    }
  }

  func testFrozenParametersDoNotMove() {
    let p = Parameter("p", Tensor([[1.0]]))
    p.isFrozen = true
    let tape = Tape(training: true)
    let loss = (tape.parameter(p) * 3).sum()
    tape.backward(from: loss)
    XCTAssertEqual(p.grad.data, [0])
    let adam = Adam(parameters: [p], learningRate: 0.1)
    adam.step()
    XCTAssertEqual(p.value.data, [1])
  }

  func testReduceLROnPlateauWaitsForPatience() {
    let adam = Adam(parameters: [], learningRate: 1)
    var scheduler = ReduceLROnPlateau(patience: 2, factor: 0.1)
    XCTAssertFalse(scheduler.step(1.0, optimizer: adam))
    XCTAssertFalse(scheduler.step(1.0, optimizer: adam))
    XCTAssertFalse(scheduler.step(1.0, optimizer: adam))
    XCTAssertTrue(scheduler.step(1.0, optimizer: adam))
    XCTAssertEqual(adam.learningRate, 0.1, accuracy: 1e-7)
    XCTAssertFalse(scheduler.step(0.5, optimizer: adam))
  }

  func testStratifiedSplitKeepsProportionsAndIsSeeded() {
    let labels = [Int](repeating: 0, count: 63) + [Int](repeating: 1, count: 125)
    let a = Split.stratified(labels: labels, classCount: 2, seed: 1)
    let b = Split.stratified(labels: labels, classCount: 2, seed: 1)
    let c = Split.stratified(labels: labels, classCount: 2, seed: 2)
    XCTAssertEqual(a, b)
    XCTAssertNotEqual(a, c)
    XCTAssertEqual(Set(a.train + a.validation + a.test).count, 188)
    XCTAssertEqual(a.test.filter { labels[$0] == 0 }.count, 6)
    XCTAssertEqual(a.test.filter { labels[$0] == 1 }.count, 13)
    XCTAssertEqual(a.validation.count, 19)
    XCTAssertEqual(a.train.count, 150)
  }

  /// A seeded end-to-end run: the baseline, the teacher and the student
  /// all learn cycles from stars, and the same seed repeats the numbers.
  func testSeededTrainingConvergesAndRepeats() throws {
    let ds = cyclesAndStars(count: 80)
    let split = Split.stratified(labels: ds.labels, classCount: 2, seed: 3)
    var options = TrainingOptions()
    options.epochs = 40
    options.seed = 3
    func run() throws -> (TrainingResult, TrainingResult, TrainingResult) {
      let settings = BackboneSettings(inputWidth: 10, hiddenWidth: 16)
      var r = RandomGenerator(seed: 3, stream: "baseline")
      let baseline = Baseline(backbone: GCN(settings, random: &r), classCount: 2, dropout: 0.5,
                              random: &r)
      let b = try Trainer(model: baseline, dataset: ds, split: split, options: options,
                          stream: "baseline").fit()
      var rt = RandomGenerator(seed: 3, stream: "teacher")
      let teacher = Teacher(backbone: GCN(settings, random: &rt), classCount: 2, tau: 0.1,
                            dropout: 0.5, random: &rt)
      let t = try Trainer(model: teacher, dataset: ds, split: split, options: options,
                          stream: "teacher").fit()
      var rs = RandomGenerator(seed: 3, stream: "student")
      let student = Student(
        backbone: GCN(settings, random: &rs), teacher: teacher, lambda: 1, random: &rs)
      var studentOptions = options
      studentOptions.learningRate = 0.001
      let s = try Trainer(model: student, dataset: ds, split: split, options: studentOptions,
                          stream: "student").fit()
      return (b, t, s)
    }
    let (b, t, s) = try run()
    XCTAssertEqual(b.test.accuracy, 1.0)
    XCTAssertEqual(t.test.accuracy, 1.0)
    XCTAssertEqual(s.test.accuracy, 1.0)
    XCTAssertLessThan(b.history.last!.trainLoss, b.history.first!.trainLoss)
    let (b2, _, s2) = try run()
    XCTAssertEqual(b.history, b2.history)
    XCTAssertEqual(s.history, s2.history)
  }
}
