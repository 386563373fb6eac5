/// Node features built from structure alone, for featureless datasets:
/// see `FeatureMode` for the formulas.
struct DegreeFeatures {
  /// Dense rows (one column), or empty when `oneHotIndex` is used.
  var features: [Float] = []
  var oneHotIndex: [Int32]?
  var width = 1
  var description = ""

  /// `degrees[v]` is the number of distinct neighbours of node `v`
  /// (global index); `nodeOffsets` delimits the graphs.
  init(mode: FeatureMode, degrees: [Int32], nodeOffsets: [Int]) {
    switch mode {
    case .constant:
      features = [Float](repeating: 1, count: degrees.count)
      description = "1 node feature (constant 1)"
    case .minmaxDegree:
      features = DegreeFeatures.minmax(degrees: degrees, nodeOffsets: nodeOffsets)
      description = "1 node feature (degree min-max scaled within each graph)"
    case .degree:
      let maxDegree = Int(degrees.max() ?? 0)
      if maxDegree <= FeatureMode.oneHotDegreeLimit {
        oneHotIndex = degrees
        width = maxDegree + 1
        description = "\(width) node features (one-hot degree 0...\(maxDegree))"
      } else {
        let (mean, std) = DegreeFeatures.meanAndStd(degrees)
        features = degrees.map { Float((Double($0) - mean) / std) }
        description =
          "1 node feature (degree standardised: (deg - \(rounded(mean))) / "
          + "\(rounded(std)), max degree \(maxDegree) >= 1000)"
      }
    }
  }

  private static func minmax(degrees: [Int32], nodeOffsets: [Int]) -> [Float] {
    var result = [Float](repeating: 0, count: degrees.count)
    for g in 0..<(nodeOffsets.count - 1) {
      let nodes = nodeOffsets[g]..<nodeOffsets[g + 1]
      guard !nodes.isEmpty else { continue }
      let low = Double(degrees[nodes].min()!)
      let high = Double(degrees[nodes].max()!)
      for v in nodes {
        result[v] = Float((Double(degrees[v]) - low) / (high - low + 1e-8))
      }
    }
    return result
  }

  /// Mean and sample standard deviation (n - 1), std 1 when it would be 0.
  private static func meanAndStd(_ degrees: [Int32]) -> (Double, Double) {
    let n = Double(degrees.count)
    let mean = degrees.reduce(0.0) { $0 + Double($1) } / n
    let squares = degrees.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) }
    let std = degrees.count > 1 ? (squares / (n - 1)).squareRoot() : 0
    return (mean, std > 0 ? std : 1)
  }
}

private func rounded(_ value: Double) -> String {
  let hundredths = (value * 100).rounded()
  return "\(hundredths / 100)"
}
