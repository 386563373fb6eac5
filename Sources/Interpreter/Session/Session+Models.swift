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
    guard let trained = models.first(where: { $0.role.rawValue == role }) else {
      throw command.error(
        at: "model", .usage, "there is no \(role) to save.",
        hint: "Train one first ('help \(role == "student" ? "distill" : role)').")
    }
    let path =
      command.isExplicit("to")
      ? command.string("to")
      : "\(trained.dataset)-\(role)-\(trained.backbone)-seed\(trained.seed).safetensors"
    let entries = modules(of: trained).flatMap { module in
      (module.parameters + module.buffers).map {
        Safetensors.Entry(name: $0.name, tensor: $0.value)
      }
    }
    let data = try Safetensors.encode(entries, metadata: metadata(of: trained))
    do {
      try AtomicFile.write(data, to: path)
    } catch let error as UserFacingError {
      throw LocatedError(error, at: command.location(ofValue: "to"))
    }
    console.print("saved \(role) \(trained.backbone) (\(entries.count) tensors) to \(path)")
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

    // the dataset: the loaded one when it matches, else load it by name
    let current: GraphDataset
    if let dataset, dataset.name == datasetName {
      current = dataset
    } else {
      do {
        current = try DatasetLoader.load(name: datasetName, root: nil, environment: environment)
      } catch let error as UserFacingError {
        throw fail(
          "'\(path)' was trained on \(datasetName), which could not be loaded: \(error.message)",
          hint: "Load it first ('load \(datasetName) root=DIR'), then open the file.")
      }
    }
    guard current.featureCount == features, current.classCount == classes else {
      throw fail(
        "'\(path)' expects \(features) features and \(classes) classes; \(datasetName) here has "
          + "\(current.featureCount) and \(current.classCount).")
    }

    // rebuild, then copy every tensor in by name
    let architecture = BackboneSettings(
      inputWidth: features, hiddenWidth: width, layerCount: layers, dropout: dropout)
    guard let variant = ModelVariant(rawValue: meta["variant"] ?? "paper") else {
      throw fail("'\(path)' names the variant '\(meta["variant"]!)', which lad does not know.")
    }
    var random = RandomGenerator(seed: seed, stream: "open")
    let split = Split.stratified(labels: current.labels, classCount: classes, seed: seed)
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
    if dataset?.name != current.name { install(current, console: console) }
    let testBatch = GraphBatch(dataset: current, graphs: split.test)
    let tape = Tape(training: false)
    let logProbs = withExtendedLifetime(tape) {
      model.predict(testBatch, tape: tape).logProbs.value
    }
    let scores = Metrics.scores(logProbs: logProbs, labels: testBatch.labels)
    let result = TrainingResult(
      history: [], bestEpoch: meta["best_epoch"].flatMap(Int.init) ?? 0, interrupted: false,
      test: scores, paperAccuracy: .nan, epochsRun: meta["epochs"].flatMap(Int.init))
    let identity: Set = ["format", "role", "backbone", "dataset", "seed", "layout", "fold"]
    let settings = meta.filter { !identity.contains($0.key) }
      .sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    let trained = TrainedModel(
      role: role, backbone: backbone, dataset: datasetName, seed: seed, model: model,
      result: result, settings: settings, split: split, architecture: architecture,
      variant: variant,
      fold: meta["protocol"] == "kfold" ? meta["fold"].flatMap(Int.init).map { $0 - 1 } : nil)
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
        + scoreText(scores) + " [holdout, seed \(seed)]")
  }

  /// The modules whose tensors make up a saved model.
  private func modules(of trained: TrainedModel) -> [any Module] {
    if let student = trained.model as? Student { return [student.backbone, student.head] }
    return [trained.model]
  }

  private func metadata(of trained: TrainedModel) -> [String: String] {
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
    if let fold = trained.fold { meta["fold"] = String(fold + 1) }
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
}
