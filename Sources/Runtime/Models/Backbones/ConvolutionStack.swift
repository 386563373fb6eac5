/// A message-passing layer: node features in, node features out, over the
/// edges of a batch. `x`: `n x in` -> `n x outFeatures`.
public protocol GraphConvolution: Module {
  var outFeatures: Int { get }
  func callAsFunction(_ x: Variable, batch: GraphBatch) -> Variable
}

/// A backbone made of a stack of message-passing layers; a student built
/// for such a teacher takes the same number of layers.
public protocol LayerStackBackbone: Backbone {
  var layerCount: Int { get }
}

/// A backbone that is one `ConvolutionStack` and nothing more: its
/// embeddings, widths and tensors are the stack's.
public protocol StackedBackbone: LayerStackBackbone {
  associatedtype Convolution: GraphConvolution
  var stack: ConvolutionStack<Convolution> { get }
}

extension StackedBackbone {
  public var layerCount: Int { stack.convs.count }
  public var embeddingWidth: Int { stack.outFeatures }
  public var parameters: [Parameter] { stack.parameters }
  public var buffers: [Parameter] { stack.buffers }

  public func embed(_ x: Variable, batch: GraphBatch) -> Variable {
    stack(x, batch: batch)
  }
}


/// The block structure every message-passing backbone shares with `GCN`:
/// `layerCount` convolutions `F -> d -> ... -> d`, with BatchNorm, ReLU and
/// dropout between layers and none after the last. Layer `i` is named
/// `<name>.conv<i>`, its BatchNorm `<name>.norm<i>`.
public final class ConvolutionStack<Conv: GraphConvolution>: Module {
  public let convs: [Conv]
  public let norms: [BatchNorm1d]
  public let dropout: Float

  /// `makeLayer(i, inputWidth, name)` builds layer `i`.
  public init(
    _ settings: BackboneSettings, name: String,
    makeLayer: (_ index: Int, _ inputWidth: Int, _ name: String) -> Conv
  ) {
    var convs: [Conv] = []
    var norms: [BatchNorm1d] = []
    var width = settings.inputWidth
    for i in 0..<settings.layerCount {
      let conv = makeLayer(i, width, "\(name).conv\(i)")
      width = conv.outFeatures
      convs.append(conv)
      if i < settings.layerCount - 1 {
        norms.append(BatchNorm1d(width, name: "\(name).norm\(i)"))
      }
    }
    self.convs = convs
    self.norms = norms
    self.dropout = settings.dropout
  }

  public var outFeatures: Int { convs.last?.outFeatures ?? 0 }
  public var parameters: [Parameter] {
    convs.flatMap(\.parameters) + norms.flatMap(\.parameters)
  }
  public var buffers: [Parameter] { convs.flatMap(\.buffers) + norms.flatMap(\.buffers) }

  public func callAsFunction(_ x: Variable, batch: GraphBatch) -> Variable {
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
