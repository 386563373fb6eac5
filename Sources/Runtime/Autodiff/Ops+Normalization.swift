import Foundation

extension Variable {
  /// Layer normalisation of each row (Ba et al., 2016), PyTorch's
  /// `LayerNorm(d)`: `y = (x - mean) / sqrt(var + eps) * gamma + beta`, with
  /// the biased variance of the row. `gamma`, `beta`: `1 x d`.
  public func layerNorm(gamma: Variable, beta: Variable, eps: Float = 1e-5) -> Variable {
    let x = value
    let (n, d) = (x.rows, x.cols)
    var xhat = x
    var inverseStd = [Float](repeating: 0, count: n)
    for r in 0..<n {
      let base = r * d
      var mean: Float = 0
      for c in 0..<d { mean += x.data[base + c] }
      mean /= Float(d)
      var variance: Float = 0
      for c in 0..<d {
        let e = x.data[base + c] - mean
        variance += e * e
      }
      variance /= Float(d)
      let inv = 1 / (variance + eps).squareRoot()
      inverseStd[r] = inv
      for c in 0..<d { xhat.data[base + c] = (x.data[base + c] - mean) * inv }
    }
    let (gv, bv) = (gamma.value, beta.value)
    var y = xhat
    for r in 0..<n {
      for c in 0..<d { y.data[r * d + c] = xhat.data[r * d + c] * gv.data[c] + bv.data[c] }
    }
    return tape.record(y, name: "layerNorm", inputs: [self, gamma, beta]) { t, g in
      if t.wantsGrad(gamma) || t.wantsGrad(beta) {
        var gg = Tensor(rows: 1, cols: d)
        var gb = Tensor(rows: 1, cols: d)
        for r in 0..<n {
          for c in 0..<d {
            gg.data[c] += g.data[r * d + c] * xhat.data[r * d + c]
            gb.data[c] += g.data[r * d + c]
          }
        }
        t.accumulate(gamma, gg)
        t.accumulate(beta, gb)
      }
      guard t.wantsGrad(self) else { return }
      var gx = Tensor(rows: n, cols: d)
      for r in 0..<n {
        let base = r * d
        var meanG: Float = 0
        var meanGX: Float = 0
        for c in 0..<d {
          let gh = g.data[base + c] * gv.data[c]
          meanG += gh
          meanGX += gh * xhat.data[base + c]
        }
        meanG /= Float(d)
        meanGX /= Float(d)
        for c in 0..<d {
          let gh = g.data[base + c] * gv.data[c]
          gx.data[base + c] = inverseStd[r] * (gh - meanG - xhat.data[base + c] * meanGX)
        }
      }
      t.accumulate(self, gx)
    }
  }

  /// Batch normalisation of each column (Ioffe & Szegedy, 2015), PyTorch's
  /// `BatchNorm1d(d)`. In training, normalises with the batch's mean and
  /// biased variance and updates the running statistics with `momentum`
  /// (the running variance takes the unbiased estimate); in evaluation, or
  /// for a single-row batch, normalises with the running statistics.
  public func batchNorm(
    gamma: Variable, beta: Variable, runningMean: Parameter, runningVariance: Parameter,
    momentum: Float = 0.1, eps: Float = 1e-5
  ) -> Variable {
    let x = value
    let (n, d) = (x.rows, x.cols)
    let (gv, bv) = (gamma.value, beta.value)
    let useBatch = tape.isTraining && n > 1
    var mean = [Float](repeating: 0, count: d)
    var variance = [Float](repeating: 0, count: d)
    if useBatch {
      for r in 0..<n {
        for c in 0..<d { mean[c] += x.data[r * d + c] }
      }
      for c in 0..<d { mean[c] /= Float(n) }
      for r in 0..<n {
        for c in 0..<d {
          let e = x.data[r * d + c] - mean[c]
          variance[c] += e * e
        }
      }
      for c in 0..<d { variance[c] /= Float(n) }
      let unbias = Float(n) / Float(n - 1)
      for c in 0..<d {
        runningMean.value.data[c] = (1 - momentum) * runningMean.value.data[c] + momentum * mean[c]
        runningVariance.value.data[c] =
          (1 - momentum) * runningVariance.value.data[c] + momentum * variance[c] * unbias
      }
    } else {
      mean = runningMean.value.data
      variance = runningVariance.value.data
    }
    let inverseStd = variance.map { 1 / ($0 + eps).squareRoot() }
    var xhat = x
    var y = x
    for r in 0..<n {
      for c in 0..<d {
        let h = (x.data[r * d + c] - mean[c]) * inverseStd[c]
        xhat.data[r * d + c] = h
        y.data[r * d + c] = h * gv.data[c] + bv.data[c]
      }
    }
    return tape.record(y, name: "batchNorm", inputs: [self, gamma, beta]) { t, g in
      var gg = Tensor(rows: 1, cols: d)
      var gb = Tensor(rows: 1, cols: d)
      for r in 0..<n {
        for c in 0..<d {
          gg.data[c] += g.data[r * d + c] * xhat.data[r * d + c]
          gb.data[c] += g.data[r * d + c]
        }
      }
      t.accumulate(gamma, gg)
      t.accumulate(beta, gb)
      guard t.wantsGrad(self) else { return }
      var gx = Tensor(rows: n, cols: d)
      if useBatch {
        for c in 0..<d {
          var meanG: Float = 0
          var meanGX: Float = 0
          for r in 0..<n {
            let gh = g.data[r * d + c] * gv.data[c]
            meanG += gh
            meanGX += gh * xhat.data[r * d + c]
          }
          meanG /= Float(n)
          meanGX /= Float(n)
          for r in 0..<n {
            let gh = g.data[r * d + c] * gv.data[c]
            gx.data[r * d + c] = inverseStd[c] * (gh - meanG - xhat.data[r * d + c] * meanGX)
          }
        }
      } else {
        for r in 0..<n {
          for c in 0..<d { gx.data[r * d + c] = g.data[r * d + c] * gv.data[c] * inverseStd[c] }
        }
      }
      t.accumulate(self, gx)
    }
  }

  /// Scales each row to unit Euclidean length, `x / max(||x||, eps)`, as
  /// PyTorch's `F.normalize`: a zero row stays zero instead of dividing by 0.
  public func l2NormalizeRows(eps: Float = 1e-12) -> Variable {
    let x = value
    let (n, d) = (x.rows, x.cols)
    var norms = [Float](repeating: 0, count: n)
    var y = x
    for r in 0..<n {
      var s: Float = 0
      for c in 0..<d { s += x.data[r * d + c] * x.data[r * d + c] }
      norms[r] = max(s.squareRoot(), eps)
      for c in 0..<d { y.data[r * d + c] = x.data[r * d + c] / norms[r] }
    }
    return tape.record(y, name: "l2NormalizeRows", inputs: [self]) { t, g in
      var gx = g
      for r in 0..<n {
        let base = r * d
        if norms[r] > eps {
          var dot: Float = 0
          for c in 0..<d { dot += y.data[base + c] * g.data[base + c] }
          for c in 0..<d { gx.data[base + c] = (g.data[base + c] - y.data[base + c] * dot) / norms[r] }
        } else {
          for c in 0..<d { gx.data[base + c] = g.data[base + c] / eps }
        }
      }
      t.accumulate(self, gx)
    }
  }

  /// Inverted dropout: in training, zeroes each element with probability
  /// `p` and scales the rest by `1 / (1 - p)`; the identity in evaluation.
  public func dropout(_ p: Float) -> Variable {
    guard tape.isTraining, p > 0 else { return self }
    let x = value
    if p >= 1 {
      return tape.record(Tensor(rows: x.rows, cols: x.cols), name: "dropout", inputs: [self]) {
        _, _ in
      }
    }
    let scale = 1 / (1 - p)
    var mask = [Float](repeating: 0, count: x.count)
    for i in 0..<mask.count where tape.random.nextFloat() >= p { mask[i] = scale }
    var y = x
    for i in y.data.indices { y.data[i] *= mask[i] }
    return tape.record(y, name: "dropout", inputs: [self]) { t, g in
      var gx = g
      for i in gx.data.indices { gx.data[i] *= mask[i] }
      t.accumulate(self, gx)
    }
  }
}
