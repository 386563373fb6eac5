import Foundation
import Runtime

/// What a trained model says about some graphs, read off one evaluation
/// pass per chunk of graphs: the pictures' raw material.
struct ModelOutput {
  /// The dataset indices of the graphs, in order.
  var graphs: [Int]
  /// Log-probabilities, one row of `classCount` per graph.
  var logProbs: [[Double]]
  /// The L2-normalised graph embeddings, one row per graph.
  var embeddings: [[Double]]
  /// The teacher's label attention, one weight per node of each graph;
  /// nil for models without attention.
  var attention: [[Double]]?

  /// Graphs per forward pass: big datasets are evaluated in pieces.
  static let chunk = 256

  /// Runs `model` in evaluation mode on `graphs` of `dataset`.
  init(model: any GraphClassifier, graphs: [Int], dataset: GraphDataset) {
    self.graphs = graphs
    logProbs = []
    embeddings = []
    var attention: [[Double]] = []
    var hasAttention = true
    for start in stride(from: 0, to: graphs.count, by: ModelOutput.chunk) {
      let part = Array(graphs[start..<min(start + ModelOutput.chunk, graphs.count)])
      let batch = GraphBatch(dataset: dataset, graphs: part)
      let tape = Tape(training: false)
      withExtendedLifetime(tape) {
        let p = model.predict(batch, tape: tape)
        let scores = p.logProbs.value
        let z = p.graphEmbeddings.value
        for g in 0..<batch.graphCount {
          logProbs.append(scores.row(g).map(Double.init))
          embeddings.append(z.row(g).map(Double.init))
        }
        if let a = p.attention?.value {
          for g in 0..<batch.graphCount {
            attention.append(batch.segments.range(g).map { Double(a.data[$0]) })
          }
        } else {
          hasAttention = false
        }
      }
    }
    self.attention = hasAttention && !graphs.isEmpty ? attention : nil
  }

  /// The predicted class of graph `k` (by position) and its probability.
  func prediction(_ k: Int) -> (classIndex: Int, probability: Double) {
    let row = logProbs[k]
    let best = row.indices.max { row[$0] < row[$1] } ?? 0
    return (best, row.isEmpty ? .nan : exp(row[best]))
  }
}
