/// The TU `_A` file: one directed edge `i, j` a line, 1-based global node
/// ids, both ends in the same graph. Kept as 0-based pairs in file order
/// (blank lines skipped), so line `k` of the edge label and attribute files
/// belongs to pair `k`.
struct EdgeList {
  var sources: [Int32] = []
  var targets: [Int32] = []

  var count: Int { sources.count }

  /// `graphOf[v]` is the 0-based graph of 0-based node `v`.
  init(path: String, graphOf: [Int32]) throws {
    let nodeCount = graphOf.count
    var sources: [Int32] = []
    var targets: [Int32] = []
    let columns = "2 fields (i, j)"
    let expected = "a node id in 1...\(nodeCount)"
    try TextLines.forEach(path: path) { line in
      guard !line.isBlank else { return }
      var cursor = FieldCursor(line, file: path)
      let i = try cursor.int(expected, columns: columns)
      guard i >= 1 && i <= nodeCount else { throw outOfRange(path, line, i, expected) }
      let j = try cursor.int(expected, columns: columns)
      guard j >= 1 && j <= nodeCount else { throw outOfRange(path, line, j, expected) }
      try cursor.end(columns: columns)
      guard graphOf[i - 1] == graphOf[j - 1] else {
        throw DatasetError.edgeAcrossGraphs(
          file: path, line: line.number, source: i, target: j,
          sourceGraph: Int(graphOf[i - 1]) + 1, targetGraph: Int(graphOf[j - 1]) + 1)
      }
      sources.append(Int32(i - 1))
      targets.append(Int32(j - 1))
    }
    guard !sources.isEmpty else { throw DatasetError.emptyFile(file: path) }
    self.sources = sources
    self.targets = targets
  }
}

private func outOfRange(_ path: String, _ line: TextLine, _ id: Int, _ expected: String)
  -> DatasetError
{
  .badField(file: path, line: line.number, expected: expected, found: String(id))
}
