import Foundation
import Runtime

extension Session {
  /// The protocols `evaluate` reads, and what each one's figures are.
  static let protocolNotes = [
    "holdout": "holdout: stratified 80/10/10 split of each seed, test figures at the epoch "
      + "of lowest validation loss",
    "kfold": "kfold: stratified 10-fold cross-validation of each seed, 10% of each training "
      + "fold held out for validation; test figures at the epoch of lowest validation loss",
    "paper": "paper protocol: the highest test accuracy over all epochs, as the released "
      + "code reports it (test-selected, optimistic)",
  ]

  /// Prints the test figures of the session's runs under a protocol: one
  /// row per run when every model kind ran once, else one row per kind
  /// with mean +- population std over its runs (seeds, folds). With `to=`
  /// writes the runs and the aggregates as JSON.
  func evaluate(_ command: ResolvedCommand, console: Console) throws {
    guard let latest = runs.last else {
      throw LocatedError(
        LadError(
          .usage, "no model has been trained yet, so there is nothing to evaluate.",
          hint: "Train one first, e.g. 'teacher gcn' then 'distill'."),
        at: command.verbLocation)
    }
    // the key, then the setting, then the split of the latest run
    let name = command.effective("protocol")?.stringValue ?? latest.scheme
    var chosen = runs.filter { name == "paper" || $0.scheme == name }
    // an opened model has no per-epoch test figures for `paper` to read
    let opened = name == "paper" ? chosen.filter { !$0.hasHistory }.count : 0
    chosen.removeAll { name == "paper" && !$0.hasHistory }
    if opened > 0 && chosen.isEmpty {
      throw command.error(
        at: "protocol", .usage,
        "the paper protocol reads every epoch's test figures, and models opened from files "
          + "carry none.",
        hint: "Train in this session to read it, or evaluate protocol=holdout.")
    }
    guard !chosen.isEmpty else {
      let trained = Set(runs.map(\.scheme)).sorted().joined(separator: ", ")
      throw command.error(
        at: "protocol", .usage, "no model was trained under '\(name)' (only \(trained)).",
        hint: "Train under it first, e.g. 'teacher gcn protocol=\(name)', or evaluate "
          + "protocol=\(trained).")
    }
    let rows = chosen.map { EvaluationRow($0, under: name) }
    let groups = AggregateRow.groups(of: rows)
    let aggregates = groups.map(AggregateRow.init)
    let note = Session.protocolNotes[name] ?? name
    if name == "paper" {
      let splits = Set(chosen.map(\.scheme)).sorted().joined(separator: " and ")
      console.print(
        "protocol paper: test-selected, optimistic (not an honest estimate); "
          + "the best test epoch of the \(splits) models")
    }
    if groups.allSatisfy({ $0.count == 1 }) {
      printRuns(groups.map { $0[0] }, console: console)
    } else {
      printAggregates(aggregates, console: console)
    }
    console.print(note + "; paper: the published mean accuracy (METHOD.md section 5).")
    for line in footnotes(rows: rows, opened: opened, shown: name, given: command) {
      console.print(line)
    }
    if command.isExplicit("to") {
      let file = EvaluationFile(protocol: name, note: note, runs: rows, aggregates: aggregates)
      try writeJSON(file, command: command)
      console.print("wrote \(command.string("to"))")
    }
  }

  /// What the table alone does not say: interrupted runs, the teacher's
  /// label input, runs left out, and runs of the other split.
  private func footnotes(
    rows: [EvaluationRow], opened: Int, shown name: String, given command: ResolvedCommand
  ) -> [String] {
    var lines: [String] = []
    if rows.contains(where: \.interrupted) {
      lines.append("*: stopped by Ctrl-C; figures of the best epoch reached before it.")
    }
    if rows.contains(where: { $0.model.hasPrefix("teacher") }) {
      lines.append(
        "teacher: reads each graph's true label, so its figures show what the label "
          + "attention encodes, not a prediction.")
    }
    if name == "paper" && Set(rows.map(\.split)).count > 1 {
      lines.append(
        "paper/holdout and paper/kfold rows read models trained on different splits; "
          + "compare within one.")
    }
    if opened > 0 {
      lines.append(
        "left out \(opened) model\(opened == 1 ? "" : "s") opened from a file: "
          + "no per-epoch test figures for the paper protocol.")
    }
    if command.effective("protocol") == nil {
      let others = runs.filter { $0.scheme != name }
      if let other = others.first?.scheme {
        lines.append(
          "not shown: \(others.count) run\(others.count == 1 ? "" : "s") trained under "
            + "\(other) ('evaluate protocol=\(other)').")
      }
    }
    return lines
  }

  /// The protocol column: under `paper`, with the split it read.
  private func protocolText(_ protocolName: String, split: String) -> String {
    protocolName == "paper" ? "paper/\(split)" : protocolName
  }

  private func printRuns(_ rows: [EvaluationRow], console: Console) {
    // `student(ref)` and a Ctrl-C mark widen the first column
    let width = max(10, (rows.map { $0.model.count + ($0.interrupted ? 1 : 0) }.max() ?? 0) + 2)
    let paper = rows.first?.protocol == "paper"
    let protocolWidth = paper ? 15 : 10
    console.print(
      pad("model", width) + "backbone  dataset       " + pad("protocol", protocolWidth)
        + "seed  accuracy  AUC     F1      epochs  at     paper")
    for row in rows {
      console.print(
        pad(row.model + (row.interrupted ? "*" : ""), width) + pad(row.backbone, 10)
          + pad(row.dataset, 14)
          + pad(protocolText(row.protocol, split: row.split), protocolWidth)
          + pad(String(row.seed), 6)
          + String(format: "%.4f    %.4f  %.4f  %-6d  ", row.accuracy, row.auc, row.f1, row.epochs)
          + pad(row.epoch.map(String.init) ?? "-", 7)
          + (row.paper.map { String(format: "%.3f", $0) } ?? "-"))
    }
  }

  private func printAggregates(_ rows: [AggregateRow], console: Console) {
    let width = max(10, (rows.map { $0.model.count + ($0.interrupted > 0 ? 1 : 0) }.max() ?? 0) + 2)
    let paper = rows.first?.protocol == "paper"
    let protocolWidth = paper ? 15 : 10
    console.print(
      pad("model", width) + "backbone  dataset       " + pad("protocol", protocolWidth)
        + "seeds    runs  accuracy          AUC               F1                paper")
    func cell(_ s: Summary) -> String { String(format: "%.4f +- %.4f  ", s.mean, s.std) }
    for row in rows {
      console.print(
        pad(row.model + (row.interrupted > 0 ? "*" : ""), width) + pad(row.backbone, 10)
          + pad(row.dataset, 14)
          + pad(protocolText(row.protocol, split: row.split), protocolWidth)
          + pad(Value.format(seeds: row.seeds), 9)
          + pad(String(row.runs), 6) + cell(row.accuracy) + cell(row.auc) + cell(row.f1)
          + (row.paper.map { String(format: "%.3f", $0) } ?? "-"))
    }
    console.print("mean +- population std over the runs (seeds, times 10 folds under kfold).")
  }

  private func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text.padding(toLength: width, withPad: " ", startingAt: 0)
  }

  /// Writes `value` as pretty JSON to `path`, by default the command's `to=`.
  func writeJSON<T: Encodable>(
    _ value: T, command: ResolvedCommand, path: String? = nil
  ) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    // an AUC is undefined when the test graphs hold one class
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    do {
      try AtomicFile.write(try encoder.encode(value), to: path ?? command.string("to"))
    } catch let error as UserFacingError {
      throw LocatedError(error, at: command.location(ofValue: "to"))
    }
  }
}
