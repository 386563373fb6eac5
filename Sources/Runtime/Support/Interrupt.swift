import Synchronization

/// A process-wide request to stop long work at the next batch, set from
/// the SIGINT handler (Ctrl-C) and polled by the trainer.
public enum Interrupt {
  private static let flag = Atomic<Bool>(false)

  /// Safe to call from a signal handler: one lock-free store.
  public static func request() { flag.store(true, ordering: .relaxed) }
  public static var isRequested: Bool { flag.load(ordering: .relaxed) }
  public static func clear() { flag.store(false, ordering: .relaxed) }
}
