/// Graph convolution (Kipf & Welling, ICLR 2017), PyG's `GCNConv`:
///
///     X' = D^-1/2 (A + I) D^-1/2 X W + b
///
/// with self-loops of weight 1, Glorot-uniform `W` (`in x out`) and zero
/// bias. `x`: `n x in` -> `n x out`.
///
/// With `normalized: false` (the `reference` variant, as in the authors'
/// released code) the layer is a plain sum of neighbours, no self-loops
/// and no normalisation: `X' = A X W + b`.
public final class GCNConv: GraphConvolution {
  public let linear: Linear
  public let bias: Parameter
  public let normalized: Bool

  public init(
    _ inFeatures: Int, _ outFeatures: Int, normalized: Bool = true, name: String,
    random: inout RandomGenerator
  ) {
    self.normalized = normalized
    linear = Linear(
      inFeatures, outFeatures, bias: false, initialization: .glorot, name: "\(name).lin",
      random: &random)
    bias = Parameter("\(name).bias", Tensor(rows: 1, cols: outFeatures))
  }

  public var parameters: [Parameter] { linear.parameters + [bias] }
  public var outFeatures: Int { linear.outFeatures }

  public func callAsFunction(_ x: Variable, batch: GraphBatch) -> Variable {
    linear(x).spmm(normalized ? batch.gcnNormalized : batch.adjacency) + x.tape.parameter(bias)
  }
}

/// A stack of `layerCount` GCN layers, `F -> d -> ... -> d`, with
/// BatchNorm, ReLU and dropout between layers and none after the last (the
/// block structure of the authors' code, with every layer run in order).
/// `variant: .reference` builds plain-sum layers (`GCNConv(normalized:
/// false)`); the layer names and shapes are the same.
public final class GCN: StackedBackbone {
  public let stack: ConvolutionStack<GCNConv>

  public init(
    _ settings: BackboneSettings, variant: ModelVariant = .paper, name: String = "backbone",
    random: inout RandomGenerator
  ) {
    stack = ConvolutionStack(settings, name: name) { _, width, layerName in
      GCNConv(
        width, settings.hiddenWidth, normalized: variant == .paper, name: layerName,
        random: &random)
    }
  }

  public var kind: String { "gcn" }
  public var variant: ModelVariant {
    stack.convs.first?.normalized == false ? .reference : .paper
  }
}
