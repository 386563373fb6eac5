/// The classification head `g` of LAD-GNN (METHOD.md section 1):
///
///     g(z) = log_softmax(Linear(d, C)(dropout(ReLU(BN(Linear(d, d)(z))))))
///
/// `z`: `graphCount x d` (L2-normalised graph vectors) -> log-probabilities
/// `graphCount x C`. The models build it with dropout 0, as the authors'
/// code does (its `Classifier` is constructed without a dropout rate): the
/// model's `dropout` acts in the backbone and the label encoder.
public final class ClassifierHead: Module {
  public let mlp: MLP

  public init(width: Int, classCount: Int, dropout: Float, name: String = "head",
              random: inout RandomGenerator) {
    mlp = MLP(widths: [width, width, classCount], dropout: dropout, name: name, random: &random)
  }

  public var parameters: [Parameter] { mlp.parameters }
  public var buffers: [Parameter] { mlp.buffers }

  public func callAsFunction(_ z: Variable) -> Variable {
    mlp(z).logSoftmaxRows()
  }
}

/// What one forward pass of a graph classifier gives.
public struct Prediction {
  /// Log-probabilities, `graphCount x classCount`.
  public var logProbs: Variable
  /// The node embeddings that distillation compares, `nodeCount x d`.
  public var nodeEmbeddings: Variable
  /// The L2-normalised graph vectors fed to the head, `graphCount x d`.
  public var graphEmbeddings: Variable
  /// The teacher's label attention on every node, `nodeCount x 1`.
  public var attention: Variable?
  /// The backbone's own loss term (`Backbone.readoutWithLoss`), `1 x 1`.
  public var auxiliaryLoss: Variable? = nil

  /// `loss` plus the backbone's own term, if it has one (`loss` itself,
  /// the same node, when it has none).
  public func addingAuxiliaryLoss(to loss: Variable) -> Variable {
    auxiliaryLoss.map { loss + $0 } ?? loss
  }
}

/// A model the trainer can fit: a forward pass and its training loss.
public protocol GraphClassifier: Module {
  /// Forward pass on a batch, on the given tape's mode.
  func predict(_ batch: GraphBatch, tape: Tape) -> Prediction
  /// The objective minimised in training, and used as the validation loss
  /// for early stopping.
  func loss(_ batch: GraphBatch, tape: Tape) -> (loss: Variable, prediction: Prediction)
  /// The loss early stopping watches on the validation graphs.
  func validationLoss(_ batch: GraphBatch, tape: Tape) -> (loss: Variable, prediction: Prediction)
}

extension GraphClassifier {
  public func validationLoss(
    _ batch: GraphBatch, tape: Tape
  ) -> (loss: Variable, prediction: Prediction) {
    loss(batch, tape: tape)
  }

  public func loss(_ batch: GraphBatch, tape: Tape) -> (loss: Variable, prediction: Prediction) {
    let p = predict(batch, tape: tape)
    return (p.addingAuxiliaryLoss(to: p.logProbs.nllLoss(targets: batch.labels)), p)
  }
}

extension Tape {
  /// Runs `body` in evaluation mode (for a frozen, shared module such as
  /// the student's borrowed head: no dropout, BatchNorm on running
  /// statistics, which stay untouched).
  public func evaluating<T>(_ body: () -> T) -> T {
    let saved = isTraining
    isTraining = false
    defer { isTraining = saved }
    return body()
  }
}
