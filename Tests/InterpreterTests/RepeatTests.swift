import Interpreter
import Runtime
import XCTest

/// `repeat seeds=... { ... }` with the recording executor.
final class RepeatTests: XCTestCase {
  func testBlockRunsOncePerSeedWithTheSeedSet() {
    let h = Harness()
    let status = h.runScript(
      """
      set seed=7
      load MUTAG
      repeat seeds=1..3 {
        teacher gcn; distill
      }
      evaluate
      """)
    XCTAssertEqual(status, 0, h.errors.text)
    XCTAssertEqual(
      h.executor.verbs,
      ["load", "teacher", "distill", "teacher", "distill", "teacher", "distill", "evaluate"])
    XCTAssertEqual(h.executor.received.map(\.seed), [7, 1, 1, 2, 2, 3, 3, 7])
    XCTAssertTrue(h.output.text.contains("repeat: seed 2 (2 of 3)"), h.output.text)
    XCTAssertEqual(h.interpreter.log.count, 4, "the repeat is one entry of the history")
  }

  func testSeedsAsAList() {
    let h = Harness()
    XCTAssertEqual(h.runScript("repeat seeds=1,3,5 { baseline gin }"), 0, h.errors.text)
    XCTAssertEqual(h.executor.received.map(\.seed), [1, 3, 5])
    XCTAssertEqual(h.runScript("repeat seeds=4 { baseline gin }"), 0)
    XCTAssertEqual(h.executor.received.last?.seed, 4)
  }

  func testAFailureInsideTheBlockPointsAtItsLineAndStopsTheRepeat() {
    let h = Harness()
    h.executor.failures = ["baseline": LadError(.runtime, "diverged")]
    let status = h.runScript(
      "load MUTAG\nrepeat seeds=1..3 {\n  teacher gcn\n  baseline gin\n}\nevaluate")
    XCTAssertEqual(status, 70)
    XCTAssertEqual(h.executor.verbs, ["load", "teacher", "baseline"])
    XCTAssertTrue(h.errors.text.contains("test.lad:4:3: error: diverged"), h.errors.text)
  }

  func testABadKeyInsideTheBlockIsFoundBeforeAnythingRuns() {
    let h = Harness()
    let status = h.runScript("load MUTAG\nrepeat seeds=1..2 {\n  teacher gcn nhdi=3\n}")
    XCTAssertEqual(status, 64)
    XCTAssertEqual(h.executor.verbs, [])
    XCTAssertTrue(h.errors.text.contains("test.lad:3:15: error: unknown key 'nhdi'"), h.errors.text)
  }

  func testRepeatNeedsSeedsAndABlock() {
    let h = Harness()
    XCTAssertEqual(h.runScript("repeat { teacher gcn }"), 64)
    XCTAssertTrue(
      h.errors.text.contains("test.lad:1:1: error: 'repeat' needs the seeds"), h.errors.text)
    XCTAssertEqual(resolveMessage("repeat seeds=1..2"), "'repeat' needs a block: { ... }")
    XCTAssertEqual(h.executor.verbs, [])
  }
}

extension RepeatTests {
  func testAtThePromptTheBlockIsCheckedBeforeItsFirstRun() {
    let h = Harness()
    let status = h.commandLine(
      [], input: ["repeat seeds=1..3 {", "  baseline gin", "  teacher gcn nhdi=3", "}"])
    XCTAssertEqual(status, 64)
    XCTAssertEqual(h.executor.verbs, [])
    XCTAssertTrue(h.errors.text.contains("<stdin>:3:15: error: unknown key 'nhdi'"), h.errors.text)
  }
}

extension RepeatTests {
  func testCtrlCStopsTheRepeatAfterTheCurrentCommand() throws {
    final class Interrupting: VerbExecutor {
      var verbs: [String] = []
      func execute(_ command: ResolvedCommand, console: Console) throws {
        verbs.append("\(command.verb) \(command.seed)")
        if command.verb == "distill" && command.seed == 2 { Interrupt.request() }
      }
    }
    defer { Interrupt.clear() }
    let executor = Interrupting()
    let output = BufferSink()
    let interpreter = Interpreter(
      console: Console(output: output, errors: BufferSink()), executor: executor)
    let commands = try interpreter.parse(
      "repeat seeds=1..4 { teacher gcn; distill; baseline gcn }", file: "t.lad")
    XCTAssertEqual(interpreter.run(commands), .interrupted)
    XCTAssertEqual(
      executor.verbs,
      ["teacher 1", "distill 1", "baseline 1", "teacher 2", "distill 2"])
    XCTAssertTrue(output.text.contains("interrupted during seed 2; 1 of 4 runs finished"))
    XCTAssertEqual(interpreter.variables["seed"], .int(1), "the seed setting is restored")
  }
}
