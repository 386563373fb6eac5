import Foundation
import Runtime
import XCTest

/// Where `load NAME` looks, in which order, and what it says when it
/// finds nothing.
final class DatasetLoaderTests: XCTestCase {
  private var fixture: Fixture!

  override func setUpWithError() throws {
    fixture = try Fixture()
  }

  override func tearDown() {
    fixture = nil
  }

  /// A one-graph TU dataset `name` under `root` whose graph has `nodes` nodes.
  private func writeDataset(_ name: String, under root: String, nodes: Int) throws {
    let indicator = String(repeating: "1\n", count: nodes)
    try fixture.write("\(root)/\(name)/\(name)_A.txt", "1, 2\n2, 1\n")
    try fixture.write("\(root)/\(name)/\(name)_graph_indicator.txt", indicator)
    try fixture.write("\(root)/\(name)/\(name)_graph_labels.txt", "0\n")
  }

  func testSearchOrderIsRootThenLADDataThenCache() throws {
    try writeDataset("X", under: "explicit", nodes: 2)
    try writeDataset("X", under: "data", nodes: 3)
    try writeDataset("X", under: "cache/lad", nodes: 4)
    try writeDataset("X", under: "home/.cache/lad", nodes: 5)
    let base = fixture.path
    let all = [
      "LAD_DATA": "\(base)/data", "XDG_CACHE_HOME": "\(base)/cache", "HOME": "\(base)/home",
    ]
    func nodes(_ root: String?, _ environment: [String: String]) throws -> Int {
      try DatasetLoader.load(name: "X", root: root, environment: environment).nodeCount
    }
    XCTAssertEqual(try nodes("\(base)/explicit", all), 2)
    XCTAssertEqual(try nodes("\(base)/explicit/", all), 2)
    XCTAssertEqual(try nodes(nil, all), 3)
    XCTAssertEqual(try nodes(nil, all.filter { $0.key != "LAD_DATA" }), 4)
    XCTAssertEqual(try nodes(nil, ["HOME": "\(base)/home"]), 5)
    XCTAssertEqual(try nodes("~/.cache/lad", ["HOME": "\(base)/home"]), 5)
  }

  func testMissingDatasetNamesEveryPlaceSearched() throws {
    let base = fixture.path
    try fixture.write("data/readme.txt", "no datasets yet\n")
    let environment = ["LAD_DATA": "\(base)/data", "HOME": "\(base)/home"]
    let error = expectDatasetError(
      try DatasetLoader.load(name: "NCI1", root: nil, environment: environment))
    let searched = ["\(base)/data/NCI1", "\(base)/home/.cache/lad/NCI1"]
    XCTAssertEqual(error, .notFound(name: "NCI1", searched: searched, suggestion: nil))
    XCTAssertEqual(error?.category, .usage)
    XCTAssertEqual(error?.message, "no dataset named 'NCI1' was found.")
    let hint = try XCTUnwrap(error?.hint)
    for place in searched { XCTAssertTrue(hint.contains("'\(place)'"), hint) }
    XCTAssertTrue(hint.contains("export LAD_DATA="), hint)
  }

  func testFamilyPrefixListsTheChoices() throws {
    let error = expectDatasetError(try fixture.load("PTC"))
    XCTAssertEqual(
      error, .ambiguousName(name: "PTC", choices: ["PTC_MR", "PTC_FM", "PTC_MM", "PTC_FR"]))
    XCTAssertEqual(error?.message, "'PTC' names several datasets: PTC_MR, PTC_FM, PTC_MM, PTC_FR.")
    XCTAssertEqual(error?.category, .usage)
    XCTAssertEqual(
      expectDatasetError(try fixture.load("IMDB")),
      .ambiguousName(name: "IMDB", choices: ["IMDB-BINARY", "IMDB-MULTI"]))
  }

  func testNearMissesGetASuggestion() throws {
    func suggestion(_ name: String) -> String? {
      switch expectDatasetError(try fixture.load(name)) {
      case .notInRoot(_, _, _, let guess): return guess
      default:
        XCTFail("expected not found for '\(name)'")
        return nil
      }
    }
    XCTAssertEqual(suggestion("MUTGA"), "MUTAG")
    XCTAssertEqual(suggestion("mutag"), "MUTAG")
    XCTAssertEqual(suggestion("NCI"), "NCI1")
    XCTAssertEqual(suggestion("PROTEIN"), "PROTEINS")
    XCTAssertEqual(suggestion("REDDIT-BINARI"), "REDDIT-BINARY")
    XCTAssertEqual(suggestion("PTC_MF"), "PTC_MR")
    XCTAssertNil(suggestion("CORA"))
    XCTAssertNil(suggestion("X"))

    // names found on disk count too
    try writeDataset("MYGRAPHS", under: "", nodes: 2)
    XCTAssertEqual(suggestion("MYGRAPH"), "MYGRAPHS")
    let error = expectDatasetError(try fixture.load("MUTGA"))
    XCTAssertTrue(error?.hint?.hasPrefix("Did you mean 'MUTAG'?") ?? false)
  }

  func testFolderWithoutDatasetFiles() throws {
    try fixture.write("EMPTY/notes.txt", "nothing\n")
    XCTAssertEqual(
      expectDatasetError(try fixture.load("EMPTY")),
      .unknownFormat(directory: "\(fixture.path)/EMPTY", name: "EMPTY"))
    XCTAssertEqual(
      expectDatasetError(
        try DatasetLoader.load(directory: "\(fixture.path)/EMPTY", name: "EMPTY")),
      .unknownFormat(directory: "\(fixture.path)/EMPTY", name: "EMPTY"))
  }

  func testLoadFromAnExplicitFolder() throws {
    try writeDataset("Y", under: "somewhere", nodes: 3)
    let y = try DatasetLoader.load(directory: "\(fixture.path)/somewhere/Y", name: "Y")
    XCTAssertEqual(y.nodeCount, 3)
  }

  func testListLocalFindsEveryDatasetOnce() throws {
    try writeDataset("B", under: "one", nodes: 2)
    try writeDataset("A", under: "x/lad", nodes: 2)
    try writeDataset("B", under: "x/lad", nodes: 2)
    try fixture.write("x/lad/C/C.txt.gz", bytes: [])
    try fixture.write("x/lad/D/readme.txt", "not a dataset\n")
    XCTAssertEqual(
      DatasetLoader.listLocal(
        root: "\(fixture.path)/one", environment: ["LAD_DATA": "\(fixture.path)/x/lad"]
      ).map(\.name), ["B"], "an explicit root is the only one")
    let found = DatasetLoader.listLocal(
      root: nil,
      environment: ["LAD_DATA": "\(fixture.path)/one", "XDG_CACHE_HOME": "\(fixture.path)/x"])
    XCTAssertEqual(found.map(\.name), ["A", "B", "C"])
    XCTAssertEqual(found.map(\.format), [.tu, .tu, .ginText])
    XCTAssertEqual(found[1].directory, "\(fixture.path)/one/B")
    XCTAssertEqual(DatasetLoader.listLocal(root: nil, environment: [:]), [])
  }

  /// A chosen root that is not there is an error, never a fall-through to
  /// the next root or a download.
  func testAMissingLADDataOrRootIsAnErrorNotAFallThrough() throws {
    try writeDataset("X", under: "data", nodes: 3)
    try writeDataset("X", under: "home/.cache/lad", nodes: 5)
    try fixture.write("file", "not a folder\n")
    let base = fixture.path
    let home = ["HOME": "\(base)/home"]
    func error(_ root: String?, _ environment: [String: String]) -> DatasetError? {
      expectDatasetError(try DatasetLoader.load(name: "X", root: root, environment: environment))
    }

    let missing = error(nil, home.merging(["LAD_DATA": "../no-such/datasets"]) { a, _ in a })
    XCTAssertEqual(
      missing,
      .badRoot(setting: "LAD_DATA", path: "../no-such/datasets", problem: "does not exist"))
    XCTAssertEqual(missing?.category, .usage)
    XCTAssertEqual(missing?.message, "LAD_DATA is '../no-such/datasets', which does not exist.")
    XCTAssertTrue(missing?.hint?.contains("export LAD_DATA=") ?? false)
    XCTAssertTrue(missing?.hint?.contains("relative path") ?? false)
    XCTAssertEqual(
      error(nil, home.merging(["LAD_DATA": "\(base)/file"]) { a, _ in a }),
      .badRoot(setting: "LAD_DATA", path: "\(base)/file", problem: "is a file, not a directory"))

    let data = home.merging(["LAD_DATA": "\(base)/data"]) { a, _ in a }
    let noRoot = error("/nonexistent", data)
    XCTAssertEqual(
      noRoot, .badRoot(setting: "root=", path: "/nonexistent", problem: "does not exist"))
    XCTAssertEqual(noRoot?.message, "root='/nonexistent' does not exist.")
    XCTAssertTrue(noRoot?.hint?.contains("leave root= out") ?? false)
    let empty = error(base + "/home", data)
    XCTAssertEqual(
      empty,
      .notInRoot(
        name: "X", root: base + "/home", searched: ["\(base)/home/X/", "\(base)/home/X.zip"],
        suggestion: nil))
    XCTAssertEqual(empty?.message, "root='\(base)/home' holds no dataset 'X'.")
    // a known TU name is not downloaded past an explicit root (the address
    // is never contacted: the root's error comes first)
    let offline = data.merging(["LAD_DOWNLOAD_URL": "http://127.0.0.1:9"]) { a, _ in a }
    let known = expectDatasetError(
      try DatasetLoader.load(
        name: "MUTAG", root: base + "/home", environment: offline,
        download: DatasetDownload(environment: offline)))
    XCTAssertEqual(known?.message, "root='\(base)/home' holds no dataset 'MUTAG'.")
    XCTAssertThrowsError(
      try DatasetLoader.checkRoots(root: nil, environment: ["LAD_DATA": "\(base)/none"]))
    XCTAssertNoThrow(try DatasetLoader.checkRoots(root: nil, environment: data))
  }
}
