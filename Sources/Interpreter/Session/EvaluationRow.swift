import Runtime

/// One run's line of `evaluate`, and one object of its JSON `runs`.
struct EvaluationRow: Codable {
  /// The role, tagged `(ref)` for the `reference` variant: `student(ref)`.
  var model: String
  /// `paper` or `reference`.
  var variant: String
  var backbone: String
  var dataset: String
  /// The evaluation protocol: `holdout`, `kfold` or `paper`.
  var `protocol`: String
  /// The split the model was trained on: `holdout` or `kfold`.
  var split: String
  var seed: Int
  /// The fold (1-based) of a `kfold` run.
  var fold: Int?
  var accuracy: Double
  var auc: Double
  var f1: Double
  var epochs: Int
  /// The epoch (1-based) the figures are read at: lowest validation loss,
  /// or under `paper` highest test accuracy.
  var epoch: Int?
  /// Stopped by Ctrl-C before its patience or epochs ran out.
  var interrupted: Bool
  /// The paper's published accuracy for this model's cell, when it has one.
  var paper: Double?

  init(_ run: RunRecord, under name: String) {
    model = run.role.rawValue + run.variant.tag
    variant = run.variant.rawValue
    backbone = run.backbone
    dataset = run.dataset
    self.protocol = name
    split = run.scheme
    seed = run.seed
    fold = run.fold.map { $0 + 1 }
    let scores = run.scores(under: name)
    accuracy = scores.accuracy
    auc = scores.auc
    f1 = scores.f1
    epochs = run.result.epochsRun
    epoch = run.epoch(under: name)
    interrupted = run.result.interrupted
    paper = EvaluationRow.published(role: run.role, backbone: backbone, dataset: dataset)
  }

  static func published(role: TrainedModel.Role, backbone: String, dataset: String) -> Double? {
    let published = PaperFigures.accuracy(backbone: backbone, dataset: dataset)
    switch role {
    case .teacher: return nil
    case .student: return published?.lad
    case .baseline: return published?.baseline
    }
  }
}

/// The runs of one model kind (role, backbone, dataset, split) under one
/// protocol: mean and population std of each figure.
struct AggregateRow: Codable {
  var model: String
  var backbone: String
  var dataset: String
  var `protocol`: String
  var split: String
  var seeds: [Int]
  /// Runs: seeds times folds.
  var runs: Int
  /// How many of the runs Ctrl-C stopped early.
  var interrupted: Int
  var accuracy: Summary
  var auc: Summary
  var f1: Summary
  var paper: Double?

  init(_ rows: [EvaluationRow]) {
    let first = rows[0]
    model = first.model
    backbone = first.backbone
    dataset = first.dataset
    self.protocol = first.protocol
    split = first.split
    self.seeds = Set(rows.map(\.seed)).sorted()
    runs = rows.count
    interrupted = rows.filter(\.interrupted).count
    accuracy = Summary(rows.map(\.accuracy))
    auc = Summary(rows.map(\.auc))
    f1 = Summary(rows.map(\.f1))
    paper = first.paper
  }

  /// The rows of `runs` grouped by model kind, teacher first, in the
  /// order each kind was first trained.
  static func groups(of rows: [EvaluationRow]) -> [[EvaluationRow]] {
    var keys: [String] = []
    var groups: [String: [EvaluationRow]] = [:]
    for row in rows {
      let key = [row.model, row.backbone, row.dataset, row.split].joined(separator: " ")
      if groups[key] == nil { keys.append(key) }
      groups[key, default: []].append(row)
    }
    let order = ["teacher", "student", "baseline"]
    return keys.compactMap { groups[$0] }.enumerated().sorted { a, b in
      // `student(ref)` sorts as `student`
      let x = order.firstIndex(of: String(a.element[0].model.prefix { $0 != "(" })) ?? 3
      let y = order.firstIndex(of: String(b.element[0].model.prefix { $0 != "(" })) ?? 3
      return x != y ? x < y : a.offset < b.offset
    }.map(\.element)
  }
}

/// What `evaluate to=` writes.
struct EvaluationFile: Codable {
  var `protocol`: String
  /// The protocol's caveat (`paper`: test-selected, optimistic).
  var note: String
  var runs: [EvaluationRow]
  var aggregates: [AggregateRow]
}
