/// The graph a MEWISPool stage works on: the nodes of a batch (or of a
/// pooled batch) in `segments`, its directed edges `source -> target`
/// (every undirected edge both ways, as `GraphDataset` stores them), the
/// neighbour lists by source node, and the plain adjacency operator `A`
/// that GIN's sum of neighbours uses.
public struct IndependentSetGraph {
  public let segments: Segments
  public let source: [Int32]
  public let target: [Int32]
  /// `neighbours[neighbourStart[i] ..< neighbourStart[i + 1]]` are the
  /// targets of the edges leaving node `i`, ascending.
  public let neighbourStart: [Int]
  public let neighbours: [Int32]
  /// `A` with messages flowing source -> target: row `i` sums the sources
  /// of the edges into `i` (GIN's aggregation).
  public let adjacency: SparseOperator

  public init(segments: Segments, source: [Int32], target: [Int32]) {
    let n = segments.rowCount
    var start = [Int](repeating: 0, count: n + 1)
    for s in source { start[Int(s) + 1] += 1 }
    for i in 0..<n { start[i + 1] += start[i] }
    var next = start
    var list = [Int32](repeating: 0, count: source.count)
    for (s, t) in zip(source, target) {
      list[next[Int(s)]] = t
      next[Int(s)] += 1
    }
    for i in 0..<n { list[start[i]..<start[i + 1]].sort() }
    self.segments = segments
    self.source = source
    self.target = target
    neighbourStart = start
    neighbours = list
    let entries = zip(source, target).map { (row: $1, col: $0, value: Float(1)) }
    adjacency = SparseOperator(SparseMatrix(rows: n, cols: n, entries: entries))
  }

  public var nodeCount: Int { segments.rowCount }

  /// The neighbours of node `i`.
  public func neighbours(of i: Int) -> ArraySlice<Int32> {
    neighbours[neighbourStart[i]..<neighbourStart[i + 1]]
  }

  /// The pooled graph of MEWISPool (Eq. 10 of the paper): node `kept[k]`
  /// becomes node `k` (`kept` grouped by graph, `keptSizes[g]` of graph
  /// `g`), and two kept nodes `u != v` are joined when a walk of length 2
  /// or 3 links them in this graph, the nonzero pattern of
  /// `(1 - I) * clamp(A^2 + A^3, 0, 1)` restricted to the kept nodes (the
  /// authors' dense formula, computed here by walking neighbour lists).
  /// For an independent set that is "at distance 2 or 3". Edges are
  /// unweighted, both directions, sorted by source then target.
  // Cost, left as the authors define it: star-like graphs densify. On
  // REDDIT-BINARY the kept leaves of a hub become a clique of thousands
  // of nodes, and an epoch takes minutes
  // and GBs (190 s, 3.3 GB for one baseline epoch). That is the authors'
  // definition (the paper reports no REDDIT figures for MEWISPool); a
  // sparser rule would be a departure to document and measure.
  public func pooled(keeping kept: [Int32], keptSizes: [Int]) -> IndependentSetGraph {
    var newIndex = [Int32](repeating: -1, count: nodeCount)
    for (k, node) in kept.enumerated() { newIndex[Int(node)] = Int32(k) }
    // stamps: reached[v] == stamp marks v reached from the current node
    var twoStep = [Int](repeating: -1, count: nodeCount)
    var reached = [Int](repeating: -1, count: nodeCount)
    var frontier: [Int32] = []
    var found: [Int32] = []
    var source: [Int32] = []
    var target: [Int32] = []
    for (k, node) in kept.enumerated() {
      let u = Int(node)
      frontier.removeAll(keepingCapacity: true)
      found.removeAll(keepingCapacity: true)
      // ends of walks of length 2
      for a in neighbours(of: u) {
        for b in neighbours(of: Int(a)) where twoStep[Int(b)] != k {
          twoStep[Int(b)] = k
          frontier.append(b)
        }
      }
      for b in frontier {
        if reached[Int(b)] != k {
          reached[Int(b)] = k
          found.append(b)
        }
        // ends of walks of length 3
        for c in neighbours(of: Int(b)) where reached[Int(c)] != k {
          reached[Int(c)] = k
          found.append(c)
        }
      }
      var ends = found.compactMap { v -> Int32? in
        let j = newIndex[Int(v)]
        return j >= 0 && Int(v) != u ? j : nil
      }
      ends.sort()
      for j in ends {
        source.append(Int32(k))
        target.append(j)
      }
    }
    return IndependentSetGraph(segments: Segments(sizes: keptSizes), source: source, target: target)
  }
}

extension MEWISPool {
  /// The independent set MEWISPool keeps (Algorithm 1 of the paper, the
  /// method of conditional expectations), graph by graph.
  ///
  /// Relaxed loss of a graph with entropies `H` and selection
  /// probabilities `s`: `L(s) = sum_i H_i - H^T s + s^T A s`. Visit the
  /// nodes by descending `p` (ties by node index); a node without
  /// neighbours is kept; an undecided node `i` is kept when setting
  /// `s_i = 1` and `s_j = 0` for its neighbours keeps `L(s)` at or below
  /// `L(p)`, its value at the GNN's probabilities, and then that change is
  /// made and the neighbours are rejected. Kept nodes are never adjacent.
  /// A graph that would keep no node keeps its most probable one (the
  /// authors' code would drop the graph). `entropy` and `probability` are
  /// `n x 1`; returns the kept global rows (ascending within each graph)
  /// and the kept count per graph.
  public static func independentSet(
    entropy: Tensor, probability: Tensor, graph: IndependentSetGraph
  ) -> (kept: [Int32], sizes: [Int]) {
    let n = graph.nodeCount
    precondition(entropy.rows == n && probability.rows == n, "independentSet: one row per node")
    var s = probability.data.map(Double.init)
    let h = entropy.data.map(Double.init)
    // 0 undecided, 1 kept, 2 rejected
    var state = [UInt8](repeating: 0, count: n)
    var inChange = [Int](repeating: -1, count: n)
    var kept: [Int32] = []
    var sizes: [Int] = []

    // the part of L that involves the nodes of `change`
    func localLoss(_ change: [Int], stamp: Int) -> Double {
      var total = 0.0
      for c in change {
        total -= h[c] * s[c]
        for w in graph.neighbours(of: c) {
          let factor = inChange[Int(w)] == stamp ? 1.0 : 2.0
          total += factor * s[c] * s[Int(w)]
        }
      }
      return total
    }

    for g in 0..<graph.segments.count {
      let range = graph.segments.range(g)
      var threshold = 0.0
      for i in range {
        threshold -= h[i] * s[i]
        for w in graph.neighbours(of: i) { threshold += s[i] * s[Int(w)] }
      }
      var current = threshold
      let order = range.sorted { a, b in
        let (u, v) = (sortKey(probability.data[a]), sortKey(probability.data[b]))
        return u != v ? u > v : a < b
      }
      for i in order where state[i] == 0 {
        let around = graph.neighbours(of: i)
        if around.isEmpty {
          state[i] = 1
          continue
        }
        let change = [i] + around.map { Int($0) }
        for c in change { inChange[c] = i }
        let before = localLoss(change, stamp: i)
        let saved = change.map { s[$0] }
        s[i] = 1
        for w in around { s[Int(w)] = 0 }
        let candidate = current - before + localLoss(change, stamp: i)
        if candidate <= threshold {
          current = candidate
          state[i] = 1
          for w in around { state[Int(w)] = 2 }
        } else {
          for (c, v) in zip(change, saved) { s[c] = v }
        }
      }
      var chosen = range.filter { state[$0] == 1 }
      if chosen.isEmpty, let first = order.first { chosen = [first] }
      kept += chosen.map { Int32($0) }
      sizes.append(chosen.count)
    }
    return (kept, sizes)
  }
}
