/// A fully connected layer, PyTorch's `nn.Linear`: `y = x W + b`.
///
/// Shapes: `x` is `n x inFeatures`, `W` is stored `inFeatures x outFeatures`
/// (the transpose of PyTorch's layout, so the forward pass needs no
/// transpose), `b` is `1 x outFeatures`.
///
/// Initialisation as PyTorch: `W` and `b` uniform in `±1/sqrt(inFeatures)`
/// (Kaiming-uniform with `a = sqrt(5)`), or Glorot-uniform weights and zero
/// bias with `.glorot` (PyG's choice for graph convolutions).
public final class Linear: Module {
  public enum Initialization { case pytorch, glorot }

  public let weight: Parameter
  public let bias: Parameter?

  public init(
    _ inFeatures: Int, _ outFeatures: Int, bias: Bool = true,
    initialization: Initialization = .pytorch, name: String, random: inout RandomGenerator
  ) {
    var w = Tensor(rows: inFeatures, cols: outFeatures)
    var b = Tensor(rows: 1, cols: outFeatures)
    switch initialization {
    case .pytorch:
      let bound = 1 / Float(max(inFeatures, 1)).squareRoot()
      for i in w.data.indices { w.data[i] = random.uniform(-bound, bound) }
      for i in b.data.indices { b.data[i] = random.uniform(-bound, bound) }
    case .glorot:
      let bound = (6 / Float(inFeatures + outFeatures)).squareRoot()
      for i in w.data.indices { w.data[i] = random.uniform(-bound, bound) }
    }
    weight = Parameter("\(name).weight", w)
    self.bias = bias ? Parameter("\(name).bias", b) : nil
  }

  public var parameters: [Parameter] { [weight] + (bias.map { [$0] } ?? []) }
  public var inFeatures: Int { weight.value.rows }
  public var outFeatures: Int { weight.value.cols }

  public func callAsFunction(_ x: Variable) -> Variable {
    let w = x.tape.parameter(weight)
    guard let bias else { return x.matmul(w) }
    return x.affine(w, x.tape.parameter(bias))
  }
}
