import Foundation
import Runtime
import XCTest

/// `load` reads `NAME.zip` in a search root in place: the TU zips' layout,
/// stored and deflated entries, gzipped files inside, and damaged archives.
final class ZipDatasetTests: XCTestCase {
  private var fixture: Fixture!

  override func setUpWithError() throws {
    fixture = try Fixture()
  }

  override func tearDown() {
    fixture = nil
  }

  /// Two graphs, `1-2-3` and `4-5`; `_A.txt` deflated.
  private func smallZip(_ name: String, folder: String? = nil) -> ZipWriter {
    let prefix = folder.map { "\($0)/" } ?? ""
    var zip = ZipWriter()
    zip.add("\(prefix)\(name)_A.txt", deflatedFromGzip: GzipSamples.pathEdges)
    zip.add("\(prefix)\(name)_graph_indicator.txt", "1\n1\n1\n2\n2\n")
    zip.add("\(prefix)\(name)_graph_labels.txt", "0\n1\n")
    return zip
  }

  private func expectEdges(
    _ dataset: GraphDataset, file: StaticString = #filePath,
    line: UInt = #line
  ) {
    assertWellFormed(dataset, file: file, line: line)
    XCTAssertEqual(dataset.graphCount, 2, file: file, line: line)
    XCTAssertEqual(dataset.nodeCount, 5, file: file, line: line)
    XCTAssertEqual(dataset.edgeCount, 6, file: file, line: line)
  }

  func testTULayoutInAZipLoadsLikeAFolder() throws {
    try fixture.write("Z.zip", bytes: smallZip("Z", folder: "Z").bytes)
    expectEdges(try fixture.load("Z"))
    // the archive's top level, and PyG's raw/ folder, work too
    try fixture.write("other/Y.zip", bytes: smallZip("Y").bytes)
    expectEdges(try DatasetLoader.load(name: "Y", root: "\(fixture.path)/other", environment: [:]))
    try fixture.write("raw/W.zip", bytes: smallZip("W", folder: "W/raw").bytes)
    expectEdges(try DatasetLoader.load(name: "W", root: "\(fixture.path)/raw", environment: [:]))
    let direct = try DatasetLoader.load(directory: "\(fixture.path)/Z.zip/Z", name: "Z")
    XCTAssertEqual(direct.nodeCount, 5)
  }

  func testRealDatasetFromAStoredZipMatchesItsFolder() throws {
    let root = try sharedDatasetRoot()
    var zip = ZipWriter()
    for file in try FileManager.default.contentsOfDirectory(atPath: "\(root)/MUTAG") {
      let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: "\(root)/MUTAG/\(file)")))
      zip.add("MUTAG/\(file)", bytes)
    }
    try fixture.write("MUTAG.zip", bytes: zip.bytes)
    let zipped = try fixture.load("MUTAG")
    let folder = try DatasetLoader.load(directory: "\(root)/MUTAG", name: "MUTAG")
    XCTAssertEqual(zipped.summary, folder.summary)
    XCTAssertEqual(zipped.edgeSource, folder.edgeSource)
    XCTAssertEqual(zipped.edgeTarget, folder.edgeTarget)
    XCTAssertEqual(zipped.features, folder.features)
    XCTAssertEqual(zipped.labels, folder.labels)
  }

  func testGzippedFilesGINTextAndFoldsInsideAZip() throws {
    var zip = ZipWriter()
    zip.add("Z/Z_A.txt.gz", GzipSamples.pathEdges)
    zip.add("Z/Z_graph_indicator.txt", "1\n1\n1\n2\n2\n")
    zip.add("Z/Z_graph_labels.txt", "0\n1\n")
    zip.add("Z/10fold_idx/train_idx-1.txt", "0\n")
    zip.add("Z/10fold_idx/test_idx-1.txt", "1\n")
    try fixture.write("Z.zip", bytes: zip.bytes)
    let dataset = try fixture.load("Z")
    expectEdges(dataset)
    XCTAssertEqual(dataset.folds?.folds, [FoldIndex.Fold(train: [0], test: [1])])

    var gin = ZipWriter()
    gin.add("G/G.txt", GINTextReaderTests.threeGraphs)
    try fixture.write("G.zip", bytes: gin.bytes)
    XCTAssertEqual(try fixture.load("G").nodeOffsets, [0, 3, 6, 7])
  }

  func testAFolderBeatsAZipInTheSameRootAndRootsKeepTheirOrder() throws {
    try fixture.write("first/Z.zip", bytes: smallZip("Z", folder: "Z").bytes)
    try fixture.write("second/Z/Z_A.txt", "1, 2\n")
    try fixture.write("second/Z/Z_graph_indicator.txt", "1\n1\n")
    try fixture.write("second/Z/Z_graph_labels.txt", "0\n")
    try fixture.write("second/Z.zip", bytes: smallZip("Z", folder: "Z").bytes)
    let environment = ["LAD_DATA": "\(fixture.path)/second"]
    let first = try DatasetLoader.load(
      name: "Z", root: "\(fixture.path)/first", environment: environment)
    XCTAssertEqual(first.nodeCount, 5)
    XCTAssertEqual(
      try DatasetLoader.load(name: "Z", root: nil, environment: environment).nodeCount, 2)

    let listed = DatasetLoader.listLocal(root: "\(fixture.path)/first", environment: environment)
    XCTAssertEqual(listed.map(\.name), ["Z"])
    XCTAssertEqual(listed.first?.archive, "\(fixture.path)/first/Z.zip")
    XCTAssertEqual(listed.first?.directory, "\(fixture.path)/first/Z.zip/Z")
  }

  func testDamagedArchivesAreErrorsNamingTheFile() throws {
    let good = smallZip("Z", folder: "Z").bytes
    let zipPath = "\(fixture.path)/Z.zip"
    func error(_ bytes: [UInt8]) throws -> DatasetError? {
      try fixture.write("Z.zip", bytes: bytes)
      return expectDatasetError(try fixture.load("Z"))
    }

    // cut short: the directory at the end is gone
    let cut = try error(Array(good.prefix(good.count / 2)))
    XCTAssertEqual(cut?.file, zipPath)
    XCTAssertTrue(cut?.message.contains("cut short") ?? false, "\(String(describing: cut))")
    XCTAssertEqual(cut?.category, .data)

    // one byte of stored data changed: the CRC catches it
    var flipped = good
    let indicator = try XCTUnwrap(firstRange(of: Array("1\n1\n1\n2\n2\n".utf8), in: good))
    flipped[indicator.lowerBound] = UInt8(ascii: "2")
    let crc = try error(flipped)
    XCTAssertEqual(crc?.file, "\(zipPath)/Z/Z_graph_indicator.txt")
    XCTAssertTrue(crc?.message.contains("CRC-32") ?? false, "\(String(describing: crc))")

    // deflate data damaged
    var inflating = good
    inflating[40] ^= 0xFF
    let inflate = try error(inflating)
    XCTAssertEqual(inflate?.file, "\(zipPath)/Z/Z_A.txt")

    // not a zip at all, and an empty file
    XCTAssertTrue(try error(Array("hello\n".utf8))?.message.contains("not a zip") ?? false)
    XCTAssertTrue(try error([])?.message.contains("empty") ?? false)
  }

  func testUnsupportedEntriesAndArchivesWithoutTheDataset() throws {
    var bzip = smallZip("Z", folder: "Z")
    bzip.addRaw("Z/Z_node_labels.txt", method: 12, data: [1, 2, 3], crc: 0, size: 5)
    try fixture.write("Z.zip", bytes: bzip.bytes)
    let method = expectDatasetError(try fixture.load("Z"))
    XCTAssertTrue(method?.message.contains("compression method 12") ?? false)

    var other = ZipWriter()
    other.add("notes/readme.txt", "nothing here\n")
    try fixture.write("Q.zip", bytes: other.bytes)
    XCTAssertEqual(
      expectDatasetError(try fixture.load("Q")),
      .unknownFormat(directory: "\(fixture.path)/Q.zip", name: "Q"))
    // listed by its directory alone, unlike Q
    XCTAssertEqual(
      DatasetLoader.listLocal(root: fixture.path, environment: [:]).map(\.name), ["Z"])
  }

  func testAnEntryThatInflatesPastItsSizeStops() throws {
    var zip = ZipWriter()
    let gzip = GzipSamples.pathEdges
    let trailer = Array(gzip.suffix(8))
    zip.addRaw(
      "Z/Z_A.txt", method: 8, data: Array(gzip[10..<(gzip.count - 8)]),
      crc: UInt32(littleEndian: trailer, at: 0), size: 4)
    zip.add("Z/Z_graph_indicator.txt", "1\n1\n1\n2\n2\n")
    zip.add("Z/Z_graph_labels.txt", "0\n1\n")
    try fixture.write("Z.zip", bytes: zip.bytes)
    let error = expectDatasetError(try fixture.load("Z"))
    XCTAssertTrue(error?.message.contains("more than its stated 4 bytes") ?? false, "\(error!)")
  }
}

private func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
  guard needle.count <= haystack.count else { return nil }
  for start in 0...(haystack.count - needle.count)
  where Array(haystack[start..<(start + needle.count)]) == needle {
    return start..<(start + needle.count)
  }
  return nil
}
