import Foundation
import Runtime

/// One cell of `compare`: a dataset and a backbone over the seeds.
struct CompareCell: Codable {
  var dataset: String
  var backbone: String
  var seeds: [Int]
  /// Test accuracy over the runs (seeds, times folds under kfold).
  var baseline: Summary
  var teacher: Summary
  var student: Summary
  /// The paper's published accuracies (baseline, LAD-GNN), when it has them.
  var paperBaseline: Double?
  var paperLAD: Double?
}

/// What `compare to=` writes as JSON.
struct CompareFile: Codable {
  var `protocol`: String
  var note: String
  var cells: [CompareCell]
}

extension Session {
  /// `compare backbones=... datasets=... seeds=... protocol=...` trains
  /// baseline, teacher and student for every dataset and backbone and
  /// seed, and prints `baseline -> student` per cell beside the paper's
  /// figures. The session's dataset and models are left as they were.
  /// Ctrl-C keeps the finished cells.
  func compare(_ command: ResolvedCommand, console: Console) throws {
    let backbones = command.list("backbones").compactMap(\.stringValue)
    for (i, name) in backbones.enumerated()
    where !Session.implementedBackbones.contains(name) {
      throw command.error(
        at: "backbones", .usage, "the backbone '\(name)' (item \(i + 1)) is not implemented yet.",
        hint: "Use some of: \(Session.implementedBackbones.sorted().joined(separator: ", ")).")
    }
    let names = command.list("datasets").compactMap(\.stringValue)
    try checkFindable(names, command)
    let seeds = command.seeds("seeds")
    let readings = try compareReadings(command)
    // a table that cannot be written is found out before the training
    if command.isExplicit("to") {
      do {
        try AtomicFile.checkDirectory(of: command.string("to"))
      } catch let error as UserFacingError {
        throw LocatedError(error, at: command.location(ofValue: "to"))
      }
    }
    var settings = command.settings
    settings["quiet"] = .bool(true)
    settings["protocol"] = .choice(readings == ["kfold"] ? "kfold" : "holdout")

    // the session as it was, put back however compare ends
    let saved = (dataset, teacher, student, baseline, runs, foldTeachers, fixedFolds)
    defer {
      dataset = saved.0
      teacher = saved.1
      student = saved.2
      baseline = saved.3
      runs = saved.4
      foldTeachers = saved.5
      fixedFolds = saved.6
    }
    teacher = nil
    student = nil
    baseline = nil
    // one list of cells per reading, filled from the same runs
    var cells: [[CompareCell]] = readings.map { _ in [] }
    // the cell in progress and its seeds whose three models all trained
    var current: (dataset: String, backbone: String)?
    var finished: [Int] = []
    func addCells(_ dataset: String, _ backbone: String, _ seeds: [Int]) {
      for (i, reading) in readings.enumerated() {
        cells[i].append(cell(dataset, backbone, seeds, reading))
      }
    }
    // a cell cut short keeps the seeds it finished, and says which
    func addUnfinished() -> String {
      guard let current, !finished.isEmpty else { return "" }
      addCells(current.dataset, current.backbone, finished)
      let count = finished.count == 1 ? "1 finished seed" : "\(finished.count) finished seeds"
      return " and \(count) (\(Value.format(seeds: finished))) of "
        + "\(current.dataset) \(current.backbone)"
    }
    let total = names.count * backbones.count * seeds.count
    var done = 0
    do {
      work: for name in names {
        // compare's own models of the last dataset: nothing to warn about
        (teacher, student, baseline, foldTeachers) = (nil, nil, nil, [])
        try subcommand("load \(name)", settings, command, console)
        for backbone in backbones {
          current = (name, backbone)
          finished = []
          for seed in seeds {
            done += 1
            console.print("compare: \(name) \(backbone) seed \(seed) (\(done) of \(total))")
            settings["seed"] = .int(seed)
            for text in ["baseline \(backbone)", "teacher \(backbone)", "distill"] {
              try subcommand(text, settings, command, console)
              if Interrupt.isRequested { break work }
            }
            finished.append(seed)
          }
          addCells(name, backbone, seeds)
          current = nil
        }
      }
    } catch let error where !Interrupt.isRequested {
      // the finished cells are worth showing before the error
      _ = addUnfinished()
      if !cells[0].isEmpty {
        try show(cells, readings: readings, seeds: seeds, command: command, console: console)
      }
      throw error
    } catch {
      // Ctrl-C before a model's first epoch ended: an interruption like
      // any other, not a failure of compare
    }
    if Interrupt.isRequested {
      let whole = cells[0].count == 1 ? "1 finished cell" : "\(cells[0].count) finished cells"
      let unfinished = addUnfinished()
      console.print("compare: interrupted; keeping \(whole)\(unfinished).")
      guard !cells[0].isEmpty else {
        console.print("compare: nothing finished, so no table.")
        return
      }
    }
    try show(cells, readings: readings, seeds: seeds, command: command, console: console)
  }

  /// Fails on the first dataset name `load` could neither find on disk nor
  /// download, before anything trains; the rest are read in turn.
  private func checkFindable(_ names: [String], _ command: ResolvedCommand) throws {
    for name in names {
      do {
        try DatasetLoader.checkFindable(name, environment: environment)
      } catch let error as UserFacingError {
        throw LocatedError(error, at: command.location(ofValue: "datasets"))
      }
    }
  }

  /// The protocols `compare` reads, in the order given, without repeats.
  /// `holdout` and `paper` read the same holdout runs; `kfold` trains
  /// models of its own, so it is compared alone.
  private func compareReadings(_ command: ResolvedCommand) throws -> [String] {
    var readings: [String] = []
    for value in command.effective("protocol")?.listValue ?? [] {
      if let name = value.stringValue, !readings.contains(name) { readings.append(name) }
    }
    if readings.isEmpty { return ["holdout"] }
    if readings.count > 1 && readings.contains("kfold") {
      throw command.error(
        at: "protocol", .usage, "kfold trains models of its own and cannot share runs with "
          + "\(readings.filter { $0 != "kfold" }.joined(separator: ", ")).",
        hint: "Run 'compare protocol=kfold' on its own, or 'compare protocol=holdout,paper'.")
    }
    return readings
  }

  /// Prints (and with `to=`, writes) one table per reading; with more
  /// than one, the files are `FILE-<protocol>.md` and `.json`.
  private func show(
    _ cells: [[CompareCell]], readings: [String], seeds: [Int], command: ResolvedCommand,
    console: Console
  ) throws {
    for (i, reading) in readings.enumerated() {
      try show(
        cells[i], reading: reading, seeds: seeds, command: command,
        suffix: readings.count > 1 ? "-\(reading)" : "", console: console)
    }
  }

  /// Runs one command of compare's with compare's settings; its errors
  /// point at the compare command.
  private func subcommand(
    _ text: String, _ settings: [String: Value], _ compare: ResolvedCommand, _ console: Console
  ) throws {
    do {
      try execute(
        try Resolver().resolve(text: text, file: "compare", variables: settings),
        console: console)
    } catch let error as LanguageError {
      throw LocatedError(LadError(.usage, error.message), at: compare.verbLocation)
    } catch let error as LocatedError {
      throw LocatedError(error.underlying, at: compare.verbLocation)
    } catch let error as UserFacingError {
      throw LocatedError(error, at: compare.verbLocation)
    }
  }

  private func cell(
    _ name: String, _ backbone: String, _ seeds: [Int], _ reading: String
  ) -> CompareCell {
    func summary(_ role: TrainedModel.Role) -> Summary {
      Summary(
        runs.filter { $0.role == role && $0.backbone == backbone && seeds.contains($0.seed) }
          .map { $0.scores(under: reading).accuracy })
    }
    let published = PaperFigures.accuracy(backbone: backbone, dataset: name)
    return CompareCell(
      dataset: name, backbone: backbone, seeds: seeds, baseline: summary(.baseline),
      teacher: summary(.teacher), student: summary(.student),
      paperBaseline: published?.baseline, paperLAD: published?.lad)
  }

  private func show(
    _ cells: [CompareCell], reading: String, seeds: [Int], command: ResolvedCommand,
    suffix: String, console: Console
  ) throws {
    let note =
      "\(Session.protocolNotes[reading] ?? reading); seeds \(Value.format(seeds: seeds)); "
      + "test accuracy, mean +- population std"
    func pair(_ s: Summary) -> String { String(format: "%.3f +- %.3f", s.mean, s.std) }
    func paper(_ x: Double?) -> String { x.map { String(format: "%.3f", $0) } ?? "-" }
    console.print("compare: " + note)
    console.print("dataset        backbone  baseline -> student (LAD-GNN)     paper")
    var markdown = [
      "# lad compare", "", note, "",
      "| dataset | backbone | baseline | student (LAD-GNN) | teacher | paper baseline "
        + "| paper LAD-GNN |",
      "|---|---|---|---|---|---|---|",
    ]
    for c in cells {
      // a cell cut short by Ctrl-C names the seeds it has
      let only =
        c.seeds.sorted() == seeds.sorted() ? "" : " (seeds \(Value.format(seeds: c.seeds)) only)"
      console.print(
        c.dataset.padding(toLength: 15, withPad: " ", startingAt: 0)
          + c.backbone.padding(toLength: 10, withPad: " ", startingAt: 0)
          + pair(c.baseline) + " -> " + pair(c.student) + "   "
          + paper(c.paperBaseline) + " -> " + paper(c.paperLAD) + only)
      markdown.append(
        "| \(c.dataset) | \(c.backbone)\(only) | \(pair(c.baseline)) | \(pair(c.student)) | "
          + "\(pair(c.teacher)) | \(paper(c.paperBaseline)) | \(paper(c.paperLAD)) |")
    }
    guard command.isExplicit("to") else { return }
    // FILE, FILE.md or FILE.json: both FILE.md and FILE.json are written
    var base = command.string("to")
    for ext in [".md", ".json"] where base.hasSuffix(ext) { base.removeLast(ext.count) }
    base += suffix
    do {
      try AtomicFile.write(markdown.joined(separator: "\n") + "\n", to: base + ".md")
    } catch let error as UserFacingError {
      throw LocatedError(error, at: command.location(ofValue: "to"))
    }
    try writeJSON(
      CompareFile(protocol: reading, note: note, cells: cells), command: command,
      path: base + ".json")
    console.print("wrote \(base).md and \(base).json")
  }
}
