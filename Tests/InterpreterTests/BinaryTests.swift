import Foundation
import XCTest

/// Runs the built `lad`; skipped when it cannot be found. Set LAD_BINARY,
/// or build first (`swift build -c release`).
final class BinaryTests: XCTestCase {
  private func binary() throws -> URL {
    if let path = ProcessInfo.processInfo.environment["LAD_BINARY"] {
      return URL(fileURLWithPath: path)
    }
    // the test bundle sits in the build folder beside the lad binary
    var folder = Bundle.main.bundleURL
    for _ in 0..<3 {
      let candidate = folder.appendingPathComponent("lad")
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory),
        !isDirectory.boolValue, FileManager.default.isExecutableFile(atPath: candidate.path)
      {
        return candidate
      }
      folder.deleteLastPathComponent()
    }
    throw XCTSkip("no built lad binary found; set LAD_BINARY")
  }

  private func run(_ arguments: [String], stdin: String = "") throws -> (Int32, String, String) {
    let process = Process()
    process.executableURL = try binary()
    process.arguments = arguments
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    input.fileHandleForWriting.write(stdin.data(using: .utf8)!)
    try input.fileHandleForWriting.close()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      process.terminationStatus, String(decoding: out, as: UTF8.self),
      String(decoding: err, as: UTF8.self)
    )
  }

  func testExitStatuses() throws {
    XCTAssertEqual(try run(["-e", "help"]).0, 0)
    XCTAssertEqual(try run(["-e", "teacher gcn nhdi=3"]).0, 64)
    XCTAssertEqual(try run(["-e", "teacher gcn {"]).0, 65)
    let (status, output, errors) = try run(["--check", "-e", "load MUTAG; teacher gcn"])
    XCTAssertEqual(status, 0, errors)
    XCTAssertEqual(output, "-e: 2 commands checked, no errors\n")
  }

  func testPipedInputRunsWithoutPrompts() throws {
    let (status, output, errors) = try run([], stdin: "set w=3\nset\nteacher gnc\nquit\n")
    XCTAssertEqual(status, 64)
    XCTAssertEqual(output, "seed=1\nquiet=false\nw=3\n")
    XCTAssertTrue(errors.contains("<stdin>:3:9: error: unknown backbone 'gnc'"), errors)
    XCTAssertFalse(errors.contains("\u{1B}["), "no colour when stderr is not a terminal")
  }
}
