/// A trainable tensor that outlives a tape: a layer owns it, each training
/// step's tape reads it, and backpropagation accumulates into `grad`.
public final class Parameter {
  public let name: String
  public var value: Tensor
  public var grad: Tensor
  /// A frozen parameter takes no gradient and is skipped by the optimizer.
  public var isFrozen = false

  public init(_ name: String, _ value: Tensor) {
    self.name = name
    self.value = value
    self.grad = Tensor(rows: value.rows, cols: value.cols)
  }

  public func zeroGrad() {
    for i in grad.data.indices { grad.data[i] = 0 }
  }
}

/// Something that owns parameters (a layer or a whole model).
public protocol Module: AnyObject {
  /// Every parameter, in a fixed order (used for saving and optimizers).
  var parameters: [Parameter] { get }
  /// Non-trainable state that must be saved with the weights (BatchNorm's
  /// running statistics).
  var buffers: [Parameter] { get }
}

extension Module {
  public var buffers: [Parameter] { [] }

  /// Freezes or unfreezes every parameter.
  public func setFrozen(_ frozen: Bool) {
    for p in parameters { p.isFrozen = frozen }
  }

  /// A copy of every parameter and buffer value, to restore later.
  public func snapshot() -> [Tensor] {
    (parameters + buffers).map(\.value)
  }

  public func restore(_ values: [Tensor]) {
    let all = parameters + buffers
    precondition(all.count == values.count, "restore: wrong snapshot size")
    for (p, v) in zip(all, values) { p.value = v }
  }

  /// Number of trainable scalars.
  public var parameterCount: Int {
    parameters.reduce(0) { $0 + $1.value.count }
  }
}
