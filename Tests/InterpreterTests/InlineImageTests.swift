import Foundation
import Interpreter
import XCTest

final class InlineImageTests: XCTestCase {
  func testDetectionFollowsTheTerminalAndTheOverride() {
    XCTAssertEqual(
      InlineImage.detect(environment: ["TERM": "xterm-kitty"], isTerminal: true), .kitty)
    XCTAssertEqual(
      InlineImage.detect(environment: ["TERM_PROGRAM": "iTerm.app"], isTerminal: true), .iterm2)
    XCTAssertNil(InlineImage.detect(environment: ["TERM": "xterm-256color"], isTerminal: true))
    XCTAssertNil(InlineImage.detect(environment: ["TERM": "xterm-kitty"], isTerminal: false))
    XCTAssertNil(
      InlineImage.detect(
        environment: ["TERM": "xterm-kitty", "LAD_IMAGES": "off"], isTerminal: true))
    XCTAssertEqual(
      InlineImage.detect(environment: ["LAD_IMAGES": "inline"], isTerminal: false), .iterm2)
    XCTAssertEqual(
      InlineImage.detect(environment: ["LAD_IMAGES": "inline", "KITTY_WINDOW_ID": "1"],
                         isTerminal: false), .kitty)
  }

  func testSequencesCarryTheWholePicture() {
    let png = Data((0..<5000).map { UInt8($0 % 251) })
    let payload = png.base64EncodedString()

    let iterm = InlineImage.iterm2.sequence(png: png)
    XCTAssertTrue(iterm.hasPrefix("\u{1B}]1337;File=inline=1;size=5000;"))
    XCTAssertTrue(iterm.contains(":" + payload + "\u{07}"))

    // kitty: chunks of at most 4096 base64 bytes, the last with m=0
    let kitty = InlineImage.kitty.sequence(png: png)
    let chunks = kitty.components(separatedBy: "\u{1B}_G").dropFirst()
    XCTAssertEqual(chunks.count, 2)
    XCTAssertTrue(chunks.first!.hasPrefix("a=T,f=100,q=2,m=1;"))
    XCTAssertTrue(chunks.last!.hasPrefix("m=0;"))
    let joined = chunks.map { chunk -> String in
      let body = chunk.split(separator: ";", maxSplits: 1)[1]
      return String(body.prefix { $0 != "\u{1B}" })
    }.joined()
    XCTAssertEqual(joined, payload)
  }
}
