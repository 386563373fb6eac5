import Runtime

/// The figures of one trained model, kept for `evaluate` after the model
/// itself is replaced (by the next seed of a `repeat`, or the next fold).
public struct RunRecord: Sendable {
  public var role: TrainedModel.Role
  public var backbone: String
  public var dataset: String
  public var seed: Int
  /// The fold (0-based) of a `kfold` run; nil for a `holdout` run.
  public var fold: Int?
  public var result: TrainingResult
  /// The paper's design or the released code's.
  public var variant: ModelVariant

  /// The split the run was trained on: `holdout` or `kfold`.
  public var scheme: String { fold == nil ? "holdout" : "kfold" }

  init(_ trained: TrainedModel) {
    role = trained.role
    backbone = trained.backbone
    dataset = trained.dataset
    seed = trained.seed
    fold = trained.fold
    result = trained.result
    variant = trained.variant
  }

  func replaces(_ other: RunRecord) -> Bool {
    role == other.role && backbone == other.backbone && dataset == other.dataset
      && seed == other.seed && fold == other.fold && variant == other.variant
  }

  /// The test scores `protocol` reads: at the epoch of lowest validation
  /// loss (`holdout`, `kfold`), or at the epoch of highest test accuracy
  /// (`paper`: test-selected, optimistic). A model opened from a file has
  /// no epochs, so its `paper` AUC and F1 are unknown (NaN).
  func scores(under name: String) -> Scores {
    guard name == "paper" else { return result.test }
    let best = bestTestEpoch
    return Scores(
      accuracy: result.paperAccuracy, auc: best?.testAUC ?? .nan, f1: best?.testF1 ?? .nan)
  }

  /// The epoch (1-based) whose figures `protocol` reads; nil for a
  /// `paper` reading of a model without history.
  func epoch(under name: String) -> Int? {
    name == "paper" ? bestTestEpoch?.epoch : result.bestEpoch
  }

  /// The first epoch of highest test accuracy.
  private var bestTestEpoch: EpochRecord? {
    result.history.reduce(nil) { best, record in
      guard let best, best.testAccuracy >= record.testAccuracy else { return record }
      return best
    }
  }

  /// Whether the `paper` protocol can read this run: a model opened from
  /// a file carries no per-epoch test figures.
  var hasHistory: Bool { !result.history.isEmpty }
}

extension Session {
  /// Adds `trained` to the runs, in place of the run it repeats.
  func keep(_ trained: TrainedModel?) {
    guard let trained else { return }
    let run = RunRecord(trained)
    runs.removeAll { run.replaces($0) }
    runs.append(run)
  }
}
