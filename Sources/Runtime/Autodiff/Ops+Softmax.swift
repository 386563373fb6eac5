import Foundation

extension Variable {
  /// Softmax along each row, computed stably (max subtracted).
  ///
  /// Gradient: `dx = y * (g - sum(g * y))` per row.
  public func softmaxRows() -> Variable {
    let x = value
    var y = x
    for r in 0..<x.rows {
      let base = r * x.cols
      var m = -Float.infinity
      for c in 0..<x.cols { m = max(m, x.data[base + c]) }
      var s: Float = 0
      for c in 0..<x.cols {
        let e = Foundation.exp(x.data[base + c] - m)
        y.data[base + c] = e
        s += e
      }
      for c in 0..<x.cols { y.data[base + c] /= s }
    }
    return tape.record(y, name: "softmaxRows", inputs: [self]) { t, g in
      var gx = g
      for r in 0..<y.rows {
        let base = r * y.cols
        var dot: Float = 0
        for c in 0..<y.cols { dot += g.data[base + c] * y.data[base + c] }
        for c in 0..<y.cols { gx.data[base + c] = y.data[base + c] * (g.data[base + c] - dot) }
      }
      t.accumulate(self, gx)
    }
  }

  /// Log-softmax along each row: `x - logsumexp(x)`.
  ///
  /// Gradient: `dx = g - softmax(x) * sum(g)` per row.
  public func logSoftmaxRows() -> Variable {
    let x = value
    var y = x
    var p = x
    for r in 0..<x.rows {
      let base = r * x.cols
      var m = -Float.infinity
      for c in 0..<x.cols { m = max(m, x.data[base + c]) }
      var s: Float = 0
      for c in 0..<x.cols { s += Foundation.exp(x.data[base + c] - m) }
      let lse = m + Foundation.log(s)
      for c in 0..<x.cols {
        y.data[base + c] = x.data[base + c] - lse
        p.data[base + c] = Foundation.exp(y.data[base + c])
      }
    }
    return tape.record(y, name: "logSoftmaxRows", inputs: [self]) { t, g in
      var gx = g
      for r in 0..<y.rows {
        let base = r * y.cols
        var s: Float = 0
        for c in 0..<y.cols { s += g.data[base + c] }
        for c in 0..<y.cols { gx.data[base + c] = g.data[base + c] - p.data[base + c] * s }
      }
      t.accumulate(self, gx)
    }
  }

  /// Softmax of a column (`n x 1`) within each segment: the rows of one
  /// graph compete only with each other (per-graph attention).
  public func segmentSoftmax(_ segments: Segments) -> Variable {
    let x = value
    precondition(x.cols == 1 && x.rows == segments.rowCount, "segmentSoftmax: shape")
    var y = x
    for s in 0..<segments.count {
      let range = segments.range(s)
      guard !range.isEmpty else { continue }
      var m = -Float.infinity
      for i in range { m = max(m, x.data[i]) }
      var total: Float = 0
      for i in range {
        let e = Foundation.exp(x.data[i] - m)
        y.data[i] = e
        total += e
      }
      for i in range { y.data[i] /= total }
    }
    return tape.record(y, name: "segmentSoftmax", inputs: [self]) { t, g in
      var gx = g
      for s in 0..<segments.count {
        let range = segments.range(s)
        var dot: Float = 0
        for i in range { dot += g.data[i] * y.data[i] }
        for i in range { gx.data[i] = y.data[i] * (g.data[i] - dot) }
      }
      t.accumulate(self, gx)
    }
  }
}
