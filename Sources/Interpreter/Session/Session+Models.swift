import Foundation
import Runtime

/// `save` and `open`: a trained model as a safetensors file whose
/// `__metadata__` says what it is (role, backbone, architecture, dataset,
/// split seed, figures), so `open` rebuilds it and its split exactly.
///
/// Tensors keep lad's layout: a Linear weight is `in x out`, the transpose
/// of `torch.nn.Linear.weight`; vectors are `1 x n`. A student is saved
/// with the head it classifies with (the teacher's, when shared), so it
/// predicts on its own when opened.
extension Session {
  static let fileFormat = "lad-model-1"

  func save(_ command: ResolvedCommand, console: Console) throws {
    let role = command.string("model")
    guard let last = models.first(where: { $0.role.rawValue == role }) else {
      throw command.error(
        at: "model", .usage, "there is no \(role) to save.",
        hint: "Train one first ('help \(role == "student" ? "distill" : role)').")
    }
    let (trained, foldCount) = try chooseFold(of: last, command)
    let foldName = trained.fold.map { "-fold\($0 + 1)" } ?? ""
    let path =
      command.isExplicit("to")
      ? command.string("to")
      : "\(trained.dataset)-\(role)-\(trained.backbone)-seed\(trained.seed)\(foldName).safetensors"
    let entries = modules(of: trained).flatMap { module in
      (module.parameters + module.buffers).map {
        Safetensors.Entry(name: $0.name, tensor: $0.value)
      }
    }
    let data = try Safetensors.encode(
      entries, metadata: metadata(of: trained, foldCount: foldCount))
    do {
      try AtomicFile.write(data, to: path)
    } catch let error as UserFacingError {
      throw LocatedError(error, at: command.location(ofValue: "to"))
    }
    let which = trained.fold.map { ", fold \($0 + 1) of \(foldCount)" } ?? ""
    console.print(
      "saved \(role) \(trained.backbone)\(which) (\(entries.count) tensors) to \(path)")
  }

  /// The model `save` writes, and the number of folds: the last trained
  /// unless `fold=K` picks another (the teacher keeps every fold; a
  /// student or baseline only its last).
  private func chooseFold(
    of last: TrainedModel, _ command: ResolvedCommand
  ) throws -> (TrainedModel, Int) {
    let kept = last.role == .teacher && last.fold != nil ? foldTeachers : [last]
    let count =
      last.fold == nil
      ? 0 : max(kept.count, dataset.map { folds(of: $0, seed: last.seed).splits.count } ?? 0)
    guard command.isExplicit("fold") else { return (last, count) }
    let wanted = command.int("fold")
    guard let lastFold = last.fold else {
      throw command.error(
        at: "fold", .usage, "the \(last.role.rawValue) was trained with holdout; it has no folds.",
        hint: "Leave fold= out, or train with 'protocol=kfold'.")
    }
    if let chosen = kept.first(where: { $0.fold == wanted - 1 }) { return (chosen, count) }
    guard wanted >= 1 && wanted <= count else {
      throw command.error(
        at: "fold", .usage, "there is no fold \(wanted); the \(last.role.rawValue) has \(count).")
    }
    throw command.error(
      at: "fold", .usage,
      "only fold \(lastFold + 1) of the \(last.role.rawValue) is kept (the session keeps "
        + "every fold of a kfold teacher only).",
      hint: "Save fold \(lastFold + 1), or train with 'repeat' and save inside it.")
  }

  func open(_ command: ResolvedCommand, console: Console) throws {
    let path = command.string("file")
    func fail(_ message: String, hint: String? = nil) -> LocatedError {
      LocatedError(LadError(.data, message, hint: hint), at: command.location(ofValue: "file"))
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw fail("cannot read '\(path)'.", hint: "Check the path; 'save' writes these files.")
    }
    let (entries, meta): ([Safetensors.Entry], [String: String])
    do {
      (entries, meta) = try Safetensors.decode(data, file: path)
    } catch let error as UserFacingError {
      throw LocatedError(error, at: command.location(ofValue: "file"))
    }
    guard meta["format"] == Session.fileFormat,
      let role = meta["role"].flatMap(TrainedModel.Role.init),
      let backbone = meta["backbone"], let datasetName = meta["dataset"],
      let seed = meta["seed"].flatMap(Int.init), let width = meta["nhid"].flatMap(Int.init),
      let layers = meta["nlayers"].flatMap(Int.init),
      let dropout = meta["dropout"].flatMap(Float.init),
      let features = meta["features"].flatMap(Int.init),
      let classes = meta["classes"].flatMap(Int.init)
    else {
      throw fail(
        "'\(path)' has no lad metadata (or an older format).",
        hint: "Save it again with 'save'.")
    }
    guard Session.implementedBackbones.contains(backbone) else {
      throw fail("'\(path)' holds a '\(backbone)' model, which this lad does not implement.")
    }
    // the settings a model is rebuilt from, checked as the keys they were
    // given by (an edited file must not build a model lad would refuse)
    let rebuilt = ["nhid", "nlayers", "dropout", "tau"].compactMap { key in
      meta[key].map { " \(key)=\($0)" }
    }
    for text in ["teacher gcn" + rebuilt.joined(), "set seed=\(seed)"] {
      do {
        _ = try Resolver().resolve(text: text, file: path)
      } catch {
        throw fail(
          "'\(path)' records a setting lad refuses: \(error.message)",
          hint: "The file was edited or damaged; save the model again.")
      }
    }

    // the dataset: the loaded one when it matches, else load it by name,
    // with the features mode and root it was trained with (older files
    // record neither: the loaded one by name, else the default)
    let mode = meta["feature_mode"].flatMap(FeatureMode.init)
    if meta["feature_mode"] != nil && mode == nil {
      throw fail(
        "'\(path)' names the features '\(meta["feature_mode"]!)', which lad does not know.")
    }
    let root = meta["root"]
    let loadCommand =
      "load \(datasetName)" + (root.map { " root=\($0)" } ?? "")
      + (mode.map { $0 == .default ? "" : " features=\($0.rawValue)" } ?? "")
    var current: GraphDataset
    if let dataset, dataset.name == datasetName, mode == nil || mode == dataset.requestedFeatures {
      current = dataset
    } else {
      do {
        current = try DatasetLoader.load(
          name: datasetName, root: root, environment: environment, features: mode ?? .default)
        current.requestedFeatures = mode ?? .default
        current.requestedRoot = root
      } catch let error as UserFacingError {
        throw fail(
          "'\(path)' was trained on \(datasetName), which could not be loaded: \(error.message)",
          hint: "Load it first ('\(loadCommand)', with root=DIR where it is), then open the file.")
      }
      // a labelled dataset ignores features=: keep the loaded copy and its models
      if let dataset, dataset.name == datasetName, dataset.features == current.features,
        dataset.featureCount == current.featureCount
      {
        current = dataset
      }
    }
    guard current.featureCount == features, current.classCount == classes else {
      let hint =
        mode == nil
        ? "The file does not say how \(datasetName)'s node features were built (saved by an "
          + "older lad): load it with the features it was trained with ('load \(datasetName) "
          + "features=minmax' or 'features=constant'), then open the file."
        : "Load it as it was trained ('\(loadCommand)'), then open the file."
      throw fail(
        "'\(path)' expects \(features) features and \(classes) classes; \(datasetName) here has "
          + "\(current.featureCount) and \(current.classCount).", hint: hint)
    }

    // the split: the holdout split of the seed, or the saved fold's
    let fold: Int?
    let split: Split
    switch splitOfFile(meta, dataset: current, seed: seed) {
    case .success(let found): (split, fold) = found
    case .failure(let problem):
      throw fail("'\(path)': \(problem).", hint: "Save it again with 'save'.")
    }

    // rebuild, then copy every tensor in by name
    let architecture = BackboneSettings(
      inputWidth: features, hiddenWidth: width, layerCount: layers, dropout: dropout)
    guard let variant = ModelVariant(rawValue: meta["variant"] ?? "paper") else {
      throw fail("'\(path)' names the variant '\(meta["variant"]!)', which lad does not know.")
    }
    var random = RandomGenerator(seed: seed, stream: "open")
    let network = try makeBackbone(
      backbone, architecture, trainEps: meta["train_eps"] == "true", variant: variant,
      dataset: current, trainGraphs: split.train, random: &random)
    let model: any GraphClassifier
    switch role {
    case .teacher:
      model = Teacher(
        backbone: network, classCount: classes, tau: meta["tau"].flatMap(Float.init) ?? 0.1,
        dropout: dropout, variant: variant, random: &random)
    case .student, .baseline:
      model = Baseline(
        backbone: network, classCount: classes, dropout: dropout, random: &random)
    }
    let wanted = (model.parameters + model.buffers)
    let byName = Dictionary(entries.map { ($0.name, $0.tensor) }, uniquingKeysWith: { a, _ in a })
    guard Set(byName.keys) == Set(wanted.map(\.name)) else {
      let missing = wanted.map(\.name).filter { byName[$0] == nil }
      let extra = byName.keys.filter { name in !wanted.contains { $0.name == name } }
      throw fail(
        "'\(path)' does not match a \(role.rawValue) \(backbone) of that shape: missing "
          + "\(missing.prefix(3)), unexpected \(extra.sorted().prefix(3)).")
    }
    for p in wanted {
      let t = byName[p.name]!
      guard t.rows == p.value.rows, t.cols == p.value.cols else {
        throw fail(
          "'\(path)': '\(p.name)' is \(t.shapeDescription), the model needs "
            + "\(p.value.shapeDescription).")
      }
    }
    // nothing can fail from here on: the session changes only now
    for p in wanted { p.value = byName[p.name]! }
    if dataset?.name != current.name || dataset?.features != current.features {
      install(current, console: console)
    }
    // the test graphs in the batches training evaluated them in
    var options = TrainingOptions()
    options.batchSize = meta["batch"].flatMap(Int.init) ?? options.batchSize
    let evaluation = Trainer(
      model: model, dataset: current, split: split, options: options, stream: "open")
    let testBatches = evaluation.evaluationBatches(split.test)
    let scores = Metrics.scores(
      logProbs: evaluation.predictions(testBatches), labels: testBatches.flatMap(\.labels))
    let result = TrainingResult(
      history: [], bestEpoch: meta["best_epoch"].flatMap(Int.init) ?? 0, interrupted: false,
      test: scores, paperAccuracy: .nan, epochsRun: meta["epochs"].flatMap(Int.init))
    // what `show` lists: the training settings, in the order a model
    // trained in the session lists them (identity and figures are shown
    // elsewhere)
    let identity: Set = [
      "format", "role", "backbone", "dataset", "seed", "layout", "fold", "fold_count",
      "fold_source", "split_train", "split_validation", "split_test", "accuracy", "auc", "f1",
      "best_epoch", "classes", "features", "feature_mode", "root", "protocol",
    ]
    let order = [
      "nhid", "nlayers", "lr", "epochs", "patience", "tau", "lambda", "head", "train_eps",
      "dropout", "batch", "wd", "variant",
    ]
    func rank(_ key: String) -> Int { order.firstIndex(of: key) ?? order.count }
    let settings = meta.filter { !identity.contains($0.key) }
      .sorted { (rank($0.key), $0.key) < (rank($1.key), $1.key) }.map { ($0.key, $0.value) }
    let trained = TrainedModel(
      role: role, backbone: backbone, dataset: datasetName, seed: seed, model: model,
      result: result, settings: settings, split: split, architecture: architecture,
      variant: variant, fold: fold)
    switch role {
    case .teacher:
      if student != nil {
        console.warning(
          "the opened teacher replaces the session's teacher, so its student goes too "
            + "(save it first to keep it).")
      }
      teacher = trained
      student = nil
    case .student: student = trained
    case .baseline: baseline = trained
    }
    console.print(
      "opened \(role.rawValue) \(backbone) for \(datasetName) from \(path): test "
        + scoreText(scores)
        + (fold.map { " [kfold, seed \(seed), fold \($0 + 1)]" } ?? " [holdout, seed \(seed)]"))
  }

  /// The modules whose tensors make up a saved model.
  private func modules(of trained: TrainedModel) -> [any Module] {
    if let student = trained.model as? Student { return [student.backbone, student.head] }
    return [trained.model]
  }

  private func metadata(of trained: TrainedModel, foldCount: Int) -> [String: String] {
    var meta: [String: String] = [
      "format": Session.fileFormat,
      "role": trained.role.rawValue,
      "backbone": trained.backbone,
      "dataset": trained.dataset,
      "seed": String(trained.seed),
      "protocol": trained.fold == nil ? "holdout" : "kfold",
      "nhid": String(trained.architecture.hiddenWidth),
      "nlayers": String(trained.architecture.layerCount),
      "dropout": String(trained.architecture.dropout),
      "features": String(trained.architecture.inputWidth),
      "classes": String(classCount(of: trained)),
      "accuracy": String(trained.result.test.accuracy),
      "auc": String(trained.result.test.auc),
      "f1": String(trained.result.test.f1),
      "epochs": String(trained.result.epochsRun),
      "best_epoch": String(trained.result.bestEpoch),
      "layout": "Linear weights are in x out (torch.nn.Linear.weight transposed)",
      "variant": trained.variant.rawValue,
    ]
    if let dataset, dataset.name == trained.dataset {
      meta["feature_mode"] = dataset.requestedFeatures.rawValue
      if let root = dataset.requestedRoot { meta["root"] = root }
    }
    if let fold = trained.fold {
      meta["fold"] = String(fold + 1)
      meta["fold_count"] = String(foldCount)
      // folds drawn from the seed are drawn again; others are written out
      let drawn = dataset.map {
        Folds.stratified(
          labels: $0.labels, classCount: $0.classCount, seed: trained.seed, count: foldCount)
      }
      if let drawn, drawn.splits.indices.contains(fold), drawn.splits[fold] == trained.split {
        meta["fold_source"] = drawn.source
      } else {
        meta["fold_source"] = fixedFolds?.source ?? "given"
        meta["split_train"] = trained.split.train.map(String.init).joined(separator: ",")
        meta["split_validation"] =
          trained.split.validation.map(String.init).joined(separator: ",")
        meta["split_test"] = trained.split.test.map(String.init).joined(separator: ",")
      }
    }
    for (key, value) in trained.settings where meta[key] == nil { meta[key] = value }
    if let teacher = trained.model as? Teacher { meta["tau"] = String(teacher.tau) }
    return meta
  }

  private func classCount(of trained: TrainedModel) -> Int {
    switch trained.model {
    case let t as Teacher: t.head.mlp.layers.last!.outFeatures
    case let s as Student: s.head.mlp.layers.last!.outFeatures
    case let b as Baseline: b.head.mlp.layers.last!.outFeatures
    default: dataset?.classCount ?? 0
    }
  }

  /// The split a saved model was tested on: the seed's holdout split, or
  /// its fold's (the saved indices, else the fold drawn from the seed);
  /// the fold is 0-based. A failure says what does not fit.
  func splitOfFile(
    _ meta: [String: String], dataset: GraphDataset, seed: Int
  ) -> Result<(Split, Int?), FileSplitProblem> {
    guard meta["protocol"] == "kfold" else {
      let split = Split.stratified(
        labels: dataset.labels, classCount: dataset.classCount, seed: seed)
      return .success((split, nil))
    }
    let count = meta["fold_count"].flatMap(Int.init) ?? 10
    guard let fold = meta["fold"].flatMap(Int.init), fold >= 1, fold <= count, count >= 2 else {
      return .failure(FileSplitProblem("it is a kfold model without a valid fold number"))
    }
    guard let train = meta["split_train"] else {
      let folds = Folds.stratified(
        labels: dataset.labels, classCount: dataset.classCount, seed: seed, count: count)
      return .success((folds.splits[fold - 1], fold - 1))
    }
    func indices(_ text: String?) -> [Int]? {
      guard let text else { return nil }
      if text.isEmpty { return [] }
      let values = text.split(separator: ",").compactMap { Int($0) }
      guard values.count == text.split(separator: ",").count,
        values.allSatisfy({ $0 >= 0 && $0 < dataset.graphCount })
      else { return nil }
      return values
    }
    guard let train = indices(train), let validation = indices(meta["split_validation"]),
      let test = indices(meta["split_test"]), !train.isEmpty, !test.isEmpty
    else {
      return .failure(
        FileSplitProblem(
          "the saved split of fold \(fold) does not fit \(dataset.name)'s "
            + "\(dataset.graphCount) graphs"))
    }
    return .success((Split(train: train, validation: validation, test: test), fold - 1))
  }
}

/// Why a saved model's split cannot be rebuilt.
struct FileSplitProblem: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
