import Foundation

/// Writes files whole or not at all: the bytes go to a temporary file in
/// the same directory, which is then renamed over the destination.
public enum AtomicFile {
  public static func write(_ data: Data, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent()
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw LadError(
        .runtime, "cannot write '\(path)': the directory '\(directory.path)' does not exist.",
        hint: "Create it first, or choose another path.")
    }
    let temporary = directory.appendingPathComponent(
      ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    do {
      try data.write(to: temporary)
      if rename(temporary.path, url.path) != 0 {
        let reason = String(cString: strerror(errno))
        try? FileManager.default.removeItem(at: temporary)
        throw LadError(.runtime, "cannot write '\(path)': \(reason).")
      }
    } catch let error as LadError {
      throw error
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw LadError(
        .runtime, "cannot write '\(path)': \(error.localizedDescription)",
        hint: "Check that the directory is writable.")
    }
  }

  public static func write(_ text: String, to path: String) throws {
    try write(Data(text.utf8), to: path)
  }
}
