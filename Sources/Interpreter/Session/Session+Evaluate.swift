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
    let chosen = runs.filter { name == "paper" || $0.scheme == name }
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
    if command.isExplicit("to") {
      let file = EvaluationFile(protocol: name, note: note, runs: rows, aggregates: aggregates)
      try writeJSON(file, command: command)
      console.print("wrote \(command.string("to"))")
    }
  }

  private func printRuns(_ rows: [EvaluationRow], console: Console) {
    // `student(ref)` widens the first column
    let width = max(10, (rows.map(\.model.count).max() ?? 0) + 2)
    console.print(
      pad("model", width)
        + "backbone  dataset       protocol  seed  accuracy  AUC     F1      epochs  paper")
    for row in rows {
      console.print(
        pad(row.model, width) + pad(row.backbone, 10) + pad(row.dataset, 14)
          + pad(row.protocol, 10) + pad(String(row.seed), 6)
          + String(format: "%.4f    %.4f  %.4f  %-6d  ", row.accuracy, row.auc, row.f1, row.epochs)
          + (row.paper.map { String(format: "%.3f", $0) } ?? "-"))
    }
  }

  private func printAggregates(_ rows: [AggregateRow], console: Console) {
    let width = max(10, (rows.map(\.model.count).max() ?? 0) + 2)
    console.print(
      pad("model", width) + "backbone  dataset       protocol  seeds    runs  accuracy          "
        + "AUC               F1                paper")
    func cell(_ s: Summary) -> String { String(format: "%.4f +- %.4f  ", s.mean, s.std) }
    for row in rows {
      console.print(
        pad(row.model, width) + pad(row.backbone, 10) + pad(row.dataset, 14)
          + pad(row.protocol, 10) + pad(Value.format(seeds: row.seeds), 9)
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
