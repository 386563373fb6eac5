import Foundation

/// Softmax over contiguous runs of a flat buffer, computed stably (the
/// run's maximum subtracted): the one kernel behind row softmax,
/// log-softmax and per-graph softmax. Returns the probabilities and each
/// run's log-sum-exp; an empty run is skipped.
private func softmax(_ x: [Float], runs: [Range<Int>]) -> (p: [Float], logSumExp: [Float]) {
  var p = x
  var lse = [Float](repeating: 0, count: runs.count)
  for (k, run) in runs.enumerated() where !run.isEmpty {
    var m = -Float.infinity
    for i in run { m = max(m, x[i]) }
    var total: Float = 0
    for i in run {
      let e = Foundation.exp(x[i] - m)
      p[i] = e
      total += e
    }
    for i in run { p[i] /= total }
    lse[k] = m + Foundation.log(total)
  }
  return (p, lse)
}

/// Gradient of softmax over runs: `dx = y * (g - sum(g * y))` per run.
private func softmaxGradient(_ y: Tensor, _ g: Tensor, runs: [Range<Int>]) -> Tensor {
  var gx = g
  for run in runs {
    var dot: Float = 0
    for i in run { dot += g.data[i] * y.data[i] }
    for i in run { gx.data[i] = y.data[i] * (g.data[i] - dot) }
  }
  return gx
}

extension Tensor {
  /// The flat index range of every row.
  fileprivate var rowRanges: [Range<Int>] {
    (0..<rows).map { ($0 * cols)..<(($0 + 1) * cols) }
  }
}

extension Variable {
  /// Softmax along each row, computed stably (max subtracted).
  ///
  /// Gradient: `dx = y * (g - sum(g * y))` per row.
  public func softmaxRows() -> Variable {
    let x = value
    let runs = x.rowRanges
    let y = Tensor(rows: x.rows, cols: x.cols, data: softmax(x.data, runs: runs).p)
    return tape.record(y, name: "softmaxRows", inputs: [self]) { t, g in
      t.accumulate(self, softmaxGradient(y, g, runs: runs))
    }
  }

  /// Log-softmax along each row: `x - logsumexp(x)`.
  ///
  /// Gradient: `dx = g - softmax(x) * sum(g)` per row.
  public func logSoftmaxRows() -> Variable {
    let x = value
    let runs = x.rowRanges
    let lse = softmax(x.data, runs: runs).logSumExp
    var y = x
    for (r, run) in runs.enumerated() {
      for i in run { y.data[i] -= lse[r] }
    }
    let p = y.data.map { Foundation.exp($0) }
    return tape.record(y, name: "logSoftmaxRows", inputs: [self]) { t, g in
      var gx = g
      for run in runs {
        var s: Float = 0
        for i in run { s += g.data[i] }
        for i in run { gx.data[i] = g.data[i] - p[i] * s }
      }
      t.accumulate(self, gx)
    }
  }

  /// Softmax of a column (`n x 1`) within each segment: the rows of one
  /// graph compete only with each other (per-graph attention).
  public func segmentSoftmax(_ segments: Segments) -> Variable {
    let x = value
    precondition(x.cols == 1 && x.rows == segments.rowCount, "segmentSoftmax: shape")
    let runs = (0..<segments.count).map { segments.range($0) }
    let y = Tensor(rows: x.rows, cols: 1, data: softmax(x.data, runs: runs).p)
    return tape.record(y, name: "segmentSoftmax", inputs: [self]) { t, g in
      t.accumulate(self, softmaxGradient(y, g, runs: runs))
    }
  }
}
