/// PyTorch's `BatchNorm1d(d)`: learnable `gamma` (ones) and `beta`
/// (zeros), running mean and variance with momentum 0.1, eps 1e-5.
public final class BatchNorm1d: Module {
  public let gamma: Parameter
  public let beta: Parameter
  public let runningMean: Parameter
  public let runningVariance: Parameter

  public init(_ features: Int, name: String) {
    gamma = Parameter("\(name).weight", Tensor(rows: 1, cols: features, repeating: 1))
    beta = Parameter("\(name).bias", Tensor(rows: 1, cols: features))
    runningMean = Parameter("\(name).running_mean", Tensor(rows: 1, cols: features))
    runningVariance = Parameter(
      "\(name).running_var", Tensor(rows: 1, cols: features, repeating: 1))
    runningMean.isFrozen = true
    runningVariance.isFrozen = true
  }

  public var parameters: [Parameter] { [gamma, beta] }
  public var buffers: [Parameter] { [runningMean, runningVariance] }

  public func callAsFunction(_ x: Variable) -> Variable {
    let t = x.tape
    return x.batchNorm(
      gamma: t.parameter(gamma), beta: t.parameter(beta),
      runningMean: runningMean, runningVariance: runningVariance)
  }
}

/// PyTorch's `LayerNorm(d)`: normalises each row, then `gamma`, `beta`.
public final class LayerNorm: Module {
  public let gamma: Parameter
  public let beta: Parameter

  public init(_ features: Int, name: String) {
    gamma = Parameter("\(name).weight", Tensor(rows: 1, cols: features, repeating: 1))
    beta = Parameter("\(name).bias", Tensor(rows: 1, cols: features))
  }

  public var parameters: [Parameter] { [gamma, beta] }

  public func callAsFunction(_ x: Variable) -> Variable {
    x.layerNorm(gamma: x.tape.parameter(gamma), beta: x.tape.parameter(beta))
  }
}
