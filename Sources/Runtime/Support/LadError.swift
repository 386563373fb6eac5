/// What kind of failure an error is; the command line maps it to an exit
/// status from sysexits (64 usage, 65 data or syntax, 70 runtime).
public enum ErrorCategory: Sendable {
  /// The user asked for something that does not exist or does not fit.
  case usage
  /// An input file or a script is malformed.
  case data
  /// Something went wrong while running (a NaN loss, a failed write).
  case runtime

  public var exitStatus: Int32 {
    switch self {
    case .usage: 64
    case .data: 65
    case .runtime: 70
    }
  }
}

/// An error a user can act on. `message` is a short sentence that names
/// the problem (the user's token in single quotes); `hint`, when present,
/// says how to fix it. Rendering to text, with a location, happens in the
/// interpreter.
public protocol UserFacingError: Error, CustomStringConvertible {
  var category: ErrorCategory { get }
  var message: String { get }
  var hint: String? { get }
}

extension UserFacingError {
  public var hint: String? { nil }
  public var description: String {
    hint.map { "\(message) \($0)" } ?? message
  }
}

/// A plain user-facing error for places that need no type of their own.
public struct LadError: UserFacingError {
  public var category: ErrorCategory
  public var message: String
  public var hint: String?

  public init(_ category: ErrorCategory, _ message: String, hint: String? = nil) {
    self.category = category
    self.message = message
    self.hint = hint
  }
}
