// The libFuzzer entry point of scripts/fuzz, compiled into one module with
// the sources of Runtime (so it reaches the internal readers). Not part of
// the package's targets.
//
// An input is one byte choosing the reader, then that reader's files:
//   0  TU: up to seven NUL-separated files (A, graph_indicator,
//      graph_labels, node_labels, node_attributes, edge_labels,
//      edge_attributes)
//   1  GIN text: NAME.txt
//   2  a zip archive NAME.zip in a search root
//   3  a gzipped GIN text: NAME.txt.gz
// A load must give a well-formed dataset or throw a DatasetError; anything
// else (a trap, a sanitizer report, another error, a hang) is a crash.

#if canImport(Glibc)
  import Glibc
#endif

private let directory: String = {
  let base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
  var template = Array("\(base)/lad-fuzz-XXXXXX".utf8CString)
  guard mkdtemp(&template) != nil else { fatalError("cannot create a scratch folder") }
  atexit { removeScratch() }
  return String(cString: template)
}()

/// Removes the scratch folder when libFuzzer exits after its runs.
private func removeScratch() {
  for file in allFiles { unlink("\(directory)/\(file)") }
  rmdir(directory)
}

private let tuSuffixes = [
  "A", "graph_indicator", "graph_labels", "node_labels", "node_attributes", "edge_labels",
  "edge_attributes",
]
private let allFiles = tuSuffixes.map { "X_\($0).txt" } + ["X.txt", "X.txt.gz", "X.zip"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
  guard count > 0 else { return 0 }
  let input = UnsafeBufferPointer(start: start, count: count)
  let rest = Array(input.dropFirst())
  for file in allFiles { unlink("\(directory)/\(file)") }
  switch input[0] % 4 {
  case 0:
    let parts = rest.split(separator: 0, omittingEmptySubsequences: false)
    for (suffix, bytes) in zip(tuSuffixes, parts) { write(Array(bytes), to: "X_\(suffix).txt") }
  case 1: write(rest, to: "X.txt")
  case 2: write(rest, to: "X.zip")
  default: write(rest, to: "X.txt.gz")
  }
  do {
    let dataset = try DatasetLoader.load(name: "X", root: directory, environment: [:])
    checkWellFormed(dataset)
  } catch is DatasetError {
    // the expected way to fail
  } catch {
    fatalError("not a DatasetError: \(error)")
  }
  return 0
}

private func write(_ bytes: [UInt8], to name: String) {
  let fd = open("\(directory)/\(name)", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  guard fd >= 0 else { fatalError("cannot write \(name)") }
  _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
  close(fd)
}

/// The layout every loader promises (the tests check more, slower).
private func checkWellFormed(_ d: GraphDataset) {
  func require(_ condition: Bool, _ what: String) {
    if !condition { fatalError("malformed dataset: \(what)") }
  }
  require(d.nodeOffsets.count == d.graphCount + 1, "node offsets")
  require(d.edgeOffsets.count == d.graphCount + 1, "edge offsets")
  require(d.nodeOffsets.first == 0 && d.edgeOffsets.first == 0, "offsets start")
  require(d.edgeSource.count == d.edgeCount && d.edgeTarget.count == d.edgeCount, "edges")
  for g in 0..<d.graphCount {
    let n = d.nodeCount(ofGraph: g)
    require(n >= 1, "graph \(g) empty")
    require(d.edgeOffsets[g] <= d.edgeOffsets[g + 1], "edge offsets order")
    for e in d.edgeOffsets[g]..<d.edgeOffsets[g + 1] {
      let s = Int(d.edgeSource[e])
      let t = Int(d.edgeTarget[e])
      require(s >= 0 && s < n && t >= 0 && t < n && s != t, "edge \(e)")
    }
  }
  require(d.labels.allSatisfy { $0 >= 0 && $0 < d.classCount }, "labels")
  if let columns = d.oneHotIndex {
    require(columns.count == d.nodeCount, "one-hot count")
    require(columns.allSatisfy { $0 >= 0 && Int($0) < d.featureCount }, "one-hot range")
  } else {
    require(d.features.count == d.nodeCount * d.featureCount, "feature count")
  }
}
