import Runtime

/// Builds a dataset from small graphs given as undirected edge lists.
func makeDataset(
  name: String = "toy", graphs: [(nodes: Int, edges: [(Int, Int)], label: Int)],
  features: [[Float]]? = nil, classCount: Int = 2
) -> GraphDataset {
  var nodeOffsets = [0]
  var edgeOffsets = [0]
  var source: [Int32] = []
  var target: [Int32] = []
  for g in graphs {
    nodeOffsets.append(nodeOffsets.last! + g.nodes)
    var pairs: [(Int32, Int32)] = []
    for (a, b) in g.edges {
      pairs.append((Int32(a), Int32(b)))
      pairs.append((Int32(b), Int32(a)))
    }
    pairs.sort { ($0.0, $0.1) < ($1.0, $1.1) }
    for (s, t) in pairs {
      source.append(s)
      target.append(t)
    }
    edgeOffsets.append(source.count)
  }
  let nodeCount = nodeOffsets.last!
  let rows = features ?? [[Float]](repeating: [1], count: nodeCount)
  return GraphDataset(
    name: name, nodeOffsets: nodeOffsets, edgeOffsets: edgeOffsets, edgeSource: source,
    edgeTarget: target, edgeLabels: nil, features: rows.flatMap { $0 },
    featureCount: rows.first?.count ?? 0, nodeLabels: nil, labels: graphs.map(\.label),
    classCount: classCount, classNames: (0..<classCount).map(String.init),
    featureDescription: "test features")
}

/// Cycles (class 0) and stars (class 1) of 5 to 9 nodes, with the degree
/// one-hot as features: a task a GCN learns to perfection.
func cyclesAndStars(count: Int) -> GraphDataset {
  var graphs: [(nodes: Int, edges: [(Int, Int)], label: Int)] = []
  var features: [[Float]] = []
  for i in 0..<count {
    let n = 5 + i % 5
    let isStar = i % 2 == 1
    let edges = isStar ? (1..<n).map { (0, $0) } : (0..<n).map { ($0, ($0 + 1) % n) }
    graphs.append((n, edges, isStar ? 1 : 0))
    for v in 0..<n {
      let degree = isStar ? (v == 0 ? n - 1 : 1) : 2
      var row = [Float](repeating: 0, count: 10)
      row[degree] = 1
      features.append(row)
    }
  }
  return makeDataset(name: "cycles-stars", graphs: graphs, features: features)
}
