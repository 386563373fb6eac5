/// The accuracies published in the LAD-GNN paper (Hong et al., AAAI 2024,
/// Table 2; METHOD.md section 5): the original backbone and the same
/// backbone with LAD-GNN, mean over the paper's runs.
public enum PaperFigures {
  /// Dataset names as the paper's columns; the paper's PTC has 349 graphs
  /// (PTC_FM), so no local dataset maps to it silently.
  static let datasets = [
    "MUTAG", "PTC_FM", "PROTEINS", "NCI1", "ENZYMES", "IMDB-BINARY", "IMDB-MULTI", "COLLAB",
    "REDDIT-BINARY", "REDDIT-MULTI-5K",
  ]

  /// backbone -> per dataset (baseline, LAD-GNN), in `datasets` order.
  static let table: [String: [(Double, Double)?]] = [
    "gcn": [
      (0.747, 0.837), (0.662, 0.740), (0.643, 0.716), (0.490, 0.584), (0.765, 0.772),
      (0.573, 0.633), (0.402, 0.406), (0.810, 0.841), (0.813, 0.825), (0.425, 0.491),
    ],
    "gat": [
      (0.737, 0.805), (0.691, 0.706), (0.692, 0.703), (0.727, 0.731), (0.778, 0.813),
      (0.546, 0.576), (0.377, 0.414), (0.693, 0.712), (0.727, 0.745), (0.487, 0.488),
    ],
    "sage": [
      (0.816, 0.863), (0.709, 0.814), (0.706, 0.733), (0.699, 0.867), (0.742, 0.792),
      (0.589, 0.755), (0.420, 0.420), (0.791, 0.793), (0.831, 0.925), (0.466, 0.517),
    ],
    "gin": [
      (0.842, 0.854), (0.620, 0.657), (0.721, 0.730), (0.729, 0.747), (0.733, 0.765),
      (0.701, 0.714), (0.434, 0.441), (0.659, 0.678), (0.717, 0.725), (0.410, 0.450),
    ],
    "dgcnn": [
      (0.913, 0.944), (0.617, 0.649), (0.713, 0.721), (0.701, 0.705), (0.501, 0.516),
      (0.728, 0.748), (0.464, 0.482), (0.749, 0.751), (0.743, 0.774), (0.457, 0.529),
    ],
    "sagpool": [
      (0.763, 0.784), (0.614, 0.649), (0.588, 0.601), (0.694, 0.722), (0.426, 0.428),
      (0.589, 0.593), (0.419, 0.434), (0.725, 0.733), (0.837, 0.858), (0.484, 0.508),
    ],
    "mewispool": [
      (0.926, 0.947), (0.714, 0.746), (0.699, 0.746), (0.711, 0.723), (0.383, 0.433),
      (0.772, 0.779), (0.474, 0.511), (0.745, 0.771), nil, nil,
    ],
  ]

  /// The published (baseline, LAD-GNN) accuracies, or nil where the paper
  /// has none.
  public static func accuracy(backbone: String, dataset: String) -> (
    baseline: Double, lad: Double
  )? {
    guard let column = datasets.firstIndex(of: dataset),
      let row = table[backbone.lowercased()], let cell = row[column]
    else { return nil }
    return (cell.0, cell.1)
  }
}
