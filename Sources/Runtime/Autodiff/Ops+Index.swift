extension Variable {
  /// Rows `index[i]` of `self`, stacked: `n x d -> index.count x d`.
  /// Gradient: scatter-add of the incoming rows back to their sources.
  public func gatherRows(_ index: [Int32]) -> Variable {
    let x = value
    let out = gather(x, index)
    return tape.record(out, name: "gatherRows", inputs: [self]) { t, g in
      t.accumulate(self, scatterAdd(g, index, rows: x.rows))
    }
  }

  /// Adds row `i` of `self` into row `index[i]` of a `rows x d` result.
  /// Gradient: gather of the incoming rows.
  public func scatterAddRows(_ index: [Int32], rows: Int) -> Variable {
    let x = value
    precondition(index.count == x.rows, "scatterAddRows: one index per row")
    let out = scatterAdd(x, index, rows: rows)
    return tape.record(out, name: "scatterAddRows", inputs: [self]) { t, g in
      t.accumulate(self, gather(g, index))
    }
  }

  /// Sum of the rows of each segment: `n x d -> segments x d`.
  public func segmentSum(_ segments: Segments) -> Variable {
    let x = value
    precondition(x.rows == segments.rowCount, "segmentSum: \(x.rows) rows for segments")
    let out = segmentTotals(x, segments, scaled: false)
    return tape.record(out, name: "segmentSum", inputs: [self]) { t, g in
      t.accumulate(self, expand(g, segments, scaled: false))
    }
  }

  /// Mean of the rows of each segment (an empty segment gives zeros):
  /// PyG's `global_mean_pool`.
  public func segmentMean(_ segments: Segments) -> Variable {
    let x = value
    precondition(x.rows == segments.rowCount, "segmentMean: \(x.rows) rows for segments")
    let out = segmentTotals(x, segments, scaled: true)
    return tape.record(out, name: "segmentMean", inputs: [self]) { t, g in
      t.accumulate(self, expand(g, segments, scaled: true))
    }
  }

  /// Copies row `s` to every row of segment `s`: `segments x d -> n x d`.
  public func broadcast(to segments: Segments) -> Variable {
    gatherRows(segments.rowSegment)
  }

  /// Places `other`'s columns after `self`'s: `n x a, n x b -> n x (a+b)`.
  public func concatColumns(_ other: Variable) -> Variable {
    let (a, b) = (value, other.value)
    precondition(a.rows == b.rows, "concatColumns: row counts differ")
    let w = a.cols + b.cols
    var out = Tensor(rows: a.rows, cols: w)
    for r in 0..<a.rows {
      for c in 0..<a.cols { out.data[r * w + c] = a.data[r * a.cols + c] }
      for c in 0..<b.cols { out.data[r * w + a.cols + c] = b.data[r * b.cols + c] }
    }
    return tape.record(out, name: "concatColumns", inputs: [self, other]) { t, g in
      var ga = Tensor(rows: a.rows, cols: a.cols)
      var gb = Tensor(rows: b.rows, cols: b.cols)
      for r in 0..<a.rows {
        for c in 0..<a.cols { ga.data[r * a.cols + c] = g.data[r * w + c] }
        for c in 0..<b.cols { gb.data[r * b.cols + c] = g.data[r * w + a.cols + c] }
      }
      t.accumulate(self, ga)
      t.accumulate(other, gb)
    }
  }
}

func gather(_ x: Tensor, _ index: [Int32]) -> Tensor {
  let d = x.cols
  for src in index { precondition(src >= 0 && Int(src) < x.rows, "gather: index out of range") }
  return Tensor(rows: index.count, cols: d) { po in
    x.read { px in
      for (i, src) in index.enumerated() {
        let s = Int(src) * d
        for c in 0..<d { po[i * d + c] = px[s + c] }
      }
    }
  }
}

func scatterAdd(_ x: Tensor, _ index: [Int32], rows: Int) -> Tensor {
  let d = x.cols
  var out = Tensor(rows: rows, cols: d)
  x.data.withUnsafeBufferPointer { px in
    out.data.withUnsafeMutableBufferPointer { po in
      for (i, dst) in index.enumerated() {
        let o = Int(dst) * d
        for c in 0..<d { po[o + c] += px[i * d + c] }
      }
    }
  }
  return out
}

private func segmentTotals(_ x: Tensor, _ segments: Segments, scaled: Bool) -> Tensor {
  let d = x.cols
  var out = Tensor(rows: segments.count, cols: d)
  x.data.withUnsafeBufferPointer { px in
    out.data.withUnsafeMutableBufferPointer { po in
      for s in 0..<segments.count {
        let range = segments.range(s)
        for i in range {
          for c in 0..<d { po[s * d + c] += px[i * d + c] }
        }
        if scaled && !range.isEmpty {
          let inv = 1 / Float(range.count)
          for c in 0..<d { po[s * d + c] *= inv }
        }
      }
    }
  }
  return out
}

private func expand(_ g: Tensor, _ segments: Segments, scaled: Bool) -> Tensor {
  let d = g.cols
  var out = Tensor(rows: segments.rowCount, cols: d)
  for s in 0..<segments.count {
    let range = segments.range(s)
    let scale: Float = scaled && !range.isEmpty ? 1 / Float(range.count) : 1
    for i in range {
      for c in 0..<d { out.data[i * d + c] = g.data[s * d + c] * scale }
    }
  }
  return out
}
