/// Receiver operating characteristic curves: false-positive rate (x)
/// against true-positive rate (y) as the decision threshold falls, as in
/// Figure 3 of the LAD-GNN paper.
public enum ROCCurve {
  /// The ROC of scores for one positive class: from (0, 0) to (1, 1),
  /// thresholds descending, graphs with tied scores taken in one step (a
  /// diagonal segment), so the area under it is the Mann-Whitney AUC.
  /// Empty when either class is absent.
  public static func points(scores: [Double], positive: [Bool]) -> [(x: Double, y: Double)] {
    let p = Double(positive.filter { $0 }.count)
    let n = Double(positive.count) - p
    guard p > 0, n > 0 else { return [] }
    let order = scores.indices.sorted { scores[$0] > scores[$1] }
    var curve: [(x: Double, y: Double)] = [(0, 0)]
    var tp = 0.0
    var fp = 0.0
    var i = 0
    while i < order.count {
      var j = i
      while j < order.count && scores[order[j]] == scores[order[i]] {
        if positive[order[j]] { tp += 1 } else { fp += 1 }
        j += 1
      }
      curve.append((fp / n, tp / p))
      i = j
    }
    return curve
  }

  /// The area under a curve by the trapezoid rule.
  public static func area(_ curve: [(x: Double, y: Double)]) -> Double {
    guard curve.count >= 2 else { return .nan }
    var total = 0.0
    for k in 1..<curve.count {
      total += (curve[k].x - curve[k - 1].x) * (curve[k].y + curve[k - 1].y) / 2
    }
    return total
  }

  /// The true-positive rate of a curve at false-positive rate `x` (the
  /// highest, where a tie step is vertical).
  static func rate(of curve: [(x: Double, y: Double)], at x: Double) -> Double {
    var best = 0.0
    for k in curve.indices {
      if curve[k].x <= x { best = max(best, curve[k].y) }
      if k > 0, curve[k - 1].x < x, curve[k].x > x {
        let t = (x - curve[k - 1].x) / (curve[k].x - curve[k - 1].x)
        best = max(best, curve[k - 1].y + t * (curve[k].y - curve[k - 1].y))
      }
    }
    return best
  }

  /// The ROC of class scores (`scores[i][k]`, e.g. log-probabilities)
  /// against labels: with two classes, of the margin `s1 - s0` for class
  /// 1; with more, the macro average of the one-vs-rest curves on a grid
  /// of `grid` false-positive rates (classes absent from the labels are
  /// skipped).
  public static func curve(
    scores: [[Double]], labels: [Int], grid: Int = 101
  ) -> [(x: Double, y: Double)] {
    let classes = scores.first?.count ?? 0
    if classes == 2 {
      return points(scores: scores.map { $0[1] - $0[0] }, positive: labels.map { $0 == 1 })
    }
    let curves = (0..<classes).map { k in
      points(scores: scores.map { $0[k] }, positive: labels.map { $0 == k })
    }.filter { !$0.isEmpty }
    guard !curves.isEmpty, grid >= 2 else { return [] }
    return [(0, 0)] + (0..<grid).map { step in
      let x = Double(step) / Double(grid - 1)
      return (x, curves.map { rate(of: $0, at: x) }.reduce(0, +) / Double(curves.count))
    }
  }
}
