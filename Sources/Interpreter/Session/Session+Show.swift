import Foundation
import Runtime

extension Session {
  /// `show`: what is loaded and trained, with settings and figures.
  func show(console: Console) {
    guard let dataset else {
      console.print("nothing loaded yet ('load MUTAG' loads a dataset)")
      return
    }
    console.print("dataset  \(dataset.summary)")
    guard !models.isEmpty else {
      console.print("models   none trained yet ('teacher gcn', 'baseline gcn')")
      return
    }
    for trained in models {
      let s = trained.split
      console.print(
        "\(trained.role.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))"
          + "\(trained.backbone), seed \(trained.seed), split \(s.train.count)/"
          + "\(s.validation.count)/\(s.test.count), \(trained.result.epochsRun) epochs "
          + "(best \(trained.result.bestEpoch)); test " + scoreText(trained.result.test)
          + (trained.fold.map { " [kfold, seed \(trained.seed), fold \($0 + 1)]" }
            ?? " [holdout, seed \(trained.seed)]"))
      let settings = trained.settings.map { "\($0.0)=\($0.1)" }.joined(separator: " ")
      if !settings.isEmpty { console.print("         \(settings)") }
    }
    if runs.count > models.count {
      console.print(
        "runs     \(runs.count) kept (seeds \(Value.format(seeds: seedsOfRuns))); "
          + "'evaluate' aggregates them")
    }
    if let fixedFolds {
      console.print("folds    \(fixedFolds.splits.count) from \(fixedFolds.source), for every seed")
    }
  }

  private var seedsOfRuns: [Int] {
    var seeds: [Int] = []
    for run in runs where !seeds.contains(run.seed) { seeds.append(run.seed) }
    return seeds
  }
}
