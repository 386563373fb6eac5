import Runtime

/// A positional argument of a verb (`teacher BACKBONE`).
public struct PositionalSpec: Sendable, Hashable {
  /// The name the executor reads it by (`backbone`); help shows it upper-case.
  public var name: String
  public var type: ValueType
  public var isRequired: Bool
  public var summary: String

  public init(_ name: String, _ type: ValueType, required: Bool = true, _ summary: String) {
    self.name = name
    self.type = type
    self.isRequired = required
    self.summary = summary
  }
}

/// A `key=value` option of a verb, with its default.
public struct KeySpec: Sendable, Hashable {
  public var name: String
  public var type: ValueType
  public var constraint: Constraint
  /// The default as written in the table.
  public var defaultText: String?
  /// What help shows as the default.
  public var shownDefault: String?
  /// The default typed; nil when the key has no default value (it is then
  /// absent from the resolved command unless given).
  public var defaultValue: Value?
  public var summary: String

  /// - Parameters:
  ///   - default: the default as command text, typed with `type`.
  ///   - shown: what help shows as the default when there is no value
  ///     (`the teacher's`).
  public init(
    _ name: String, _ type: ValueType, default: String? = nil, shown: String? = nil,
    _ constraint: Constraint, _ summary: String
  ) {
    self.name = name
    self.type = type
    self.constraint = constraint
    self.defaultText = `default`
    self.shownDefault = shown ?? `default`
    self.defaultValue = `default`.flatMap { type.value(of: $0) }
    self.summary = summary
  }

  /// A key whose value has no limit.
  public init(
    _ name: String, _ type: ValueType, default: String? = nil, shown: String? = nil,
    _ summary: String
  ) {
    self.init(name, type, default: `default`, shown: shown, .none, summary)
  }
}

/// Whether a verb takes a `{ ... }` block of commands.
public enum BlockUse: Sendable, Hashable {
  case none
  case required
}

/// Everything the language knows about one verb.
public struct VerbSpec: Sendable, Hashable {
  public var name: String
  public var summary: String
  public var positionals: [PositionalSpec]
  public var keys: [KeySpec]
  public var example: String
  public var block: BlockUse
  /// Keys beyond `keys` are accepted as new variables (`set`).
  public var acceptsVariables: Bool

  public init(
    _ name: String, _ summary: String, positionals: [PositionalSpec] = [],
    keys: [KeySpec] = [], example: String, block: BlockUse = .none,
    acceptsVariables: Bool = false
  ) {
    self.name = name
    self.summary = summary
    self.positionals = positionals
    self.keys = keys
    self.example = example
    self.block = block
    self.acceptsVariables = acceptsVariables
  }

  public func key(named name: String) -> KeySpec? {
    keys.first { $0.name == name }
  }

  /// `teacher BACKBONE [key=value ...]`
  public var usage: String {
    var parts = [name]
    for positional in positionals {
      let word = positional.name.uppercased()
      parts.append(positional.isRequired ? word : "[\(word)]")
    }
    if !keys.isEmpty || acceptsVariables { parts.append("[key=value ...]") }
    if block == .required { parts.append("{ ... }") }
    return parts.joined(separator: " ")
  }
}

/// The single table of verbs: it drives resolution, `help`, completion
/// and `--check`. Adding a verb is one entry here plus its executor.
public struct VerbTable: Sendable {
  public var verbs: [VerbSpec]

  public init(verbs: [VerbSpec]) {
    self.verbs = verbs
  }

  public func verb(named name: String) -> VerbSpec? {
    verbs.first { $0.name == name }
  }

  public var verbNames: [String] { verbs.map(\.name) }

  /// The settings every verb may read: the keys of `set`.
  public var settings: [KeySpec] { verb(named: "set")?.keys ?? [] }

  /// Mistakes in the table itself (repeated names, a default that does
  /// not fit its type, a positional named like a key); empty when sound.
  public var problems: [String] {
    var found: [String] = []
    var seenVerbs = Set<String>()
    for verb in verbs {
      if !seenVerbs.insert(verb.name).inserted { found.append("verb '\(verb.name)' twice") }
      var names = Set<String>()
      for name in verb.positionals.map(\.name) + verb.keys.map(\.name)
      where !names.insert(name).inserted {
        found.append("'\(name)' twice in '\(verb.name)'")
      }
      for key in verb.keys where key.defaultValue == nil && key.defaultText != nil {
        found.append("'\(verb.name) \(key.name)': default does not fit its type")
      }
      for key in verb.keys {
        if let value = key.defaultValue?.doubleValue, !key.constraint.admits(value) {
          found.append("'\(verb.name) \(key.name)': default out of range")
        }
      }
    }
    return found
  }
}

extension VerbTable {
  /// The backbones the language names (the runtime may implement fewer).
  public static let backbones = [
    "gcn", "gat", "sage", "gin", "pna", "dgcnn", "sagpool", "mewispool",
  ]

  /// The designs a teacher or student follows (`ModelVariant`).
  public static let variants = ModelVariant.allCases.map(\.rawValue)

  /// The verbs of lad, with the defaults of METHOD.md section 2.
  public static let standard = VerbTable(verbs: [
    VerbSpec(
      "load", "Load a TU dataset by name, downloading it if need be.",
      positionals: [PositionalSpec("name", .dataset, "the dataset, e.g. MUTAG")],
      keys: [
        datasetRoot,
        KeySpec(
          "features", .choice(FeatureMode.allCases.map(\.rawValue)), default: "degree",
          "node features of a dataset without node labels or attributes\n"
            + "(IMDB, COLLAB, REDDIT): one-hot degree, degree min-max scaled\n"
            + "within each graph, or a constant 1; other datasets ignore it"),
      ],
      example: "load COLLAB features=minmax"),
    VerbSpec(
      "datasets", "List the datasets on disk and those 'load' would download.",
      keys: [datasetRoot],
      example: "datasets"),
    VerbSpec(
      "set", "Set settings and variables for the commands that follow.",
      keys: [
        KeySpec(
          "seed", .int, default: "1", .nonNegative,
          "random seed of splits, initialisation and shuffling"),
        KeySpec(
          "quiet", .bool, default: "false",
          "print results only, no epoch lines (a terminal keeps its one live progress line)"),
        evaluationProtocol,
      ],
      example: "set seed=3 width=128", acceptsVariables: true),
    VerbSpec(
      "teacher", "Train the label-attentive teacher on the loaded dataset.",
      positionals: [backbone],
      keys: architecture + training(lr: "0.01") + [
        KeySpec("tau", .float, default: "0.1", .positive, "temperature of the label attention"),
        KeySpec(
          "variant", .choice(variants), default: "paper",
          "the paper's design, or the released code's ('reference':\n"
            + "batch-wide attention, plain-sum GCN, one-Linear GIN)"),
        trainingProtocol,
      ],
      example: "teacher gcn nhid=128 lr=0.005"),
    VerbSpec(
      "distill", "Train a student on the teacher's embeddings.",
      keys: [
        KeySpec(
          "backbone", .choice(backbones), shown: "the teacher's",
          "the student's backbone, distilled before pooling")
      ] + training(lr: "0.001") + [
        KeySpec(
          "lambda", .float, default: "1.0", .nonNegative,
          "weight of the distillation loss (MSE to the teacher)"),
        KeySpec(
          "head", .choice(["shared", "tuned", "own"]), shown: "shared",
          "the teacher's head frozen, a tuned copy, or a fresh one"),
        KeySpec(
          "variant", .choice(variants), shown: "the teacher's",
          "'reference': graph-vector MSE and a fresh head"),
        trainingProtocol,
      ],
      example: "distill lambda=10"),
    VerbSpec(
      "baseline", "Train the backbone alone, without label attention.",
      positionals: [backbone],
      keys: architecture + training(lr: "0.01") + [
        KeySpec(
          "variant", .choice(variants), default: "paper",
          "'reference': plain-sum GCN, one-Linear GIN (the released code)"),
        trainingProtocol,
      ],
      example: "baseline gin epochs=100"),
    VerbSpec(
      "repeat", "Run a block of commands once per seed.",
      keys: [
        KeySpec(
          "seeds", .seeds,
          "the seeds, a range or a list (1..10, 1,3,5); each run sets 'seed'")
      ],
      example: "repeat seeds=1..10 { teacher gcn; distill; baseline gcn }",
      block: .required),
    VerbSpec(
      "folds", "Show the kfold folds of the seed, save them, or load saved ones.",
      keys: [
        KeySpec(
          "from", .path,
          "a JSON file of 'folds to=', 'dataset' for the dataset's 10fold_idx\n"
            + "(COLLAB, REDDIT-BINARY), or 'seed' to draw folds from each seed again"),
        KeySpec("to", .path, "write the folds as JSON to this file"),
      ],
      example: "folds to=mutag-folds.json"),
    VerbSpec(
      "evaluate", "Report the test metrics of the trained models.",
      keys: [
        evaluationProtocol,
        KeySpec("to", .path, "also write the runs and their aggregates as JSON to this file"),
      ],
      example: "evaluate protocol=paper to=out/result.json"),
    VerbSpec(
      "compare", "Train baseline, teacher and student per dataset and backbone; tabulate.",
      keys: [
        KeySpec(
          "backbones", .list(.choice(backbones)), default: "gcn",
          "the backbones, e.g. gcn,gin (\(backbones.joined(separator: " ")))"),
        KeySpec("datasets", .list(.dataset), default: "MUTAG", "the datasets, loaded in turn"),
        KeySpec("seeds", .seeds, default: "1..3", "the seeds of every cell"),
        KeySpec(
          "protocol", .list(.choice(["holdout", "kfold", "paper"])), shown: "holdout",
          "how every model is trained and read (see 'help evaluate'); holdout,paper "
            + "prints both tables from the same runs"),
        KeySpec(
          "to", .path,
          "write FILE.md and FILE.json (FILE may end in .md or .json); with two protocols, "
            + "FILE-holdout and FILE-paper"),
      ],
      example: "compare backbones=gcn,gin datasets=MUTAG,PTC_MR seeds=1..3 to=table"),
    VerbSpec(
      "save", "Save a trained model's weights and settings (safetensors).",
      positionals: [
        PositionalSpec(
          "model", .choice(["teacher", "student", "baseline"]), "the model to save")
      ],
      keys: [
        KeySpec(
          "to", .path, shown: "DATASET-MODEL-BACKBONE-seedN[-foldK].safetensors",
          "the file to write"),
        KeySpec(
          "fold", .int, shown: "the last", .positive,
          "the fold of a kfold model to save (a teacher keeps every fold)"),
      ],
      example: "save student to=mutag-student.safetensors"),
    VerbSpec(
      "open", "Restore a model saved with 'save', with its dataset and split.",
      positionals: [PositionalSpec("file", .path, "a .safetensors file written by lad")],
      example: "open mutag-student.safetensors"),
    VerbSpec(
      "show", "List the session's state: dataset, split, models and figures.",
      example: "show"),
    VerbSpec(
      "history", "List the commands run so far, or save them as a script.",
      keys: [KeySpec("to", .path, "write the commands to this .lad file")],
      example: "history to=session.lad"),
    VerbSpec(
      "time", "Run a command and print its wall time.",
      positionals: [PositionalSpec("command", .verb, "the command to time")],
      example: "time teacher gcn"),
    VerbSpec(
      "draw", "Draw a graph, or the graphs the teacher attends to most sharply.",
      positionals: [
        PositionalSpec(
          "what", .choice(["graph", "attention"]),
          "'graph' and its index, or 'attention' for the top graphs"),
        PositionalSpec("index", .int, required: false, "the graph to draw, from 0 (draw graph)"),
      ],
      keys: [
        KeySpec(
          "model", .choice(roles), default: "teacher",
          "whose attention rings (teacher) or prediction the title shows"),
        KeySpec(
          "top", .int, default: "3", .positive,
          "how many graphs, by lowest attention entropy (draw attention)"),
        KeySpec(
          "split", .choice(["all", "test"]), default: "all", "graphs to rank (draw attention)"),
        KeySpec(
          "to", .path, shown: "DATASET-graph-INDEX.svg",
          "the file to write, .svg or .png (draw graph)"),
      ],
      example: "draw graph 12 to=graph12.png"),
    VerbSpec(
      "plot", "Plot graph embeddings in 2-D, training curves, or ROC curves.",
      positionals: [
        PositionalSpec(
          "what", .choice(["embeddings", "curves", "roc"]),
          "embeddings of one model, loss and accuracy per epoch, or test ROC")
      ],
      keys: [
        KeySpec("model", .choice(roles), default: "teacher", "whose embeddings (embeddings)"),
        KeySpec(
          "method", .choice(["pca", "tsne"]), default: "pca",
          "PCA, or exact t-SNE seeded by 'seed' (embeddings)"),
        KeySpec(
          "split", .choice(["all", "test"]), default: "all",
          "every graph, marked by split, or the test graphs (embeddings)"),
        KeySpec("to", .path, shown: "DATASET-WHAT.svg", "the file to write, .svg or .png"),
      ],
      example: "plot embeddings model=student method=tsne"),
    VerbSpec(
      "report", "Write the session so far, pictures included, as one HTML page.",
      keys: [KeySpec("to", .path, shown: "DATASET-report.html", "the HTML file to write")],
      example: "report to=mutag.html"),
    VerbSpec(
      "help", "List the verbs, or show one verb's keys.",
      positionals: [PositionalSpec("verb", .verb, required: false, "the verb to explain")],
      example: "help teacher"),
    VerbSpec("quit", "Leave lad.", example: "quit"),
  ])

  /// How `evaluate` reads the test figures (METHOD.md section 4).
  private static let evaluationProtocol = KeySpec(
    "protocol", .choice(["holdout", "kfold", "paper"]),
    shown: "the protocol setting, else the latest model's split",
    "holdout or kfold figures at the lowest validation loss, or paper: the\n"
      + "highest test accuracy over epochs (test-selected, optimistic)")

  /// How a training verb splits the data; a `paper` setting trains holdout.
  private static let trainingProtocol = KeySpec(
    "protocol", .choice(["holdout", "kfold"]), shown: "holdout",
    "holdout (an 80/10/10 split) or kfold (a model per fold)")

  /// The models a picture can show.
  private static let roles = ["teacher", "student", "baseline"]
  private static let datasetRoot = KeySpec(
    "root", .path, shown: "LAD_DATA, then the cache",
    "the directory to look in, instead of LAD_DATA and the cache")

  private static let backbone = PositionalSpec(
    "backbone", .choice(backbones),
    "the graph network under the model; for dgcnn, sagpool and mewispool the\n"
      + "label attention and the distillation act on the node embeddings before\n"
      + "pooling (dgcnn: its projected GCN stack; sagpool: the first block's GCN;\n"
      + "mewispool: the first GIN), and the pooling stages are the readout")

  /// Upper bounds of `nhid` and `nlayers`: larger models exhaust memory
  /// before the first batch ends (the paper uses 64 and 2).
  static let widthLimit = 4096
  static let layerLimit = 64

  private static let architecture = [
    KeySpec(
      "nhid", .int, default: "64", .positiveAtMost(widthLimit), "hidden width of every layer"),
    KeySpec(
      "nlayers", .int, default: "2", .positiveAtMost(layerLimit),
      "message-passing layers (sagpool: blocks; mewispool: pooling stages)"),
    KeySpec(
      "train_eps", .bool, default: "false",
      "GIN layers learn their eps; other backbones ignore it"),
  ]

  private static func training(lr: String) -> [KeySpec] {
    [
      KeySpec("lr", .float, default: lr, .positive, "learning rate of Adam"),
      KeySpec("epochs", .int, default: "300", .positive, "most epochs to train"),
      KeySpec(
        "patience", .int, default: "50", .positive,
        "epochs without a lower validation loss before stopping"),
      KeySpec("dropout", .float, default: "0.5", .fraction, "dropout rate"),
      KeySpec("batch", .int, default: "32", .positive, "graphs per mini-batch"),
      KeySpec("wd", .float, default: "5e-5", .nonNegative, "weight decay of Adam"),
    ]
  }
}
