/// Sorted, symmetric adjacency built from the directed pairs a file lists,
/// the way PyTorch Geometric's `TUDataset` ends up after
/// `remove_self_loops` and `coalesce`, plus symmetrisation.
///
/// Row `u` holds the neighbours of node `u` in increasing order, once each;
/// `origins[k]` is the index of the listed pair whose payload (edge label,
/// edge attributes) edge `k` carries: the first listing of `u, v` when the
/// file lists that direction, else the first listing of `v, u`.
struct Adjacency {
  /// `nodeCount + 1` offsets into `targets`.
  var offsets: [Int]
  var targets: [Int32]
  var origins: [Int32]
  /// Listed pairs dropped because both ends are the same node.
  var selfLoops = 0
  /// Listed pairs dropped because the same direction was listed before.
  var duplicates = 0

  var edgeCount: Int { targets.count }

  /// Builds the adjacency of `nodeCount` nodes from pairs `(sources[i],
  /// targets[i])`, 0-based and already checked to be in range. Time is
  /// linear plus a sort of each row that is not listed in order.
  init(nodeCount: Int, sources: [Int32], targets listedTargets: [Int32]) {
    let listed = Adjacency.listedRows(
      nodeCount: nodeCount, sources: sources, targets: listedTargets)
    let reversed = listed.transposed(nodeCount: nodeCount)
    if reversed.offsets == listed.offsets && reversed.targets == listed.targets {
      self = listed
    } else {
      self = listed.merged(with: reversed, nodeCount: nodeCount)
    }
    selfLoops = listed.selfLoops
    duplicates = listed.duplicates
  }

  private init(offsets: [Int], targets: [Int32], origins: [Int32]) {
    self.offsets = offsets
    self.targets = targets
    self.origins = origins
  }

  /// The listed pairs bucketed by source, each row sorted by target and
  /// then by listing order, repeats and self-loops dropped.
  private static func listedRows(
    nodeCount: Int, sources: [Int32], targets: [Int32]
  ) -> Adjacency {
    var selfLoops = 0
    var starts = [Int](repeating: 0, count: nodeCount + 1)
    for i in sources.indices where sources[i] != targets[i] {
      starts[Int(sources[i]) + 1] += 1
    }
    for u in 0..<nodeCount { starts[u + 1] += starts[u] }

    // counting sort by source; key = target << 32 | listing index
    var keys = [UInt64](repeating: 0, count: starts[nodeCount])
    var fill = starts
    for i in sources.indices {
      let u = Int(sources[i])
      guard u != Int(targets[i]) else {
        selfLoops += 1
        continue
      }
      keys[fill[u]] = UInt64(UInt32(targets[i])) << 32 | UInt64(UInt32(i))
      fill[u] += 1
    }

    var offsets = [Int](repeating: 0, count: nodeCount + 1)
    var rowTargets = [Int32]()
    var origins = [Int32]()
    rowTargets.reserveCapacity(keys.count)
    origins.reserveCapacity(keys.count)
    keys.withUnsafeMutableBufferPointer { keys in
      for u in 0..<nodeCount {
        var row = UnsafeMutableBufferPointer(rebasing: keys[starts[u]..<starts[u + 1]])
        if !isSorted(row) { row.sort() }
        var previous: UInt64 = .max
        for key in row where key >> 32 != previous {
          previous = key >> 32
          rowTargets.append(Int32(truncatingIfNeeded: key >> 32))
          origins.append(Int32(truncatingIfNeeded: key & 0xFFFF_FFFF))
        }
        offsets[u + 1] = rowTargets.count
      }
    }
    var result = Adjacency(offsets: offsets, targets: rowTargets, origins: origins)
    result.selfLoops = selfLoops
    result.duplicates = keys.count - rowTargets.count
    return result
  }

  /// The reverse of every edge; rows come out sorted because sources are
  /// visited in increasing order.
  private func transposed(nodeCount: Int) -> Adjacency {
    var starts = [Int](repeating: 0, count: nodeCount + 1)
    for v in targets { starts[Int(v) + 1] += 1 }
    for u in 0..<nodeCount { starts[u + 1] += starts[u] }
    var fill = starts
    var reversedTargets = [Int32](repeating: 0, count: targets.count)
    var reversedOrigins = [Int32](repeating: 0, count: targets.count)
    for u in 0..<nodeCount {
      for k in offsets[u]..<offsets[u + 1] {
        let v = Int(targets[k])
        reversedTargets[fill[v]] = Int32(u)
        reversedOrigins[fill[v]] = origins[k]
        fill[v] += 1
      }
    }
    return Adjacency(offsets: starts, targets: reversedTargets, origins: reversedOrigins)
  }

  /// The union of two adjacencies row by row; where both hold an edge,
  /// `self`'s origin wins (the direction the file listed).
  private func merged(with other: Adjacency, nodeCount: Int) -> Adjacency {
    var offsets = [Int](repeating: 0, count: nodeCount + 1)
    var mergedTargets = [Int32]()
    var mergedOrigins = [Int32]()
    mergedTargets.reserveCapacity(targets.count + other.targets.count)
    mergedOrigins.reserveCapacity(targets.count + other.targets.count)
    for u in 0..<nodeCount {
      var i = self.offsets[u]
      var j = other.offsets[u]
      let iEnd = self.offsets[u + 1]
      let jEnd = other.offsets[u + 1]
      while i < iEnd || j < jEnd {
        if j == jEnd || (i < iEnd && targets[i] <= other.targets[j]) {
          if j < jEnd && targets[i] == other.targets[j] { j += 1 }
          mergedTargets.append(targets[i])
          mergedOrigins.append(origins[i])
          i += 1
        } else {
          mergedTargets.append(other.targets[j])
          mergedOrigins.append(other.origins[j])
          j += 1
        }
      }
      offsets[u + 1] = mergedTargets.count
    }
    return Adjacency(offsets: offsets, targets: mergedTargets, origins: mergedOrigins)
  }
}

private func isSorted(_ row: UnsafeMutableBufferPointer<UInt64>) -> Bool {
  var i = 1
  while i < row.count {
    if row[i - 1] > row[i] { return false }
    i += 1
  }
  return true
}
