/// Runs the verbs the interpreter does not handle itself (everything but
/// `help`, `set` and `quit`). The runtime side implements it and keeps the
/// session's state (dataset, models, results).
///
/// Throw a `UserFacingError` for anything the user can fix: it is shown
/// at the command's verb, or at a key when wrapped in `LocatedError` (see
/// `ResolvedCommand.error(at:_:_:hint:)`). Its category sets the exit
/// status of a script. Long work polls `Interrupt.isRequested` (Ctrl-C)
/// and returns early, saying so; the interpreter clears the flag before
/// each command.
public protocol VerbExecutor: AnyObject {
  func execute(_ command: ResolvedCommand, console: Console) throws
}
