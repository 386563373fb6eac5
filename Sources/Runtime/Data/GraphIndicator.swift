/// The TU `_graph_indicator` file: line `i` holds the 1-based graph of node
/// `i`. Ids must start at 1, never decrease, and never skip a graph (a
/// skipped id would be a graph with no nodes).
struct GraphIndicator {
  /// 0-based graph of each node.
  var nodeGraph: [Int32] = []
  /// `graphCount + 1` offsets into the nodes.
  var nodeOffsets: [Int] = [0]

  var graphCount: Int { nodeOffsets.count - 1 }

  init(path: String) throws {
    var nodeGraph: [Int32] = []
    var nodeOffsets = [0]
    var previous = 0
    try TextLines.forEach(path: path) { line in
      guard !line.isBlank else { return }
      var cursor = FieldCursor(line, file: path)
      let columns = "1 field (the node's graph id)"
      let graph = try cursor.int("a graph id (1, 2, ...)", columns: columns)
      try cursor.end(columns: columns)
      if graph == previous + 1 {
        if previous > 0 { nodeOffsets.append(nodeGraph.count) }
        previous = graph
      } else if graph < 1 {
        throw DatasetError.badField(
          file: path, line: line.number, expected: "a graph id (1, 2, ...)",
          found: String(graph))
      } else if graph < previous {
        throw DatasetError.unsortedGraphs(
          file: path, line: line.number, previous: previous, found: graph)
      } else if graph > previous + 1 {
        throw DatasetError.emptyGraph(file: path, line: line.number, graph: previous + 1)
      }
      guard nodeGraph.count < Int(Int32.max) else {
        throw DatasetError.badField(
          file: path, line: line.number, expected: "fewer than 2^31 nodes in all",
          found: String(graph))
      }
      nodeGraph.append(Int32(truncatingIfNeeded: graph - 1))
    }
    guard !nodeGraph.isEmpty else { throw DatasetError.emptyFile(file: path) }
    nodeOffsets.append(nodeGraph.count)
    self.nodeGraph = nodeGraph
    self.nodeOffsets = nodeOffsets
  }
}
