import Foundation

/// Pictures shown in the terminal itself: the kitty graphics protocol
/// (kitty, Ghostty, WezTerm) or iTerm2's inline images (iTerm2, WezTerm).
/// Shown only when stdout is a terminal that says it can; `LAD_IMAGES`
/// overrides: `inline` (or `kitty`, `iterm2`) forces, `off` disables.
public enum InlineImage: String, Sendable {
  case kitty
  case iterm2

  /// The protocol to use, nil for none.
  public static func detect(environment: [String: String], isTerminal: Bool) -> InlineImage? {
    let choice = environment["LAD_IMAGES"]?.lowercased() ?? ""
    let term = environment["TERM"] ?? ""
    let program = environment["TERM_PROGRAM"] ?? ""
    let kittyLike =
      term == "xterm-kitty" || term == "xterm-ghostty" || environment["KITTY_WINDOW_ID"] != nil
    let itermLike =
      program == "iTerm.app" || program == "WezTerm" || environment["LC_TERMINAL"] == "iTerm2"
    switch choice {
    case "off", "none", "0", "no": return nil
    case "kitty": return .kitty
    case "iterm", "iterm2": return .iterm2
    case "inline", "on", "1", "yes": return kittyLike ? .kitty : .iterm2
    default:
      guard isTerminal else { return nil }
      return kittyLike ? .kitty : itermLike ? .iterm2 : nil
    }
  }

  /// The escape sequence that shows `png` at the cursor, then a newline.
  public func sequence(png: Data) -> String {
    let payload = png.base64EncodedString()
    switch self {
    case .iterm2:
      return "\u{1B}]1337;File=inline=1;size=\(png.count);preserveAspectRatio=1:"
        + payload + "\u{07}\n"
    case .kitty:
      // transmit and display a PNG (f=100) in chunks of at most 4096 bytes
      var out = ""
      var rest = Substring(payload)
      var first = true
      repeat {
        let chunk = rest.prefix(4096)
        rest = rest.dropFirst(chunk.count)
        let more = rest.isEmpty ? 0 : 1
        let control = first ? "a=T,f=100,q=2,m=\(more)" : "m=\(more)"
        out += "\u{1B}_G\(control);\(chunk)\u{1B}\\"
        first = false
      } while !rest.isEmpty
      return out + "\n"
    }
  }
}
