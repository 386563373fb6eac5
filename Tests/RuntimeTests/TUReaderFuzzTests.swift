import Foundation
import Runtime
import XCTest

/// Seeded random damage to small valid datasets: the readers must return a
/// well-formed dataset or throw a `DatasetError`, never trap or hang.
final class TUReaderFuzzTests: XCTestCase {
  func testRandomDamageToTUFilesGivesADatasetOrADatasetError() throws {
    let fixture = try Fixture()
    var random = SplitMix64(seed: 0x1AD_0001)
    var outcomes = Outcomes()
    let suffixes = TUReaderErrorTests.valid.keys.sorted()
    for iteration in 0..<400 {
      var files = TUReaderErrorTests.valid.mapValues { Array($0.utf8) }
      var gzippedEdges: [UInt8]?
      if random.below(10) == 0 {
        // a damaged gzip file in place of the edge list
        files["A"] = nil
        files["edge_labels"] = nil
        files["edge_attributes"] = nil
        gzippedEdges = Damage.apply(to: GzipSamples.pathEdges, using: &random)
      }
      for _ in 0...random.below(3) {
        let suffix = suffixes[random.below(suffixes.count)]
        guard let bytes = files[suffix] else { continue }
        files[suffix] = random.below(25) == 0 ? nil : Damage.apply(to: bytes, using: &random)
      }

      let name = "F\(iteration)"
      for (suffix, bytes) in files {
        try fixture.write("\(name)/\(name)_\(suffix).txt", bytes: bytes)
      }
      if let gzippedEdges {
        try fixture.write("\(name)/\(name)_A.txt.gz", bytes: gzippedEdges)
      }
      outcomes.record(iteration: iteration) { try fixture.load(name) }
    }
    // the mutations must both break and spare files, or the test tests nothing
    XCTAssertGreaterThan(outcomes.loaded, 20, "\(outcomes)")
    XCTAssertGreaterThan(outcomes.failed, 100, "\(outcomes)")
  }

  func testRandomDamageToGINTextGivesADatasetOrADatasetError() throws {
    let fixture = try Fixture()
    var random = SplitMix64(seed: 0x1AD_0002)
    var outcomes = Outcomes()
    let valid = Array(GINTextReaderTests.threeGraphs.utf8)
    for iteration in 0..<200 {
      var bytes = valid
      for _ in 0...random.below(2) { bytes = Damage.apply(to: bytes, using: &random) }
      let name = "G\(iteration)"
      try fixture.write("\(name)/\(name).txt", bytes: bytes)
      outcomes.record(iteration: iteration) { try fixture.load(name) }
    }
    XCTAssertGreaterThan(outcomes.loaded, 10, "\(outcomes)")
    XCTAssertGreaterThan(outcomes.failed, 50, "\(outcomes)")
  }
}

/// Counts loads and failures, failing the test on anything but a
/// `DatasetError` and checking every dataset that loads.
private struct Outcomes {
  var loaded = 0
  var failed = 0

  mutating func record(
    iteration: Int, _ load: () throws -> GraphDataset,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    do {
      let dataset = try load()
      assertWellFormed(dataset, file: file, line: line)
      loaded += 1
    } catch let error as DatasetError {
      XCTAssertFalse(error.message.isEmpty, "iteration \(iteration)", file: file, line: line)
      failed += 1
    } catch {
      XCTFail("iteration \(iteration): not a DatasetError: \(error)", file: file, line: line)
    }
  }
}

/// One random change to a file's bytes.
private enum Damage {
  static let alphabet = Array("0123456789,- .\n\r\teEnaif+x".utf8)

  static func apply(to bytes: [UInt8], using random: inout SplitMix64) -> [UInt8] {
    var bytes = bytes
    let position = bytes.isEmpty ? 0 : random.below(bytes.count)
    switch random.below(8) {
    case 0, 1:  // replace a byte with a plausible one
      if !bytes.isEmpty { bytes[position] = alphabet[random.below(alphabet.count)] }
    case 2:  // replace a byte with anything
      if !bytes.isEmpty { bytes[position] = UInt8(random.below(256)) }
    case 3:  // truncate
      bytes.removeLast(bytes.count - position)
    case 4, 5:  // duplicate or delete a line
      var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
      let index = random.below(lines.count)
      if random.below(2) == 0 {
        lines.insert(lines[index], at: index)
      } else {
        lines.remove(at: index)
      }
      bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    case 6:  // insert a large or negative number
      let numbers = ["99999", "-7", "2147483648", "123456789012345678901", "0", "1e30"]
      bytes.insert(contentsOf: Array(numbers[random.below(numbers.count)].utf8), at: position)
    default:  // insert a separator
      bytes.insert(
        [UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: " ")][random.below(3)],
        at: position)
    }
    return bytes
  }
}

/// A small seeded generator (Steele, Lea and Flood's SplitMix64), so the
/// fuzz cases are the same on every run.
struct SplitMix64 {
  private var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A value in `0 ..< bound`.
  mutating func below(_ bound: Int) -> Int {
    Int(next() % UInt64(max(bound, 1)))
  }
}
