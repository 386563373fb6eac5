import Foundation

extension Variable {
  /// Layer normalisation of each row (Ba et al., 2016), PyTorch's
  /// `LayerNorm(d)`: `y = (x - mean) / sqrt(var + eps) * gamma + beta`, with
  /// the biased variance of the row. `gamma`, `beta`: `1 x d`.
  public func layerNorm(gamma: Variable, beta: Variable, eps: Float = 1e-5) -> Variable {
    let x = value
    let (n, d) = (x.rows, x.cols)
    let (gv, bv) = (gamma.value, beta.value)
    precondition(gv.count == d && bv.count == d, "layerNorm: gamma/beta width")
    var inverseStd = [Float](repeating: 0, count: n)
    var xhat = Tensor(rows: n, cols: d)
    var y = Tensor(rows: n, cols: d)
    x.read { px in
      gv.read { pg in
        bv.read { pb in
          xhat.write { ph in
            y.write { py in
              for r in 0..<n {
                let base = r * d
                let row = px.baseAddress! + base
                let mean = Kernels.sum(d, row) / Float(d)
                let variance = Kernels.squaredDeviation(d, row, mean)
                let inv = 1 / (variance / Float(d) + eps).squareRoot()
                inverseStd[r] = inv
                for c in 0..<d {
                  let h = (px[base + c] - mean) * inv
                  ph[base + c] = h
                  py[base + c] = h * pg[c] + pb[c]
                }
              }
            }
          }
        }
      }
    }
    return tape.record(y, name: "layerNorm", inputs: [self, gamma, beta]) { t, g in
      let wantsX = t.wantsGrad(self)
      var gg = Tensor(rows: 1, cols: d)
      var gb = Tensor(rows: 1, cols: d)
      var gx = Tensor(rows: n, cols: wantsX ? d : 0)
      g.read { pgo in
        xhat.read { ph in
          gv.read { pgamma in
            gg.write { pgg in
              gb.write { pgb in
                gx.write { pgx in
                  var gh = [Float](repeating: 0, count: d)
                  for r in 0..<n {
                    let base = r * d
                    for c in 0..<d {
                      let go = pgo[base + c]
                      pgg[c] += go * ph[base + c]
                      pgb[c] += go
                      gh[c] = go * pgamma[c]
                    }
                    guard wantsX else { continue }
                    var meanG = gh.withUnsafeBufferPointer { Kernels.sum(d, $0.baseAddress!) }
                    var meanGX = gh.withUnsafeBufferPointer {
                      Kernels.dot(d, $0.baseAddress!, ph.baseAddress! + base)
                    }
                    meanG /= Float(d)
                    meanGX /= Float(d)
                    let inv = inverseStd[r]
                    for c in 0..<d {
                      pgx[base + c] = inv * (gh[c] - meanG - ph[base + c] * meanGX)
                    }
                  }
                }
              }
            }
          }
        }
      }
      t.accumulate(gamma, gg)
      t.accumulate(beta, gb)
      if wantsX { t.accumulate(self, gx) }
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
    precondition(gv.count == d && bv.count == d, "batchNorm: gamma/beta width")
    let useBatch = tape.isTraining && n > 1
    var mean = [Float](repeating: 0, count: d)
    var variance = [Float](repeating: 0, count: d)
    if useBatch {
      x.read { px in
        for r in 0..<n {
          for c in 0..<d { mean[c] += px[r * d + c] }
        }
        for c in 0..<d { mean[c] /= Float(n) }
        for r in 0..<n {
          for c in 0..<d {
            let e = px[r * d + c] - mean[c]
            variance[c] += e * e
          }
        }
      }
      for c in 0..<d { variance[c] /= Float(n) }
      let unbias = Float(n) / Float(n - 1)
      for c in 0..<d {
        runningMean.value.data[c] =
          (1 - momentum) * runningMean.value.data[c] + momentum * mean[c]
        runningVariance.value.data[c] =
          (1 - momentum) * runningVariance.value.data[c] + momentum * variance[c] * unbias
      }
    } else {
      mean = runningMean.value.data
      variance = runningVariance.value.data
    }
    let inverseStd = variance.map { 1 / ($0 + eps).squareRoot() }
    var xhat = Tensor(rows: n, cols: d)
    var y = Tensor(rows: n, cols: d)
    x.read { px in
      gv.read { pg in
        bv.read { pb in
          xhat.write { ph in
            y.write { py in
              for r in 0..<n {
                for c in 0..<d {
                  let h = (px[r * d + c] - mean[c]) * inverseStd[c]
                  ph[r * d + c] = h
                  py[r * d + c] = h * pg[c] + pb[c]
                }
              }
            }
          }
        }
      }
    }
    return tape.record(y, name: "batchNorm", inputs: [self, gamma, beta]) { t, g in
      var gg = Tensor(rows: 1, cols: d)
      var gb = Tensor(rows: 1, cols: d)
      g.read { pgo in
        xhat.read { ph in
          gg.write { pgg in
            gb.write { pgb in
              for r in 0..<n {
                for c in 0..<d {
                  pgg[c] += pgo[r * d + c] * ph[r * d + c]
                  pgb[c] += pgo[r * d + c]
                }
              }
            }
          }
        }
      }
      t.accumulate(gamma, gg)
      t.accumulate(beta, gb)
      guard t.wantsGrad(self) else { return }
      // with batch statistics:
      // dx = gamma/std * (g - mean(g) - xhat * mean(g * xhat)), per column
      var scale = [Float](repeating: 0, count: d)
      var meanG = [Float](repeating: 0, count: d)
      var meanGX = [Float](repeating: 0, count: d)
      for c in 0..<d {
        scale[c] = gv.data[c] * inverseStd[c]
        if useBatch {
          meanG[c] = gb.data[c] / Float(n)
          meanGX[c] = gg.data[c] / Float(n)
        }
      }
      var gx = Tensor(rows: n, cols: d)
      g.read { pgo in
        xhat.read { ph in
          gx.write { pgx in
            for r in 0..<n {
              for c in 0..<d {
                let i = r * d + c
                pgx[i] = scale[c] * (pgo[i] - meanG[c] - ph[i] * meanGX[c])
              }
            }
          }
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
          for c in 0..<d {
            gx.data[base + c] = (g.data[base + c] - y.data[base + c] * dot) / norms[r]
          }
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
    // one 64-bit draw decides four elements: keep an element when its
    // 16-bit slice is at least p * 2^16
    let threshold = UInt64((Double(p) * 65_536).rounded())
    var random = tape.random
    var mask = Tensor(rows: x.rows, cols: x.cols)
    let n = mask.count
    // branch-free: a coin-flip branch mispredicts half the time
    @inline(__always) func keep(_ slice: UInt64) -> Float {
      scale * Float(1 &- ((slice &- threshold) >> 63))
    }
    mask.write { m in
      var i = 0
      while i + 4 <= n {
        let bits = random.next()
        m[i] = keep(bits & 0xFFFF)
        m[i + 1] = keep((bits >> 16) & 0xFFFF)
        m[i + 2] = keep((bits >> 32) & 0xFFFF)
        m[i + 3] = keep(bits >> 48)
        i += 4
      }
      if i < n {
        var bits = random.next()
        while i < n {
          m[i] = keep(bits & 0xFFFF)
          bits >>= 16
          i += 1
        }
      }
    }
    tape.random = random
    let m = mask
    return tape.record(zipTensors(x, m, *), name: "dropout", inputs: [self]) { t, g in
      t.accumulate(self, zipTensors(g, m, *))
    }
  }
}
