extension GraphDataset {
  /// The degree of every node (global index): its number of distinct
  /// neighbours, self excluded, which is its count of outgoing entries.
  public func nodeDegrees() -> [Int32] {
    var degrees = [Int32](repeating: 0, count: nodeCount)
    for g in 0..<graphCount {
      let base = nodeOffsets[g]
      for e in edgeOffsets[g]..<edgeOffsets[g + 1] {
        degrees[base + Int(edgeSource[e])] += 1
      }
    }
    return degrees
  }

  /// Stores a dataset-wide adjacency over global node ids as per-graph
  /// edges with local endpoints. No edge may join two graphs.
  mutating func setEdges(_ adjacency: Adjacency) {
    var sources = [Int32]()
    var targets = [Int32]()
    sources.reserveCapacity(adjacency.edgeCount)
    targets.reserveCapacity(adjacency.edgeCount)
    var offsets = [0]
    offsets.reserveCapacity(graphCount + 1)
    for g in 0..<graphCount {
      let base = nodeOffsets[g]
      for u in nodeOffsets[g]..<nodeOffsets[g + 1] {
        for k in adjacency.offsets[u]..<adjacency.offsets[u + 1] {
          sources.append(Int32(u - base))
          targets.append(adjacency.targets[k] - Int32(base))
        }
      }
      offsets.append(sources.count)
    }
    edgeSource = sources
    edgeTarget = targets
    edgeOffsets = offsets
  }

  /// Builds the node features: continuous attributes, then one-hot label
  /// blocks (PyG's order); structural features from `mode` when the
  /// dataset has neither. Needs the edges in place.
  mutating func setNodeFeatures(
    attributes: ColumnFile<Float>?, labels: OneHotLabels?, mode: FeatureMode
  ) {
    guard attributes != nil || labels != nil else {
      let built = DegreeFeatures(mode: mode, degrees: nodeDegrees(), nodeOffsets: nodeOffsets)
      features = built.features
      oneHotIndex = built.oneHotIndex
      featureCount = built.width
      featureDescription = built.description
      return
    }
    let attributeCount = attributes?.columns ?? 0
    let width = attributeCount + (labels?.width ?? 0)
    var rows = [Float](repeating: 0, count: nodeCount * width)
    if let attributes {
      for v in 0..<nodeCount {
        for c in 0..<attributeCount {
          rows[v * width + c] = attributes.values[v * attributeCount + c]
        }
      }
    }
    labels?.write(into: &rows, rowWidth: width, offset: attributeCount)
    features = rows
    oneHotIndex = nil
    featureCount = width

    var parts: [String] = []
    if attributeCount > 0 {
      parts.append("\(attributeCount) continuous attribute\(attributeCount == 1 ? "" : "s")")
    }
    if let labels {
      parts.append(
        labels.columns == 1
          ? "one-hot node label" : "one-hot node labels in \(labels.columns) columns")
    }
    let noun = width == 1 ? "feature" : "features"
    featureDescription = "\(width) node \(noun) (\(parts.joined(separator: " + ")))"
  }
}
