import Foundation
import Runtime
import XCTest

final class SafetensorsTests: XCTestCase {
  /// The layout byte by byte: an 8-byte little-endian header length, a
  /// JSON header padded with spaces to 8 bytes, then little-endian F32 data.
  func testLayoutOfATinyFile() throws {
    let data = try Safetensors.encode(
      [
        .init(name: "w", tensor: Tensor([[1, -2]])),
        .init(name: "b", tensor: Tensor([[0.5]])),
      ], metadata: ["role": "baseline"])
    let bytes = [UInt8](data)
    let length = bytes[0..<8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
    XCTAssertEqual(length % 8, 0)
    let header = String(decoding: bytes[8..<(8 + length)], as: UTF8.self)
    XCTAssertEqual(
      header.trimmingCharacters(in: .whitespaces),
      #"{"__metadata__":{"role":"baseline"},"b":{"data_offsets":[8,12],"dtype":"F32","#
        + #""shape":[1,1]},"w":{"data_offsets":[0,8],"dtype":"F32","shape":[1,2]}}"#)
    XCTAssertEqual(bytes.count, 8 + length + 12)
    // 1.0, -2.0, 0.5 as little-endian IEEE 754
    XCTAssertEqual(
      Array(bytes[(8 + length)...]),
      [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x3F])
  }

  func testRoundTripIsBitIdentical() throws {
    let t = randomTensor(3, 4, seed: 9)
    let data = try Safetensors.encode([.init(name: "x", tensor: t)], metadata: [:])
    let (entries, metadata) = try Safetensors.decode(data, file: "x.safetensors")
    XCTAssertEqual(entries, [.init(name: "x", tensor: t)])
    XCTAssertEqual(metadata, [:])
  }

  func testTruncatedAndCorruptedFilesAreErrors() throws {
    let data = try Safetensors.encode(
      [.init(name: "x", tensor: randomTensor(2, 2, seed: 1))], metadata: ["a": "b"])
    let cases: [(Data, String)] = [
      (Data(), "shorter than its 8-byte header"),
      (data.prefix(20), "the header claims"),
      (data.prefix(data.count - 1), "do not fit"),
      (Data([8, 0, 0, 0, 0, 0, 0, 0]) + Data("not json".utf8), "not a JSON object"),
    ]
    for (bad, message) in cases {
      XCTAssertThrowsError(try Safetensors.decode(bad, file: "m.safetensors")) { error in
        let text = (error as? LadError)?.message ?? "\(error)"
        XCTAssertTrue(text.contains(message), text)
        XCTAssertTrue(text.contains("'m.safetensors'"), text)
      }
    }
  }
}

extension SafetensorsTests {
  /// A trained model written and read back predicts bit for bit the same.
  func testModelRoundTripGivesBitIdenticalPredictions() throws {
    let ds = cyclesAndStars(count: 30)
    let split = Split.stratified(labels: ds.labels, classCount: 2, seed: 2)
    let settings = BackboneSettings(inputWidth: 10, hiddenWidth: 8)
    func build(_ seed: UInt64) -> Teacher {
      var r = RandomGenerator(seed: seed)
      return Teacher(backbone: GCN(settings, random: &r), classCount: 2, tau: 0.1, dropout: 0.5,
                     random: &r)
    }
    let trained = build(1)
    var options = TrainingOptions()
    options.epochs = 3
    _ = try Trainer(model: trained, dataset: ds, split: split, options: options, stream: "t").fit()
    let all = trained.parameters + trained.buffers
    let data = try Safetensors.encode(
      all.map { .init(name: $0.name, tensor: $0.value) }, metadata: ["role": "teacher"])
    let (entries, _) = try Safetensors.decode(data, file: "t.safetensors")
    let restored = build(99)
    let byName = Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0.tensor) })
    for p in restored.parameters + restored.buffers { p.value = try XCTUnwrap(byName[p.name]) }
    let batch = GraphBatch(dataset: ds, graphs: Array(0..<30))
    func predict(_ m: Teacher) -> [UInt32] {
      let tape = Tape(training: false)
      return withExtendedLifetime(tape) {
        m.predict(batch, tape: tape).logProbs.value.data.map(\.bitPattern)
      }
    }
    XCTAssertEqual(predict(trained), predict(restored))
    XCTAssertNotEqual(predict(build(99)), predict(restored))
  }
}
