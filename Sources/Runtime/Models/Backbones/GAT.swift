/// Graph attention convolution (Velickovic et al., ICLR 2018), PyG's
/// `GATConv(in, C, heads: H, concat:, negative_slope: 0.2, dropout:)`:
///
///     alpha_ij = softmax_j(LeakyReLU(a_src . W x_j + a_dst . W x_i))
///     x_i'     = ||_k sum_{j in N(i) + {i}} alpha_ij^k W^k x_j  + b   (concat)
///     x_i'     = 1/H sum_k sum_j alpha_ij^k W^k x_j + b              (average)
///
/// with `H` heads of width `C`, a self-loop added to every node, the
/// softmax over each node's incoming edges, dropout on the attention
/// coefficients in training only, and the bias added after aggregation.
/// `W` (`in x H*C`), `a_src` and `a_dst` (`H x C`, stored `1 x H*C`,
/// head-major as PyG's view) are Glorot-uniform; the bias starts at zero.
/// `x`: `n x in` -> `n x H*C` (concat) or `n x C` (average).
public final class GATConv: GraphConvolution {
  public let linear: Linear
  public let attentionSource: Parameter
  public let attentionTarget: Parameter
  public let bias: Parameter
  public let heads: Int
  public let headWidth: Int
  public let concatenates: Bool
  public let dropout: Float
  public let negativeSlope: Float = 0.2
  /// `H*C x H` indicator of each head's columns: `(h * a) S` sums per head.
  private let headSums: Tensor
  /// `H*C x C`: `h M` averages the heads.
  private let headMean: Tensor

  public init(
    _ inFeatures: Int, _ headWidth: Int, heads: Int = 1, concat: Bool = true,
    dropout: Float = 0, name: String, random: inout RandomGenerator
  ) {
    let width = heads * headWidth
    linear = Linear(
      inFeatures, width, bias: false, initialization: .glorot, name: "\(name).lin",
      random: &random)
    // PyG's glorot on a 1 x H x C tensor: bound sqrt(6 / (H + C))
    let bound = (6 / Float(heads + headWidth)).squareRoot()
    func glorot(_ suffix: String) -> Parameter {
      var t = Tensor(rows: 1, cols: width)
      for i in t.data.indices { t.data[i] = random.uniform(-bound, bound) }
      return Parameter("\(name).\(suffix)", t)
    }
    attentionSource = glorot("att_src")
    attentionTarget = glorot("att_dst")
    bias = Parameter("\(name).bias", Tensor(rows: 1, cols: concat ? width : headWidth))
    self.heads = heads
    self.headWidth = headWidth
    concatenates = concat
    self.dropout = dropout
    var sums = Tensor(rows: width, cols: heads)
    var mean = Tensor(rows: width, cols: headWidth)
    for k in 0..<heads {
      for c in 0..<headWidth {
        sums[k * headWidth + c, k] = 1
        mean[k * headWidth + c, c] = 1 / Float(heads)
      }
    }
    headSums = sums
    headMean = mean
  }

  public var outFeatures: Int { concatenates ? heads * headWidth : headWidth }
  public var parameters: [Parameter] {
    linear.parameters + [attentionSource, attentionTarget, bias]
  }

  public func callAsFunction(_ x: Variable, batch: GraphBatch) -> Variable {
    let t = x.tape
    let edges = batch.incomingEdgesWithSelfLoops
    let h = linear(x)
    let sums = t.constant(headSums)
    let scoreSource = (h * t.parameter(attentionSource)).matmul(sums)
    let scoreTarget = (h * t.parameter(attentionTarget)).matmul(sums)
    let scores = scoreSource.gatherRows(edges.source) + scoreTarget.gatherRows(edges.target)
    let alpha = scores.leakyRelu(slope: negativeSlope).edgeSoftmax(edges).dropout(dropout)
    var out = h.aggregate(over: edges, weights: alpha)
    if !concatenates { out = out.matmul(t.constant(headMean)) }
    return out + t.parameter(bias)
  }
}

/// A stack of `layerCount` GAT layers in the block structure of `GCN`
/// (`ConvolutionStack`). Hidden layers concatenate `heads` heads of width
/// `d / heads`, so every layer's output is `d` wide, as PyG's `GAT` model
/// does; the last layer averages `heads` heads of width `d`. The attention
/// dropout is the model's dropout rate. `d` must be a multiple of `heads`
/// when there is more than one layer.
public final class GAT: StackedBackbone {
  public let stack: ConvolutionStack<GATConv>

  public init(
    _ settings: BackboneSettings, heads: Int = 4, name: String = "backbone",
    random: inout RandomGenerator
  ) {
    let d = settings.hiddenWidth
    precondition(
      settings.layerCount == 1 || d % heads == 0, "GAT: width \(d) is not a multiple of \(heads)")
    stack = ConvolutionStack(settings, name: name) { i, width, layerName in
      let isLast = i == settings.layerCount - 1
      return GATConv(
        width, isLast ? d : d / heads, heads: heads, concat: !isLast,
        dropout: settings.dropout, name: layerName, random: &random)
    }
  }

  public var kind: String { "gat" }
}
