import Foundation
import XCTest

/// Runs every `examples/*.lad` through the built `lad` binary, with short
/// epochs, and checks the `# expect:` lines appear in its output in order.
final class ExampleScriptTests: XCTestCase {
  func testExamplesProduceTheirExpectedLines() throws {
    let examples = try FileManager.default.contentsOfDirectory(
      at: packageRoot.appendingPathComponent("examples"), includingPropertiesForKeys: nil
    ).filter { $0.pathExtension == "lad" }.sorted { $0.path < $1.path }
    XCTAssertFalse(examples.isEmpty, "no examples found")
    for script in examples {
      let text = try String(contentsOf: script, encoding: .utf8)
      let expected = text.split(separator: "\n").compactMap { line -> String? in
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("# expect:") else { return nil }
        return String(trimmed.dropFirst("# expect:".count)).trimmingCharacters(in: .whitespaces)
      }
      let directory = try temporaryDirectory()
      let run = try runLad([script.path, "--set", "epochs=3"], in: directory)
      XCTAssertEqual(run.status, 0, "\(script.lastPathComponent): \(run.errors)")
      var rest = Substring(run.output)
      for line in expected {
        guard let found = rest.range(of: line) else {
          XCTFail("\(script.lastPathComponent): '\(line)' missing from:\n\(run.output)")
          break
        }
        rest = rest[found.upperBound...]
      }
    }
  }

  func testMutagScriptWritesTheResultsAsJSON() throws {
    let directory = try temporaryDirectory()
    let script = packageRoot.appendingPathComponent("examples/mutag.lad").path
    let run = try runLad([script, "--set", "epochs=2"], in: directory)
    XCTAssertEqual(run.status, 0, run.errors)
    let data = try Data(contentsOf: directory.appendingPathComponent("mutag-results.json"))
    let file = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    XCTAssertEqual(file["protocol"] as? String, "holdout")
    XCTAssertEqual((file["aggregates"] as? [Any])?.count, 3)
    let rows = try XCTUnwrap(file["runs"] as? [[String: Any]])
    XCTAssertEqual(rows.map { $0["model"] as? String }, ["teacher", "student", "baseline"])
    for row in rows {
      for key in ["backbone", "dataset", "protocol", "seed", "accuracy", "auc", "f1", "epochs"] {
        XCTAssertNotNil(row[key], "missing \(key)")
      }
      XCTAssertEqual(row["protocol"] as? String, "holdout")
      XCTAssertEqual(row["epochs"] as? Int, 2)
      let accuracy = try XCTUnwrap(row["accuracy"] as? Double)
      XCTAssertTrue((0...1).contains(accuracy))
    }
  }

  func testScriptErrorsStopWithTheirExitStatus() throws {
    let directory = try temporaryDirectory()
    let cases: [(String, Int32, String)] = [
      ("load MUTAG\nteacher gcn nhdi=3\n", 64, "Did you mean 'nhid'?"),
      ("load MUTAG\ndistill\n", 64, "there is no teacher"),
      ("load NOSUCH\n", 64, "NOSUCH"),
      ("teacher gcn\n", 64, "no dataset is loaded"),
      ("load MUTAG\nload DD\n", 70, "could not download 'DD' from http://127.0.0.1:9/DD.zip"),
    ]
    for (source, status, message) in cases {
      let file = directory.appendingPathComponent("bad.lad")
      try source.write(to: file, atomically: true, encoding: .utf8)
      let run = try runLad([file.path], in: directory)
      XCTAssertEqual(run.status, status, source)
      XCTAssertTrue(run.errors.contains(message), "\(source): \(run.errors)")
      XCTAssertTrue(run.errors.contains("bad.lad:"), run.errors)
    }
  }

  /// The README's `--check` example: the script it shows, checked, prints
  /// the lines it shows.
  func testReadmeCheckExampleIsWhatLadPrints() throws {
    let readme = try String(
      contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let cat = try XCTUnwrap(lines.firstIndex(of: "$ cat typo.lad"), "no example in README")
    let check = try XCTUnwrap(lines[cat...].firstIndex(of: "$ lad --check typo.lad"))
    let end = try XCTUnwrap(lines[check...].firstIndex(of: "```"))
    let directory = try temporaryDirectory()
    let script = lines[(cat + 1)..<check].joined(separator: "\n") + "\n"
    try script.write(
      to: directory.appendingPathComponent("typo.lad"), atomically: true, encoding: .utf8)
    let run = try runLad(["--check", "typo.lad"], in: directory)
    XCTAssertEqual(run.status, 64)
    XCTAssertEqual(run.errors, lines[(check + 1)..<end].joined(separator: "\n") + "\n")
  }

  func testSameSeedGivesTheSameNumbers() throws {
    let directory = try temporaryDirectory()
    let commands = "load MUTAG; set quiet=true seed=4 epochs=4; teacher gcn; distill; evaluate"
    let first = try runLad(["-e", commands], in: directory)
    let second = try runLad(["-e", commands], in: directory)
    XCTAssertEqual(first.status, 0, first.errors)
    let table = { (s: String) in s.split(separator: "\n").filter { $0.contains("holdout   4") } }
    XCTAssertEqual(table(first.output).count, 2)
    XCTAssertEqual(table(first.output), table(second.output))
  }
}

// MARK: helpers

let packageRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

extension XCTestCase {
  /// A fresh directory for this test, removed when the test ends.
  func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("lad-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
  }
}

/// The `lad` binary beside this test bundle (same build configuration).
func ladBinary() throws -> URL {
  var directory = Bundle.main.bundleURL
  for _ in 0..<4 {
    let candidate = directory.appendingPathComponent("lad")
    if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    directory = directory.deletingLastPathComponent()
  }
  throw XCTSkip("the lad binary is not built beside the tests (run swift build first)")
}

/// The dataset folder: LAD_DATA, else ../shared/datasets beside the package.
/// The dataset folder: LAD_DATA, else ../shared/datasets beside the
/// package; the test is skipped when neither holds MUTAG.
func datasetRoot() throws -> String {
  let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/datasets")
  let root = ProcessInfo.processInfo.environment["LAD_DATA"] ?? shared.path
  guard FileManager.default.fileExists(atPath: root + "/MUTAG") else {
    throw XCTSkip("no datasets at '\(root)': set LAD_DATA to a folder holding MUTAG")
  }
  return root
}

func runLad(_ arguments: [String], in directory: URL, input: String? = nil) throws -> (
  status: Int32, output: String, errors: String
) {
  let process = Process()
  process.executableURL = try ladBinary()
  process.arguments = arguments
  process.currentDirectoryURL = directory
  var environment = ProcessInfo.processInfo.environment
  environment["LAD_DATA"] = try datasetRoot()
  environment["XDG_STATE_HOME"] = directory.path
  // a download goes to a temporary cache and can reach nothing: port 9
  // on this machine refuses the connection
  environment["XDG_CACHE_HOME"] = directory.path
  environment["LAD_DOWNLOAD_URL"] = "http://127.0.0.1:9"
  process.environment = environment
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  let stdin = Pipe()
  process.standardInput = input == nil ? FileHandle.nullDevice : stdin
  try process.run()
  if let input {
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
  }
  let output = out.fileHandleForReading.readDataToEndOfFile()
  let errors = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (
    process.terminationStatus, String(decoding: output, as: UTF8.self),
    String(decoding: errors, as: UTF8.self)
  )
}
