/// Small vector kernels on raw pointers, written with explicit 8-wide SIMD
/// so they vectorise without fast-math: Swift keeps a scalar loop's
/// floating-point order, which serialises reductions, and cannot prove
/// that two buffers do not alias.
enum Kernels {
  typealias Vector = SIMD8<Float>

  @inline(__always)
  static func load(_ p: UnsafePointer<Float>, _ i: Int) -> Vector {
    UnsafeRawPointer(p + i).loadUnaligned(as: Vector.self)
  }

  @inline(__always)
  static func store(_ v: Vector, _ p: UnsafeMutablePointer<Float>, _ i: Int) {
    UnsafeMutableRawPointer(p + i).storeBytes(of: v, as: Vector.self)
  }

  /// `y[0..<n] += a * x[0..<n]`.
  @inline(__always)
  static func axpy(
    _ n: Int, _ a: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>
  ) {
    var i = 0
    let va = Vector(repeating: a)
    while i + 8 <= n {
      store(load(UnsafePointer(y), i) + va * load(x, i), y, i)
      i += 8
    }
    while i < n {
      y[i] += a * x[i]
      i += 1
    }
  }

  /// `sum(x[0..<n])`, eight partial sums then a fixed-order total.
  @inline(__always)
  static func sum(_ n: Int, _ x: UnsafePointer<Float>) -> Float {
    var acc = Vector()
    var i = 0
    while i + 8 <= n {
      acc += load(x, i)
      i += 8
    }
    var s = acc.sum()
    while i < n {
      s += x[i]
      i += 1
    }
    return s
  }

  /// `sum(x[i] * y[i])` over `0..<n`.
  @inline(__always)
  static func dot(_ n: Int, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>) -> Float {
    var acc = Vector()
    var i = 0
    while i + 8 <= n {
      acc += load(x, i) * load(y, i)
      i += 8
    }
    var s = acc.sum()
    while i < n {
      s += x[i] * y[i]
      i += 1
    }
    return s
  }

  /// `sum((x[i] - m)^2)` over `0..<n`.
  @inline(__always)
  static func squaredDeviation(_ n: Int, _ x: UnsafePointer<Float>, _ m: Float) -> Float {
    var acc = Vector()
    let vm = Vector(repeating: m)
    var i = 0
    while i + 8 <= n {
      let e = load(x, i) - vm
      acc += e * e
      i += 8
    }
    var s = acc.sum()
    while i < n {
      s += (x[i] - m) * (x[i] - m)
      i += 1
    }
    return s
  }
}
