/// Graph isomorphism convolution (Xu, Hu, Leskovec & Jegelka, ICLR 2019),
/// PyG's `GINConv(nn, eps, train_eps)`:
///
///     x_i' = nn((1 + eps) x_i + sum_{j in N(i)} x_j)
///
/// with `nn` the MLP of PyG's GIN examples, `Linear(in, d) - BatchNorm -
/// ReLU - Linear(d, d)` (PyTorch initialisation, no dropout). `eps` starts
/// at `eps` (default 0); it is a trainable `1 x 1` parameter when
/// `trainEps` is set, else a fixed buffer, as in PyG.
/// With `singleLinear` (the `reference` variant, the authors' released
/// code) `nn` is one `Linear(in, d)`.
/// `x`: `n x in` -> `n x d`.
public final class GINConv: GraphConvolution {
  public let mlp: MLP
  public let eps: Parameter
  public let trainsEps: Bool

  public init(
    _ inFeatures: Int, _ outFeatures: Int, eps: Float = 0, trainEps: Bool = false,
    singleLinear: Bool = false, name: String, random: inout RandomGenerator
  ) {
    mlp = MLP(
      widths: singleLinear ? [inFeatures, outFeatures] : [inFeatures, outFeatures, outFeatures],
      dropout: 0, name: "\(name).nn", random: &random)
    self.eps = Parameter("\(name).eps", Tensor(scalar: eps))
    self.eps.isFrozen = !trainEps
    trainsEps = trainEps
  }

  public var outFeatures: Int { mlp.layers.last!.outFeatures }
  public var parameters: [Parameter] { mlp.parameters + (trainsEps ? [eps] : []) }
  public var buffers: [Parameter] { mlp.buffers + (trainsEps ? [] : [eps]) }

  public func callAsFunction(_ x: Variable, batch: GraphBatch) -> Variable {
    let neighbours = x.spmm(batch.adjacency)
    let combined: Variable
    if trainsEps {
      combined = neighbours + x + x * x.tape.parameter(eps)
    } else {
      let e = eps.value.scalar
      combined = e == 0 ? neighbours + x : neighbours + x * (1 + e)
    }
    return mlp(combined)
  }
}

/// A stack of `layerCount` GIN layers, `F -> d -> ... -> d`, in the block
/// structure of `GCN` (`ConvolutionStack`): BatchNorm, ReLU and dropout
/// between layers, after each layer's own MLP. `variant: .reference` gives
/// every layer a one-Linear `nn` (eps 0 unless `trainEps`).
public final class GIN: StackedBackbone {
  public let stack: ConvolutionStack<GINConv>

  public init(
    _ settings: BackboneSettings, trainEps: Bool = false, variant: ModelVariant = .paper,
    name: String = "backbone", random: inout RandomGenerator
  ) {
    stack = ConvolutionStack(settings, name: name) { _, width, layerName in
      GINConv(
        width, settings.hiddenWidth, trainEps: trainEps, singleLinear: variant == .reference,
        name: layerName, random: &random)
    }
  }

  public var kind: String { "gin" }
  /// Whether the layers learn their `eps`.
  public var trainsEps: Bool { stack.convs.first?.trainsEps ?? false }
}
