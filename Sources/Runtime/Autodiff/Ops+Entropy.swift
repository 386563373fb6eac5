import Foundation

extension Variable {
  /// Local variation of every feature over a graph: `n x d -> n x d`,
  ///
  ///     V_ic = sum_j A_ij (x_ic - x_jc)^2,
  ///
  /// with `A` the matrix of `op` (MEWISPool's Eq. 5 before the norm: for a
  /// symmetric `A` it equals `x * (L x) - x * (A x) + A (x * x)`, computed
  /// here without that formula's cancellation and without an
  /// edges x features intermediate). Gradient: `dV_ic/dx_ic =
  /// 2 sum_j A_ij (x_ic - x_jc)`, `dV_ic/dx_jc = -2 A_ij (x_ic - x_jc)`.
  public func localVariation(_ op: SparseOperator) -> Variable {
    let x = value
    let a = op.matrix
    precondition(
      a.rows == x.rows && a.cols == x.rows, "localVariation: \(a.rows)x\(a.cols) on \(x.rows) rows")
    let d = x.cols
    var v = Tensor(rows: x.rows, cols: d)
    x.data.withUnsafeBufferPointer { px in
      v.data.withUnsafeMutableBufferPointer { pv in
        for i in 0..<a.rows {
          for k in Int(a.rowStart[i])..<Int(a.rowStart[i + 1]) {
            let (j, w) = (Int(a.columns[k]), a.values[k])
            for c in 0..<d {
              let diff = px[i * d + c] - px[j * d + c]
              pv[i * d + c] += w * diff * diff
            }
          }
        }
      }
    }
    return tape.record(v, name: "localVariation", inputs: [self]) { t, g in
      var gx = Tensor(rows: x.rows, cols: d)
      x.data.withUnsafeBufferPointer { px in
        g.data.withUnsafeBufferPointer { pg in
          gx.data.withUnsafeMutableBufferPointer { po in
            for i in 0..<a.rows {
              for k in Int(a.rowStart[i])..<Int(a.rowStart[i + 1]) {
                let (j, w) = (Int(a.columns[k]), a.values[k])
                for c in 0..<d {
                  let share = 2 * w * (px[i * d + c] - px[j * d + c]) * pg[i * d + c]
                  po[i * d + c] += share
                  po[j * d + c] -= share
                }
              }
            }
          }
        }
      }
      t.accumulate(self, gx)
    }
  }

  /// Euclidean norm of every row: `n x d -> n x 1`,
  ///
  ///     y_i = sqrt(sum_c x_ic^2),   dy_i/dx_ic = x_ic / y_i,
  ///
  /// with the gradient of a zero row taken as zero (PyTorch's
  /// `torch.norm(x, dim=1)` subgradient), so a node whose features match
  /// all its neighbours' passes no NaN back.
  public func rowNorms() -> Variable {
    let x = value
    let d = x.cols
    var y = Tensor(rows: x.rows, cols: 1)
    for r in 0..<x.rows {
      var s: Float = 0
      for c in 0..<d { s += x.data[r * d + c] * x.data[r * d + c] }
      y.data[r] = s.squareRoot()
    }
    return tape.record(y, name: "rowNorms", inputs: [self]) { t, g in
      var gx = Tensor(rows: x.rows, cols: d)
      for r in 0..<x.rows where y.data[r] > 0 {
        let scale = g.data[r] / y.data[r]
        for c in 0..<d { gx.data[r * d + c] = x.data[r * d + c] * scale }
      }
      t.accumulate(self, gx)
    }
  }

  /// The terms of a Shannon entropy, elementwise: `y = -p log p`, and
  /// `dy/dp = -(log p + 1)`. A zero (or negative) `p` gives `y = 0` and a
  /// zero gradient, the `0 log 0 = 0` convention (MEWISPool's code sets
  /// such probabilities to 1 before the log, to the same effect).
  public func entropyTerms() -> Variable {
    let p = value
    let y = mapElements(p) { $0 > 0 ? -$0 * Foundation.log($0) : 0 }
    return tape.record(y, name: "entropyTerms", inputs: [self]) { t, g in
      var gp = g
      for i in gp.data.indices {
        let v = p.data[i]
        gp.data[i] = v > 0 ? -g.data[i] * (Foundation.log(v) + 1) : 0
      }
      t.accumulate(self, gp)
    }
  }
}
