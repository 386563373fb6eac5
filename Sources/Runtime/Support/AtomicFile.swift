import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writes files whole or not at all: the bytes go to a temporary file in
/// the same directory, which is then renamed over the destination.
public enum AtomicFile {
  public static func write(_ data: Data, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent()
    try checkDirectory(of: path)
    let temporary = directory.appendingPathComponent(
      ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    // POSIX calls, so a failure has its errno and not Foundation's guess
    let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else {
      throw cannotWrite(path, in: directory.path, errno: errno)
    }
    var failure: Int32? = nil
    data.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let written = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        offset += written
      }
    }
    if failure == nil && fsync(descriptor) != 0 { failure = errno }
    close(descriptor)
    if failure == nil && rename(temporary.path, url.path) != 0 { failure = errno }
    if let failure {
      unlink(temporary.path)
      throw cannotWrite(path, in: directory.path, errno: failure)
    }
  }

  /// Throws what `write` would for the directory of `path`: missing, a
  /// file, or not writable. For a long job to check its output path
  /// before it starts.
  public static func checkDirectory(of path: String) throws {
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) else {
      throw LadError(
        .runtime, "cannot write '\(path)': the directory '\(directory.path)' does not exist.",
        hint: "Create it first, or choose another path.")
    }
    guard isDirectory.boolValue else {
      throw LadError(
        .runtime, "cannot write '\(path)': '\(directory.path)' is a file, not a directory.",
        hint: "Choose a path inside a directory.")
    }
    guard access(directory.path, W_OK) == 0 else {
      throw cannotWrite(path, in: directory.path, errno: errno)
    }
  }

  /// `cannot write PATH: why`, in words, with what to do.
  static func cannotWrite(_ path: String, in directory: String, errno code: Int32) -> LadError {
    let reason = String(cString: strerror(code))
    let (why, hint): (String, String) =
      switch code {
      case EACCES, EPERM:
        ("no permission to create files in '\(directory)'", "Choose a directory you can write to.")
      case EROFS:
        ("'\(directory)' is on a read-only file system", "Choose a writable directory.")
      case ENOTDIR:
        ("part of '\(directory)' is a file, not a directory", "Check the path.")
      case ENOENT:
        (
          "'\(directory)' does not accept new files (a virtual file system such as /proc?)",
          "Choose an ordinary directory."
        )
      case ENOSPC, EDQUOT:
        ("no space left on the device", "Free some space, or choose another disk.")
      case EISDIR:
        ("it is a directory", "Give a file name.")
      default:
        ("the system refused", "Choose another path.")
      }
    return LadError(.runtime, "cannot write '\(path)': \(why) (\(reason)).", hint: hint)
  }

  public static func write(_ text: String, to path: String) throws {
    try write(Data(text.utf8), to: path)
  }
}
