/// A graph neural network that turns node features into node embeddings,
/// followed by its own readout to one vector per graph.
///
/// The label attention (teacher) and the distillation (student) act on
/// the node embeddings `embed` returns; `readout` turns (possibly
/// label-attended) node embeddings into graph vectors. Plain
/// message-passing backbones read out by mean pooling; pooling backbones
/// supply their own.
public protocol Backbone: Module {
  /// Short name, e.g. `gcn`.
  var kind: String { get }
  /// Width of the node embeddings.
  var embeddingWidth: Int { get }
  /// Width of the graph vectors `readout` returns.
  var readoutWidth: Int { get }
  /// Node embeddings `H = f(A, X)`: `nodeCount x embeddingWidth`.
  func embed(_ x: Variable, batch: GraphBatch) -> Variable
  /// Graph vectors from node embeddings: `graphCount x readoutWidth`.
  func readout(_ h: Variable, batch: GraphBatch) -> Variable
  /// `readout`, with the backbone's own term of the training loss
  /// (`1 x 1`, already weighted; `nil`, the default, for none). The
  /// teacher, the student and the baseline add it to their losses
  /// (MEWISPool's pooling loss).
  func readoutWithLoss(
    _ h: Variable, batch: GraphBatch
  ) -> (vectors: Variable, auxiliaryLoss: Variable?)
}

extension Backbone {
  public var readoutWidth: Int { embeddingWidth }

  /// Mean pooling over each graph's nodes (PyG's `global_mean_pool`).
  public func readout(_ h: Variable, batch: GraphBatch) -> Variable {
    h.segmentMean(batch.segments)
  }

  public func readoutWithLoss(
    _ h: Variable, batch: GraphBatch
  ) -> (vectors: Variable, auxiliaryLoss: Variable?) {
    (readout(h, batch: batch), nil)
  }
}

/// The settings every backbone takes.
public struct BackboneSettings: Sendable, Equatable {
  public var inputWidth: Int
  public var hiddenWidth: Int
  public var layerCount: Int
  public var dropout: Float

  public init(inputWidth: Int, hiddenWidth: Int = 64, layerCount: Int = 2, dropout: Float = 0.5) {
    self.inputWidth = inputWidth
    self.hiddenWidth = hiddenWidth
    self.layerCount = layerCount
    self.dropout = dropout
  }
}
