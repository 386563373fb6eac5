import Foundation
import Runtime

extension Session {
  /// The split scheme a training verb uses: `kfold`, or `holdout` (also
  /// for the `paper` protocol, which reads holdout-trained models).
  func scheme(of command: ResolvedCommand) -> String {
    command.effective("protocol")?.stringValue == "kfold" ? "kfold" : "holdout"
  }

  /// The folds of `seed`: the fixed ones of `folds from=`, else drawn.
  func folds(of dataset: GraphDataset, seed: Int) -> Folds {
    fixedFolds
      ?? Folds.stratified(labels: dataset.labels, classCount: dataset.classCount, seed: seed)
  }

  /// The splits a training verb trains on, with their fold (nil: holdout).
  func plan(_ command: ResolvedCommand, dataset: GraphDataset) -> [(Split, Int?)] {
    guard scheme(of: command) == "kfold" else {
      let split = Split.stratified(
        labels: dataset.labels, classCount: dataset.classCount, seed: command.seed)
      return [(split, nil)]
    }
    return folds(of: dataset, seed: command.seed).splits.enumerated().map { ($1, $0) }
  }

  /// `folds` shows the folds of the seed; `folds to=FILE` writes them as
  /// JSON, `folds from=FILE` reads such a file, `folds from=dataset` takes
  /// the dataset's `10fold_idx` (validation drawn from the seed), and
  /// `folds from=seed` goes back to folds drawn from each seed.
  func foldsVerb(_ command: ResolvedCommand, console: Console) throws {
    let dataset = try requireDataset(command)
    if command.isExplicit("from") {
      let from = command.string("from")
      switch from {
      case "seed": fixedFolds = nil
      case "dataset":
        guard let index = dataset.folds else {
          throw command.error(
            at: "from", .usage, "\(dataset.name) ships no 10fold_idx folder.",
            hint: "Only the GIN copies of COLLAB and REDDIT-BINARY do; draw folds from "
              + "the seed instead ('folds from=seed').")
        }
        fixedFolds = Folds.given(
          index, labels: dataset.labels, classCount: dataset.classCount, seed: command.seed,
          source: "\(dataset.name)/10fold_idx, validation from seed \(command.seed)")
      default: fixedFolds = try readFolds(from, dataset: dataset, command: command)
      }
    }
    let folds = folds(of: dataset, seed: command.seed)
    if command.isExplicit("to") {
      try writeJSON(folds, command: command)
      console.print("wrote \(folds.splits.count) folds to \(command.string("to"))")
    }
    console.print(
      "\(folds.splits.count) folds of \(dataset.name) (\(folds.source))"
        + (fixedFolds == nil ? "" : ", used for every seed") + ":")
    for (f, split) in folds.splits.enumerated() {
      console.print(
        "  fold \(f + 1): train \(split.train.count), validation \(split.validation.count), "
          + "test \(split.test.count)")
    }
  }

  private func readFolds(
    _ path: String, dataset: GraphDataset, command: ResolvedCommand
  ) throws -> Folds {
    let folds: Folds
    do {
      let data = try Data(contentsOf: URL(fileURLWithPath: path))
      folds = try JSONDecoder().decode(Folds.self, from: data)
    } catch {
      throw command.error(
        at: "from", .data, "could not read folds from '\(path)'.",
        hint: "Write them with 'folds to=FILE'.")
    }
    if let problem = folds.problem(graphCount: dataset.graphCount) {
      throw command.error(
        at: "from", .data, "the folds in '\(path)' do not fit \(dataset.name): \(problem).")
    }
    return folds
  }
}
