import Foundation

/// A dense, row-major matrix of `Float`: the runtime's only array type.
///
/// Vectors are `1 x n` (a row) or `n x 1` (a column); a scalar is `1 x 1`.
/// Storage is a Swift array, so a `Tensor` has value semantics and copies
/// only when a shared buffer is written.
public struct Tensor: Sendable, Equatable {
  public var rows: Int
  public var cols: Int
  public var data: [Float]

  public init(rows: Int, cols: Int, data: [Float]) {
    precondition(data.count == rows * cols, "Tensor: \(data.count) values for \(rows)x\(cols)")
    self.rows = rows
    self.cols = cols
    self.data = data
  }

  public init(rows: Int, cols: Int, repeating value: Float = 0) {
    self.init(rows: rows, cols: cols, data: [Float](repeating: value, count: rows * cols))
  }

  /// A tensor whose every element `body` must write (no zero-fill first).
  @inline(__always)
  public init(
    rows: Int, cols: Int, filling body: (UnsafeMutableBufferPointer<Float>) -> Void
  ) {
    self.rows = rows
    self.cols = cols
    data = [Float](unsafeUninitializedCapacity: rows * cols) { buffer, initialized in
      body(buffer)
      initialized = rows * cols
    }
  }

  /// A `1 x 1` tensor.
  public init(scalar: Float) {
    self.init(rows: 1, cols: 1, data: [scalar])
  }

  /// Builds a tensor from nested rows; all rows must be the same width.
  public init(_ nested: [[Float]]) {
    let width = nested.first?.count ?? 0
    self.init(rows: nested.count, cols: width, data: nested.flatMap { $0 })
  }

  public static func zeros(_ rows: Int, _ cols: Int) -> Tensor {
    Tensor(rows: rows, cols: cols)
  }

  public var count: Int { rows * cols }
  public var shape: (rows: Int, cols: Int) { (rows, cols) }
  public var shapeDescription: String { "\(rows)x\(cols)" }

  public subscript(row: Int, col: Int) -> Float {
    get { data[row * cols + col] }
    set { data[row * cols + col] = newValue }
  }

  /// The only value of a `1 x 1` tensor.
  public var scalar: Float {
    precondition(count == 1, "Tensor.scalar on a \(shapeDescription) tensor")
    return data[0]
  }

  /// Row `r` as an array.
  public func row(_ r: Int) -> [Float] {
    Array(data[(r * cols)..<((r + 1) * cols)])
  }

  /// The tensor as nested rows, for tests and printing.
  public var nested: [[Float]] {
    (0..<rows).map { row($0) }
  }

  public var transposed: Tensor {
    var out = Tensor(rows: cols, cols: rows)
    for r in 0..<rows {
      for c in 0..<cols { out.data[c * rows + r] = data[r * cols + c] }
    }
    return out
  }

  /// True when every element is finite (no NaN, no infinity).
  public var isFinite: Bool {
    data.allSatisfy { $0.isFinite }
  }

  /// Index of the largest element of each row (the first on ties).
  public func argmaxRows() -> [Int] {
    (0..<rows).map { r in
      var best = 0
      var bestValue = -Float.infinity
      for c in 0..<cols where data[r * cols + c] > bestValue {
        best = c
        bestValue = data[r * cols + c]
      }
      return best
    }
  }
}

extension Tensor: CustomStringConvertible {
  public var description: String {
    let shown = nested.prefix(6).map { row in
      row.prefix(8).map { String(format: "%.4f", $0) }.joined(separator: " ")
    }
    return "Tensor \(shapeDescription)\n" + shown.joined(separator: "\n")
  }
}
