/// How nodes get features when a dataset has neither node labels nor node
/// attributes (IMDB-*, COLLAB, REDDIT-*, and GIN text files whose node tags
/// are all equal). Datasets with labels or attributes ignore it.
public enum FeatureMode: String, Sendable, CaseIterable {
  /// PyG's convention for featureless TU datasets (the kernel benchmark of
  /// `torch_geometric`): with `D` the largest degree in the dataset,
  /// `OneHotDegree(D)` when `D < 1000`: `D + 1` columns, a 1 at column
  /// `deg(v)`; else `NormalizedDegree`: one column `(deg(v) - mean) / std`
  /// over all nodes (std with n - 1). The default.
  case degree
  /// The LAD-GNN authors' released code: one column per node,
  /// `(deg(v) - min_G) / (max_G - min_G + 1e-8)` with the minimum and
  /// maximum degree of the node's own graph `G`.
  case minmaxDegree = "minmax"
  /// One column holding 1 for every node.
  case constant

  /// The mode used when none is asked for.
  public static let `default` = FeatureMode.degree

  /// Largest degree for which `.degree` still builds one-hot columns.
  public static let oneHotDegreeLimit = 999
}
