extension Variable {
  /// Negative log-likelihood of `targets` under row log-probabilities,
  /// averaged over rows (PyTorch's `NLLLoss`): `-mean_i logp[i, y_i]`.
  public func nllLoss(targets: [Int]) -> Variable {
    let x = value
    precondition(targets.count == x.rows, "nllLoss: \(targets.count) targets for \(x.rows) rows")
    var total: Float = 0
    for (r, y) in targets.enumerated() { total -= x.data[r * x.cols + y] }
    let n = Float(max(x.rows, 1))
    return tape.record(Tensor(scalar: total / n), name: "nllLoss", inputs: [self]) { t, g in
      var gx = Tensor(rows: x.rows, cols: x.cols)
      for (r, y) in targets.enumerated() { gx.data[r * x.cols + y] = -g.scalar / n }
      t.accumulate(self, gx)
    }
  }

  /// Mean squared error over every element (PyTorch's `MSELoss`):
  /// `mean((self - target)^2)`; gradients flow into both sides.
  public func mseLoss(_ target: Variable) -> Variable {
    let (a, b) = (value, target.value)
    precondition(a.rows == b.rows && a.cols == b.cols, "mseLoss: shapes differ")
    var total: Float = 0
    var diff = a
    for i in diff.data.indices {
      diff.data[i] -= b.data[i]
      total += diff.data[i] * diff.data[i]
    }
    let n = Float(max(a.count, 1))
    return tape.record(Tensor(scalar: total / n), name: "mseLoss", inputs: [self, target]) {
      t, g in
      let k = 2 * g.scalar / n
      let ga = mapElements(diff) { $0 * k }
      t.accumulate(self, ga)
      if t.wantsGrad(target) { t.accumulate(target, mapElements(ga) { -$0 }) }
    }
  }
}
