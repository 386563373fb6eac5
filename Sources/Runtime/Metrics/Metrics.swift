import Foundation

/// The figures lad reports for a set of predictions.
public struct Scores: Sendable, Equatable, Codable {
  public var accuracy: Double
  /// ROC-AUC: binary, the positive class's score; multi-class, the
  /// macro average of one-vs-rest AUCs (classes absent from the labels are
  /// skipped). NaN when no class has both positives and negatives.
  public var auc: Double
  /// F1 per class, averaged with weights equal to class support
  /// (scikit-learn's `average='weighted'`).
  public var f1: Double

  public init(accuracy: Double, auc: Double, f1: Double) {
    self.accuracy = accuracy
    self.auc = auc
    self.f1 = f1
  }
}

public enum Metrics {
  /// Scores of row log-probabilities (or any per-class scores) against
  /// the true classes.
  public static func scores(logProbs: Tensor, labels: [Int]) -> Scores {
    let predicted = logProbs.argmaxRows()
    return Scores(
      accuracy: accuracy(predicted: predicted, labels: labels),
      auc: rocAUC(scores: logProbs, labels: labels),
      f1: weightedF1(predicted: predicted, labels: labels, classCount: logProbs.cols))
  }

  /// Mean of `-logProbs[i, labels[i]]` over the rows.
  public static func negativeLogLikelihood(logProbs: Tensor, labels: [Int]) -> Double {
    guard !labels.isEmpty else { return .nan }
    var total = 0.0
    for (r, y) in labels.enumerated() { total -= Double(logProbs[r, y]) }
    return total / Double(labels.count)
  }

  public static func accuracy(predicted: [Int], labels: [Int]) -> Double {
    guard !labels.isEmpty else { return .nan }
    let correct = zip(predicted, labels).filter { $0 == $1 }.count
    return Double(correct) / Double(labels.count)
  }

  /// Area under the ROC curve of `scores` for the positive class, by the
  /// Mann-Whitney statistic with average ranks for ties.
  public static func binaryAUC(scores: [Double], positive: [Bool]) -> Double {
    let p = positive.filter { $0 }.count
    let n = positive.count - p
    guard p > 0, n > 0 else { return .nan }
    let order = scores.indices.sorted { scores[$0] < scores[$1] }
    var ranks = [Double](repeating: 0, count: scores.count)
    var i = 0
    while i < order.count {
      var j = i
      while j + 1 < order.count && scores[order[j + 1]] == scores[order[i]] { j += 1 }
      let average = Double(i + j) / 2 + 1
      for k in i...j { ranks[order[k]] = average }
      i = j + 1
    }
    var positiveRankSum = 0.0
    for (k, isPositive) in positive.enumerated() where isPositive { positiveRankSum += ranks[k] }
    return (positiveRankSum - Double(p * (p + 1)) / 2) / Double(p * n)
  }

  public static func rocAUC(scores: Tensor, labels: [Int]) -> Double {
    let c = scores.cols
    func column(_ k: Int) -> [Double] { (0..<scores.rows).map { Double(scores[$0, k]) } }
    if c == 2 {
      // log-probabilities: the positive class's score is monotone in
      // logp1 - logp0, which is also robust to saturation
      let margin = (0..<scores.rows).map { Double(scores[$0, 1] - scores[$0, 0]) }
      return binaryAUC(scores: margin, positive: labels.map { $0 == 1 })
    }
    var total = 0.0
    var counted = 0
    for k in 0..<c {
      let a = binaryAUC(scores: column(k), positive: labels.map { $0 == k })
      if !a.isNaN {
        total += a
        counted += 1
      }
    }
    return counted > 0 ? total / Double(counted) : .nan
  }

  public static func weightedF1(predicted: [Int], labels: [Int], classCount: Int) -> Double {
    guard !labels.isEmpty else { return .nan }
    var total = 0.0
    for k in 0..<classCount {
      let support = labels.filter { $0 == k }.count
      guard support > 0 else { continue }
      var tp = 0
      var fp = 0
      var fn = 0
      for (p, y) in zip(predicted, labels) {
        if p == k && y == k { tp += 1 } else if p == k { fp += 1 } else if y == k { fn += 1 }
      }
      let denominator = 2 * tp + fp + fn
      let f1 = denominator > 0 ? Double(2 * tp) / Double(denominator) : 0
      total += f1 * Double(support)
    }
    return total / Double(labels.count)
  }
}
