import CGraphviz
import Foundation
import Runtime
import Synchronization

/// A Graphviz failure, as a value: the DOT text did not parse, the layout
/// engine or the output format is missing, or the rendering failed.
public struct GraphvizError: UserFacingError, Equatable {
  public enum Stage: String, Sendable {
    case parse, layout, render
  }

  public var stage: Stage
  /// The engine (`neato`) or format (`png`) involved, if any.
  public var subject: String?
  /// What Graphviz said, trimmed.
  public var details: String

  public var category: ErrorCategory { .runtime }

  public var message: String {
    let what =
      switch stage {
      case .parse: "Graphviz could not read the DOT text"
      case .layout: "Graphviz could not lay out the picture with '\(subject ?? "?")'"
      case .render: "Graphviz could not render '\(subject ?? "?")'"
      }
    return details.isEmpty ? what + "." : "\(what): \(details)"
  }

  public var hint: String? {
    switch stage {
    case .parse: "This is a bug in lad's picture code; please report it."
    case .layout, .render:
      "Check that Debian's 'graphviz' package (with its cairo plugins) is installed, "
        + "then run 'dot -c' as root to register the plugins."
    }
  }
}

/// The only place lad calls libgvc and libcgraph: DOT text in, SVG or PNG
/// bytes out, in-process. Graphviz keeps global state and is not
/// thread-safe, so every call holds one process-wide lock, from parsing
/// to freeing the graph.
public enum Graphviz {
  /// The Graphviz context (plugins loaded once) behind the lock.
  private static let context = Mutex<OpaquePointer?>(nil)

  /// Graphviz's error and warning text of the call in progress.
  nonisolated(unsafe) private static var messages = ""

  /// Lays `dot` out with `engine` and renders it.
  /// - Parameters:
  ///   - engine: a layout engine: `neato`, `dot`, or `nop2` for drawings
  ///     whose node positions and edge splines are all given (`neato -n2`).
  ///   - dpi: resolution of bitmap output; nil keeps the graph's own
  ///     (Graphviz's default is 96). Points stay points in SVG.
  public static func render(
    _ dot: String, engine: String = "neato", format: PictureFormat, dpi: Double? = nil
  ) throws(GraphvizError) -> Data {
    let outcome: Result<Data, GraphvizError> = context.withLock { context in
      if context == nil { context = gvContext() }
      guard let gvc = context else {
        return .failure(GraphvizError(stage: .layout, subject: engine, details: "no context"))
      }
      messages = ""
      let previous = agseterrf { text in
        if let text { Graphviz.messages += String(cString: text) }
        return 0
      }
      defer { agseterrf(previous) }
      return run(gvc, dot: dot, engine: engine, format: format.rawValue, dpi: dpi)
    }
    return try outcome.get()
  }

  /// SVG text of `dot`.
  public static func svg(_ dot: String, engine: String = "neato") throws(GraphvizError)
    -> String
  {
    String(decoding: try render(dot, engine: engine, format: .svg), as: UTF8.self)
  }

  /// Parse, layout, render, free: called with the lock held.
  private static func run(
    _ gvc: OpaquePointer, dot: String, engine: String, format: String, dpi: Double?
  ) -> Result<Data, GraphvizError> {
    guard let graph = agmemread(dot) else {
      return .failure(GraphvizError(stage: .parse, subject: nil, details: said()))
    }
    defer { agclose(graph) }
    if let dpi { set(graph, "dpi", Markup.number(dpi)) }
    guard gvLayout(gvc, graph, engine) == 0 else {
      return .failure(GraphvizError(stage: .layout, subject: engine, details: said()))
    }
    defer { gvFreeLayout(gvc, graph) }
    var result: UnsafeMutablePointer<CChar>?
    var length: UInt32 = 0
    guard gvRenderData(gvc, graph, format, &result, &length) == 0, let result else {
      return .failure(GraphvizError(stage: .render, subject: format, details: said()))
    }
    defer { gvFreeRenderData(result) }
    return .success(Data(bytes: result, count: Int(length)))
  }

  /// Sets a graph attribute (cgraph wants mutable C strings; it copies them).
  private static func set(
    _ graph: UnsafeMutablePointer<Agraph_t>, _ name: String, _ value: String
  ) {
    let n = strdup(name)
    let v = strdup(value)
    let d = strdup("")
    defer {
      free(n)
      free(v)
      free(d)
    }
    _ = agsafeset(graph, n, v, d)
  }

  /// The messages Graphviz gave during this call, on one line.
  private static func said() -> String {
    messages.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
      .joined(separator: " ")
  }
}
