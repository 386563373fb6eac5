import Glibc
import Runtime
import Synchronization

/// Ctrl-C (SIGINT) handling. What a Ctrl-C does depends on the phase:
///
/// - at an idle prompt, or between commands of a session, it abandons the
///   line being typed (`takeIdleInterrupt()`), and the session goes on;
/// - during a command it asks the runtime to stop at the next batch
///   (`Interrupt.request()`); a second one warns, a third ends the process
///   (the way out of work that does not poll the flag);
/// - elsewhere (running a script or piped input, outside a command) it
///   ends the process, as if no handler were installed.
public enum InterruptSignal {
  enum Phase: UInt8 {
    case other = 0
    case session = 1
    case prompt = 2
    case command = 3
  }

  private static let phase = Atomic<UInt8>(Phase.other.rawValue)
  private static let idleInterrupt = Atomic<Bool>(false)
  private static let presses = Atomic<Int>(0)
  private static let installed = Atomic<Bool>(false)
  private static let secondPressWarning: StaticString =
    "\nlad: stopping at the next batch; press Ctrl-C again to end lad\n"

  /// Installs the SIGINT handler (once).
  public static func install() {
    guard !installed.exchange(true, ordering: .relaxed) else { return }
    // touch the flags now: their first use must not be inside the handler
    _ = Interrupt.isRequested
    _ = idleInterrupt.load(ordering: .relaxed)
    _ = presses.load(ordering: .relaxed)
    setHandler(restartingCalls: true)
  }

  /// An interactive session starts: Ctrl-C between commands is harmless.
  static func beginSession() {
    phase.store(Phase.session.rawValue, ordering: .relaxed)
  }

  /// Entering the prompt: a Ctrl-C interrupts the terminal read.
  static func enterPrompt() {
    idleInterrupt.store(false, ordering: .relaxed)
    phase.store(Phase.prompt.rawValue, ordering: .relaxed)
    if installed.load(ordering: .relaxed) { setHandler(restartingCalls: false) }
  }

  /// Leaving the prompt (a line was read or reading stopped).
  static func leavePrompt() {
    phase.store(Phase.session.rawValue, ordering: .relaxed)
    if installed.load(ordering: .relaxed) { setHandler(restartingCalls: true) }
  }

  /// Whether a Ctrl-C at the prompt is waiting to be taken.
  static var idleInterruptPending: Bool { idleInterrupt.load(ordering: .relaxed) }

  /// True once after a Ctrl-C at the prompt.
  static func takeIdleInterrupt() -> Bool {
    idleInterrupt.exchange(false, ordering: .relaxed)
  }

  /// Runs a command with Ctrl-C meaning "stop at the next batch".
  static func duringCommand<T>(_ body: () throws -> T) rethrows -> T {
    Interrupt.clear()
    presses.store(0, ordering: .relaxed)
    let before = phase.exchange(Phase.command.rawValue, ordering: .relaxed)
    defer { phase.store(before, ordering: .relaxed) }
    return try body()
  }

  private static func setHandler(restartingCalls: Bool) {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { signal in
      switch InterruptSignal.Phase(rawValue: InterruptSignal.phase.load(ordering: .relaxed)) {
      case .prompt, .session:
        InterruptSignal.idleInterrupt.store(true, ordering: .relaxed)
      case .command:
        let count = InterruptSignal.presses.wrappingAdd(1, ordering: .relaxed).newValue
        if count == 1 {
          Interrupt.request()
        } else if count == 2 {
          let text = InterruptSignal.secondPressWarning
          _ = Glibc.write(2, text.utf8Start, text.utf8CodeUnitCount)
        } else {
          InterruptSignal.die(of: signal)
        }
      default:
        InterruptSignal.die(of: signal)
      }
    }
    action.sa_flags = restartingCalls ? SA_RESTART : 0
    sigemptyset(&action.sa_mask)
    sigaction(SIGINT, &action, nil)
  }

  /// Ends the process the way an unhandled SIGINT would.
  private static func die(of signal: Int32) {
    Glibc.signal(signal, SIG_DFL)
    raise(signal)
  }
}
