/// Reads the single-file text format of the GIN paper (Xu et al., "How
/// Powerful are Graph Neural Networks?", 2019), also DGCNN's:
///
/// ```
/// N                      number of graphs
/// n label                per graph: node count and graph label
/// tag deg v_1 ... v_deg  per node: node tag, degree, 0-based neighbours
/// ```
///
/// The file (`NAME.txt` or `NAME.txt.gz`) is streamed: memory holds the
/// growing dataset and one graph's lists, never the text. Labels are
/// renumbered like TU graph labels; neighbour lists are made symmetric,
/// with self-loops and repeats dropped. Node tags that differ become
/// one-hot node labels; when they are all equal (COLLAB, REDDIT-BINARY)
/// the dataset is featureless and `FeatureMode` decides. Folds in
/// `10fold_idx/` beside the file are read too.
enum GINTextReader {
  /// The path of `NAME.txt` or `NAME.txt.gz` in `directory`, if present.
  static func file(directory: String, name: String) -> String? {
    let plain = "\(directory)/\(name).txt"
    if FileBytes.isFile(plain) { return plain }
    return FileBytes.isFile(plain + ".gz") ? plain + ".gz" : nil
  }

  static func read(directory: String, name: String, features mode: FeatureMode) throws
    -> GraphDataset
  {
    guard let path = file(directory: directory, name: name) else {
      throw DatasetError.missingFile(file: "\(directory)/\(name).txt", role: "its graphs")
    }
    var parser = GINTextParser(path: path)
    let lineCount = try TextLines.forEach(path: path) { line in try parser.consume(line) }
    try parser.finish(lastLine: lineCount)

    let classes = ClassLabels(values: parser.graphLabels)
    var dataset = GraphDataset(
      name: name, nodeOffsets: parser.nodeOffsets, edgeOffsets: parser.edgeOffsets,
      edgeSource: parser.edgeSource, edgeTarget: parser.edgeTarget, edgeLabels: nil,
      features: [], featureCount: 0, nodeLabels: nil, labels: classes.labels,
      classCount: classes.classNames.count, classNames: classes.classNames,
      featureDescription: "", removedSelfLoops: parser.selfLoops,
      removedDuplicateEdges: parser.duplicates)
    parser.releaseEdges()

    let tags = parser.tags
    var labels: OneHotLabels?
    if let first = tags.first, tags.contains(where: { $0 != first }) {
      labels = try OneHotLabels(
        values: tags.map(Int.init), columns: 1, lines: parser.tagLines, file: path)
      dataset.nodeLabels = labels?.firstColumn
    }
    dataset.setNodeFeatures(attributes: nil, labels: labels, mode: mode)
    dataset.folds = try FoldIndex.readIfPresent(
      datasetDirectory: directory, graphCount: dataset.graphCount)
    return dataset
  }
}

/// The state machine behind `GINTextReader`, fed one line at a time.
private struct GINTextParser {
  let path: String
  var graphLabels: [Int] = []
  var nodeOffsets = [0]
  var edgeOffsets = [0]
  var edgeSource: [Int32] = []
  var edgeTarget: [Int32] = []
  var tags: [Int32] = []
  var tagLines: [Int32] = []
  var selfLoops = 0
  var duplicates = 0

  private var declaredGraphs: Int?
  private var graphNodes = 0
  private var nodesRead = 0
  private var inGraph = false
  private var listedSources: [Int32] = []
  private var listedTargets: [Int32] = []

  init(path: String) {
    self.path = path
  }

  mutating func consume(_ line: TextLine) throws {
    guard !line.isBlank else { return }
    var cursor = FieldCursor(line, file: path)
    guard let declared = declaredGraphs else {
      let columns = "1 field (the number of graphs)"
      let count = try cursor.int("the number of graphs", columns: columns)
      try cursor.end(columns: columns)
      guard count >= 1 else {
        throw DatasetError.badField(
          file: path, line: line.number, expected: "a graph count of 1 or more",
          found: String(count))
      }
      declaredGraphs = count
      return
    }
    if inGraph {
      try readNode(&cursor, line: line)
    } else if graphLabels.count < declared {
      try readGraphHeader(&cursor, line: line)
    } else {
      throw DatasetError.badField(
        file: path, line: line.number,
        expected: "the end of the file after \(declared) graph\(declared == 1 ? "" : "s")",
        found: firstToken(line))
    }
  }

  mutating func finish(lastLine: Int) throws {
    guard let declared = declaredGraphs else { throw DatasetError.emptyFile(file: path) }
    let graph = graphLabels.count
    if inGraph {
      throw DatasetError.unexpectedEnd(
        file: path, line: lastLine,
        expected: "node \(nodesRead + 1) of \(graphNodes) in graph \(graph)")
    }
    if graph < declared {
      throw DatasetError.unexpectedEnd(
        file: path, line: lastLine,
        expected: "graph \(graph + 1) of \(declared) (a line 'n label')")
    }
  }

  /// Frees the edge arrays once the dataset holds its own copy.
  mutating func releaseEdges() {
    edgeSource = []
    edgeTarget = []
  }

  private mutating func readGraphHeader(_ cursor: inout FieldCursor, line: TextLine) throws {
    let columns = "2 fields (node count, graph label)"
    let n = try cursor.int("a node count", columns: columns)
    let label = try cursor.int("an integer graph label", columns: columns)
    try cursor.end(columns: columns)
    guard n >= 1 else {
      if n == 0 {
        throw DatasetError.emptyGraph(file: path, line: line.number, graph: graphLabels.count + 1)
      }
      throw DatasetError.badField(
        file: path, line: line.number, expected: "a node count of 1 or more", found: String(n))
    }
    guard n < Int(Int32.max) else {
      throw DatasetError.badField(
        file: path, line: line.number, expected: "a node count below 2^31", found: String(n))
    }
    graphLabels.append(label)
    graphNodes = n
    nodesRead = 0
    inGraph = true
  }

  private mutating func readNode(_ cursor: inout FieldCursor, line: TextLine) throws {
    let n = graphNodes
    let tag = try cursor.int("an integer node tag", columns: "2 or more fields (tag, degree, ...)")
    let degree = try cursor.int("a degree", columns: "2 or more fields (tag, degree, ...)")
    guard degree >= 0 else {
      throw DatasetError.badField(
        file: path, line: line.number, expected: "a degree of 0 or more", found: String(degree))
    }
    let plural = degree == 1 ? "" : "s"
    let columns = "\(degree + 2) fields (tag, degree, \(degree) neighbour\(plural))"
    let expected = "a neighbour index in 0...\(n - 1)"
    for _ in 0..<degree {
      let v = try cursor.int(expected, columns: columns)
      guard v >= 0 && v < n else {
        throw DatasetError.badField(
          file: path, line: line.number, expected: expected, found: String(v))
      }
      listedSources.append(Int32(nodesRead))
      listedTargets.append(Int32(v))
    }
    try cursor.end(columns: columns)
    guard tag >= Int(Int32.min) && tag <= Int(Int32.max) else {
      throw DatasetError.badField(
        file: path, line: line.number, expected: "a node tag within 32 bits", found: String(tag))
    }
    tags.append(Int32(tag))
    tagLines.append(Int32(truncatingIfNeeded: line.number))
    nodesRead += 1
    if nodesRead == n { endGraph() }
  }

  private mutating func endGraph() {
    let adjacency = Adjacency(
      nodeCount: graphNodes, sources: listedSources, targets: listedTargets)
    for u in 0..<graphNodes {
      for k in adjacency.offsets[u]..<adjacency.offsets[u + 1] {
        edgeSource.append(Int32(u))
        edgeTarget.append(adjacency.targets[k])
      }
    }
    selfLoops += adjacency.selfLoops
    duplicates += adjacency.duplicates
    nodeOffsets.append(nodeOffsets[nodeOffsets.count - 1] + graphNodes)
    edgeOffsets.append(edgeSource.count)
    listedSources.removeAll(keepingCapacity: true)
    listedTargets.removeAll(keepingCapacity: true)
    inGraph = false
  }

  private func firstToken(_ line: TextLine) -> String {
    let first = line.bytes.prefix(40).split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }).first
    return first.map(PrintableBytes.text) ?? ""
  }
}
