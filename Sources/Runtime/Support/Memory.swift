import CMalloc

#if canImport(Glibc)
  import Glibc
#endif

public enum Memory {
  /// Keeps freed heap memory in the process instead of handing it back to
  /// the kernel after every training step: each step frees and reallocates
  /// the same tensors, and returning them costs a page fault per page on
  /// the next step (a third of a step's time, measured on MUTAG).
  public static func keepFreedMemory() {
    #if canImport(Glibc)
      _ = mallopt(M_MMAP_THRESHOLD, 256 << 20)
      _ = mallopt(M_TRIM_THRESHOLD, 512 << 20)
    #endif
  }

  /// Peak resident set size of this process in bytes (Linux), or nil.
  public static func peakResidentBytes() -> Int? {
    #if canImport(Glibc)
      var usage = rusage()
      guard getrusage(Int32(RUSAGE_SELF.rawValue), &usage) == 0 else { return nil }
      return Int(usage.ru_maxrss) * 1024
    #else
      return nil
    #endif
  }

  /// Bytes the process may still allocate: `MemAvailable` of
  /// `/proc/meminfo`, capped by the cgroup's `memory.max` less its usage;
  /// nil when neither can be read.
  public static func availableBytes() -> Int? {
    func read(_ path: String) -> String? {
      guard let file = fopen(path, "r") else { return nil }
      defer { fclose(file) }
      var text = ""
      var buffer = [CChar](repeating: 0, count: 512)
      while fgets(&buffer, Int32(buffer.count), file) != nil {
        text += String(cString: buffer)
      }
      return text
    }
    var available: Int? = nil
    if let info = read("/proc/meminfo"),
      let line = info.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
      let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
    {
      available = kilobytes * 1024
    }
    let trim = { (text: String?) in text.map { String($0.filter { !$0.isWhitespace }) } }
    if let limit = trim(read("/sys/fs/cgroup/memory.max")).flatMap(Int.init),
      let used = trim(read("/sys/fs/cgroup/memory.current")).flatMap(Int.init)
    {
      available = min(available ?? Int.max, max(limit - used, 0))
    }
    return available
  }
}
