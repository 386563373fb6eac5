/// Graph convolution (Kipf & Welling, ICLR 2017), PyG's `GCNConv`:
///
///     X' = D^-1/2 (A + I) D^-1/2 X W + b
///
/// with self-loops of weight 1, Glorot-uniform `W` (`in x out`) and zero
/// bias. `x`: `n x in` -> `n x out`.
public final class GCNConv: Module {
  public let linear: Linear
  public let bias: Parameter

  public init(_ inFeatures: Int, _ outFeatures: Int, name: String, random: inout RandomGenerator) {
    linear = Linear(
      inFeatures, outFeatures, bias: false, initialization: .glorot, name: "\(name).lin",
      random: &random)
    bias = Parameter("\(name).bias", Tensor(rows: 1, cols: outFeatures))
  }

  public var parameters: [Parameter] { linear.parameters + [bias] }

  public func callAsFunction(_ x: Variable, batch: GraphBatch) -> Variable {
    linear(x).spmm(batch.gcnNormalized) + x.tape.parameter(bias)
  }
}

/// A stack of `layerCount` GCN layers, `F -> d -> ... -> d`, with
/// BatchNorm, ReLU and dropout between layers and none after the last (the
/// block structure of the authors' code, with every layer run in order).
public final class GCN: Backbone {
  public let convs: [GCNConv]
  public let norms: [BatchNorm1d]
  public let dropout: Float

  public init(
    _ settings: BackboneSettings, name: String = "backbone", random: inout RandomGenerator
  ) {
    var convs: [GCNConv] = []
    var norms: [BatchNorm1d] = []
    var width = settings.inputWidth
    for i in 0..<settings.layerCount {
      convs.append(GCNConv(width, settings.hiddenWidth, name: "\(name).conv\(i)", random: &random))
      if i < settings.layerCount - 1 {
        norms.append(BatchNorm1d(settings.hiddenWidth, name: "\(name).norm\(i)"))
      }
      width = settings.hiddenWidth
    }
    self.convs = convs
    self.norms = norms
    self.dropout = settings.dropout
  }

  public var kind: String { "gcn" }
  public var embeddingWidth: Int { convs.last?.linear.outFeatures ?? 0 }
  public var parameters: [Parameter] {
    convs.flatMap(\.parameters) + norms.flatMap(\.parameters)
  }
  public var buffers: [Parameter] { norms.flatMap(\.buffers) }

  public func embed(_ x: Variable, batch: GraphBatch) -> Variable {
    var h = x
    for (i, conv) in convs.enumerated() {
      h = conv(h, batch: batch)
      if i < convs.count - 1 {
        h = norms[i](h).relu().dropout(dropout)
      }
    }
    return h
  }
}
