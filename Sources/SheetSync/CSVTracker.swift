import DelimitedText

/// A tracker exported as CSV: from Google Sheets (UTF-8, commas) or from a French Excel
/// (semicolons, Windows-1252 or UTF-8 with a byte-order mark).
extension TrackerTable {
  /// Reads the CSV text of `bytes`.
  package static func readCSV(_ bytes: [UInt8], file: String) throws -> TrackerTable {
    let text = try decode(bytes, file: file)
    // The separator the first line uses most: `;` (a French Excel), `,`, or a tab (Excel's
    // "Unicode text").
    let firstLine = text.prefix { !$0.isNewline }
    let separator: Character = [";", ",", "\t"].max { a, b in firstLine.filter { $0 == a }.count < firstLine.filter { $0 == b }.count }!
    let records = try parse(text, separator: separator, file: file)
    let numbered = records.enumerated().map { (offset, fields) in
      (offset + 1, Dictionary(uniqueKeysWithValues: fields.enumerated().map { ($0.offset + 1, $0.element) }))
    }
    guard let header = Self.header(in: numbered) else {
      throw TrackerError.noHeader(file: file, sheet: "CSV")
    }
    var rows: [Row] = []
    var statusTexts: [String] = []
    for (line, fields) in numbered where line > header.row {
      var row = Row(row: line, values: RowValues())
      for (column, index) in header.columns {
        guard let text = fields[index] else { continue }
        if column == .status { statusTexts.append(text) }
        if let value = CellNormalizer.value(text: text, kind: column.kind) { row.values[column] = value }
      }
      if !row.values.isEmpty { rows.append(row) }
    }
    return TrackerTable(
      sheet: nil, headerRow: header.row, columns: header.columns, ambiguous: header.ambiguous, rows: rows, lastRow: records.count,
      statusWords: StatusWords(values: statusTexts))
  }

  /// The text of `bytes` (``TextDecoding``), a file it cannot read refused.
  /// - Throws: ``TrackerError/unreadableCSV(file:reason:)``, naming the line.
  static func decode(_ bytes: [UInt8], file: String) throws -> String {
    do { return try TextDecoding.decode(bytes) } catch let error as DelimitedTextError {
      throw TrackerError.unreadableCSV(file: file, reason: error.phrase)
    }
  }

  /// The records of `text` (``CSVRecords``), a file it cannot read refused.
  /// - Throws: ``TrackerError/unreadableCSV(file:reason:)``, naming the line.
  static func parse(_ text: String, separator: Character, file: String) throws -> [[String]] {
    do { return try CSVRecords.records(text, separator: separator) } catch let error as DelimitedTextError {
      throw TrackerError.unreadableCSV(file: file, reason: error.phrase)
    }
  }
}
