import Interpreter
import Runtime
import XCTest

/// An executor that records what it receives and can fail on demand.
final class RecordingExecutor: VerbExecutor {
  var received: [ResolvedCommand] = []
  /// Errors to throw, by verb.
  var failures: [String: any Error] = [:]
  /// Lines to print, by verb.
  var printing: [String: String] = [:]

  func execute(_ command: ResolvedCommand, console: Console) throws {
    received.append(command)
    if let line = printing[command.verb] { console.print(line) }
    if let error = failures[command.verb] { throw error }
  }

  var verbs: [String] { received.map(\.verb) }
}

/// A console writing into buffers, and an interpreter on it.
struct Harness {
  let output = BufferSink()
  let errors = BufferSink()
  let executor = RecordingExecutor()
  let console: Console
  let interpreter: Interpreter

  init() {
    console = Console(output: output, errors: errors)
    interpreter = Interpreter(console: console, executor: executor)
  }

  /// Runs lad's command line with these arguments on this harness.
  func commandLine(_ arguments: [String], input: [String]? = nil) -> Int32 {
    LadCommandLine.run(
      arguments: arguments, console: console, input: input.map(PlainLineSource.init(lines:))
    ) { executor }
  }

  func runScript(_ text: String, file: String = "test.lad") -> Int32 {
    ScriptRunner(interpreter: interpreter).run(text, file: file)
  }
}

/// The error thrown by `body`, as a `LanguageError`.
func languageError(
  file: StaticString = #filePath, line: UInt = #line,
  _ body: () throws -> Void
) -> LanguageError? {
  do {
    try body()
    XCTFail("expected an error", file: file, line: line)
  } catch let error as LanguageError {
    return error
  } catch {
    XCTFail("expected a LanguageError, got \(error)", file: file, line: line)
  }
  return nil
}

/// Parses one command and resolves it with the standard table.
func resolve(_ text: String, variables: [String: Value] = [:]) throws -> ResolvedCommand {
  let commands = try Parser.parse(text, file: "t.lad")
  XCTAssertEqual(commands.count, 1)
  return try Resolver().resolve(commands[0], variables: variables)
}

/// The message of the error resolving `text` raises.
func resolveMessage(
  _ text: String, variables: [String: Value] = [:],
  file: StaticString = #filePath, line: UInt = #line
) -> String? {
  languageError(file: file, line: line) { _ = try resolve(text, variables: variables) }?
    .message
}

/// A temporary directory, removed when the test ends.
func temporaryDirectory(for test: XCTestCase) throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("lad-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
  return url
}
