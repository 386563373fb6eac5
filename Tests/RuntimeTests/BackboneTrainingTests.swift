import Foundation
import Runtime
import XCTest

/// Each backbone trains a teacher, a student and a baseline for a few
/// epochs on real data through the runtime API: losses stay finite, every
/// trainable parameter moves, and the teacher's training loss falls.
final class BackboneTrainingTests: XCTestCase {
  func testSAGEOnMUTAG() throws {
    try trainThreeModels(on: "MUTAG") { GraphSAGE($0, random: &$1) }
  }

  func testSAGEOnIMDB() throws {
    try trainThreeModels(on: "IMDB-BINARY", graphs: 200) { GraphSAGE($0, random: &$1) }
  }

  func testGINWithTrainableEpsOnMUTAG() throws {
    try trainThreeModels(on: "MUTAG") { GIN($0, trainEps: true, random: &$1) }
  }

  func testGINOnIMDB() throws {
    try trainThreeModels(on: "IMDB-BINARY", graphs: 200) { GIN($0, random: &$1) }
  }

  func testGATOnMUTAG() throws {
    try trainThreeModels(on: "MUTAG") { GAT($0, random: &$1) }
  }

  func testGATOnIMDB() throws {
    try trainThreeModels(on: "IMDB-BINARY", graphs: 200) { GAT($0, random: &$1) }
  }

  func testPNAOnMUTAG() throws {
    try trainThreeModels(on: "MUTAG", make: makePNA)
  }

  /// PNA's first layer reads 13 x 136 features per node on IMDB-BINARY:
  /// half the graphs and half the width of the others keep the test short.
  func testPNAOnIMDB() throws {
    try trainThreeModels(on: "IMDB-BINARY", graphs: 100, width: 16, make: makePNA)
  }

  private func makePNA(
    _ settings: BackboneSettings, _ dataset: GraphDataset, _ train: [Int],
    _ random: inout RandomGenerator
  ) -> any Backbone {
    PNA(
      settings, degreeHistogram: PNA.degreeHistogram(of: dataset, graphs: train),
      random: &random)
  }
}

/// Real datasets, loaded once per test process from `$LAD_DATA` (or the
/// cache); a test skips when its dataset is in neither.
private let datasets = DatasetCache()

private final class DatasetCache: @unchecked Sendable {
  private var loaded: [String: GraphDataset] = [:]
  private let lock = NSLock()

  func dataset(_ name: String) throws -> GraphDataset {
    lock.lock()
    defer { lock.unlock() }
    if let d = loaded[name] { return d }
    let environment = ProcessInfo.processInfo.environment
    let d: GraphDataset
    do {
      d = try DatasetLoader.load(name: name, root: nil, environment: environment)
    } catch DatasetError.notFound {
      throw XCTSkip("\(name) is not under LAD_DATA or in the cache")
    }
    loaded[name] = d
    return d
  }
}

/// Trains teacher, student and baseline with the backbone `make` builds,
/// on a stratified split of about `graphs` graphs of `name` (all by
/// default), and checks what any working training must show.
func trainThreeModels(
  on name: String, graphs: Int? = nil, epochs: Int = 2,
  file: StaticString = #filePath, line: UInt = #line,
  _ make: (BackboneSettings, inout RandomGenerator) -> any Backbone
) throws {
  try trainThreeModels(on: name, graphs: graphs, epochs: epochs, file: file, line: line) {
    settings, _, _, random in make(settings, &random)
  }
}

/// As above, for a backbone built from the dataset and its training graphs.
func trainThreeModels(
  on name: String, graphs: Int? = nil, epochs: Int = 2, width: Int = 32,
  file: StaticString = #filePath, line: UInt = #line,
  make: (BackboneSettings, GraphDataset, [Int], inout RandomGenerator) -> any Backbone
) throws {
  // as the lad binary runs: OpenBLAS threads only contend on small products
  BLAS.useSingleThread()
  let ds = try datasets.dataset(name)
  // every k-th graph: TU files often list the graphs sorted by class
  let step = max(ds.graphCount / (graphs ?? ds.graphCount), 1)
  let subset = Array(stride(from: 0, to: ds.graphCount, by: step))
  let local = Split.stratified(
    labels: subset.map { ds.labels[$0] }, classCount: ds.classCount, seed: 2)
  let full = Split(
    train: local.train.map { subset[$0] }, validation: local.validation.map { subset[$0] },
    test: local.test.map { subset[$0] })
  var options = TrainingOptions()
  options.epochs = epochs
  options.seed = 2
  let settings = BackboneSettings(inputWidth: ds.featureCount, hiddenWidth: width)

  func fit(_ model: any GraphClassifier, _ stream: String, lr: Float) throws -> TrainingResult {
    var o = options
    o.learningRate = lr
    let before = model.parameters.filter { !$0.isFrozen }.map(\.value)
    let result = try Trainer(model: model, dataset: ds, split: full, options: o, stream: stream)
      .fit()
    XCTAssertEqual(result.history.count, epochs, "\(name) \(stream)", file: file, line: line)
    for record in result.history {
      XCTAssertTrue(record.trainLoss.isFinite, "\(name) \(stream)", file: file, line: line)
      XCTAssertTrue(record.validationLoss.isFinite, "\(name) \(stream)", file: file, line: line)
    }
    // the best epoch's weights are restored: at least one epoch moved them
    let after = model.parameters.filter { !$0.isFrozen }.map(\.value)
    for (p, (a, b)) in zip(model.parameters.filter { !$0.isFrozen }, zip(before, after)) {
      XCTAssertNotEqual(a, b, "\(name) \(stream): \(p.name) did not move", file: file, line: line)
    }
    return result
  }

  var rt = RandomGenerator(seed: 2, stream: "teacher")
  let teacher = Teacher(
    backbone: make(settings, ds, full.train, &rt), classCount: ds.classCount, tau: 0.1,
    dropout: 0.5, random: &rt)
  let t = try fit(teacher, "teacher", lr: 0.01)
  XCTAssertLessThan(
    t.history.last!.trainLoss, t.history.first!.trainLoss, "\(name) teacher", file: file,
    line: line)

  var rs = RandomGenerator(seed: 2, stream: "student")
  let student = Student(
    backbone: make(settings, ds, full.train, &rs), teacher: teacher, lambda: 1, random: &rs)
  student.calibrate(on: full.train, dataset: ds)
  _ = try fit(student, "student", lr: 0.001)

  var rb = RandomGenerator(seed: 2, stream: "baseline")
  let baseline = Baseline(
    backbone: make(settings, ds, full.train, &rb), classCount: ds.classCount, dropout: 0.5,
    random: &rb)
  let b = try fit(baseline, "baseline", lr: 0.01)
  XCTAssertTrue((0...1).contains(b.test.accuracy), file: file, line: line)
}
