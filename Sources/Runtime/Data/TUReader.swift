/// Reads a dataset in the TU raw format (Morris et al., "TUDataset", 2020)
/// as PyTorch Geometric's `TUDataset(use_node_attr=True)` builds it.
///
/// Files in `directory`, each optionally gzipped (`NAME_A.txt.gz`):
/// - `NAME_A.txt`: one directed edge `i, j` a line, 1-based global node ids.
/// - `NAME_graph_indicator.txt`: the graph (1, 2, ...) of node `i` on line
///   `i`; ids sorted, without gaps.
/// - `NAME_graph_labels.txt`: one integer a graph, renumbered to
///   `0 ..< C` in sorted order of value.
/// - optional `NAME_node_labels.txt`: one or more integer columns a node,
///   each one-hot after shifting its minimum to 0.
/// - optional `NAME_node_attributes.txt`: floats a node, placed before
///   the one-hot labels in the feature row.
/// - optional `NAME_edge_labels.txt` (first column kept, shifted to 0) and
///   `NAME_edge_attributes.txt` (floats), one line per line of `_A`.
///
/// Self-loops and repeated lines are dropped and every edge is stored in
/// both directions, sorted within its graph. A direction the file lists
/// keeps its own edge label and attributes; a direction added for symmetry
/// copies those of its reverse. (PyG keeps a one-way edge one-way; every
/// TU dataset we know lists both directions, where the two agree.)
enum TUReader {
  /// Whether `directory` holds a TU dataset called `name`.
  static func recognises(directory: String, name: String) -> Bool {
    file(directory, name, "A") != nil || file(directory, name, "graph_indicator") != nil
  }

  static func read(directory: String, name: String, features mode: FeatureMode) throws
    -> GraphDataset
  {
    let indicatorPath = try required(directory, name, "graph_indicator", role: "node graphs")
    let labelsPath = try required(directory, name, "graph_labels", role: "graph labels")
    let edgesPath = try required(directory, name, "A", role: "edges")

    // nodes and graphs
    let indicator = try GraphIndicator(path: indicatorPath)
    let nodeCount = indicator.nodeGraph.count
    let graphLabels = try ColumnFile<Int>(
      path: labelsPath, expectedRows: indicator.graphCount, unit: "graph", fixedColumns: 1
    ) { cursor, columns in try cursor.int("an integer graph label", columns: columns) }
    let classes = ClassLabels(values: graphLabels.values)

    // edges and what they carry
    let edges = try EdgeList(path: edgesPath, graphOf: indicator.nodeGraph)
    let edgeLabelsPath = file(directory, name, "edge_labels")
    let edgeLabels = try edgeLabelsPath.map { path in
      try ColumnFile<Int>(path: path, expectedRows: edges.count, unit: "line of \(name)_A.txt") {
        cursor, columns in try cursor.int("an integer edge label", columns: columns)
      }
    }
    let edgeAttributes = try file(directory, name, "edge_attributes").map { path in
      try floatFile(path, rows: edges.count, unit: "line of \(name)_A.txt")
    }
    let adjacency = Adjacency(nodeCount: nodeCount, sources: edges.sources, targets: edges.targets)

    // node features
    let nodeLabels = try file(directory, name, "node_labels").map { path in
      let table = try ColumnFile<Int>(path: path, expectedRows: nodeCount, unit: "node") {
        cursor, columns in try cursor.int("an integer node label", columns: columns)
      }
      return try OneHotLabels(
        values: table.values, columns: table.columns, lines: table.lines, file: path)
    }
    let nodeAttributes = try file(directory, name, "node_attributes").map { path in
      try floatFile(path, rows: nodeCount, unit: "node")
    }

    var dataset = GraphDataset(
      name: name, nodeOffsets: indicator.nodeOffsets, edgeOffsets: [],
      edgeSource: [], edgeTarget: [], edgeLabels: nil, features: [], featureCount: 0,
      nodeLabels: nodeLabels?.firstColumn, labels: classes.labels,
      classCount: classes.classNames.count, classNames: classes.classNames,
      featureDescription: "", removedSelfLoops: adjacency.selfLoops,
      removedDuplicateEdges: adjacency.duplicates)
    dataset.setEdges(adjacency)
    if let edgeLabels, let edgeLabelsPath {
      dataset.edgeLabels = try shiftedEdgeLabels(
        edgeLabels, path: edgeLabelsPath, origins: adjacency.origins)
    }
    if let edgeAttributes {
      dataset.edgeAttributeCount = edgeAttributes.columns
      dataset.edgeAttributes = gatherRows(
        edgeAttributes.values, width: edgeAttributes.columns, rows: adjacency.origins)
    }
    dataset.setNodeFeatures(attributes: nodeAttributes, labels: nodeLabels, mode: mode)
    dataset.folds = try FoldIndex.readIfPresent(
      datasetDirectory: directory, graphCount: dataset.graphCount)
    return dataset
  }

  /// The path of `NAME_suffix.txt`, or of its `.gz`, if either exists.
  static func file(_ directory: String, _ name: String, _ suffix: String) -> String? {
    let plain = "\(directory)/\(name)_\(suffix).txt"
    if FileBytes.isFile(plain) { return plain }
    return FileBytes.isFile(plain + ".gz") ? plain + ".gz" : nil
  }

  private static func required(
    _ directory: String, _ name: String, _ suffix: String, role: String
  ) throws -> String {
    guard let path = file(directory, name, suffix) else {
      throw DatasetError.missingFile(file: "\(directory)/\(name)_\(suffix).txt", role: role)
    }
    return path
  }

  private static func floatFile(_ path: String, rows: Int, unit: String) throws
    -> ColumnFile<Float>
  {
    try ColumnFile<Float>(path: path, expectedRows: rows, unit: unit) { cursor, columns in
      Float(try cursor.double("a number", columns: columns))
    }
  }

  /// The first column of the edge labels, shifted to a minimum of 0, in
  /// the order of the stored edges.
  private static func shiftedEdgeLabels(
    _ table: ColumnFile<Int>, path: String, origins: [Int32]
  ) throws -> [Int32] {
    let first = stride(from: 0, to: table.values.count, by: table.columns).map {
      table.values[$0]
    }
    let low = first.min() ?? 0
    for (row, value) in first.enumerated() {
      let (shifted, overflow) = value.subtractingReportingOverflow(low)
      guard !overflow, shifted <= Int(Int32.max) else {
        throw DatasetError.badField(
          file: path, line: Int(table.lines[row]),
          expected: "an edge label within 2^31 of "
            + "the smallest (\(low))", found: String(value))
      }
    }
    return origins.map { Int32(first[Int($0)] - low) }
  }

  private static func gatherRows(_ values: [Float], width: Int, rows: [Int32]) -> [Float] {
    var result = [Float]()
    result.reserveCapacity(rows.count * width)
    for row in rows {
      let start = Int(row) * width
      result.append(contentsOf: values[start..<(start + width)])
    }
    return result
  }
}
