import Foundation
import Runtime
import XCTest

/// `AtomicFile.write` says why a place cannot be written, with the path,
/// instead of Foundation's "The file doesn't exist."
final class AtomicFileTests: XCTestCase {
  private func failure(_ path: String) -> LadError? {
    do {
      try AtomicFile.write("x", to: path)
      XCTFail("wrote \(path)")
      return nil
    } catch {
      return error as? LadError
    }
  }

  func testUnwritablePlacesSayWhy() throws {
    let proc = failure("/proc/x.safetensors")
    XCTAssertEqual(
      proc?.message,
      "cannot write '/proc/x.safetensors': '/proc' does not accept new files (a virtual file "
        + "system such as /proc?) (No such file or directory).")
    XCTAssertEqual(proc?.hint, "Choose an ordinary directory.")

    let sys = failure("/sys/x.safetensors")
    XCTAssertTrue(
      sys?.message.hasPrefix(
        "cannot write '/sys/x.safetensors': no permission to create files "
          + "in '/sys'") ?? false, String(describing: sys?.message))

    let fixture = try Fixture()
    let file = fixture.path + "/plain"
    try AtomicFile.write("x", to: file)
    XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), "x")
    XCTAssertEqual(
      failure(file + "/x.safetensors")?.message,
      "cannot write '\(file)/x.safetensors': '\(file)' is a file, not a directory.")
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: fixture.path), ["plain"],
      "no temporary file left")
  }
}
