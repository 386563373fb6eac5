/// Reads the numeric fields of one line by hand, left to right. Fields are
/// separated by spaces or tabs, or by one comma with optional spaces around
/// it (`1, 2`, `0.5,1.5`, `3 4 5`). Every failure is a `DatasetError`
/// naming the file, the line and what was expected.
struct FieldCursor {
  private let bytes: UnsafeBufferPointer<UInt8>
  private let file: String
  private let lineNumber: Int
  private var position = 0
  /// Fields read so far.
  private(set) var fieldsRead = 0

  init(_ line: TextLine, file: String) {
    bytes = line.bytes
    self.file = file
    lineNumber = line.number
  }

  /// Reads the next field as an integer (optional sign, at most 18 digits).
  /// `expected` names the field in errors, e.g. `"a node id"`.
  mutating func int(_ expected: String, columns: String) throws -> Int {
    try startField(expected, columns: columns)
    let start = position
    var negative = false
    if position < bytes.count, bytes[position] == minus || bytes[position] == plus {
      negative = bytes[position] == minus
      position += 1
    }
    var value = 0
    var digits = 0
    while position < bytes.count, let d = digit(bytes[position]) {
      value = value &* 10 &+ d
      digits += 1
      position += 1
    }
    guard digits > 0, digits <= 18, atSeparator else {
      position = start
      throw badField(expected)
    }
    fieldsRead += 1
    return negative ? -value : value
  }

  /// Reads the next field as a finite number. Plain decimals with at most
  /// 19 significant digits and small exponents are exact in Double; other
  /// spellings go through the standard library's parser.
  mutating func double(_ expected: String, columns: String) throws -> Double {
    try startField(expected, columns: columns)
    let start = position
    var negative = false
    if position < bytes.count, bytes[position] == minus || bytes[position] == plus {
      negative = bytes[position] == minus
      position += 1
    }
    var mantissa: UInt64 = 0
    var digits = 0
    var exponent = 0
    var exact = true
    while position < bytes.count, let d = digit(bytes[position]) {
      if digits < 19 {
        mantissa = mantissa * 10 + UInt64(d)
      } else {
        exponent += 1
        exact = false
      }
      if mantissa != 0 { digits += 1 }
      position += 1
    }
    var sawDigit = position > start + (negative || bytes[start] == plus ? 1 : 0)
    if position < bytes.count, bytes[position] == dot {
      position += 1
      while position < bytes.count, let d = digit(bytes[position]) {
        if digits < 19 {
          mantissa = mantissa * 10 + UInt64(d)
          exponent -= 1
          if mantissa != 0 { digits += 1 }
        } else {
          exact = false
        }
        sawDigit = true
        position += 1
      }
    }
    if sawDigit, position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
      position += 1
      var exponentNegative = false
      if position < bytes.count, bytes[position] == minus || bytes[position] == plus {
        exponentNegative = bytes[position] == minus
        position += 1
      }
      var written = 0
      var digitCount = 0
      while position < bytes.count, let d = digit(bytes[position]) {
        written = min(written * 10 + d, 100_000)
        digitCount += 1
        position += 1
      }
      if digitCount == 0 { sawDigit = false }
      exponent += exponentNegative ? -written : written
    }
    guard sawDigit, atSeparator else {
      position = start
      return try nonNumeric(expected)
    }
    fieldsRead += 1

    var value: Double
    if exact, mantissa <= 1 << 53, abs(exponent) <= 22 {
      value = Double(mantissa)
      value = exponent < 0 ? value / powersOfTen[-exponent] : value * powersOfTen[exponent]
      if negative { value = -value }
    } else {
      value =
        Double(
          String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))
        ?? .nan
    }
    guard value.isFinite, Float(value).isFinite else {
      throw DatasetError.notFinite(
        file: file, line: lineNumber, column: fieldsRead, found: text(from: start, to: position))
    }
    return value
  }

  /// Checks that no field is left on the line.
  func end(columns: String) throws {
    var probe = self
    probe.skipSpaces()
    if probe.position < bytes.count, bytes[probe.position] == comma {
      probe.position += 1
      probe.skipSpaces()
      if probe.position == bytes.count {
        throw DatasetError.badField(
          file: file, line: lineNumber, expected: "the end of the line", found: ",")
      }
    }
    guard probe.position == bytes.count else {
      throw DatasetError.columnCount(
        file: file, line: lineNumber, expected: columns, found: fieldCount)
    }
  }

  /// Whether fields remain on the line.
  var hasMoreFields: Bool {
    var probe = self
    probe.skipSpaces()
    return probe.position < bytes.count
  }

  /// Number of fields on the whole line, for error messages.
  var fieldCount: Int {
    var count = 0
    var inField = false
    for byte in bytes {
      let separator = isSpace(byte) || byte == comma
      if !separator && !inField { count += 1 }
      inField = !separator
    }
    return count
  }

  // MARK: - Separators and errors

  private mutating func startField(_ expected: String, columns: String) throws {
    skipSpaces()
    if fieldsRead > 0, position < bytes.count, bytes[position] == comma {
      position += 1
      skipSpaces()
      if position == bytes.count || bytes[position] == comma {
        throw DatasetError.badField(
          file: file, line: lineNumber, expected: expected + " after ','", found: "")
      }
    }
    guard position < bytes.count else {
      throw DatasetError.columnCount(
        file: file, line: lineNumber, expected: columns, found: fieldCount)
    }
    if bytes[position] == comma { throw badField(expected) }
  }

  private var atSeparator: Bool {
    position == bytes.count || isSpace(bytes[position]) || bytes[position] == comma
  }

  private mutating func skipSpaces() {
    while position < bytes.count, isSpace(bytes[position]) { position += 1 }
  }

  private func nonNumeric(_ expected: String) throws -> Double {
    let token = self.token.lowercased()
    let unsigned = token.hasPrefix("-") || token.hasPrefix("+") ? String(token.dropFirst()) : token
    if ["nan", "inf", "infinity"].contains(unsigned) {
      throw DatasetError.notFinite(
        file: file, line: lineNumber, column: fieldsRead + 1, found: self.token)
    }
    throw badField(expected)
  }

  private func badField(_ expected: String) -> DatasetError {
    .badField(file: file, line: lineNumber, expected: expected, found: token)
  }

  /// The text from the current position to the next separator, cut at 40.
  private var token: String {
    var end = position
    while end < bytes.count, !isSpace(bytes[end]), bytes[end] != comma, end - position < 40 {
      end += 1
    }
    return text(from: position, to: end)
  }

  /// The bytes as a message may quote them (see `PrintableBytes`).
  private func text(from start: Int, to end: Int) -> String {
    PrintableBytes.text(UnsafeBufferPointer(rebasing: bytes[start..<end]))
  }
}

private let minus = UInt8(ascii: "-")
private let plus = UInt8(ascii: "+")
private let dot = UInt8(ascii: ".")
private let comma = UInt8(ascii: ",")

@inline(__always)
private func digit(_ byte: UInt8) -> Int? {
  let d = Int(byte) &- 48
  return d >= 0 && d <= 9 ? d : nil
}

@inline(__always)
private func isSpace(_ byte: UInt8) -> Bool {
  byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
}

/// 10^0 ... 10^22, each exact in Double.
private let powersOfTen: [Double] = (0...22).map { exponent in
  var value = 1.0
  for _ in 0..<exponent { value *= 10 }
  return value
}
