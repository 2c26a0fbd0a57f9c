/// A tracker exported as CSV: from Google Sheets (UTF-8, commas) or from a French Excel
/// (semicolons, Windows-1252 or UTF-8 with a byte-order mark).
extension TrackerTable {
  /// Reads the CSV text of `bytes`.
  package static func readCSV(_ bytes: [UInt8], file: String) throws -> TrackerTable {
    let text = decode(bytes)
    let firstLine = text.prefix { $0 != "\n" }
    let separator: Character = firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count ? ";" : ","
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
      var row = Row(row: line, values: [:])
      for (column, index) in header.columns {
        guard let text = fields[index] else { continue }
        if column == .status { statusTexts.append(text) }
        if let value = CellNormalizer.normalize(text: text, column: column) { row.values[column] = value }
      }
      if !row.values.isEmpty { rows.append(row) }
    }
    return TrackerTable(
      sheet: nil, headerRow: header.row, columns: header.columns, ambiguous: header.ambiguous, rows: rows, lastRow: records.count,
      statusWords: StatusWords(values: statusTexts))
  }

  /// UTF-8 (a byte-order mark dropped), or Windows-1252 when the bytes are not UTF-8.
  static func decode(_ bytes: [UInt8]) -> String {
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    if let text = String(validating: body, as: UTF8.self) { return text }
    return String(String.UnicodeScalarView(body.map { windows1252($0) }))
  }

  private static func windows1252(_ byte: UInt8) -> Unicode.Scalar {
    let high: [UInt32] = [
      0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
      0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]
    if (0x80...0x9F).contains(byte) { return Unicode.Scalar(high[Int(byte - 0x80)])! }
    return Unicode.Scalar(byte)
  }

  /// RFC 4180 records: quoted fields may hold separators, doubled quotes and line breaks.
  static func parse(_ text: String, separator: Character, file: String) throws -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    var afterQuote = false
    var iterator = text.makeIterator()
    while let character = iterator.next() {
      if quoted {
        if character == "\"" { quoted = false; afterQuote = true } else { field.append(character) }
        continue
      }
      switch character {
      case "\"":
        if afterQuote { field.append("\"") ; quoted = true; afterQuote = false }
        else if field.isEmpty { quoted = true }
        else { field.append(character) }
      case separator:
        record.append(field); field = ""; afterQuote = false
      case "\n", "\r\n":
        record.append(field); field = ""; afterQuote = false
        records.append(record); record = []
      case "\r":
        continue
      default:
        afterQuote = false
        field.append(character)
      }
    }
    if quoted { throw TrackerError.unreadableCSV(file: file, reason: "a quoted field is not closed") }
    if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
    return records
  }
}
