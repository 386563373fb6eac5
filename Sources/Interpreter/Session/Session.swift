import Foundation
import Runtime
import Viz

/// The notebook state behind the prompt and scripts: the loaded dataset,
/// the split of each seed, and the models trained so far with their
/// figures. It executes every verb the interpreter does not handle itself.
public final class Session: VerbExecutor {
  /// The loaded dataset; a failed `load` leaves the previous one in place.
  public internal(set) var dataset: GraphDataset?
  /// The models trained on the current dataset, by role; each one set is
  /// also kept among the runs.
  public internal(set) var teacher: TrainedModel? { didSet { keep(teacher) } }
  public internal(set) var student: TrainedModel? { didSet { keep(student) } }
  public internal(set) var baseline: TrainedModel? { didSet { keep(baseline) } }
  /// The figures of every model trained or opened on the current dataset
  /// (over `repeat` seeds and folds), in order; a model trained again with
  /// the same role, backbone, seed and fold replaces its run.
  public internal(set) var runs: [RunRecord] = []
  /// The teachers of the last `kfold` teacher command, by fold.
  var foldTeachers: [TrainedModel] = []
  /// Folds read by `folds from=`, used for every seed; nil: drawn per seed.
  public internal(set) var fixedFolds: Folds?
  /// The environment `load` reads (`LAD_DATA`, the cache folders,
  /// `LAD_DOWNLOAD_URL`), and the pictures (`LAD_IMAGES`, the terminal).
  public let environment: [String: String]
  /// How training reports each epoch when output is not a terminal.
  public enum EpochLog: Sendable { case lad, authors }
  public var epochLog = EpochLog.lad
  /// The pictures written so far, by the index of the command that made
  /// them in the console's transcript (for `report`).
  public internal(set) var pictures: [Int: [Picture]] = [:]

  public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
    self.environment = environment
    BLAS.useSingleThread()
    Memory.keepFreedMemory()
  }

  /// Every trained model, in the order of the `evaluate` table.
  public var models: [TrainedModel] {
    [teacher, student, baseline].compactMap { $0 }
  }

  public func execute(_ command: ResolvedCommand, console: Console) throws {
    switch command.verb {
    case "load": try load(command, console: console)
    case "datasets": try listDatasets(command, console: console)
    case "teacher": try trainTeacher(command, console: console)
    case "distill": try distill(command, console: console)
    case "baseline": try trainBaseline(command, console: console)
    case "evaluate": try evaluate(command, console: console)
    case "folds": try foldsVerb(command, console: console)
    case "compare": try compare(command, console: console)
    case "save": try save(command, console: console)
    case "show": show(console: console)
    case "open": try open(command, console: console)
    case "draw": try draw(command, console: console)
    case "plot": try plot(command, console: console)
    case "report": try writeReport(command, console: console)
    default:
      throw LadError(.usage, "'\(command.verb)' is not available in this version of lad.")
    }
  }

  /// Makes `loaded` the session's dataset; models of another dataset go,
  /// and the console says which.
  func install(_ loaded: GraphDataset, console: Console) {
    let dropped = models.map(\.role.rawValue)
    if let previous = dataset, !dropped.isEmpty {
      console.warning(
        "\(loaded.name) replaces \(previous.name): the session drops its "
          + "\(dropped.joined(separator: ", ")) (save them first to keep them).")
    }
    dataset = loaded
    runs = []
    foldTeachers = []
    fixedFolds = nil
    teacher = nil
    student = nil
    baseline = nil
  }

  /// The dataset, or an error saying to load one.
  func requireDataset(_ command: ResolvedCommand) throws -> GraphDataset {
    guard let dataset else {
      throw LocatedError(
        LadError(
          .usage, "no dataset is loaded, so '\(command.verb)' has nothing to train on.",
          hint: "Load one first, e.g. 'load MUTAG'."),
        at: command.verbLocation)
    }
    return dataset
  }
}

/// A model trained in the session, with what `evaluate` and `show` report.
public struct TrainedModel {
  public enum Role: String, Sendable { case teacher, student, baseline }

  public var role: Role
  public var backbone: String
  public var dataset: String
  public var seed: Int
  public var model: any GraphClassifier
  public var result: TrainingResult
  /// The settings it was trained with, as `key=value` text.
  public var settings: [(String, String)]
  /// The split it was trained and tested on.
  public var split: Split
  /// The backbone's shape, to rebuild the model when it is opened.
  public var architecture: BackboneSettings
  /// The paper's design or the released code's.
  public var variant: ModelVariant = .paper
  /// The fold (0-based) of a `kfold` model; nil for a `holdout` one.
  public var fold: Int? = nil
}
