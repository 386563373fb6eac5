/// Row gathers, reshapes and window maxima used by the pooling backbones
/// (DGCNN's SortPooling and 1-D convolutions, SAGPool's top-k selection).
extension Variable {
  /// Rows `index[i]` of `self`, with `-1` standing for a row of zeros:
  /// `n x d -> index.count x d`. Gradient: scatter-add of the incoming rows
  /// back to their sources; padding rows send nothing back.
  public func gatherRows(padded index: [Int32]) -> Variable {
    let x = value
    let d = x.cols
    for src in index {
      precondition(src >= -1 && Int(src) < x.rows, "gatherRows: index out of range")
    }
    let out = Tensor(rows: index.count, cols: d) { po in
      x.read { px in
        for (i, src) in index.enumerated() {
          if src < 0 {
            for c in 0..<d { po[i * d + c] = 0 }
          } else {
            let s = Int(src) * d
            for c in 0..<d { po[i * d + c] = px[s + c] }
          }
        }
      }
    }
    return tape.record(out, name: "gatherRowsPadded", inputs: [self]) { t, g in
      var back = Tensor(rows: x.rows, cols: d)
      for (i, src) in index.enumerated() where src >= 0 {
        let s = Int(src) * d
        for c in 0..<d { back.data[s + c] += g.data[i * d + c] }
      }
      t.accumulate(self, back)
    }
  }

  /// The same elements read as a `rows x cols` matrix (row-major order
  /// kept): `n x d -> rows x cols` with `rows * cols == n * d`.
  public func reshaped(rows: Int, cols: Int) -> Variable {
    let x = value
    precondition(rows * cols == x.count, "reshaped: \(x.shapeDescription) to \(rows)x\(cols)")
    let out = Tensor(rows: rows, cols: cols, data: x.data)
    return tape.record(out, name: "reshaped", inputs: [self]) { t, g in
      t.accumulate(self, Tensor(rows: x.rows, cols: x.cols, data: g.data))
    }
  }

  /// 1-D max pooling with window 2 and stride 2 (PyTorch's `MaxPool1d(2, 2)`)
  /// along the positions of `groups` sequences of `length` rows each:
  /// `(groups * length) x c -> (groups * (length / 2)) x c`; an odd last
  /// position is dropped. Gradient: to the larger of each pair (the first
  /// on a tie).
  public func maxPoolPairs(length: Int) -> Variable {
    let x = value
    precondition(length > 0 && x.rows % length == 0, "maxPoolPairs: rows not in groups")
    let groups = x.rows / length
    let half = length / 2
    let c = x.cols
    var winner = [Int32](repeating: 0, count: groups * half * c)
    var out = Tensor(rows: groups * half, cols: c)
    for g in 0..<groups {
      for p in 0..<half {
        let a = (g * length + 2 * p) * c
        let o = (g * half + p) * c
        for j in 0..<c {
          let (u, v) = (x.data[a + j], x.data[a + c + j])
          let pick = v > u ? a + c + j : a + j
          winner[o + j] = Int32(pick)
          out.data[o + j] = x.data[pick]
        }
      }
    }
    return tape.record(out, name: "maxPoolPairs", inputs: [self]) { t, g in
      var back = Tensor(rows: x.rows, cols: c)
      for (o, src) in winner.enumerated() { back.data[Int(src)] += g.data[o] }
      t.accumulate(self, back)
    }
  }

  /// The windows of a 1-D convolution with stride 1, unfolded so that the
  /// convolution becomes one matrix product: `groups` sequences of `length`
  /// rows of `c` channels give, per sequence, `length - window + 1` rows of
  /// `window * c` values (positions `p ..< p + window`, position-major):
  /// `(groups * length) x c -> (groups * (length - window + 1)) x (window * c)`.
  public func unfoldWindows(length: Int, window: Int) -> Variable {
    precondition(length >= window && rows % length == 0, "unfoldWindows: bad length")
    let groups = rows / length
    let outputs = length - window + 1
    var index: [Int32] = []
    index.reserveCapacity(groups * outputs * window)
    for g in 0..<groups {
      for p in 0..<outputs {
        for w in 0..<window { index.append(Int32(g * length + p + w)) }
      }
    }
    return gatherRows(index).reshaped(rows: groups * outputs, cols: window * cols)
  }
}
