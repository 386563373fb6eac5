/// Per-segment extremes and spread, PyG's `max`, `min` and `std`
/// aggregations. Member `k` of a segment is row `k` of `self`, or, with
/// `gathering: rows`, row `rows[k]`: with `IncomingEdges` that reads
/// `x_j` for every edge `j -> i` into node `i` without building the
/// `E x d` tensor of gathered rows. An empty segment gives a row of zeros,
/// as PyG's scatter does.
extension Variable {
  /// Largest member of each segment, column by column:
  /// `segments x d`. Gradient: all of it to the first member (in segment
  /// order) holding the maximum; tied later members get nothing.
  public func segmentMax(_ segments: Segments, gathering rows: [Int32]? = nil) -> Variable {
    segmentExtreme(segments, rows: rows, largest: true)
  }

  /// Smallest member of each segment, column by column; gradient to the
  /// first member holding the minimum, as `segmentMax`.
  public func segmentMin(_ segments: Segments, gathering rows: [Int32]? = nil) -> Variable {
    segmentExtreme(segments, rows: rows, largest: false)
  }

  private func segmentExtreme(_ segments: Segments, rows: [Int32]?, largest: Bool) -> Variable {
    let x = value
    let d = x.cols
    let members = checkMembers(segments, rows, op: largest ? "segmentMax" : "segmentMin")
    let offsets = segments.offsets
    // the row of x each output element came from, -1 for an empty segment
    var winner = [Int32](repeating: -1, count: segments.count * d)
    let y = Tensor(rows: segments.count, cols: d) { py in
      x.read { px in
        members.withUnsafeBufferPointer { pr in
          winner.withUnsafeMutableBufferPointer { pw in
            for s in 0..<segments.count {
              let (start, end, o) = (offsets[s], offsets[s + 1], s * d)
              guard start < end else {
                for c in 0..<d { py[o + c] = 0 }
                continue
              }
              extremes(
                px.baseAddress!, rows: UnsafeBufferPointer(rebasing: pr[start..<end]),
                width: d, largest: largest, into: py.baseAddress! + o,
                rowsOf: pw.baseAddress! + o)
            }
          }
        }
      }
    }
    let from = winner
    return tape.record(y, name: largest ? "segmentMax" : "segmentMin", inputs: [self]) { t, g in
      var gx = Tensor(rows: x.rows, cols: d)
      g.read { pg in
        gx.write { pgx in
          from.withUnsafeBufferPointer { pw in
            for s in 0..<segments.count where offsets[s] < offsets[s + 1] {
              for c in 0..<d { pgx[Int(pw[s * d + c]) * d + c] += pg[s * d + c] }
            }
          }
        }
      }
      t.accumulate(self, gx)
    }
  }

  /// Standard deviation of each segment's members, column by column, as
  /// PyG's `StdAggregation`: `sqrt(max(var, 1e-5))` with `var` the biased
  /// variance (computed from deviations, not as `E[x^2] - E[x]^2`), and 0
  /// where `var <= 1e-5`, so an empty or one-member segment gives 0.
  /// `segments x d`.
  ///
  /// Gradient: `(x_k - mean) / (count * std)` where `var > 1e-5`, else 0.
  public func segmentStd(_ segments: Segments, gathering rows: [Int32]? = nil) -> Variable {
    let x = value
    let d = x.cols
    let members = checkMembers(segments, rows, op: "segmentStd")
    let offsets = segments.offsets
    let floor: Float = 1e-5
    var means = Tensor(rows: segments.count, cols: d)
    // member by member, accumulating sums, then squared deviations
    let y = Tensor(rows: segments.count, cols: d) { py in
      x.read { px in
        means.write { pm in
          for s in 0..<segments.count {
            let (start, end, o) = (offsets[s], offsets[s + 1], s * d)
            let inverse = start < end ? 1 / Float(end - start) : 0
            for c in 0..<d { py[o + c] = 0 }
            for k in start..<end {
              Kernels.axpy(d, 1, px.baseAddress! + Int(members[k]) * d, pm.baseAddress! + o)
            }
            for c in 0..<d { pm[o + c] *= inverse }
            for k in start..<end {
              addSquaredDeviations(
                d, px.baseAddress! + Int(members[k]) * d, pm.baseAddress! + o,
                into: py.baseAddress! + o)
            }
            for c in 0..<d {
              let variance = py[o + c] * inverse
              py[o + c] = variance > floor ? variance.squareRoot() : 0
            }
          }
        }
      }
    }
    let m = means
    return tape.record(y, name: "segmentStd", inputs: [self]) { t, g in
      var gx = Tensor(rows: x.rows, cols: d)
      var scale = [Float](repeating: 0, count: d)
      g.read { pg in
        x.read { px in
          m.read { pm in
            y.read { py in
              gx.write { pgx in
                for s in 0..<segments.count {
                  let (start, end, o) = (offsets[s], offsets[s + 1], s * d)
                  for c in 0..<d {
                    let std = py[o + c]
                    scale[c] = std > 0 ? pg[o + c] / (Float(end - start) * std) : 0
                  }
                  scale.withUnsafeBufferPointer { ps in
                    for k in start..<end {
                      let r = Int(members[k]) * d
                      addScaledDeviations(
                        d, px.baseAddress! + r, pm.baseAddress! + o, ps.baseAddress!,
                        into: pgx.baseAddress! + r)
                    }
                  }
                }
              }
            }
          }
        }
      }
      t.accumulate(self, gx)
    }
  }

  /// The row of `self` of every segment member: `rows`, or `0..<n`.
  private func checkMembers(_ segments: Segments, _ rows: [Int32]?, op: String) -> [Int32] {
    let n = value.rows
    guard let rows else {
      precondition(n == segments.rowCount, "\(op): \(n) rows for \(segments.rowCount) members")
      return (0..<Int32(n)).map { $0 }
    }
    precondition(rows.count == segments.rowCount, "\(op): \(rows.count) rows for the members")
    for r in rows { precondition(r >= 0 && Int(r) < n, "\(op): row \(r) out of range") }
    return rows
  }
}

/// Column-wise extremes over the rows `rows` of the `width`-wide matrix
/// at `x`, eight columns at a time: each column's value into `y`, and the
/// row it came from (the first in `rows` order on ties) into `at`.
@inline(__always)
private func extremes(
  _ x: UnsafePointer<Float>, rows: UnsafeBufferPointer<Int32>, width d: Int, largest: Bool,
  into y: UnsafeMutablePointer<Float>, rowsOf at: UnsafeMutablePointer<Int32>
) {
  typealias Rows = SIMD8<Int32>
  var c = 0
  while c + 8 <= d {
    var best = Kernels.load(x, Int(rows[0]) * d + c)
    var from = Rows(repeating: rows[0])
    for k in 1..<rows.count {
      let v = Kernels.load(x, Int(rows[k]) * d + c)
      // strict comparison: the first member keeps a tie
      let better = largest ? v .> best : v .< best
      best.replace(with: v, where: better)
      from.replace(with: Rows(repeating: rows[k]), where: better)
    }
    Kernels.store(best, y, c)
    UnsafeMutableRawPointer(at + c).storeBytes(of: from, as: Rows.self)
    c += 8
  }
  while c < d {
    var best = x[Int(rows[0]) * d + c]
    var from = rows[0]
    for k in 1..<rows.count {
      let v = x[Int(rows[k]) * d + c]
      if largest ? v > best : v < best {
        best = v
        from = rows[k]
      }
    }
    y[c] = best
    at[c] = from
    c += 1
  }
}

/// `y[c] += (x[c] - m[c])^2` over `0..<n`.
@inline(__always)
private func addSquaredDeviations(
  _ n: Int, _ x: UnsafePointer<Float>, _ m: UnsafePointer<Float>,
  into y: UnsafeMutablePointer<Float>
) {
  var c = 0
  while c + 8 <= n {
    let e = Kernels.load(x, c) - Kernels.load(m, c)
    Kernels.store(Kernels.load(UnsafePointer(y), c) + e * e, y, c)
    c += 8
  }
  while c < n {
    y[c] += (x[c] - m[c]) * (x[c] - m[c])
    c += 1
  }
}

/// `y[c] += (x[c] - m[c]) * s[c]` over `0..<n`.
@inline(__always)
private func addScaledDeviations(
  _ n: Int, _ x: UnsafePointer<Float>, _ m: UnsafePointer<Float>, _ s: UnsafePointer<Float>,
  into y: UnsafeMutablePointer<Float>
) {
  var c = 0
  while c + 8 <= n {
    let e = (Kernels.load(x, c) - Kernels.load(m, c)) * Kernels.load(s, c)
    Kernels.store(Kernels.load(UnsafePointer(y), c) + e, y, c)
    c += 8
  }
  while c < n {
    y[c] += (x[c] - m[c]) * s[c]
    c += 1
  }
}
