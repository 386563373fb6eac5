import Foundation
import Runtime
import Viz

/// `plot embeddings`, `plot curves` and `plot roc`: figures lad lays out
/// itself, written as SVG, or as PNG through Graphviz.
extension Session {
  func plot(_ command: ResolvedCommand, console: Console) throws {
    let dataset = try datasetToDraw(command)
    let what = command.string("what")
    if what == "embeddings" {
      try plotEmbeddings(command, dataset: dataset, console: console)
      return
    }
    try rejectKeys(
      ["model", "method", "split"], of: command, form: "plot \(what)",
      belongsTo: "plot embeddings")
    guard !models.isEmpty else {
      throw LocatedError(
        LadError(
          .usage, "no model has been trained yet, so there is nothing to plot.",
          hint: "Train one first, e.g. 'teacher gcn' then 'distill'."),
        at: command.verbLocation)
    }
    if what == "curves" {
      try plotCurves(command, dataset: dataset, console: console)
    } else {
      try plotROC(command, dataset: dataset, console: console)
    }
  }

  private func plotEmbeddings(
    _ command: ResolvedCommand, dataset: GraphDataset, console: Console
  ) throws {
    let role = command.string("model")
    let trained = try trained(role, command)
    let method = command.string("method")
    let graphs =
      command.string("split") == "test" ? trained.split.test : Array(0..<dataset.graphCount)
    if method == "tsne", graphs.count > TSNE.largest {
      throw command.error(
        at: "method", .usage,
        "t-SNE of \(graphs.count) graphs would take long: lad's t-SNE is exact, and meant "
          + "for up to \(TSNE.largest) points.",
        hint: "Use method=pca, or split=test.")
    }
    let file = try picturePath(
      command, default: "\(filePrefix(dataset))-embeddings-\(role)-\(method).svg")
    let output = ModelOutput(model: trained.model, graphs: graphs, dataset: dataset)
    let width = output.embeddings.first?.count ?? 0

    let coordinates: [[Double]]
    let axes: (x: String, y: String)
    let summary: String
    if method == "pca" {
      let pca = PCA(fitting: output.embeddings, components: 2)
      coordinates = pca.project(output.embeddings)
      let shares = pca.explainedRatio.map { String(format: "%.1f%%", 100 * $0) }
      axes = (
        "PC1 (\(shares.first ?? "-") of variance)",
        "PC2 (\(shares.count > 1 ? shares[1] : "-") of variance)"
      )
      summary = "PCA: the first two components explain \(shares.joined(separator: " and "))"
        + " of the variance"
    } else {
      let tsne = TSNE(seed: command.seed)
      guard let embedded = tsne.embed(output.embeddings, stop: { Interrupt.isRequested }) else {
        console.print("t-SNE interrupted; no picture written.")
        return
      }
      coordinates = embedded
      axes = ("t-SNE 1", "t-SNE 2")
      summary = String(
        format: "t-SNE: perplexity %.1f, %d iterations, seed %d",
        tsne.perplexity(forCount: graphs.count), tsne.iterations, command.seed)
    }
    let points = graphs.enumerated().map { k, g in
      ScatterPlot.Point(
        x: coordinates[k].first ?? 0, y: coordinates[k].count > 1 ? coordinates[k][1] : 0,
        classIndex: dataset.labels[g], part: Session.part(of: g, in: trained.split) ?? .train,
        tooltip: "graph \(g), class \(dataset.classNames[dataset.labels[g]])")
    }
    let methodName = method == "pca" ? "PCA" : "t-SNE"
    let plot = ScatterPlot(
      title: "\(dataset.name): \(role) graph embeddings, \(methodName)",
      xLabel: axes.x, yLabel: axes.y, classNames: dataset.classNames, points: points)
    console.print(
      "\(role) embeddings of \(graphs.count) graphs (\(width) dimensions); \(summary)")
    try emit(
      .figure(plot.figure), to: file, caption: plot.title, command: command, console: console)
  }

  private func plotCurves(
    _ command: ResolvedCommand, dataset: GraphDataset, console: Console
  ) throws {
    let file = try picturePath(command, default: "\(filePrefix(dataset))-curves.svg")
    let opened = models.filter { $0.result.history.isEmpty }.map(\.role.rawValue)
    // nothing to draw: an empty picture would look like a broken one
    if opened.count == models.count {
      throw command.error(
        at: "what", .usage,
        "no per-epoch history to plot: \(opened.joined(separator: ", ")) "
          + "\(opened.count == 1 ? "was" : "were") opened from a file, which keeps the "
          + "weights, not the curves.",
        hint: "Train a model in this session to plot its curves.")
    }
    if !opened.isEmpty {
      console.warning(
        "no per-epoch history for \(opened.joined(separator: ", ")) (opened from a file, "
          + "which keeps the weights, not the curves).")
    }
    func series(_ m: TrainedModel, _ value: (EpochRecord) -> Double) -> LineSeries {
      LineSeries(
        name: m.role.rawValue,
        legend: "\(m.role.rawValue) (best epoch \(m.result.bestEpoch) of \(m.result.epochsRun))",
        color: Palette.modelColor(m.role.rawValue), dashed: m.role == .teacher,
        points: m.result.history.map { (Double($0.epoch), value($0)) })
    }
    let loss = LinePlot(
      title: "training loss", xLabel: "epoch", yLabel: "loss (each model's objective)",
      series: models.map { series($0, \.trainLoss) })
    let accuracy = LinePlot(
      title: "validation accuracy", xLabel: "epoch", yLabel: "accuracy",
      series: models.map { series($0, \.validationAccuracy) }, yRange: 0...1)
    let figure = LinePlot.figure(
      title: "\(dataset.name): training curves", panels: [loss, accuracy])
    console.print(
      "loss and validation accuracy per epoch of "
        + models.map(\.role.rawValue).joined(separator: ", "))
    try emit(
      .figure(figure), to: file, caption: figure.title, command: command, console: console)
  }

  private func plotROC(
    _ command: ResolvedCommand, dataset: GraphDataset, console: Console
  ) throws {
    let file = try picturePath(command, default: "\(filePrefix(dataset))-roc.svg")
    var series: [LineSeries] = []
    for m in models {
      let output = ModelOutput(model: m.model, graphs: m.split.test, dataset: dataset)
      let labels = m.split.test.map { dataset.labels[$0] }
      let curve = ROCCurve.curve(scores: output.logProbs, labels: labels)
      let scores = Tensor(output.logProbs.map { $0.map(Float.init) })
      let auc = Metrics.rocAUC(scores: scores, labels: labels)
      let note = m.role == .teacher ? ", reads the label" : ""
      console.print(
        "\(m.role.rawValue): test AUC " + String(format: "%.4f", auc)
          + " on \(labels.count) graphs [holdout, seed \(m.seed)]\(note)")
      guard !curve.isEmpty else {
        console.warning("the test graphs of the \(m.role.rawValue) lack a class; no ROC curve.")
        continue
      }
      series.append(
        LineSeries(
          name: m.role.rawValue,
          legend: "\(m.role.rawValue) (AUC " + String(format: "%.3f", auc) + "\(note))",
          color: Palette.modelColor(m.role.rawValue), dashed: m.role == .teacher,
          points: curve))
    }
    let average = dataset.classCount == 2 ? "" : ", macro-average over classes"
    let panel = LinePlot(
      title: "", xLabel: "false positive rate", yLabel: "true positive rate", series: series,
      xRange: 0...1, yRange: 0...1, diagonal: true)
    let figure = LinePlot.figure(
      title: "\(dataset.name): ROC on the test graphs\(average)", panels: [panel])
    try emit(
      .figure(figure), to: file, caption: figure.title, command: command, console: console)
  }
}
