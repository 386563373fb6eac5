import Foundation

/// How to train one model.
public struct TrainingOptions: Sendable, Equatable {
  public var epochs = 300
  /// Early stopping: epochs without a lower validation loss.
  public var patience = 50
  public var learningRate: Float = 0.01
  public var weightDecay: Float = 5e-5
  public var batchSize = 32
  public var schedulerPatience = 50
  public var schedulerFactor: Float = 0.1
  public var seed = 1
  /// Bytes training may allocate, for the reference attention's memory
  /// check; nil: what the system has available (`Memory.availableBytes`).
  public var memoryAvailable: Int? = nil

  public init() {}
}

/// One epoch's figures, as printed and plotted.
public struct EpochRecord: Sendable, Equatable, Codable {
  public var epoch: Int
  public var trainLoss: Double
  public var trainAccuracy: Double
  public var validationLoss: Double
  public var validationAccuracy: Double
  public var testAccuracy: Double
  /// Test NLL, ROC-AUC and weighted F1 of this epoch (for the `paper`
  /// protocol's per-epoch figures and the authors' log line).
  public var testLoss: Double
  public var testAUC: Double
  public var testF1: Double
  public var learningRate: Double
}

/// What a finished (or interrupted) training gives.
public struct TrainingResult: Sendable {
  public var history: [EpochRecord]
  /// The epoch of lowest validation loss (1-based), whose weights the
  /// model holds after `fit`.
  public var bestEpoch: Int
  public var interrupted: Bool
  /// Test scores of the model at `bestEpoch` (the `holdout` figure).
  public var test: Scores
  /// The largest test accuracy over all epochs (the `paper` figure:
  /// test-selected, optimistic).
  public var paperAccuracy: Double

  /// Epochs trained (for a model restored from a file, as saved).
  public var epochsRun: Int

  public init(
    history: [EpochRecord], bestEpoch: Int, interrupted: Bool, test: Scores,
    paperAccuracy: Double, epochsRun: Int? = nil
  ) {
    self.epochsRun = epochsRun ?? history.count
    self.history = history
    self.bestEpoch = bestEpoch
    self.interrupted = interrupted
    self.test = test
    self.paperAccuracy = paperAccuracy
  }

}

/// Fits a `GraphClassifier` with Adam, ReduceLROnPlateau on the training
/// loss and early stopping on the validation loss; restores the weights of
/// the epoch with the lowest validation loss. Polls `Interrupt` between
/// batches: an interrupted fit keeps the best model so far.
public final class Trainer {
  public let model: any GraphClassifier
  public let dataset: GraphDataset
  public let split: Split
  public let options: TrainingOptions
  /// Names the random stream of this training (init happens elsewhere).
  public let stream: String

  public init(
    model: any GraphClassifier, dataset: GraphDataset, split: Split,
    options: TrainingOptions, stream: String
  ) {
    self.model = model
    self.dataset = dataset
    self.split = split
    self.options = options
    self.stream = stream
  }

  public func fit(progress: (EpochRecord) -> Void = { _ in }) throws -> TrainingResult {
    guard !split.train.isEmpty, !split.validation.isEmpty, !split.test.isEmpty else {
      throw LadError(
        .usage,
        "the split has an empty part (train \(split.train.count), validation "
          + "\(split.validation.count), test \(split.test.count)).",
        hint: "Load a dataset with more graphs per class.")
    }
    try checkAttentionMemory()
    var random = RandomGenerator(seed: options.seed, stream: stream)
    let optimizer = Adam(
      parameters: model.parameters.filter { !$0.isFrozen },
      learningRate: options.learningRate, weightDecay: options.weightDecay)
    var scheduler = ReduceLROnPlateau(
      patience: options.schedulerPatience, factor: options.schedulerFactor)
    let validationBatches = evaluationBatches(split.validation)
    let testBatches = evaluationBatches(split.test)
    let testLabels = testBatches.flatMap(\.labels)
    let tape = Tape(
      training: true, random: RandomGenerator(seed: options.seed, stream: stream + ".dropout"))

    var history: [EpochRecord] = []
    var best = (loss: Double.infinity, epoch: 0, weights: model.snapshot())
    var wait = 0
    var interrupted = false

    epochs: for epoch in 1...max(options.epochs, 1) {
      var order = split.train
      random.shuffle(&order)
      var lossSum = 0.0
      var correct = 0
      var batches = 0
      tape.isTraining = true
      for start in stride(from: 0, to: order.count, by: options.batchSize) {
        if Interrupt.isRequested {
          interrupted = true
          break epochs
        }
        let end = min(start + options.batchSize, order.count)
        let batch = GraphBatch(dataset: dataset, graphs: Array(order[start..<end]))
        tape.reset()
        optimizer.zeroGrad()
        let (loss, prediction) = model.loss(batch, tape: tape)
        let value = loss.value.scalar
        guard value.isFinite else {
          model.restore(best.weights)
          throw LadError(
            .runtime,
            "the training loss became \(value.isNaN ? "NaN" : "infinite") at epoch \(epoch), "
              + "batch \(batches + 1) (lr=\(options.learningRate)).",
            hint: "Lower the learning rate, or the distillation weight lambda; the session "
              + "keeps the models it had before this command.")
        }
        tape.backward(from: loss)
        optimizer.step()
        lossSum += Double(value)
        batches += 1
        let predicted = prediction.logProbs.value.argmaxRows()
        correct += zip(predicted, batch.labels).filter { $0 == $1 }.count
      }
      let trainLoss = lossSum / Double(max(batches, 1))
      scheduler.step(Float(trainLoss), optimizer: optimizer)

      let validation = evaluate(validationBatches)
      let testLogProbs = predictions(testBatches)
      let test = Metrics.scores(logProbs: testLogProbs, labels: testLabels)
      let record = EpochRecord(
        epoch: epoch, trainLoss: trainLoss,
        trainAccuracy: Double(correct) / Double(order.count),
        validationLoss: validation.loss, validationAccuracy: validation.accuracy,
        testAccuracy: test.accuracy,
        testLoss: Metrics.negativeLogLikelihood(logProbs: testLogProbs, labels: testLabels),
        testAUC: test.auc, testF1: test.f1, learningRate: Double(optimizer.learningRate))
      history.append(record)
      progress(record)

      if validation.loss < best.loss {
        best = (validation.loss, epoch, model.snapshot())
        wait = 0
      } else {
        wait += 1
        if wait >= options.patience { break }
      }
    }

    model.restore(best.weights)
    let test = Metrics.scores(logProbs: predictions(testBatches), labels: testLabels)
    return TrainingResult(
      history: history, bestEpoch: best.epoch, interrupted: interrupted, test: test,
      paperAccuracy: history.map(\.testAccuracy).max() ?? .nan)
  }

  /// Whether the model's forward pass runs the reference label attention,
  /// whose `N x N` matrix spans every node of a batch.
  var usesReferenceAttention: Bool {
    if let teacher = model as? Teacher { return teacher.referenceAttention != nil }
    if let student = model as? Student { return student.teacher.referenceAttention != nil }
    return false
  }

  /// The graphs of `graphs` in evaluation batches: one batch, except for
  /// the reference teacher, evaluated in batches of `batchSize` graphs as
  /// the released code did (batch 32): its attention mixes the graphs of a
  /// batch, and one batch of REDDIT-BINARY's test graphs (~86k nodes)
  /// would need a 30 GB matrix.
  public func evaluationBatches(_ graphs: [Int]) -> [GraphBatch] {
    let reference = (model as? Teacher)?.referenceAttention != nil
    let size = reference ? max(options.batchSize, 1) : max(graphs.count, 1)
    return stride(from: 0, to: graphs.count, by: size).map {
      GraphBatch(dataset: dataset, graphs: Array(graphs[$0..<min($0 + size, graphs.count)]))
    }
  }

  /// Refuses, before any work, a reference-attention model whose largest
  /// batch (the training batches of every planned epoch, drawn as `fit`
  /// draws them, and the evaluation batches) needs more memory than there
  /// is: training keeps about six `N x N` float matrices (scores, scaled,
  /// softmax and their gradients).
  func checkAttentionMemory() throws {
    guard usesReferenceAttention else { return }
    let offsets = dataset.nodeOffsets
    func nodes(_ graphs: ArraySlice<Int>) -> Int {
      graphs.reduce(0) { $0 + offsets[$1 + 1] - offsets[$1] }
    }
    var largest = 0
    var random = RandomGenerator(seed: options.seed, stream: stream)
    var order = split.train
    for _ in 1...max(options.epochs, 1) {
      order = split.train
      random.shuffle(&order)
      for start in stride(from: 0, to: order.count, by: max(options.batchSize, 1)) {
        largest = max(largest, nodes(order[start..<min(start + options.batchSize, order.count)]))
      }
    }
    for batch in evaluationBatches(split.validation) + evaluationBatches(split.test) {
      largest = max(largest, batch.nodeCount)
    }
    let needed = 6 * 4 * Double(largest) * Double(largest)
    guard let available = options.memoryAvailable ?? Memory.availableBytes(),
      needed > Double(available)
    else { return }
    let gigabytes = { (bytes: Double) in
      bytes >= 1e9
        ? String(format: "%.1f GB", bytes / 1e9)
        : bytes >= 1e6
          ? String(format: "%.0f MB", bytes / 1e6) : String(format: "%.0f kB", bytes / 1e3)
    }
    throw LadError(
      .usage,
      "the reference label attention over a batch of \(largest) nodes needs about "
        + "\(gigabytes(needed)) (\(largest) x \(largest) floats, about six copies while "
        + "training); \(gigabytes(Double(available))) are available.",
      hint: "Use a smaller batch= (the largest batch grows with it), variant=paper (attention "
        + "within each graph), or a dataset with smaller graphs.")
  }

  /// Loss (weighted by graphs) and accuracy over evaluation batches.
  public func evaluate(_ batches: [GraphBatch]) -> (loss: Double, accuracy: Double) {
    guard batches.count != 1 else { return evaluate(batches[0]) }
    var loss = 0.0
    var correct = 0.0
    var graphs = 0
    for batch in batches {
      let (l, a) = evaluate(batch)
      loss += l * Double(batch.graphCount)
      correct += a * Double(batch.graphCount)
      graphs += batch.graphCount
    }
    return (loss / Double(max(graphs, 1)), correct / Double(max(graphs, 1)))
  }

  /// Log-probabilities over evaluation batches, their rows in order.
  public func predictions(_ batches: [GraphBatch]) -> Tensor {
    guard batches.count != 1 else { return predictions(batches[0]) }
    let parts = batches.map(predictions)
    return Tensor(
      rows: parts.reduce(0) { $0 + $1.rows }, cols: parts.first?.cols ?? 0,
      data: parts.flatMap(\.data))
  }

  /// Loss (the training objective) and accuracy on a batch, evaluation mode.
  public func evaluate(_ batch: GraphBatch) -> (loss: Double, accuracy: Double) {
    let tape = Tape(training: false)
    return withExtendedLifetime(tape) {
      let (loss, prediction) = model.validationLoss(batch, tape: tape)
      let accuracy = Metrics.accuracy(
        predicted: prediction.logProbs.value.argmaxRows(), labels: batch.labels)
      return (Double(loss.value.scalar), accuracy)
    }
  }

  /// Log-probabilities on a batch, evaluation mode.
  public func predictions(_ batch: GraphBatch) -> Tensor {
    let tape = Tape(training: false)
    return withExtendedLifetime(tape) { model.predict(batch, tape: tape).logProbs.value }
  }
}
