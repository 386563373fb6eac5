import Runtime

/// "Did you mean ...?": the closest candidate by edit distance.
enum Suggestion {
  /// The candidate nearest to `word`, if it is near enough to be a typo:
  /// at most 2 edits, and fewer edits than the candidate has characters.
  /// Ties go to the earlier candidate, so table order decides.
  static func closest(to word: String, among candidates: [String]) -> String? {
    let target = Array(word.lowercased())
    var best: (name: String, distance: Int)?
    for candidate in candidates {
      let distance = editDistance(target, Array(candidate.lowercased()))
      guard distance <= 2, distance < candidate.count else { continue }
      if best == nil || distance < best!.distance { best = (candidate, distance) }
    }
    return best?.name
  }
}
