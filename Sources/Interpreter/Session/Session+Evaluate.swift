import Foundation
import Runtime

extension Session {
  /// Prints one row per trained model (holdout test figures at the epoch of
  /// lowest validation loss) beside the paper's published accuracy, and
  /// with `to=` writes the same rows as a JSON array.
  func evaluate(_ command: ResolvedCommand, console: Console) throws {
    guard !models.isEmpty else {
      throw LocatedError(
        LadError(
          .usage, "no model has been trained yet, so there is nothing to evaluate.",
          hint: "Train one first, e.g. 'teacher gcn' then 'distill'."),
        at: command.verbLocation)
    }
    let rows = models.map(EvaluationRow.init)
    // `student(ref)` widens the first column
    let width = max(10, (rows.map(\.model.count).max() ?? 0) + 2)
    console.print(
      "model".padding(toLength: width, withPad: " ", startingAt: 0)
        + "backbone  dataset       protocol  seed  accuracy  AUC     F1      epochs  paper")
    for row in rows {
      console.print(
        row.model.padding(toLength: width, withPad: " ", startingAt: 0)
          + row.backbone.padding(toLength: 10, withPad: " ", startingAt: 0)
          + row.dataset.padding(toLength: 14, withPad: " ", startingAt: 0)
          + row.protocol.padding(toLength: 10, withPad: " ", startingAt: 0)
          + String(row.seed).padding(toLength: 6, withPad: " ", startingAt: 0)
          + String(format: "%.4f    %.4f  %.4f  %-6d  ", row.accuracy, row.auc, row.f1, row.epochs)
          + (row.paper.map { String(format: "%.3f", $0) } ?? "-"))
    }
    console.print(
      "holdout: stratified 80/10/10 split of the seed, test figures at the epoch of lowest "
        + "validation loss; paper: the published mean accuracy (METHOD.md section 5).")
    if command.isExplicit("to") {
      let path = command.string("to")
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      // an AUC is undefined when the test graphs hold one class
      encoder.nonConformingFloatEncodingStrategy = .convertToString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
      do {
        try AtomicFile.write(try encoder.encode(rows), to: path)
      } catch let error as UserFacingError {
        throw LocatedError(error, at: command.location(ofValue: "to"))
      }
      console.print("wrote \(path)")
    }
  }
}

/// One line of `evaluate`, and one object of its JSON.
struct EvaluationRow: Codable {
  /// The role, tagged `(ref)` for the `reference` variant: `student(ref)`.
  var model: String
  /// `paper` or `reference`.
  var variant: String
  var backbone: String
  var dataset: String
  var `protocol`: String
  var seed: Int
  var accuracy: Double
  var auc: Double
  var f1: Double
  var epochs: Int
  /// The paper's published accuracy for this model's cell, when it has one.
  var paper: Double?

  init(_ trained: TrainedModel) {
    model = trained.role.rawValue + trained.variant.tag
    variant = trained.variant.rawValue
    backbone = trained.backbone
    dataset = trained.dataset
    self.protocol = "holdout"
    seed = trained.seed
    accuracy = trained.result.test.accuracy
    auc = trained.result.test.auc
    f1 = trained.result.test.f1
    epochs = trained.result.epochsRun
    let published = PaperFigures.accuracy(backbone: trained.backbone, dataset: trained.dataset)
    switch trained.role {
    case .teacher: paper = nil
    case .student: paper = published?.lad
    case .baseline: paper = published?.baseline
    }
  }
}
