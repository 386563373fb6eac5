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
