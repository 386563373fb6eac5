extension Variable {
  /// Places the columns of `parts` side by side, in order:
  /// `n x a, n x b, ... -> n x (a + b + ...)`; the gradient splits back.
  public static func concatColumns(_ parts: [Variable]) -> Variable {
    precondition(!parts.isEmpty, "concatColumns: nothing to join")
    let values = parts.map(\.value)
    let n = values[0].rows
    precondition(values.allSatisfy { $0.rows == n }, "concatColumns: row counts differ")
    let widths = values.map(\.cols)
    let total = widths.reduce(0, +)
    var starts = [0]
    for w in widths { starts.append(starts.last! + w) }
    let out = Tensor(rows: n, cols: total) { po in
      for (k, part) in values.enumerated() where widths[k] > 0 {
        part.read { pp in
          for r in 0..<n {
            (po.baseAddress! + r * total + starts[k])
              .initialize(from: pp.baseAddress! + r * widths[k], count: widths[k])
          }
        }
      }
    }
    return parts[0].tape.record(out, name: "concatColumns", inputs: parts) { t, g in
      for (k, part) in parts.enumerated() where t.wantsGrad(part) {
        let w = widths[k]
        let piece = Tensor(rows: n, cols: w) { pp in
          guard w > 0 else { return }
          g.read { pg in
            for r in 0..<n {
              (pp.baseAddress! + r * w)
                .initialize(from: pg.baseAddress! + r * total + starts[k], count: w)
            }
          }
        }
        t.accumulate(part, piece)
      }
    }
  }
}
