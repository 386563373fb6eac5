/// A graph-classification dataset held as flat arrays, in the layout of
/// PyTorch Geometric's `TUDataset` after collation: graph `g` owns nodes
/// `nodeOffsets[g] ..< nodeOffsets[g+1]` and directed edges
/// `edgeOffsets[g] ..< edgeOffsets[g+1]`.
///
/// Edges are stored in both directions (an undirected bond is two entries),
/// with endpoints as node indices local to their graph, self-loops and
/// duplicates removed, sorted by (source, target) within each graph.
///
/// Node features come in one of two storages. Dense: `features` holds
/// `nodeCount x featureCount` floats. Compact one-hot: `oneHotIndex` holds
/// one column per node and `features` is empty, which keeps one-hot degree
/// features of big social graphs small (COLLAB: 1.5 MB instead of 730 MB).
/// Consumers read rows through `featureRows(of:into:)`, which serves both.
public struct GraphDataset: Sendable {
  /// The dataset's name as loaded, e.g. `MUTAG`.
  public var name: String
  /// `graphCount + 1` offsets into the node arrays.
  public var nodeOffsets: [Int]
  /// `graphCount + 1` offsets into the edge arrays.
  public var edgeOffsets: [Int]
  /// Source node of each directed edge, local to its graph.
  public var edgeSource: [Int32]
  /// Target node of each directed edge, local to its graph.
  public var edgeTarget: [Int32]
  /// The edge label of each directed edge (shifted so the minimum is 0),
  /// when the dataset has `_edge_labels`; kept for drawing.
  public var edgeLabels: [Int32]?
  /// Node features, row-major `nodeCount x featureCount`: continuous
  /// attributes first, then one-hot node labels (PyG's order). Empty when
  /// `oneHotIndex` is set.
  public var features: [Float]
  /// Width of a feature row.
  public var featureCount: Int
  /// Compact one-hot features: node `i`'s row is 1 at column
  /// `oneHotIndex[i]` and 0 elsewhere (`featureCount` wide). `nil` when
  /// the features are dense.
  public var oneHotIndex: [Int32]?
  /// The raw node label of each node (shifted so the minimum is 0), when
  /// the dataset has `_node_labels`; kept for drawing (atom types).
  public var nodeLabels: [Int32]?
  /// Class of each graph, renumbered to `0 ..< classCount` in the sorted
  /// order of the original label values.
  public var labels: [Int]
  /// Number of classes.
  public var classCount: Int
  /// The original label value of each class, e.g. `["-1", "1"]`.
  public var classNames: [String]
  /// One phrase saying how the features were built, e.g.
  /// `7 node features (one-hot node label)`.
  public var featureDescription: String
  /// Continuous edge attributes from `_edge_attributes`, row-major
  /// `edgeCount x edgeAttributeCount`, aligned with the edge arrays.
  public var edgeAttributes: [Float]?
  /// Width of an edge attribute row; 0 without `edgeAttributes`.
  public var edgeAttributeCount: Int
  /// The dataset's own cross-validation folds (`10fold_idx/`), if shipped.
  public var folds: FoldIndex?
  /// Self-loops the files listed and the loader dropped (as PyG does).
  public var removedSelfLoops: Int
  /// Repeated directed edge listings the loader dropped (IMDB-BINARY and
  /// IMDB-MULTI list every line twice).
  public var removedDuplicateEdges: Int
  /// How it was asked for, so a saved model can load it the same way:
  /// the `features=` mode and the explicit `root=` (nil: the search roots).
  public var requestedFeatures: FeatureMode = .default
  public var requestedRoot: String? = nil

  public init(
    name: String, nodeOffsets: [Int], edgeOffsets: [Int],
    edgeSource: [Int32], edgeTarget: [Int32], edgeLabels: [Int32]?,
    features: [Float], featureCount: Int, nodeLabels: [Int32]?,
    labels: [Int], classCount: Int, classNames: [String],
    featureDescription: String, oneHotIndex: [Int32]? = nil,
    edgeAttributes: [Float]? = nil, edgeAttributeCount: Int = 0,
    folds: FoldIndex? = nil, removedSelfLoops: Int = 0, removedDuplicateEdges: Int = 0
  ) {
    self.name = name
    self.nodeOffsets = nodeOffsets
    self.edgeOffsets = edgeOffsets
    self.edgeSource = edgeSource
    self.edgeTarget = edgeTarget
    self.edgeLabels = edgeLabels
    self.features = features
    self.featureCount = featureCount
    self.nodeLabels = nodeLabels
    self.labels = labels
    self.classCount = classCount
    self.classNames = classNames
    self.featureDescription = featureDescription
    self.oneHotIndex = oneHotIndex
    self.edgeAttributes = edgeAttributes
    self.edgeAttributeCount = edgeAttributeCount
    self.folds = folds
    self.removedSelfLoops = removedSelfLoops
    self.removedDuplicateEdges = removedDuplicateEdges
  }

  public var graphCount: Int { labels.count }
  public var nodeCount: Int { nodeOffsets.last ?? 0 }
  /// Directed edge entries; undirected edges are half of this.
  public var edgeCount: Int { edgeOffsets.last ?? 0 }

  public func nodeCount(ofGraph g: Int) -> Int {
    nodeOffsets[g + 1] - nodeOffsets[g]
  }

  /// Graphs per class, indexed by class.
  public var classCounts: [Int] {
    var counts = [Int](repeating: 0, count: classCount)
    for y in labels { counts[y] += 1 }
    return counts
  }
}
