import Foundation
import Runtime

extension Session {
  /// Backbones the runtime implements so far.
  static let implementedBackbones: Set<String> = [
    "dgcnn", "gat", "gcn", "gin", "mewispool", "pna", "sage", "sagpool",
  ]

  func trainTeacher(_ command: ResolvedCommand, console: Console) throws {
    let dataset = try requireDataset(command)
    let backbone = try backboneName(command, key: "backbone")
    let settings = try backboneSettings(command, dataset: dataset)
    let variant = try variant(command) ?? .paper
    var perFold: [TrainedModel] = []
    for (split, fold) in plan(command, dataset: dataset) {
      var random = RandomGenerator(seed: command.seed, stream: "teacher")
      let model = Teacher(
        backbone: try makeBackbone(
          backbone, settings, trainEps: try command.effectiveBool("train_eps"),
          variant: variant, dataset: dataset, trainGraphs: split.train, random: &random),
        classCount: dataset.classCount, tau: Float(try command.effectiveDouble("tau")),
        dropout: settings.dropout, variant: variant, random: &random)
      let trained = try fit(
        model, role: .teacher, backbone: backbone, architecture: settings, command: command,
        dataset: dataset, split: split, fold: fold, console: console, variant: variant,
        shown: ["nhid", "nlayers", "lr", "epochs", "patience", "tau", "dropout", "batch", "wd"]
          + extraShown(backbone))
      teacher = trained
      student = nil
      if fold != nil { perFold.append(trained) }
      if trained.result.interrupted { break }
    }
    foldTeachers = perFold
  }

  func trainBaseline(_ command: ResolvedCommand, console: Console) throws {
    let dataset = try requireDataset(command)
    let backbone = try backboneName(command, key: "backbone")
    let settings = try backboneSettings(command, dataset: dataset)
    // the reference baseline has the released code's GCN or GIN layers
    let variant = try variant(command) ?? .paper
    for (split, fold) in plan(command, dataset: dataset) {
      var random = RandomGenerator(seed: command.seed, stream: "baseline")
      let model = Baseline(
        backbone: try makeBackbone(
          backbone, settings, trainEps: try command.effectiveBool("train_eps"),
          variant: variant, dataset: dataset, trainGraphs: split.train, random: &random),
        classCount: dataset.classCount, dropout: settings.dropout, random: &random)
      baseline = try fit(
        model, role: .baseline, backbone: backbone, architecture: settings, command: command,
        dataset: dataset, split: split, fold: fold, console: console, variant: variant,
        shown: ["nhid", "nlayers", "lr", "epochs", "patience", "dropout", "batch", "wd"]
          + extraShown(backbone))
      if baseline?.result.interrupted == true { break }
    }
  }

  /// Distils a student from the teacher; under `kfold`, one student per
  /// fold from that fold's teacher, on its split.
  func distill(_ command: ResolvedCommand, console: Console) throws {
    let dataset = try requireDataset(command)
    let teachers: [TrainedModel]
    // with no protocol given, the student follows its teacher's split
    let followsFolds =
      command.effective("protocol") == nil && teacher?.fold != nil && !foldTeachers.isEmpty
    if scheme(of: command) == "kfold" || followsFolds {
      guard !foldTeachers.isEmpty else {
        throw LocatedError(
          LadError(
            .usage, "there are no kfold teachers to distil from.",
            hint: "Train them first, e.g. 'teacher gcn protocol=kfold'."),
          at: command.verbLocation)
      }
      teachers = foldTeachers
    } else {
      guard let teacher, teacher.fold == nil else {
        let kfold = teacher?.fold != nil
        throw LocatedError(
          LadError(
            .usage,
            kfold
              ? "the teachers were trained under kfold, and this student under holdout."
              : "there is no teacher to distil from.",
            hint: kfold
              ? "Distil one per fold with 'distill protocol=kfold'."
              : "Train one first, e.g. 'teacher gcn'."),
          at: command.verbLocation)
      }
      teachers = [teacher]
    }
    // a teacher opened from a file brings its own seed: nothing to warn about
    if let first = teachers.first, first.seed != command.seed, !first.result.history.isEmpty {
      let seed = first.seed
      console.warning(
        "distilling with the teacher's seed \(seed), not seed \(command.seed): "
          + "the student must be tested on the teacher's split.")
    }
    for trainedTeacher in teachers {
      try distill(from: trainedTeacher, command: command, dataset: dataset, console: console)
      if student?.result.interrupted == true { break }
    }
  }

  private func distill(
    from trainedTeacher: TrainedModel, command: ResolvedCommand, dataset: GraphDataset,
    console: Console
  ) throws {
    guard let teacherModel = trainedTeacher.model as? Teacher else { return }
    let backbone =
      command.isExplicit("backbone")
      ? try backboneName(command, key: "backbone") : trainedTeacher.backbone
    // the student is tied to its teacher's split and seed
    let seed = trainedTeacher.seed
    var random = RandomGenerator(seed: seed, stream: "student")
    let teacherBackbone = teacherModel.backbone
    var settings = try backboneSettings(command, dataset: dataset)
    settings.hiddenWidth = teacherBackbone.embeddingWidth
    settings.layerCount = trainedTeacher.architecture.layerCount
    let split = trainedTeacher.split
    // a GIN student learns its eps when its GIN teacher did
    let trainEps = (teacherBackbone as? GIN)?.trainsEps ?? false
    // the student follows its teacher's design unless told otherwise; the
    // released code's student trains a fresh head of its own
    let variant = try variant(command) ?? teacherModel.variant
    let head =
      try command.effective("head").map { _ in try command.effectiveString("head") }
      .flatMap(StudentHead.init) ?? (variant == .reference ? .own : .shared)
    let model = Student(
      backbone: try makeBackbone(
        backbone, settings, trainEps: trainEps, variant: variant, dataset: dataset,
        trainGraphs: split.train, random: &random),
      teacher: teacherModel, lambda: Float(try command.effectiveDouble("lambda")),
      head: head, variant: variant, random: &random)
    model.calibrate(on: split.train, dataset: dataset)
    student = try fit(
      model, role: .student, backbone: backbone, architecture: settings, command: command,
      dataset: dataset, split: split, fold: trainedTeacher.fold, seed: seed, console: console,
      variant: variant, shown: ["lr", "epochs", "patience", "lambda", "dropout", "batch", "wd"],
      extra: [("head", head.rawValue)])
  }

  // MARK: shared steps

  /// `variant=` as given on the command or by `set`, if at all.
  private func variant(_ command: ResolvedCommand) throws -> ModelVariant? {
    guard command.effective("variant") != nil else { return nil }
    let text = try command.effectiveString("variant")
    guard let variant = ModelVariant(rawValue: text) else {
      throw command.error(
        at: "variant", .usage, "the variant '\(text)' does not exist.",
        hint: "Use 'paper' or 'reference'.")
    }
    return variant
  }

  func backboneName(_ command: ResolvedCommand, key: String) throws -> String {
    let name = command.string(key)
    guard Session.implementedBackbones.contains(name) else {
      throw command.error(
        at: key, .usage, "the backbone '\(name)' is not implemented yet.",
        hint: "Use one of: \(Session.implementedBackbones.sorted().joined(separator: ", ")).")
    }
    return name
  }

  private func backboneSettings(
    _ command: ResolvedCommand, dataset: GraphDataset
  ) throws -> BackboneSettings {
    let hasWidth = command.spec.key(named: "nhid") != nil
    let settings = BackboneSettings(
      inputWidth: dataset.featureCount,
      hiddenWidth: hasWidth ? try command.effectiveInt("nhid") : 64,
      layerCount: hasWidth ? try command.effectiveInt("nlayers") : 2,
      dropout: Float(try command.effectiveDouble("dropout")))
    // the resolver keeps nhid and nlayers within VerbTable's limits
    return settings
  }

  /// Keys only some backbones read, shown with the others when they do.
  private func extraShown(_ backbone: String) -> [String] {
    backbone == "gin" ? ["train_eps"] : []
  }

  /// Builds backbone `name`. `trainEps` is GIN's; PNA reads the in-degree
  /// histogram of `trainGraphs`, the training part of the model's split.
  /// `variant: .reference` changes GCN (plain sum) and GIN (one Linear)
  /// only; GAT, GraphSAGE and PNA are the same in both designs.
  func makeBackbone(
    _ name: String, _ settings: BackboneSettings, trainEps: Bool,
    variant: ModelVariant = .paper, dataset: GraphDataset, trainGraphs: [Int],
    random: inout RandomGenerator
  ) throws -> any Backbone {
    switch name {
    case "gcn": return GCN(settings, variant: variant, random: &random)
    case "gin": return GIN(settings, trainEps: trainEps, variant: variant, random: &random)
    case "gat":
      // hidden layers concatenate 4 heads of width nhid / 4
      guard settings.layerCount == 1 || settings.hiddenWidth % 4 == 0 else {
        throw LadError(
          .usage,
          "GAT splits its width over 4 heads, and '\(settings.hiddenWidth)' does not split.",
          hint: "Use an nhid divisible by 4, e.g. 64.")
      }
      return GAT(settings, heads: 4, random: &random)
    case "sage": return GraphSAGE(settings, random: &random)
    case "dgcnn":
      let k = DGCNN.sortPoolSize(of: dataset, graphs: trainGraphs)
      return DGCNN(settings, k: k, random: &random)
    case "sagpool": return SAGPool(settings, random: &random)
    case "mewispool": return MEWISPool(settings, random: &random)
    case "pna":
      let histogram = PNA.degreeHistogram(of: dataset, graphs: trainGraphs)
      return PNA(settings, degreeHistogram: histogram, random: &random)
    default:
      throw LadError(.usage, "the backbone '\(name)' is not implemented yet.")
    }
  }

  private func options(_ command: ResolvedCommand, seed: Int) throws -> TrainingOptions {
    var options = TrainingOptions()
    options.epochs = try command.effectiveInt("epochs")
    options.patience = try command.effectiveInt("patience")
    options.learningRate = Float(try command.effectiveDouble("lr"))
    options.weightDecay = Float(try command.effectiveDouble("wd"))
    options.batchSize = try command.effectiveInt("batch")
    options.seed = seed
    return options
  }

  private func fit(
    _ model: any GraphClassifier, role: TrainedModel.Role, backbone: String,
    architecture: BackboneSettings, command: ResolvedCommand, dataset: GraphDataset,
    split: Split, fold: Int?, seed: Int? = nil, console: Console,
    variant: ModelVariant = .paper, shown: [String], extra: [(String, String)] = []
  ) throws -> TrainedModel {
    let seed = seed ?? command.seed
    let options = try options(command, seed: seed)
    let trainer = Trainer(
      model: model, dataset: dataset, split: split, options: options, stream: role.rawValue)
    let label =
      "\(role.rawValue)\(variant.tag) \(backbone)" + (fold.map { " fold \($0 + 1)" } ?? "")
    let started = Date()
    let result: TrainingResult
    do {
      result = try trainer.fit { record in
        report(
          record, label: label, total: options.epochs, started: started,
          quiet: command.quiet, console: console)
      }
    } catch let error as UserFacingError {
      throw LocatedError(error, at: command.verbLocation)
    }
    console.clearProgress()
    let elapsed = Date().timeIntervalSince(started)
    if result.interrupted && result.history.isEmpty {
      throw LocatedError(
        LadError(
          .runtime, "\(label) was interrupted before its first epoch ended: nothing was "
            + "trained, and the session keeps the models it had."),
        at: command.verbLocation)
    }
    if result.interrupted {
      console.print(
        "\(label): interrupted after \(result.epochsRun) epochs; keeping the best model so far "
          + "(epoch \(result.bestEpoch)).")
    }
    let trained = TrainedModel(
      role: role, backbone: backbone, dataset: dataset.name, seed: seed, model: model,
      result: result,
      settings: shown.compactMap { key in command.effective(key).map { (key, $0.description) } }
        + extra + [("variant", variant.rawValue)],
      split: split, architecture: architecture, variant: variant, fold: fold)
    console.print(
      "\(label) on \(dataset.name): \(result.epochsRun) epochs in "
        + String(format: "%.2f s", elapsed)
        + ", best validation loss at epoch \(result.bestEpoch); "
        + "test " + scoreText(result.test)
        + (fold.map { " [kfold, seed \(seed), fold \($0 + 1)]" } ?? " [holdout, seed \(seed)]"))
    return trained
  }

  private func report(
    _ record: EpochRecord, label: String, total: Int, started: Date, quiet: Bool,
    console: Console
  ) {
    if epochLog == .authors {
      // the released main.py's line, epochs counted from 0
      console.print(
        String(
          format: "[*] Epoch: %d, Train Loss: %.3f, Train Acc: %.2f, Val Loss: %.3f, "
            + "Val Acc: %.2f, Test Loss: %.3f, Test Acc: %.2f, AUC:%.3f, F1:%.3f",
          record.epoch - 1, record.trainLoss, record.trainAccuracy, record.validationLoss,
          record.validationAccuracy, record.testLoss, record.testAccuracy, record.testAUC,
          record.testF1))
    } else if console.isTerminal {
      let elapsed = Date().timeIntervalSince(started)
      let remaining = elapsed / Double(record.epoch) * Double(total - record.epoch)
      console.progress(
        "\(label)  epoch \(record.epoch)/\(total)  loss "
          + String(format: "%.4f  val acc %.4f  %.1fs, at most %.0fs left",
                   record.trainLoss, record.validationAccuracy, elapsed, remaining))
    } else if !quiet {
      console.print(
        String(
          format: "Epoch: %03d, Loss: %.4f, Train: %.4f, Val: %.4f, Val loss: %.4f",
          record.epoch, record.trainLoss, record.trainAccuracy, record.validationAccuracy,
          record.validationLoss))
    }
  }
}

/// `accuracy 0.8421, AUC 0.9120, F1 0.8390`.
func scoreText(_ s: Scores) -> String {
  String(format: "accuracy %.4f, AUC %.4f, F1 %.4f", s.accuracy, s.auc, s.f1)
}
