/// The dataset names `lad` knows without looking at the disk, and the
/// "did you mean" logic for names that match nothing.
public enum DatasetNames {
  /// The TU graph-classification datasets of the LAD-GNN paper and the
  /// fair-comparison benchmark, in the order they are usually listed.
  public static let known = [
    "MUTAG", "PTC_MR", "PTC_FM", "PTC_MM", "PTC_FR", "NCI1", "NCI109", "PROTEINS",
    "PROTEINS_full", "ENZYMES", "DD", "COLLAB", "IMDB-BINARY", "IMDB-MULTI",
    "REDDIT-BINARY", "REDDIT-MULTI-5K", "REDDIT-MULTI-12K",
  ]

  /// What a name that matches no folder could have meant.
  enum Resolution: Equatable {
    /// Several names start with it (`PTC` -> the four PTC sets).
    case ambiguous([String])
    /// One close name (case, a typo, a missing suffix).
    case suggestion(String)
    case nothing
  }

  /// Compares `name` with `candidates` (known names first, then names on
  /// disk): a family prefix (`PTC`, `IMDB`) lists its members; otherwise the
  /// closest name within an edit distance of 2 (and under half the name's
  /// length) is suggested, ignoring case.
  static func resolve(_ name: String, candidates: [String]) -> Resolution {
    var unique: [String] = []
    for candidate in candidates where candidate != name && !unique.contains(candidate) {
      unique.append(candidate)
    }
    let upper = name.uppercased()
    guard !upper.isEmpty else { return .nothing }

    let family = unique.filter { candidate in
      let other = candidate.uppercased()
      return other.hasPrefix(upper + "_") || other.hasPrefix(upper + "-")
    }
    if family.count > 1 { return .ambiguous(family) }
    if let only = family.first { return .suggestion(only) }

    var best: (name: String, distance: Int)?
    for candidate in unique {
      let distance = editDistance(Array(upper.utf8), Array(candidate.uppercased().utf8))
      if distance <= 2, 2 * distance < upper.count, distance < (best?.distance ?? .max) {
        best = (candidate, distance)
      }
    }
    return best.map { .suggestion($0.name) } ?? .nothing
  }
}
