/// Graph labels renumbered as PyG does (`unique(sorted=True,
/// return_inverse=True)`): class `c` is the `c`-th smallest label value.
struct ClassLabels {
  var labels: [Int]
  var classNames: [String]

  init(values: [Int]) {
    let distinct = Array(Set(values)).sorted()
    var classOf: [Int: Int] = [:]
    for (c, value) in distinct.enumerated() { classOf[value] = c }
    labels = values.map { classOf[$0]! }
    classNames = distinct.map(String.init)
  }
}

/// Integer node labels in one or more columns, encoded as PyG's
/// `TUDataset` does: each column shifted so its minimum is 0, then one-hot
/// with `max + 1` columns, the blocks side by side.
struct OneHotLabels {
  /// Widest one-hot block accepted; a wider one means a corrupt file.
  static let widthLimit = 10_000

  /// Row-major `rows x columns` shifted values.
  private var shifted: [Int32]
  let columns: Int
  /// One-hot width of each column.
  let widths: [Int]

  var width: Int { widths.reduce(0, +) }

  /// `values` is row-major with `columns` values per row; `lines[r]` is the
  /// file line of row `r`, for errors.
  init(values: [Int], columns: Int, lines: [Int32], file: String) throws {
    self.columns = columns
    var low = [Int](repeating: .max, count: columns)
    var high = [Int](repeating: .min, count: columns)
    var highRow = [Int](repeating: 0, count: columns)
    for (i, value) in values.enumerated() {
      let c = i % columns
      low[c] = min(low[c], value)
      if value > high[c] {
        high[c] = value
        highRow[c] = i / columns
      }
    }
    var widths: [Int] = []
    for c in 0..<columns {
      let (span, overflow) = high[c].subtractingReportingOverflow(low[c])
      guard !overflow, span < OneHotLabels.widthLimit else {
        throw DatasetError.badField(
          file: file, line: Int(lines[highRow[c]]),
          expected: "node labels spanning at most \(OneHotLabels.widthLimit) values "
            + "(one one-hot column each; the smallest is \(low[c]))",
          found: String(high[c]))
      }
      widths.append(span + 1)
    }
    self.widths = widths
    shifted = values.enumerated().map { Int32($1 - low[$0 % columns]) }
  }

  /// The shifted first column, one value per row.
  var firstColumn: [Int32] {
    stride(from: 0, to: shifted.count, by: columns).map { shifted[$0] }
  }

  /// Sets the one-hot entries of every row in `features` (row-major,
  /// `rowWidth` wide, already zeroed), starting at column `offset`.
  func write(into features: inout [Float], rowWidth: Int, offset: Int) {
    let rows = shifted.count / max(columns, 1)
    for r in 0..<rows {
      var column = offset
      for c in 0..<columns {
        features[r * rowWidth + column + Int(shifted[r * columns + c])] = 1
        column += widths[c]
      }
    }
  }
}
