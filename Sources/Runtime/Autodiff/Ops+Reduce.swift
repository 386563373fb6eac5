extension Variable {
  /// Sum of every element, `1 x 1`.
  public func sum() -> Variable {
    let x = value
    var s: Float = 0
    for v in x.data { s += v }
    return tape.record(Tensor(scalar: s), name: "sum", inputs: [self]) { t, g in
      t.accumulate(self, Tensor(rows: x.rows, cols: x.cols, repeating: g.scalar))
    }
  }

  /// Mean of every element, `1 x 1`.
  public func mean() -> Variable {
    let n = Float(max(value.count, 1))
    return sum() * (1 / n)
  }

  /// Sum over rows: `n x d -> 1 x d`.
  public func sumRows() -> Variable {
    let x = value
    var out = Tensor(rows: 1, cols: x.cols)
    for r in 0..<x.rows {
      for c in 0..<x.cols { out.data[c] += x.data[r * x.cols + c] }
    }
    return tape.record(out, name: "sumRows", inputs: [self]) { t, g in
      var gx = Tensor(rows: x.rows, cols: x.cols)
      for r in 0..<x.rows {
        for c in 0..<x.cols { gx.data[r * x.cols + c] = g.data[c] }
      }
      t.accumulate(self, gx)
    }
  }

  /// Sum within each row: `n x d -> n x 1`.
  public func sumColumns() -> Variable {
    let x = value
    var out = Tensor(rows: x.rows, cols: 1)
    for r in 0..<x.rows {
      var s: Float = 0
      for c in 0..<x.cols { s += x.data[r * x.cols + c] }
      out.data[r] = s
    }
    return tape.record(out, name: "sumColumns", inputs: [self]) { t, g in
      var gx = Tensor(rows: x.rows, cols: x.cols)
      for r in 0..<x.rows {
        for c in 0..<x.cols { gx.data[r * x.cols + c] = g.data[r] }
      }
      t.accumulate(self, gx)
    }
  }

  /// Row-wise dot product with `other` (same shape): `n x d -> n x 1`.
  public func rowDot(_ other: Variable) -> Variable {
    (self * other).sumColumns()
  }
}
