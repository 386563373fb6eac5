/// Optimal-string-alignment distance between two sequences: insertions,
/// deletions, substitutions and swaps of two neighbours each cost one.
/// Behind every "did you mean ...?" of lad (verbs, keys, dataset names).
public func editDistance<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var twoBack = [Int](repeating: 0, count: b.count + 1)
  var previous = Array(0...b.count)
  var current = [Int](repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    current[0] = i
    for j in 1...b.count {
      let cost = a[i - 1] == b[j - 1] ? 0 : 1
      var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
        d = min(d, twoBack[j - 2] + 1)
      }
      current[j] = d
    }
    (twoBack, previous, current) = (previous, current, twoBack)
  }
  return previous[b.count]
}
