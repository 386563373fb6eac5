import Foundation
import Runtime
import Viz

/// `draw graph INDEX` and `draw attention top=K`: molecules (or any graph)
/// laid out by Graphviz, with the teacher's label attention as rings.
extension Session {
  func draw(_ command: ResolvedCommand, console: Console) throws {
    let dataset = try datasetToDraw(command)
    if command.string("what") == "graph" {
      try drawGraph(command, dataset: dataset, console: console)
    } else {
      try drawAttention(command, dataset: dataset, console: console)
    }
  }

  private func drawGraph(
    _ command: ResolvedCommand, dataset: GraphDataset, console: Console
  ) throws {
    try rejectKeys(["top", "split"], of: command, form: "draw graph", belongsTo: "draw attention")
    guard let index = command.value("index")?.intValue else {
      throw LocatedError(
        LadError(
          .usage, "'draw graph' needs the index of the graph to draw.",
          hint: "Graphs are numbered from 0, e.g. 'draw graph 12'."),
        at: command.verbLocation)
    }
    guard (0..<dataset.graphCount).contains(index) else {
      throw command.error(
        at: "index", .usage,
        "there is no graph \(index): \(dataset.name) has graphs 0 to \(dataset.graphCount - 1).",
        hint: "Graphs are numbered from 0, as in PyTorch Geometric.")
    }
    let role = command.string("model")
    if command.isExplicit("model") { _ = try trained(role, command) }
    let file = try picturePath(command, default: "\(filePrefix(dataset))-graph-\(index).svg")
    var attention: [Double]?
    if role == "teacher", let teacher {
      attention = ModelOutput(model: teacher.model, graphs: [index], dataset: dataset)
        .attention?.first
    }
    let dot = molecule(index, dataset: dataset, role: role, attention: attention, note: nil)
    try emit(
      .graph(dot: dot.text, engine: dot.engine), to: file, caption: dot.title, command: command,
      console: console)
  }

  private func drawAttention(
    _ command: ResolvedCommand, dataset: GraphDataset, console: Console
  ) throws {
    try rejectKeys(["index", "to"], of: command, form: "draw attention", belongsTo: "draw graph")
    if command.string("model") != "teacher" {
      throw command.error(
        at: "model", .usage, "only the teacher has label attention.",
        hint: "Leave 'model=' out; 'draw graph INDEX model=\(command.string("model"))' "
          + "shows that model's prediction.")
    }
    let teacher = try trained("teacher", command, key: "what")
    let candidates =
      command.string("split") == "test" ? teacher.split.test : Array(0..<dataset.graphCount)
    let output = ModelOutput(model: teacher.model, graphs: candidates, dataset: dataset)
    guard let attention = output.attention else {
      throw LadError(.runtime, "the teacher gave no attention weights.")
    }

    // normalised entropy: 0 when one node takes all, 1 when uniform
    var ranked: [(position: Int, entropy: Double)] = []
    for (k, weights) in attention.enumerated() where weights.count > 1 {
      let h = -weights.reduce(0) { $0 + ($1 > 0 ? $1 * log($1) : 0) }
      ranked.append((k, h / log(Double(weights.count))))
    }
    ranked.sort { ($0.entropy, candidates[$0.position]) < ($1.entropy, candidates[$1.position]) }
    guard !ranked.isEmpty else {
      throw command.error(
        at: "what", .usage, "no graph here has two nodes or more, so attention cannot differ.")
    }
    let top = ranked.prefix(command.int("top"))
    console.print(
      "the \(top.count) graphs whose teacher attention is most concentrated "
        + "(entropy over their nodes, 0 = one node takes all, 1 = uniform):")
    for (rank, entry) in top.enumerated() {
      let g = candidates[entry.position]
      let weights = attention[entry.position]
      let note = String(format: "attention rank %d, entropy %.3f", rank + 1, entry.entropy)
      let dot = molecule(g, dataset: dataset, role: "teacher", attention: weights, note: note)
      let heaviest = weights.indices.max { weights[$0] < weights[$1] } ?? 0
      console.print(
        "\(rank + 1). graph \(g) (class \(dataset.classNames[dataset.labels[g]])): "
          + String(format: "entropy %.3f, largest weight %.3f", entry.entropy, weights[heaviest])
          + " on n\(heaviest) (\(dot.nodeTexts[heaviest]))")
      let name = "\(filePrefix(dataset))-attention-\(rank + 1)-graph-\(g).svg"
      try emit(
        .graph(dot: dot.text, engine: dot.engine), to: (name, .svg), caption: dot.title,
        command: command, console: console)
    }
  }

  /// A graph's drawing: rings from `attention`, and in the title the true
  /// class and a verdict — the student's when the teacher is drawn (the
  /// teacher reads the true label), else the named model's.
  private func molecule(
    _ g: Int, dataset: GraphDataset, role: String, attention: [Double]?, note: String?
  ) -> MoleculeDot {
    let judge = role == "baseline" ? baseline : student
    var verdict: MoleculeDot.Verdict?
    if let judge {
      let p = ModelOutput(model: judge.model, graphs: [g], dataset: dataset).prediction(0)
      verdict = MoleculeDot.Verdict(
        model: judge.role.rawValue, predictedClass: dataset.classNames[p.classIndex],
        probability: p.probability)
    }
    var title = "\(dataset.name) graph \(g)"
    if let split = (judge ?? teacher ?? baseline)?.split,
      let part = Session.part(of: g, in: split)
    {
      title += " (\(part.rawValue))"
    }
    if let note { title += ", \(note)" }
    return MoleculeDot(
      graph: g, of: dataset, attention: attention, title: title, verdict: verdict)
  }

  /// Which part of a split a graph is in.
  static func part(of g: Int, in split: Split) -> ScatterPlot.Part? {
    if split.test.contains(g) { return .test }
    if split.validation.contains(g) { return .validation }
    if split.train.contains(g) { return .train }
    return nil
  }
}
