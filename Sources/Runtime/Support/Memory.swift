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
}
