import Foundation
import Runtime
import Viz

/// A picture before it is written: DOT text for Graphviz to lay out, or a
/// figure lad placed itself.
enum PictureSource {
  /// A graph for a layout engine (`neato`, `sfdp`) to lay out.
  case graph(dot: String, engine: String)
  /// A plot: SVG written directly, PNG through Graphviz with pinned positions.
  case figure(Figure)
}

extension Session {
  /// Resolution of PNG pictures: twice Graphviz's 72 points per inch.
  static let pngDPI = 144.0

  /// The file a picture command writes: `to=` when given, else `name` in
  /// the working directory. Checked before any work is done.
  func picturePath(
    _ command: ResolvedCommand, default name: String
  ) throws -> (path: String, format: PictureFormat) {
    let path = command.isExplicit("to") ? command.string("to") : name
    guard let format = PictureFormat(path: path) else {
      throw command.error(
        at: "to", .usage,
        "'\(path)' does not end in .svg or .png, so lad cannot tell which picture to write.",
        hint: "Name the file NAME.svg (vector, for the report) or NAME.png (bitmap).")
    }
    return (path, format)
  }

  /// Renders a picture, writes it atomically, prints its path, shows it
  /// inline on a terminal that can, and keeps it for the report.
  func emit(
    _ source: PictureSource, to file: (path: String, format: PictureFormat), caption: String,
    command: ResolvedCommand, console: Console
  ) throws {
    var picture = Picture(path: file.path, caption: caption)
    let bytes: Data
    do {
      switch file.format {
      case .svg:
        let svg = try Session.svg(of: source)
        picture.svg = svg
        bytes = Data(svg.utf8)
      case .png:
        let png = try Session.png(of: source)
        picture.png = png
        bytes = png
      }
    } catch let error as GraphvizError {
      throw LocatedError(error, at: command.verbLocation)
    }
    do {
      try AtomicFile.write(bytes, to: file.path)
    } catch let error as UserFacingError {
      throw LocatedError(error, at: command.location(ofValue: "to"))
    }
    console.print("wrote \(file.path)")
    showInline(picture, source: source, console: console)
    pictures[console.transcript.count - 1, default: []].append(picture)
  }

  private func showInline(_ picture: Picture, source: PictureSource, console: Console) {
    guard
      let terminal = InlineImage.detect(environment: environment, isTerminal: console.isTerminal)
    else { return }
    guard let png = picture.png ?? (try? Session.png(of: source)) else { return }
    console.writeEscapes(terminal.sequence(png: png))
  }

  static func svg(of source: PictureSource) throws -> String {
    switch source {
    case .graph(let dot, let engine): try Graphviz.svg(dot, engine: engine)
    case .figure(let figure): SVGDocument(figure).text
    }
  }

  static func png(of source: PictureSource) throws -> Data {
    switch source {
    case .graph(let dot, let engine):
      try Graphviz.render(dot, engine: engine, format: .png, dpi: pngDPI)
    case .figure(let figure):
      try Graphviz.render(
        FigureDot(figure).text, engine: FigureDot.engine, format: .png, dpi: pngDPI)
    }
  }

  /// The lower-case dataset name that starts default file names.
  func filePrefix(_ dataset: GraphDataset) -> String {
    dataset.name.lowercased()
  }

  /// The trained model of a role, or an error saying how to train it.
  func trained(_ role: String, _ command: ResolvedCommand, key: String = "model") throws
    -> TrainedModel
  {
    let model: TrainedModel? =
      switch role {
      case "teacher": teacher
      case "student": student
      default: baseline
      }
    if let model { return model }
    let how =
      switch role {
      case "teacher": "'teacher gcn'"
      case "student": "'teacher gcn' then 'distill'"
      default: "'baseline gcn'"
      }
    // a model of another role may be the one meant, where a key chooses it
    // (attention is the teacher's alone)
    let others = [("teacher", teacher), ("student", student), ("baseline", baseline)]
      .filter { $0.1 != nil && key == "model" }.map { "\(key)=\($0.0)" }
    let hint =
      others.isEmpty
      ? "Train one first, e.g. \(how)."
      : "Show the trained one with \(others.joined(separator: " or ")), "
        + "or train a \(role) first, e.g. \(how)."
    throw command.error(
      at: key, .usage, "no \(role) has been trained, so there is nothing to show.",
      hint: hint)
  }

  /// The dataset, or an error saying to load one.
  func datasetToDraw(_ command: ResolvedCommand) throws -> GraphDataset {
    guard let dataset else {
      throw LocatedError(
        LadError(
          .usage, "no dataset is loaded, so there is nothing to draw.",
          hint: "Load one first, e.g. 'load MUTAG'."),
        at: command.verbLocation)
    }
    return dataset
  }

  /// An error when a key that belongs to another form of the verb is given.
  func rejectKeys(
    _ keys: [String], of command: ResolvedCommand, form: String, belongsTo other: String
  ) throws {
    for key in keys where command.isExplicit(key) {
      throw LocatedError(
        LadError(
          .usage, "'\(key)' applies to '\(other)', not to '\(form)'.",
          hint: "'help \(command.verb)' lists which key goes with which form."),
        at: command.location(ofKey: key))
    }
  }
}
