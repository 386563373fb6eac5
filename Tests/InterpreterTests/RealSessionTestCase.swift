import Foundation
import Interpreter
import Runtime
import XCTest

/// A test case with a real `Session` reading the shared datasets (skipped
/// when MUTAG is not there), an interpreter on buffered output, and a
/// temporary directory of its own.
class RealSessionTestCase: XCTestCase {
  var directory: URL!
  var session: Session!
  var interpreter: Interpreter!
  let output = BufferSink()
  let errors = BufferSink()

  override func setUpWithError() throws {
    let environment = ProcessInfo.processInfo.environment
    let shared =
      environment["LAD_DATA"].flatMap { $0.isEmpty ? nil : $0 } ?? "/work/shared/datasets"
    guard FileManager.default.fileExists(atPath: "\(shared)/MUTAG") else {
      throw XCTSkip("no datasets: set LAD_DATA")
    }
    directory = try temporaryDirectory(for: self)
    session = Session(environment: ["LAD_DATA": shared])
    interpreter = Interpreter(console: Console(output: output, errors: errors), executor: session)
  }

  /// Parses and runs `text` as the lines of `t.lad`.
  @discardableResult
  func run(_ text: String) throws -> RunOutcome {
    interpreter.run(try interpreter.parse(text, file: "t.lad"))
  }
}
