import Foundation
import Runtime

/// `lad train --dataset MUTAG --train_mode T ...`: the command line of the
/// authors' `main.py`, with its flags and defaults, backed by lad's
/// runtime. `T` trains and saves the teacher, `S` distils a student from
/// the saved teacher of the same dataset, backbone and seed, `O` trains
/// the backbone alone. Each epoch prints main.py's log line; the summary
/// prints main.py's figures (the best test accuracy over epochs, which is
/// test-selected and optimistic) and, beside them, lad's holdout figures.
public enum CompatTrain {
  struct Flag {
    var name: String
    var value: String
    var help: String
  }

  /// main.py's flags and defaults (`--lr` is 0.001 for every mode there).
  static let defaults: [Flag] = [
    Flag(name: "dataset", value: "MUTAG", help: "name of dataset"),
    Flag(name: "device", value: "0", help: "ignored: lad runs on the CPU"),
    Flag(name: "seed", value: "1", help: "random seed"),
    Flag(name: "batch_size", value: "32", help: "input batch size for training"),
    Flag(name: "nhid", value: "64", help: "hidden width"),
    Flag(name: "nlayers", value: "2", help: "gnn layers"),
    Flag(name: "gat_heads", value: "4", help: "gat heads (lad's GAT uses 4)"),
    Flag(name: "epochs", value: "300", help: "number of epochs to train"),
    Flag(name: "lr", value: "0.001", help: "learning rate"),
    Flag(name: "dropout", value: "0.5", help: "dropout rate"),
    Flag(name: "with_bn", value: "True", help: "ignored: lad's stacks always use BatchNorm"),
    Flag(name: "with_bias", value: "True", help: "ignored: lad's layers always have biases"),
    Flag(name: "weight_decay", value: "5e-5", help: "weight decay of the optimizer"),
    Flag(name: "scheduler_patience", value: "50", help: "scheduler patience"),
    Flag(name: "scheduler_factor", value: "0.1", help: "scheduler factor"),
    Flag(name: "alpha", value: "1.0", help: "the weight of the distillation loss"),
    Flag(name: "tau", value: "0.1", help: "label attention temperature"),
    Flag(name: "early_stop", value: "50", help: "early stopping epochs"),
    Flag(name: "train_mode", value: "T", help: "T (teacher), S (student) or O (baseline)"),
    Flag(name: "checkpoints_path", value: "checkpoints", help: "where teachers are saved"),
    Flag(name: "result_path", value: "results", help: "ignored: lad prints its results"),
    Flag(name: "backbone", value: "GCN", help: "GCN, GAT, SAGE, GIN or PNA"),
    Flag(name: "runs", value: "1", help: "runs (only 1 is supported)"),
    // lad's own flag: 'reference' follows the released code's design
    Flag(
      name: "variant", value: "paper", help: "lad's own: paper, or reference for main.py's design"),
  ]

  public static func run(arguments: [String], console: Console = .standard()) -> Int32 {
    var values = Dictionary(uniqueKeysWithValues: defaults.map { ($0.name, $0.value) })
    var given: Set<String> = []
    var i = 0
    while i < arguments.count {
      let argument = arguments[i]
      if argument == "-h" || argument == "--help" {
        console.write(usage)
        return 0
      }
      var name = argument
      var value: String?
      if let eq = argument.firstIndex(of: "=") {
        name = String(argument[..<eq])
        value = String(argument[argument.index(after: eq)...])
      }
      guard name.hasPrefix("--"), values[String(name.dropFirst(2))] != nil else {
        return fail(
          console, "lad train: unknown argument '\(argument)'.",
          hint: "'lad train --help' lists main.py's flags.")
      }
      if value == nil {
        guard i + 1 < arguments.count else {
          return fail(console, "lad train: '\(name)' needs a value.")
        }
        i += 1
        value = arguments[i]
      }
      guard given.insert(String(name.dropFirst(2))).inserted else {
        return fail(
          console, "lad train: '\(name)' is given twice.", hint: "Give each flag once.")
      }
      values[String(name.dropFirst(2))] = value
      i += 1
    }
    if let status = check(values, console: console) { return status }
    return train(values, console: console)
  }

  /// The lad key each numeric flag becomes, and a verb that takes it.
  static let keys: [(flag: String, key: String, verb: String)] = [
    ("batch_size", "batch", "teacher gcn"),
    ("nhid", "nhid", "teacher gcn"), ("nlayers", "nlayers", "teacher gcn"),
    ("epochs", "epochs", "teacher gcn"), ("lr", "lr", "teacher gcn"),
    ("dropout", "dropout", "teacher gcn"), ("weight_decay", "wd", "teacher gcn"),
    ("alpha", "lambda", "distill"), ("tau", "tau", "teacher gcn"),
    ("early_stop", "patience", "teacher gcn"),
  ]

  /// Checks every numeric flag as lad checks the key it becomes, so an
  /// error names the flag (`--nhid 0`), not the script lad generates.
  private static func check(_ values: [String: String], console: Console) -> Int32? {
    // a dataset lad can neither find nor download, named as the flag
    let name = values["dataset"]!
    do {
      try DatasetLoader.checkFindable(name, environment: ProcessInfo.processInfo.environment)
    } catch let error as UserFacingError {
      return fail(console, "lad train: --dataset '\(name)': \(error.message)", hint: error.hint)
    } catch {
      return fail(console, "lad train: --dataset '\(name)' could not be loaded.")
    }
    guard Int(values["seed"]!) != nil else {
      return fail(console, "lad train: --seed '\(values["seed"]!)' is not a whole number.")
    }
    for (flag, key, verb) in keys {
      let value = values[flag]!
      do {
        _ = try Resolver().resolve(text: "\(verb) \(key)=\(value)", file: "lad train")
      } catch {
        let message = error.message.replacingOccurrences(of: "'\(key)'", with: "--\(flag)")
        return fail(console, "lad train: --\(flag) '\(value)': \(message)", hint: error.hint)
      }
    }
    return nil
  }

  static var usage: String {
    "usage: lad train [--flag value ...]   (the authors' main.py command line)\n"
      + defaults.map { "  --\($0.name.padding(toLength: 19, withPad: " ", startingAt: 0)) "
        + "\($0.help) (default: \($0.value))" }.joined(separator: "\n") + "\n"
  }

  private static func fail(_ console: Console, _ message: String, hint: String? = nil) -> Int32 {
    console.diagnostic("error: \(message)\n" + (hint.map { "hint: \($0)\n" } ?? ""))
    return 64
  }

  private static func train(_ v: [String: String], console: Console) -> Int32 {
    let mode = v["train_mode"]!.uppercased()
    guard ["T", "S", "O"].contains(mode) else {
      return fail(console, "lad train: --train_mode is '\(v["train_mode"]!)'; use T, S or O.")
    }
    guard v["runs"] == "1" else {
      return fail(
        console, "lad train: --runs \(v["runs"]!) is not supported; run once per seed.",
        hint: "Give --seed 1, --seed 2, ... in separate runs.")
    }
    let backbone = v["backbone"]!.lowercased()
    let dataset = v["dataset"]!
    // main.py's folders are named as its backbones are spelt (GCN, SAGE):
    // any spelling of a backbone finds the same folder
    let directory = "\(v["checkpoints_path"]!)/\(v["backbone"]!.uppercased())"
    // a reference teacher has its own file; S distils in the teacher's variant
    let tag = v["variant"] == "reference" ? "_reference" : ""
    let teacherFile = "\(directory)/\(dataset)_seed\(v["seed"]!)\(tag)_teacher.safetensors"
    let shared =
      "lr=\(v["lr"]!) epochs=\(v["epochs"]!) patience=\(v["early_stop"]!) "
      + "dropout=\(v["dropout"]!) batch=\(v["batch_size"]!) wd=\(v["weight_decay"]!)"
    let architecture = "nhid=\(v["nhid"]!) nlayers=\(v["nlayers"]!) variant=\(v["variant"]!)"
    var script = "set seed=\(v["seed"]!) quiet=false\n"
    switch mode {
    case "T":
      guard (try? FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true)) != nil
      else { return fail(console, "lad train: cannot create '\(directory)'.") }
      script += "load \(dataset)\nteacher \(backbone) \(architecture) tau=\(v["tau"]!) \(shared)\n"
      script += "save teacher to=\(teacherFile)\n"
    case "S":
      guard FileManager.default.fileExists(atPath: teacherFile) else {
        return fail(
          console, "lad train: no saved teacher at '\(teacherFile)'.",
          hint: "Train it first with the same flags and --train_mode T.")
      }
      script += "open \(teacherFile)\ndistill lambda=\(v["alpha"]!) \(shared)\n"
    default:
      script += "load \(dataset)\nbaseline \(backbone) \(architecture) \(shared)\n"
    }
    let session = Session()
    session.epochLog = .authors
    let interpreter = Interpreter(console: console, executor: session)
    let status = ScriptRunner(interpreter: interpreter).run(script, file: "lad train")
    guard status == 0 else { return status }
    let trained = mode == "T" ? session.teacher : mode == "S" ? session.student : session.baseline
    if let trained { summarize(trained, console: console) }
    return 0
  }

  private static func summarize(_ trained: TrainedModel, console: Console) {
    let h = trained.result.history
    let best = (
      h.map(\.testAccuracy).max() ?? .nan, h.map(\.testAUC).max() ?? .nan,
      h.map(\.testF1).max() ?? .nan
    )
    console.print(
      String(
        format: "test_avg_acc: %.5f, test_std_acc: %.5f, AUC: %.5f, f1: %.5f",
        best.0, 0.0, best.1, best.2))
    console.print(
      "  (main.py's figures: the best test value over epochs, each maximised separately: "
        + "the 'paper' protocol, test-selected and optimistic, 1 run, seed \(trained.seed))")
    console.print(
      "lad holdout: " + scoreText(trained.result.test)
        + " at epoch \(trained.result.bestEpoch), the lowest validation loss "
        + "[holdout, seed \(trained.seed)]")
  }
}
