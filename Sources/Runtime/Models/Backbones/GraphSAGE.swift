/// GraphSAGE convolution with mean aggregation (Hamilton, Ying & Leskovec,
/// NeurIPS 2017), PyG's `SAGEConv(in, out)` with its defaults:
///
///     x_i' = W_1 x_i + W_2 mean_{j in N(i)} x_j + b
///
/// `N(i)` holds the sources of the edges into `i`; a node with none
/// aggregates zeros, so its output is `W_1 x_i + b`. As in PyG the
/// neighbour weight `W_2` (`lin_l`) carries the bias and the root weight
/// `W_1` (`lin_r`) has none; both take PyTorch's initialisation.
/// `x`: `n x in` -> `n x out`.
public final class SAGEConv: GraphConvolution {
  /// `W_2` and `b`, applied to the neighbour mean.
  public let neighbours: Linear
  /// `W_1`, applied to the node itself.
  public let root: Linear

  public init(_ inFeatures: Int, _ outFeatures: Int, name: String, random: inout RandomGenerator) {
    neighbours = Linear(inFeatures, outFeatures, name: "\(name).lin_l", random: &random)
    root = Linear(inFeatures, outFeatures, bias: false, name: "\(name).lin_r", random: &random)
  }

  public var outFeatures: Int { root.outFeatures }
  public var parameters: [Parameter] { neighbours.parameters + root.parameters }

  public func callAsFunction(_ x: Variable, batch: GraphBatch) -> Variable {
    neighbours(x.spmm(batch.meanAdjacency)) + root(x)
  }
}

/// A stack of `layerCount` GraphSAGE layers, `F -> d -> ... -> d`, in the
/// block structure of `GCN` (`ConvolutionStack`).
public final class GraphSAGE: StackedBackbone {
  public let stack: ConvolutionStack<SAGEConv>

  public init(
    _ settings: BackboneSettings, name: String = "backbone", random: inout RandomGenerator
  ) {
    stack = ConvolutionStack(settings, name: name) { _, width, layerName in
      SAGEConv(width, settings.hiddenWidth, name: layerName, random: &random)
    }
  }

  public var kind: String { "sage" }
}
