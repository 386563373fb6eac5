import Foundation
import XCTest

/// Runs the `lad` binary on a pseudo-terminal, as a person at a keyboard
/// would. util-linux's `script` makes the terminal (and makes it lad's
/// controlling terminal, so Ctrl-C raises SIGINT as it does for a person);
/// keystrokes go in through its standard input, the screen comes back out.
final class Terminal: @unchecked Sendable {
  let process = Process()
  private let input = Pipe()
  private let output = Pipe()
  private let lock = NSLock()
  private var bytes = [UInt8]()

  var screen: String {
    lock.lock()
    defer { lock.unlock() }
    return String(decoding: bytes, as: UTF8.self)
  }

  init(arguments: [String] = [], directory: URL, environment extra: [String: String] = [:])
    throws
  {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
      throw XCTSkip("util-linux 'script' is not installed")
    }
    let command = ([try ladBinary().path] + arguments).map { "'\($0)'" }.joined(separator: " ")
    process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    process.arguments = [
      "-q", "-e", "-f", "-c", "stty cols 100 rows 30; exec \(command)", "/dev/null",
    ]
    process.currentDirectoryURL = directory
    var environment = ProcessInfo.processInfo.environment
    environment["LAD_DATA"] = try datasetRoot()
    environment["XDG_STATE_HOME"] = directory.path
    environment["TERM"] = "xterm"
    environment["NO_COLOR"] = "1"
    for (key, value) in extra { environment[key] = value }
    process.environment = environment
    process.standardInput = input
    process.standardOutput = output
    process.standardError = output
    output.fileHandleForReading.readabilityHandler = { [weak self] handle in
      let data = handle.availableData
      guard let self, !data.isEmpty else { return }
      self.lock.lock()
      self.bytes += data
      self.lock.unlock()
    }
    try process.run()
  }

  deinit {
    output.fileHandleForReading.readabilityHandler = nil
    if process.isRunning { process.terminate() }
  }

  /// Types `keys` (use "\t" for Tab, "\u{3}" for Ctrl-C, "\u{4}" for
  /// Ctrl-D, "\u{1B}[A" for Up).
  func type(_ keys: String) {
    input.fileHandleForWriting.write(Data(keys.utf8))
  }

  /// Reads the screen until `text` appears after `from` (or the time runs
  /// out); returns whether it appeared.
  @discardableResult
  func wait(for text: String, after from: String.Index? = nil, seconds: Double = 20) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      let now = screen
      let start = from.map { min($0, now.endIndex) } ?? now.startIndex
      if now[start...].contains(text) { return true }
      usleep(20_000)
    }
    return false
  }

  /// Where the screen ends now, to wait for text that comes after it.
  var mark: String.Index { screen.endIndex }

  func waitForExit(seconds: Double = 10) -> Int32? {
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    return process.isRunning ? nil : process.terminationStatus
  }
}
