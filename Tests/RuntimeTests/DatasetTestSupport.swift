import Foundation
import Runtime
import XCTest

/// A scratch directory for hand-written dataset files, removed on deinit.
final class Fixture {
  let root: URL

  init() throws {
    root = FileManager.default.temporaryDirectory
      .appendingPathComponent("lad-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(at: root)
  }

  var path: String { root.path }

  /// Writes `text` to `relativePath` (folders are created as needed) and
  /// returns the full path.
  @discardableResult
  func write(_ relativePath: String, _ text: String) throws -> String {
    try write(relativePath, bytes: Array(text.utf8))
  }

  @discardableResult
  func write(_ relativePath: String, bytes: [UInt8]) throws -> String {
    let url = root.appendingPathComponent(relativePath)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    // plain stdio: Foundation's Data.write syncs to disk, which made the
    // fuzz test spend most of its time in fsync
    guard let handle = fopen(url.path, "wb") else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
    }
    let written = bytes.isEmpty ? 0 : fwrite(bytes, 1, bytes.count, handle)
    guard fclose(handle) == 0, written == bytes.count else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
    }
    return url.path
  }

  /// Writes the files of a TU dataset `name` into the folder `name`;
  /// `files` maps a suffix (`A`, `graph_indicator`, ...) to its text.
  func writeTU(_ name: String, _ files: [String: String]) throws {
    for (suffix, text) in files { try write("\(name)/\(name)_\(suffix).txt", text) }
  }

  /// Loads dataset `name` from this fixture alone (no LAD_DATA, no cache).
  func load(_ name: String, features: FeatureMode = .default) throws -> GraphDataset {
    try DatasetLoader.load(name: name, root: path, environment: [:], features: features)
  }
}

/// The shared real datasets: `$LAD_DATA`, else `/work/shared/datasets`;
/// skips the test when neither exists.
func sharedDatasetRoot() throws -> String {
  let environment = ProcessInfo.processInfo.environment
  let root = environment["LAD_DATA"].flatMap { $0.isEmpty ? nil : $0 } ?? "/work/shared/datasets"
  var isDirectory: ObjCBool = false
  guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory),
    isDirectory.boolValue
  else {
    throw XCTSkip("no dataset directory: set LAD_DATA (tried '\(root)')")
  }
  return root
}

/// Asserts that `body` throws a `DatasetError` and returns it.
func expectDatasetError(
  _ body: @autoclosure () throws -> GraphDataset, file: StaticString = #filePath,
  line: UInt = #line
) -> DatasetError? {
  do {
    let dataset = try body()
    XCTFail("expected a DatasetError, loaded \(dataset.graphCount) graphs", file: file, line: line)
  } catch let error as DatasetError {
    return error
  } catch {
    XCTFail("expected a DatasetError, got \(error)", file: file, line: line)
  }
  return nil
}

/// Checks the layout every loader promises: offsets, local endpoints,
/// sorted unique edges without self-loops, symmetry, feature storage.
func assertWellFormed(
  _ dataset: GraphDataset, file: StaticString = #filePath, line: UInt = #line
) {
  func check(_ condition: Bool, _ message: @autoclosure () -> String) -> Bool {
    if !condition { XCTFail(message(), file: file, line: line) }
    return condition
  }
  let graphs = dataset.graphCount
  guard check(dataset.nodeOffsets.count == graphs + 1, "nodeOffsets count"),
    check(dataset.edgeOffsets.count == graphs + 1, "edgeOffsets count"),
    check(dataset.edgeSource.count == dataset.edgeCount, "edgeSource count"),
    check(dataset.edgeTarget.count == dataset.edgeCount, "edgeTarget count")
  else { return }
  let sources = dataset.edgeSource
  let targets = dataset.edgeTarget
  for g in 0..<graphs {
    let n = dataset.nodeCount(ofGraph: g)
    guard check(n >= 1, "graph \(g) has no nodes") else { return }
    let edges = dataset.edgeOffsets[g]..<dataset.edgeOffsets[g + 1]
    // row starts of this graph's sources, to find each edge's reverse
    var rowStart = [Int](repeating: edges.upperBound, count: n + 1)
    var previous = (-1, -1)
    for e in edges.reversed() { rowStart[Int(sources[e])] = e }
    for u in stride(from: n - 1, through: 0, by: -1) where rowStart[u] > rowStart[u + 1] {
      rowStart[u] = rowStart[u + 1]
    }
    for e in edges {
      let s = Int(sources[e])
      let t = Int(targets[e])
      guard check(s >= 0 && s < n && t >= 0 && t < n, "edge \(e) outside graph \(g)"),
        check(s != t, "self-loop at edge \(e)"),
        check((s, t) > previous, "edges of graph \(g) not sorted or repeated at \(e)")
      else { return }
      previous = (s, t)
    }
    for e in edges {
      let s = Int32(sources[e])
      let t = Int(targets[e])
      var low = rowStart[t]
      var high = rowStart[t + 1]
      while low < high {
        let mid = (low + high) / 2
        if targets[mid] < s { low = mid + 1 } else { high = mid }
      }
      let found = low < rowStart[t + 1] && targets[low] == s && Int(sources[low]) == t
      guard check(found, "edge \(s)->\(t) of graph \(g) has no reverse") else { return }
    }
  }
  _ = check(dataset.labels.allSatisfy { $0 >= 0 && $0 < dataset.classCount }, "labels range")
  _ = check(dataset.classNames.count == dataset.classCount, "class names")
  if let columns = dataset.oneHotIndex {
    _ = check(dataset.features.isEmpty, "compact features with a dense array")
    _ = check(columns.count == dataset.nodeCount, "oneHotIndex count")
    _ = check(columns.allSatisfy { $0 >= 0 && Int($0) < dataset.featureCount }, "one-hot range")
  } else {
    _ = check(
      dataset.features.count == dataset.nodeCount * dataset.featureCount, "features count")
  }
  if let labels = dataset.edgeLabels {
    _ = check(labels.count == dataset.edgeCount, "edge labels count")
  }
  if let attributes = dataset.edgeAttributes {
    _ = check(
      attributes.count == dataset.edgeCount * dataset.edgeAttributeCount,
      "edge attributes count")
  }
}
