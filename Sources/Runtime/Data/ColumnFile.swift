/// A TU file with one row per node, edge or graph and the same number of
/// comma-separated fields on every row (`_node_labels`, `_node_attributes`,
/// `_edge_labels`, `_graph_labels`, ...), read into a flat row-major array.
/// Blank lines are skipped, as pandas does for PyG.
struct ColumnFile<Value> {
  var values: [Value] = []
  var columns = 0
  var rows = 0
  /// The 1-based file line of each row, for later errors.
  var lines: [Int32] = []

  /// Reads `path`. `expectedRows`, when known, must equal the number of
  /// data lines (`unit` names a row in the error: "node", "edge", ...);
  /// `fixedColumns`, when given, is the required field count. `parse`
  /// reads one field.
  init(
    path: String, expectedRows: Int?, unit: String, fixedColumns: Int? = nil,
    parse: (inout FieldCursor, _ columns: String) throws -> Value
  ) throws {
    var values: [Value] = []
    var columns = fixedColumns ?? 0
    var rows = 0
    var lines: [Int32] = []
    if let expectedRows { values.reserveCapacity(expectedRows * max(columns, 1)) }
    try TextLines.forEach(path: path) { line in
      guard !line.isBlank else { return }
      rows += 1
      if let expectedRows, rows > expectedRows { return }
      var cursor = FieldCursor(line, file: path)
      if columns == 0 {
        // the first data line sets the width of the others
        let description = "1 or more fields"
        repeat {
          values.append(try parse(&cursor, description))
        } while cursor.hasMoreFields
        columns = cursor.fieldsRead
      } else {
        let description = columns == 1 ? "1 field" : "\(columns) fields, as on the first line"
        for _ in 0..<columns { values.append(try parse(&cursor, description)) }
        try cursor.end(columns: description)
      }
      lines.append(Int32(truncatingIfNeeded: line.number))
    }
    guard rows > 0 else { throw DatasetError.emptyFile(file: path) }
    if let expectedRows, rows != expectedRows {
      throw DatasetError.lineCount(file: path, expected: expectedRows, found: rows, unit: unit)
    }
    self.values = values
    self.columns = columns
    self.rows = rows
    self.lines = lines
  }
}
