/// A multi-layer perceptron: `Linear` layers with BatchNorm, ReLU and
/// dropout between them (none after the last layer), the block the paper
/// uses for its label encoder and classification head.
///
/// `widths` lists every width, input first: `[C, d, d]` is two layers.
public final class MLP: Module {
  public let layers: [Linear]
  public let norms: [BatchNorm1d]
  public let dropout: Float

  public init(
    widths: [Int], dropout: Float, batchNorm: Bool = true, name: String,
    random: inout RandomGenerator
  ) {
    precondition(widths.count >= 2, "MLP needs at least one layer")
    var layers: [Linear] = []
    var norms: [BatchNorm1d] = []
    for i in 0..<(widths.count - 1) {
      layers.append(
        Linear(widths[i], widths[i + 1], name: "\(name).lin\(i)", random: &random))
      if batchNorm && i < widths.count - 2 {
        norms.append(BatchNorm1d(widths[i + 1], name: "\(name).norm\(i)"))
      }
    }
    self.layers = layers
    self.norms = norms
    self.dropout = dropout
  }

  public var parameters: [Parameter] {
    layers.flatMap(\.parameters) + norms.flatMap(\.parameters)
  }
  public var buffers: [Parameter] { norms.flatMap(\.buffers) }

  public func callAsFunction(_ x: Variable) -> Variable {
    var h = x
    for (i, layer) in layers.enumerated() {
      h = layer(h)
      if i < layers.count - 1 {
        if i < norms.count { h = norms[i](h) }
        h = h.relu().dropout(dropout)
      }
    }
    return h
  }
}
