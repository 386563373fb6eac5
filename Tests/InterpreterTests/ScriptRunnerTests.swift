import Interpreter
import Runtime
import XCTest

final class ScriptRunnerTests: XCTestCase {
  func testSuccessIsZero() {
    let h = Harness()
    XCTAssertEqual(h.runScript("load MUTAG\nteacher gcn\nevaluate"), 0)
    XCTAssertEqual(h.executor.verbs, ["load", "teacher", "evaluate"])
    XCTAssertEqual(h.errors.text, "")
  }

  func testUsageErrorIs64AndNothingRuns() {
    let h = Harness()
    XCTAssertEqual(h.runScript("load MUTAG\nteacher gcn nhdi=32\nevaluate"), 64)
    XCTAssertEqual(h.executor.verbs, [], "a script with a bad line runs nothing")
    XCTAssertTrue(h.errors.text.hasPrefix("test.lad:2:13: error: unknown key 'nhdi'"))
  }

  func testSyntaxErrorIs65() {
    let h = Harness()
    XCTAssertEqual(h.runScript("load MUTAG\nrepeat seeds=1..3 {\nteacher gcn"), 65)
    XCTAssertEqual(h.runScript("load \"MUTAG"), 65)
    XCTAssertEqual(h.executor.verbs, [])
  }

  func testRuntimeErrorIs70AndStopsTheScript() {
    let h = Harness()
    h.executor.failures = ["teacher": LadError(.runtime, "loss is NaN")]
    XCTAssertEqual(h.runScript("load MUTAG\nteacher gcn\nevaluate"), 70)
    XCTAssertEqual(h.executor.verbs, ["load", "teacher"])
    XCTAssertEqual(h.errors.text, "test.lad:2:1: error: loss is NaN\nteacher gcn\n^~~~~~~\n")
  }

  func testDataErrorFromTheExecutorIs65() {
    let h = Harness()
    h.executor.failures = ["load": LadError(.data, "MUTAG_A.txt: bad line")]
    XCTAssertEqual(h.runScript("load MUTAG"), 65)
  }

  func testQuitEndsTheScriptWithZero() {
    let h = Harness()
    XCTAssertEqual(h.runScript("load MUTAG\nquit\nteacher gcn"), 0)
    XCTAssertEqual(h.executor.verbs, ["load"])
  }

  func testCheckResolvesEverythingAndRunsNothing() {
    let h = Harness()
    XCTAssertEqual(h.commandLine(["--check", "-e", "load MUTAG; set w=3; teacher gcn nhid=$w"]), 0)
    XCTAssertEqual(h.executor.verbs, [])
    XCTAssertEqual(h.output.text, "-e: 3 commands checked, no errors\n")
  }

  func testCheckReportsEveryError() {
    let h = Harness()
    let status = h.commandLine(["--check", "-e", "teacher gnc\nload\ndistill lr=x"])
    XCTAssertEqual(status, 64)
    let lines = h.errors.text.split(separator: "\n").filter { $0.contains("error:") }
    XCTAssertEqual(
      lines,
      [
        "-e:1:9: error: unknown backbone 'gnc'. Did you mean 'gcn'?",
        "-e:2:1: error: 'load' needs a NAME",
        "-e:3:12: error: 'x' is not a number for 'lr'",
      ])
  }

  func testScriptFileAndPresets() throws {
    let directory = try temporaryDirectory(for: self)
    let script = directory.appendingPathComponent("run.lad")
    try "teacher gcn nhid=$w\n".write(to: script, atomically: true, encoding: .utf8)

    let h = Harness()
    XCTAssertEqual(h.commandLine([script.path, "--set", "w=48", "--set=seed=9"]), 0)
    XCTAssertEqual(h.executor.received.first?.int("nhid"), 48)
    XCTAssertEqual(h.executor.received.first?.seed, 9)

    let missing = Harness()
    XCTAssertEqual(missing.commandLine([script.path]), 64)
    XCTAssertTrue(missing.errors.text.contains("unknown variable '$w'"))

    let badPreset = Harness()
    XCTAssertEqual(badPreset.commandLine([script.path, "--set", "seed=x"]), 64)
    XCTAssertTrue(badPreset.errors.text.hasPrefix("--set:1:6: error: 'x' is not a whole number"))
  }

  func testSettingsOutOfRangeFailBeforeAnythingRuns() throws {
    let directory = try temporaryDirectory(for: self)
    let script = directory.appendingPathComponent("run.lad")
    try "load MUTAG\nteacher gcn\n".write(to: script, atomically: true, encoding: .utf8)

    // --set: the error points at the value
    let preset = Harness()
    XCTAssertEqual(preset.commandLine([script.path, "--set", "batch=0"]), 64)
    XCTAssertTrue(
      preset.errors.text.hasPrefix(
        "--set:1:7: error: '0' is out of range for 'batch': it must be greater than 0"),
      preset.errors.text)
    XCTAssertEqual(preset.executor.verbs, [])

    // set in a script: checked whole, so nothing runs
    let script2 = Harness()
    XCTAssertEqual(script2.commandLine(["-e", "set batch=0; load MUTAG; teacher gcn"]), 64)
    XCTAssertEqual(script2.executor.verbs, [])
    XCTAssertTrue(script2.errors.text.hasPrefix("-e:1:11: error: '0' is out of range"))

    // --check catches them, and the size limits
    let check = Harness()
    let status = check.commandLine([
      "--check", "-e", "set nlayers=0\nset dropout=1\nload MUTAG\nteacher gcn nhid=100000",
    ])
    XCTAssertEqual(status, 64)
    XCTAssertEqual(
      check.errors.text.split(separator: "\n").filter { $0.contains("error:") },
      [
        "-e:1:13: error: '0' is out of range for 'nlayers': it must be from 1 to 64",
        "-e:2:13: error: '1' is out of range for 'dropout': it must be at least 0 and below 1",
        "-e:4:18: error: '100000' is out of range for 'nhid': it must be from 1 to 4096",
      ])
  }

  func testMisspelledPresetWarnsAsSetDoes() throws {
    let directory = try temporaryDirectory(for: self)
    let script = directory.appendingPathComponent("run.lad")
    try "teacher gcn\n".write(to: script, atomically: true, encoding: .utf8)
    let preset = Harness()
    XCTAssertEqual(preset.commandLine([script.path, "--set", "epocs=5"]), 0)
    let inScript = Harness()
    XCTAssertEqual(inScript.commandLine(["-e", "set epocs=5; teacher gcn"]), 0)
    let warning =
      "'epocs' is no key of any verb, so it is kept as a variable only. Did you mean 'epochs'?"
    XCTAssertTrue(preset.errors.text.contains(warning), preset.errors.text)
    XCTAssertTrue(inScript.errors.text.contains(warning), inScript.errors.text)
  }

  func testCommandLineMistakes() {
    let h = Harness()
    XCTAssertEqual(h.commandLine(["--chek", "x.lad"]), 64)
    XCTAssertTrue(h.errors.text.contains("unknown option '--chek'. Did you mean '--check'?"))
    XCTAssertEqual(Harness().commandLine(["a.lad", "b.lad"]), 64)
    XCTAssertEqual(Harness().commandLine(["--check"]), 64)
    XCTAssertEqual(Harness().commandLine(["/nonexistent/x.lad"]), 66)
    let help = Harness()
    XCTAssertEqual(help.commandLine(["--help"]), 0)
    XCTAssertTrue(help.output.text.hasPrefix("usage: lad FILE.lad"))
  }

  func testPipedSessionCarriesOnAfterErrors() {
    let h = Harness()
    h.executor.failures = ["teacher": LadError(.runtime, "boom")]
    let status = h.commandLine(
      [], input: ["load MUTAG", "teacher gnc", "teacher gcn", "repeat {", "x", "}", "evaluate"])
    XCTAssertEqual(status, 64, "the first failure's status")
    XCTAssertEqual(h.executor.verbs, ["load", "teacher", "evaluate"])
    XCTAssertTrue(h.errors.text.contains("<stdin>:2:9: error: unknown backbone 'gnc'"))
    XCTAssertTrue(h.errors.text.contains("<stdin>:3:1: error: boom"))
    XCTAssertTrue(
      h.errors.text.contains("<stdin>:4:1: error: 'repeat' needs the seeds"), h.errors.text)
  }

  func testPipedSessionEndsAtQuitAndReportsAnOpenBlock() {
    let quitting = Harness()
    XCTAssertEqual(quitting.commandLine([], input: ["load A", "quit", "load B"]), 0)
    XCTAssertEqual(quitting.executor.received.map { $0.string("name") }, ["A"])

    let open = Harness()
    XCTAssertEqual(open.commandLine([], input: ["load A", "x {"]), 65)
    XCTAssertTrue(open.errors.text.contains("<stdin>:2:3: error: unclosed block"))
  }
}
