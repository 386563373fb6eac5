extension GraphDataset {
  /// The one line `load` prints, e.g.
  /// `MUTAG: 188 graphs, 2 classes (63/125), 7 node features (one-hot node
  /// label), 3721 edges, 4 edge labels` (edges counted undirected).
  public var summary: String {
    let counts = classCounts.map(String.init).joined(separator: "/")
    var line =
      "\(name): \(graphCount) graphs, \(classCount) classes (\(counts)), "
      + featureDescription + ", \(edgeCount / 2) edge\(edgeCount == 2 ? "" : "s")"
    if let edgeLabels, let largest = edgeLabels.max() {
      line += ", \(Int(largest) + 1) edge labels"
    }
    if edgeAttributeCount > 0 {
      line += ", \(edgeAttributeCount) edge attribute\(edgeAttributeCount == 1 ? "" : "s")"
    }
    return line
  }
}
