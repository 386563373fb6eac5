import Interpreter
import Runtime
import XCTest

final class ExecutorTests: XCTestCase {
  func testExecutorReceivesResolvedCommandsWithSettings() throws {
    let h = Harness()
    let status = h.runScript(
      """
      set seed=5 quiet=yes width=96
      load MUTAG root=data
      teacher gcn nhid=$width
      distill
      set seed=6
      baseline gin lr=0.1
      """)
    XCTAssertEqual(status, 0, h.errors.text)
    XCTAssertEqual(h.executor.verbs, ["load", "teacher", "distill", "baseline"])

    let load = h.executor.received[0]
    XCTAssertEqual(load.string("name"), "MUTAG")
    XCTAssertEqual(load.string("root"), "data")

    let teacher = h.executor.received[1]
    XCTAssertEqual(teacher.int("nhid"), 96)
    XCTAssertTrue(teacher.isExplicit("nhid"))
    XCTAssertEqual(teacher.double("lr"), 0.01)
    XCTAssertFalse(teacher.isExplicit("lr"))
    XCTAssertEqual(teacher.seed, 5)
    XCTAssertTrue(teacher.quiet)
    XCTAssertEqual(teacher.setting("width"), .int(96))
    XCTAssertEqual(teacher.text, "teacher gcn nhid=$width")

    XCTAssertEqual(h.executor.received[3].seed, 6)
    XCTAssertEqual(h.executor.received[3].double("lr"), 0.1)
  }

  func testHelpSetAndQuitAreNotSentToTheExecutor() {
    let h = Harness()
    XCTAssertEqual(h.runScript("help\nset seed=2\nhelp teacher\nteacher?\nquit\nevaluate"), 0)
    XCTAssertEqual(h.executor.verbs, [])
    XCTAssertTrue(h.output.text.contains("usage: teacher BACKBONE"))
  }

  func testSetAloneListsSettingsAndVariables() {
    let h = Harness()
    XCTAssertEqual(h.runScript("set zeta=1 alpha=\"x y\"\nset"), 0)
    XCTAssertEqual(h.output.text, "seed=1\nquiet=false\nalpha=x y\nzeta=1\n")
  }

  func testTranscriptRecordsEachCommandsOutput() {
    let h = Harness()
    h.executor.printing = ["load": "MUTAG: 188 graphs"]
    h.executor.failures = ["teacher": LadError(.runtime, "diverged")]
    _ = h.runScript("load MUTAG; set seed=2\nteacher gcn")
    let transcript = h.console.transcript
    XCTAssertEqual(transcript.map(\.command), ["load MUTAG", "set seed=2", "teacher gcn"])
    XCTAssertEqual(transcript[0].output, "MUTAG: 188 graphs\n")
    XCTAssertEqual(transcript[1].output, "")
    XCTAssertTrue(transcript[2].errors.contains("error: diverged"))
  }

  func testProgressShowsOnlyOnATerminal() {
    let piped = BufferSink()
    Console(output: piped, errors: BufferSink()).progress("epoch 1")
    XCTAssertEqual(piped.text, "")

    let terminal = BufferSink()
    let console = Console(output: terminal, errors: BufferSink(), isTerminal: true)
    console.beginCommand("teacher gcn")
    console.progress("epoch 1")
    console.progress("epoch 2")
    console.print("done")
    XCTAssertEqual(
      terminal.text, "\r\u{1B}[2Kepoch 1\r\u{1B}[2Kepoch 2\r\u{1B}[2Kdone\n")
    XCTAssertEqual(console.transcript.first?.output, "done\n")
  }

  func testExecutorErrorAtAKeyIsRenderedThere() {
    final class Picky: VerbExecutor {
      func execute(_ command: ResolvedCommand, console: Console) throws {
        throw command.error(at: "backbone", .usage, "'gat' is not implemented yet")
      }
    }
    let errors = BufferSink()
    let console = Console(output: BufferSink(), errors: errors)
    let interpreter = Interpreter(console: console, executor: Picky())
    let status = ScriptRunner(interpreter: interpreter).run("\nteacher gat", file: "p.lad")
    XCTAssertEqual(status, 64)
    XCTAssertEqual(
      errors.text,
      "p.lad:2:9: error: 'gat' is not implemented yet\nteacher gat\n        ^~~\n")
  }

  func testInterruptedCommandStopsAScript() {
    final class Interrupted: VerbExecutor {
      var count = 0
      func execute(_ command: ResolvedCommand, console: Console) throws {
        count += 1
        Interrupt.request()  // as the SIGINT handler would
      }
    }
    let executor = Interrupted()
    let errors = BufferSink()
    let interpreter = Interpreter(
      console: Console(output: BufferSink(), errors: errors), executor: executor)
    let status = ScriptRunner(interpreter: interpreter).run("teacher gcn\ndistill", file: "i")
    XCTAssertEqual(status, 130)
    XCTAssertEqual(executor.count, 1)
    XCTAssertTrue(errors.text.contains("interrupted"))
    Interrupt.clear()
  }
}
