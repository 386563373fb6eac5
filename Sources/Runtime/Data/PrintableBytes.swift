/// File content as it may be quoted in a message: printable text is kept,
/// while control characters, bytes that are not UTF-8 and invisible
/// formatting characters become `\xNN` escapes, so a binary file cannot
/// put raw bytes (or terminal control sequences) on the user's screen.
enum PrintableBytes {
  static func text<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    let bytes = Array(bytes)
    var out = ""
    var i = 0
    while i < bytes.count {
      let lead = bytes[i]
      let length =
        switch lead {
        case 0x20...0x7E: 1
        case 0xC2...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF4: 4
        default: 0
        }
      if length == 1 {
        out.unicodeScalars.append(Unicode.Scalar(lead))
        i += 1
        continue
      }
      if length > 1, i + length <= bytes.count,
        bytes[(i + 1)..<(i + length)].allSatisfy({ $0 & 0xC0 == 0x80 }),
        let scalar = String(validating: bytes[i..<(i + length)], as: UTF8.self)?
          .unicodeScalars.first,
        isVisible(scalar)
      {
        out.unicodeScalars.append(scalar)
        i += length
        continue
      }
      out += "\\x" + (lead < 16 ? "0" : "") + String(lead, radix: 16, uppercase: true)
      i += 1
    }
    return out
  }

  /// Not a control, format (bidi overrides, zero-width), private-use or
  /// unassigned scalar.
  private static func isVisible(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .format, .privateUse, .surrogate, .unassigned, .lineSeparator,
      .paragraphSeparator:
      false
    default: true
    }
  }
}
