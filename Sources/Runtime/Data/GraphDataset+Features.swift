extension GraphDataset {
  /// Writes the dense feature rows of `nodes` (global node indices) into
  /// `buffer`, row-major `nodes.count x featureCount`, whichever storage
  /// the dataset uses. `buffer` must hold at least that many floats.
  public func featureRows(of nodes: Range<Int>, into buffer: UnsafeMutableBufferPointer<Float>) {
    let width = featureCount
    precondition(
      nodes.lowerBound >= 0 && nodes.upperBound <= nodeCount,
      "featureRows: nodes \(nodes) outside 0..<\(nodeCount)")
    precondition(
      buffer.count >= nodes.count * width,
      "featureRows: buffer holds \(buffer.count) floats, needs \(nodes.count * width)")
    guard let out = buffer.baseAddress, width > 0, !nodes.isEmpty else { return }
    if let columns = oneHotIndex {
      out.update(repeating: 0, count: nodes.count * width)
      for (row, node) in nodes.enumerated() {
        out[row * width + Int(columns[node])] = 1
      }
    } else {
      features.withUnsafeBufferPointer { source in
        out.update(from: source.baseAddress! + nodes.lowerBound * width, count: nodes.count * width)
      }
    }
  }

  /// The dense feature rows of `nodes`, row-major `nodes.count x featureCount`.
  public func featureRows(of nodes: Range<Int>) -> [Float] {
    [Float](unsafeUninitializedCapacity: nodes.count * featureCount) { buffer, count in
      featureRows(of: nodes, into: buffer)
      count = nodes.count * featureCount
    }
  }

  /// The feature row of one node (global index), `featureCount` floats.
  public func featureRow(ofNode node: Int) -> [Float] {
    featureRows(of: node..<(node + 1))
  }

  /// Number of directed edge entries of graph `g` (twice its undirected edges).
  public func edgeCount(ofGraph g: Int) -> Int {
    edgeOffsets[g + 1] - edgeOffsets[g]
  }
}
