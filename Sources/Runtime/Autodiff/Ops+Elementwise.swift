import Foundation

/// How the right operand of a binary op is broadcast over the left.
enum Broadcast {
  case same  // equal shapes
  case row  // right is 1 x cols: one row for every row
  case column  // right is rows x 1: one value for every column
  case scalar  // right is 1 x 1

  init(_ a: Tensor, _ b: Tensor, op: String) {
    if a.rows == b.rows && a.cols == b.cols {
      self = .same
    } else if b.rows == 1 && b.cols == 1 {
      self = .scalar
    } else if b.rows == 1 && b.cols == a.cols {
      self = .row
    } else if b.cols == 1 && b.rows == a.rows {
      self = .column
    } else {
      preconditionFailure(
        "\(op): cannot broadcast \(b.shapeDescription) over \(a.shapeDescription)")
    }
  }

  /// Index into the right operand for element (r, c) of the left.
  @inline(__always) func index(_ r: Int, _ c: Int, cols: Int) -> Int {
    switch self {
    case .same: r * cols + c
    case .row: c
    case .column: r
    case .scalar: 0
    }
  }

  /// Sums a full-shaped gradient down to the right operand's shape.
  func reduce(_ g: Tensor, to b: Tensor) -> Tensor {
    if case .same = self { return g }
    let (rows, cols) = (g.rows, g.cols)
    return makeTensor(b.rows, b.cols) { po in
      g.read { pg in
        switch self {
        case .same: break
        case .scalar:
          var s: Float = 0
          for i in 0..<pg.count { s += pg[i] }
          po[0] = s
        case .row:
          for r in 0..<rows {
            for c in 0..<cols { po[c] += pg[r * cols + c] }
          }
        case .column:
          for r in 0..<rows {
            var s: Float = 0
            for c in 0..<cols { s += pg[r * cols + c] }
            po[r] = s
          }
        }
      }
    }
  }
}

/// Applies `f` elementwise with `b` broadcast over `a`.
@inline(__always)
private func zipBroadcast(
  _ a: Tensor, _ b: Tensor, _ mode: Broadcast, _ f: (Float, Float) -> Float
) -> Tensor {
  let (rows, cols) = (a.rows, a.cols)
  return Tensor(rows: rows, cols: cols) { po in
    a.read { pa in
      b.read { pb in
        switch mode {
        case .same:
          for i in 0..<pa.count { po[i] = f(pa[i], pb[i]) }
        case .scalar:
          let s = pb[0]
          for i in 0..<pa.count { po[i] = f(pa[i], s) }
        case .row:
          for r in 0..<rows {
            for c in 0..<cols { po[r * cols + c] = f(pa[r * cols + c], pb[c]) }
          }
        case .column:
          for r in 0..<rows {
            let s = pb[r]
            for c in 0..<cols { po[r * cols + c] = f(pa[r * cols + c], s) }
          }
        }
      }
    }
  }
}

/// `f` of corresponding elements of two same-shaped tensors.
@inline(__always)
func zipTensors(_ a: Tensor, _ b: Tensor, _ f: (Float, Float) -> Float) -> Tensor {
  zipBroadcast(a, b, .same, f)
}

/// Applies `f` to every element.
@inline(__always)
func mapElements(_ a: Tensor, _ f: (Float) -> Float) -> Tensor {
  Tensor(rows: a.rows, cols: a.cols) { po in
    a.read { pa in
      for i in 0..<pa.count { po[i] = f(pa[i]) }
    }
  }
}

extension Variable {
  /// `self + other`, with `other` of the same shape, a row (1 x cols), a
  /// column (rows x 1) or a scalar (1 x 1), broadcast over `self`.
  public static func + (a: Variable, b: Variable) -> Variable {
    let (x, y) = (a.value, b.value)
    let mode = Broadcast(x, y, op: "add")
    return a.tape.record(zipBroadcast(x, y, mode, +), name: "add", inputs: [a, b]) { t, g in
      t.accumulate(a, g)
      if t.wantsGrad(b) { t.accumulate(b, mode.reduce(g, to: y)) }
    }
  }

  /// `self - other`, broadcasting as `+`.
  public static func - (a: Variable, b: Variable) -> Variable {
    let (x, y) = (a.value, b.value)
    let mode = Broadcast(x, y, op: "sub")
    return a.tape.record(zipBroadcast(x, y, mode, -), name: "sub", inputs: [a, b]) { t, g in
      t.accumulate(a, g)
      if t.wantsGrad(b) { t.accumulate(b, mapElements(mode.reduce(g, to: y)) { -$0 }) }
    }
  }

  /// Elementwise product, broadcasting as `+`.
  public static func * (a: Variable, b: Variable) -> Variable {
    let (x, y) = (a.value, b.value)
    let mode = Broadcast(x, y, op: "mul")
    return a.tape.record(zipBroadcast(x, y, mode, *), name: "mul", inputs: [a, b]) { t, g in
      if t.wantsGrad(a) { t.accumulate(a, zipBroadcast(g, y, mode, *)) }
      if t.wantsGrad(b) { t.accumulate(b, mode.reduce(zipBroadcast(g, x, .same, *), to: y)) }
    }
  }

  /// Multiplies every element by a constant.
  public static func * (a: Variable, s: Float) -> Variable {
    a.tape.record(mapElements(a.value) { $0 * s }, name: "scale", inputs: [a]) { t, g in
      t.accumulate(a, mapElements(g) { $0 * s })
    }
  }

  /// Adds a constant to every element.
  public static func + (a: Variable, s: Float) -> Variable {
    a.tape.record(mapElements(a.value) { $0 + s }, name: "shift", inputs: [a]) { t, g in
      t.accumulate(a, g)
    }
  }

  /// `max(x, 0)`; the gradient at 0 is 0, as in PyTorch.
  public func relu() -> Variable {
    let x = value
    return tape.record(mapElements(x) { max($0, 0) }, name: "relu", inputs: [self]) { t, g in
      t.accumulate(self, zipBroadcast(g, x, .same) { $1 > 0 ? $0 : 0 })
    }
  }

  /// `x` for `x > 0`, else `slope * x` (GAT uses slope 0.2).
  public func leakyRelu(slope: Float = 0.01) -> Variable {
    let x = value
    let y = mapElements(x) { $0 > 0 ? $0 : slope * $0 }
    return tape.record(y, name: "leakyRelu", inputs: [self]) { t, g in
      var gx = g
      for i in gx.data.indices where x.data[i] <= 0 { gx.data[i] *= slope }
      t.accumulate(self, gx)
    }
  }

  /// `e^x`.
  public func exp() -> Variable {
    let y = mapElements(value) { Foundation.exp($0) }
    return tape.record(y, name: "exp", inputs: [self]) { t, g in
      var gx = g
      for i in gx.data.indices { gx.data[i] *= y.data[i] }
      t.accumulate(self, gx)
    }
  }

  /// Natural logarithm (the caller keeps inputs positive).
  public func log() -> Variable {
    let x = value
    return tape.record(mapElements(x) { Foundation.log($0) }, name: "log", inputs: [self]) {
      t, g in
      var gx = g
      for i in gx.data.indices { gx.data[i] /= x.data[i] }
      t.accumulate(self, gx)
    }
  }

  /// `1 / (1 + e^-x)`.
  public func sigmoid() -> Variable {
    let y = mapElements(value) { 1 / (1 + Foundation.exp(-$0)) }
    return tape.record(y, name: "sigmoid", inputs: [self]) { t, g in
      var gx = g
      for i in gx.data.indices { gx.data[i] *= y.data[i] * (1 - y.data[i]) }
      t.accumulate(self, gx)
    }
  }

  /// Hyperbolic tangent.
  public func tanh() -> Variable {
    let y = mapElements(value) { Foundation.tanh($0) }
    return tape.record(y, name: "tanh", inputs: [self]) { t, g in
      var gx = g
      for i in gx.data.indices { gx.data[i] *= 1 - y.data[i] * y.data[i] }
      t.accumulate(self, gx)
    }
  }
}
