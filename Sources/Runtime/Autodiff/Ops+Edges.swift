import Foundation

/// Ops over the edges of a graph grouped by target (`IncomingEdges`): the
/// edge softmax and weighted aggregation of attention layers.
extension Variable {
  /// Softmax of each column over the edges into each node, PyG's
  /// `softmax(alpha, index)`: `E x H -> E x H`, one column per attention
  /// head, computed stably (the group's maximum subtracted).
  ///
  /// Gradient, per group and column: `dx = y * (g - sum(g * y))`.
  public func edgeSoftmax(_ edges: IncomingEdges) -> Variable {
    let x = value
    let (n, h) = (x.rows, x.cols)
    precondition(n == edges.count, "edgeSoftmax: \(n) rows for \(edges.count) edges")
    let offsets = edges.groups.offsets
    let y = Tensor(rows: n, cols: h) { py in
      x.read { px in
        for i in 0..<edges.nodeCount {
          let (start, end) = (offsets[i], offsets[i + 1])
          for c in 0..<h {
            var m = -Float.infinity
            for e in start..<end { m = max(m, px[e * h + c]) }
            var total: Float = 0
            for e in start..<end {
              let v = Foundation.exp(px[e * h + c] - m)
              py[e * h + c] = v
              total += v
            }
            let inverse = 1 / total
            for e in start..<end { py[e * h + c] *= inverse }
          }
        }
      }
    }
    return tape.record(y, name: "edgeSoftmax", inputs: [self]) { t, g in
      let gx = Tensor(rows: n, cols: h) { pgx in
        g.read { pg in
          y.read { py in
            for i in 0..<edges.nodeCount {
              let (start, end) = (offsets[i], offsets[i + 1])
              for c in 0..<h {
                var dot: Float = 0
                for e in start..<end { dot += pg[e * h + c] * py[e * h + c] }
                for e in start..<end { pgx[e * h + c] = py[e * h + c] * (pg[e * h + c] - dot) }
              }
            }
          }
        }
      }
      t.accumulate(self, gx)
    }
  }

  /// Weighted sum of the sources of each node's incoming edges, head by
  /// head: with `self` (`n x H*C`) read as `H` blocks of `C` columns and
  /// `weights` `E x H`,
  ///
  ///     out[i, block k] = sum over edges e = (j -> i) of weights[e, k] * x[j, block k]
  ///
  /// `n x H*C -> n x H*C` (PyG's `propagate` with messages `alpha * x_j`).
  /// Gradients: `dx[j, block k] += weights[e, k] * g[i, block k]` and
  /// `dweights[e, k] = g[i, block k] . x[j, block k]`.
  public func aggregate(over edges: IncomingEdges, weights: Variable) -> Variable {
    let (x, w) = (value, weights.value)
    let heads = w.cols
    precondition(
      w.rows == edges.count && heads > 0 && x.cols % heads == 0 && x.rows == edges.nodeCount,
      "aggregate: \(x.shapeDescription) values, \(w.shapeDescription) weights, "
        + "\(edges.count) edges")
    let (width, block) = (x.cols, x.cols / heads)
    let offsets = edges.groups.offsets
    let sources = edges.source
    var out = Tensor(rows: x.rows, cols: width)
    x.read { px in
      w.read { pw in
        out.write { po in
          let (x0, o0) = (px.baseAddress!, po.baseAddress!)
          for i in 0..<edges.nodeCount {
            for e in offsets[i]..<offsets[i + 1] {
              let j = Int(sources[e])
              for k in 0..<heads {
                Kernels.axpy(
                  block, pw[e * heads + k], x0 + j * width + k * block, o0 + i * width + k * block)
              }
            }
          }
        }
      }
    }
    return tape.record(out, name: "aggregate", inputs: [self, weights]) { t, g in
      let (wantsX, wantsW) = (t.wantsGrad(self), t.wantsGrad(weights))
      var gx = Tensor(rows: wantsX ? x.rows : 0, cols: width)
      var gw = Tensor(rows: wantsW ? w.rows : 0, cols: heads)
      g.read { pg in
        x.read { px in
          w.read { pw in
            gx.write { pgx in
              gw.write { pgw in
                let (g0, x0) = (pg.baseAddress!, px.baseAddress!)
                for i in 0..<edges.nodeCount {
                  for e in offsets[i]..<offsets[i + 1] {
                    let j = Int(sources[e])
                    for k in 0..<heads {
                      let gi = g0 + i * width + k * block
                      let at = j * width + k * block
                      if wantsW { pgw[e * heads + k] = Kernels.dot(block, gi, x0 + at) }
                      if wantsX {
                        Kernels.axpy(block, pw[e * heads + k], gi, pgx.baseAddress! + at)
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
      if wantsX { t.accumulate(self, gx) }
      if wantsW { t.accumulate(weights, gw) }
    }
  }
}
