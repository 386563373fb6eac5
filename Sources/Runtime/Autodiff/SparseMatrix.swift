/// A sparse matrix in compressed-row form, with its transpose kept beside
/// it so that the backward pass of `spmm` is another deterministic row walk
/// (no atomics, fixed summation order).
public struct SparseMatrix: Sendable {
  public let rows: Int
  public let cols: Int
  /// `rows + 1` offsets into `columns`/`values`.
  public let rowStart: [Int32]
  public let columns: [Int32]
  public let values: [Float]

  /// Builds a `rows x cols` matrix from (row, col, value) entries; entries
  /// at the same position are summed.
  public init(rows: Int, cols: Int, entries: [(row: Int32, col: Int32, value: Float)]) {
    var counts = [Int32](repeating: 0, count: rows + 1)
    for e in entries { counts[Int(e.row) + 1] += 1 }
    for r in 0..<rows { counts[r + 1] += counts[r] }
    var next = counts
    var columns = [Int32](repeating: 0, count: entries.count)
    var values = [Float](repeating: 0, count: entries.count)
    for e in entries {
      let at = Int(next[Int(e.row)])
      columns[at] = e.col
      values[at] = e.value
      next[Int(e.row)] += 1
    }
    // sort each row by column, for a fixed summation order
    for r in 0..<rows {
      let range = Int(counts[r])..<Int(counts[r + 1])
      if range.count > 1 {
        let sorted = range.map { (columns[$0], values[$0]) }.sorted { $0.0 < $1.0 }
        for (k, i) in range.enumerated() {
          columns[i] = sorted[k].0
          values[i] = sorted[k].1
        }
      }
    }
    self.rows = rows
    self.cols = cols
    self.rowStart = counts
    self.columns = columns
    self.values = values
  }

  public var nonZeroCount: Int { columns.count }

  /// The transpose, as a new CSR matrix.
  public var transposed: SparseMatrix {
    var entries: [(row: Int32, col: Int32, value: Float)] = []
    entries.reserveCapacity(nonZeroCount)
    for r in 0..<rows {
      for k in Int(rowStart[r])..<Int(rowStart[r + 1]) {
        entries.append((columns[k], Int32(r), values[k]))
      }
    }
    return SparseMatrix(rows: cols, cols: rows, entries: entries)
  }

  /// `self * x` for a dense `cols x d` matrix.
  public func multiply(_ x: Tensor) -> Tensor {
    precondition(x.rows == cols, "spmm: \(rows)x\(cols) times \(x.shapeDescription)")
    let d = x.cols
    var out = Tensor(rows: rows, cols: d)
    rowStart.withUnsafeBufferPointer { rs in
      columns.withUnsafeBufferPointer { cs in
        values.withUnsafeBufferPointer { vs in
          x.data.withUnsafeBufferPointer { px in
            out.data.withUnsafeMutableBufferPointer { po in
              let (x0, o0) = (px.baseAddress!, po.baseAddress!)
              for r in 0..<rows {
                for k in Int(rs[r])..<Int(rs[r + 1]) {
                  Kernels.axpy(d, vs[k], x0 + Int(cs[k]) * d, o0 + r * d)
                }
              }
            }
          }
        }
      }
    }
    return out
  }

  /// The dense form, for tests.
  public var dense: Tensor {
    var out = Tensor(rows: rows, cols: cols)
    for r in 0..<rows {
      for k in Int(rowStart[r])..<Int(rowStart[r + 1]) {
        out[r, Int(columns[k])] += values[k]
      }
    }
    return out
  }
}

/// A sparse operator with its transpose precomputed, for `spmm`.
public struct SparseOperator: Sendable {
  public let matrix: SparseMatrix
  public let transpose: SparseMatrix

  public init(_ matrix: SparseMatrix) {
    self.matrix = matrix
    self.transpose = matrix.transposed
  }

  /// `D^-1/2 (A + I) D^-1/2` of the edges `source -> target` on
  /// `nodeCount` nodes: self-loops of weight 1, degree counted at the
  /// target (PyG's `gcn_norm`).
  public static func gcnNormalized(
    nodeCount: Int, source: [Int32], target: [Int32]
  ) -> SparseOperator {
    var inverseRoot = [Float](repeating: 1, count: nodeCount)
    for t in target { inverseRoot[Int(t)] += 1 }
    for i in 0..<nodeCount { inverseRoot[i] = 1 / inverseRoot[i].squareRoot() }
    var entries: [(row: Int32, col: Int32, value: Float)] = []
    entries.reserveCapacity(source.count + nodeCount)
    for (s, t) in zip(source, target) {
      entries.append((t, s, inverseRoot[Int(s)] * inverseRoot[Int(t)]))
    }
    for i in 0..<nodeCount {
      entries.append((Int32(i), Int32(i), inverseRoot[i] * inverseRoot[i]))
    }
    return SparseOperator(SparseMatrix(rows: nodeCount, cols: nodeCount, entries: entries))
  }
}

extension Variable {
  /// Sparse-dense product `A * x` (message passing); gradient `A^T * g`.
  public func spmm(_ op: SparseOperator) -> Variable {
    let y = op.matrix.multiply(value)
    return tape.record(y, name: "spmm", inputs: [self]) { t, g in
      t.accumulate(self, op.transpose.multiply(g))
    }
  }
}
