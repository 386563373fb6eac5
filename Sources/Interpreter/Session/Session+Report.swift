import Foundation
import Runtime
import Viz

/// `report to=FILE.html`: the session so far as one self-contained page.
extension Session {
  func writeReport(_ command: ResolvedCommand, console: Console) throws {
    let prefix = dataset.map(filePrefix) ?? "lad"
    let path = command.isExplicit("to") ? command.string("to") : "\(prefix)-report.html"
    let lowered = path.lowercased()
    guard lowered.hasSuffix(".html") || lowered.hasSuffix(".htm") else {
      throw command.error(
        at: "to", .usage, "'\(path)' does not end in .html.",
        hint: "Name the report NAME.html; it opens in any browser, offline.")
    }

    // every command before this one
    let transcript = console.transcript.dropLast()
    let entries = transcript.enumerated().map { i, entry in
      Report.Entry(
        command: entry.command, output: entry.output, errors: entry.errors,
        pictures: pictures[i] ?? [])
    }
    let report = Report(
      title: "lad: \(dataset?.name ?? "session")", facts: facts(command),
      tables: tables(), entries: entries)
    do {
      try AtomicFile.write(report.html, to: path)
    } catch let error as UserFacingError {
      throw LocatedError(error, at: command.location(ofValue: "to"))
    }
    let pictureCount = entries.reduce(0) { $0 + $1.pictures.count }
    console.print(
      "wrote \(path) (\(entries.count) commands, \(pictureCount) "
        + (pictureCount == 1 ? "picture)" : "pictures)"))
  }

  private func facts(_ command: ResolvedCommand) -> [(name: String, value: String)] {
    var facts: [(name: String, value: String)] = [
      ("dataset", dataset?.summary ?? "none loaded")
    ]
    let settings = command.settings.keys.sorted().map { "\($0)=\(command.settings[$0]!)" }
    facts.append(("settings", settings.joined(separator: " ")))
    facts.append(
      ("protocol",
       "holdout: stratified 80/10/10 split of the seed, test figures at the epoch of lowest "
         + "validation loss"))
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    facts.append(("written", formatter.string(from: Date())))
    return facts
  }

  /// The `evaluate` table and each model's training settings.
  private func tables() -> [Report.Table] {
    guard !models.isEmpty else { return [] }
    let rows = models.map { model in
      let run = RunRecord(model)
      return EvaluationRow(run, under: run.scheme)
    }
    let figures = Report.Table(
      caption: "Final figures (test split)",
      header: ["model", "backbone", "seed", "accuracy", "AUC", "F1", "epochs", "paper"],
      rows: rows.map { row in
        [
          row.model, row.backbone, String(row.seed), String(format: "%.4f", row.accuracy),
          String(format: "%.4f", row.auc), String(format: "%.4f", row.f1), String(row.epochs),
          row.paper.map { String(format: "%.3f", $0) } ?? "-",
        ]
      })
    let settings = Report.Table(
      caption: "Training settings",
      header: ["model", "settings", "best epoch"],
      rows: models.map { m in
        [
          m.role.rawValue, m.settings.map { "\($0.0)=\($0.1)" }.joined(separator: " "),
          String(m.result.bestEpoch),
        ]
      })
    return [figures, settings]
  }
}
