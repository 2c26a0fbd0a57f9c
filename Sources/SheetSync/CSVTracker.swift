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

  /// UTF-8 (a byte-order mark dropped), UTF-16 with its byte-order mark (Excel's "Unicode
  /// text"), or Windows-1252 when the bytes are not UTF-8.
  /// - Throws: ``TrackerError/unreadableCSV(file:reason:)`` for bytes none of these
  ///   encodings reads (a byte Windows-1252 leaves undefined, UTF-16 without its mark),
  ///   naming the line.
  static func decode(_ bytes: [UInt8], file: String) throws -> String {
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    if body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF]) {
      let little = body.first == 0xFF
      let units = stride(from: body.startIndex + 2, to: body.endIndex - 1, by: 2).map { index -> UInt16 in
        little ? UInt16(body[index]) | UInt16(body[index + 1]) << 8 : UInt16(body[index]) << 8 | UInt16(body[index + 1])
      }
      guard body.count % 2 == 0, let text = String(validating: units, as: UTF16.self) else {
        throw TrackerError.unreadableCSV(file: file, reason: "its UTF-16 text is damaged (a byte is missing or a character is split)")
      }
      return text
    }
    if let text = String(validating: body, as: UTF8.self) {
      if let zero = body.firstIndex(of: 0), body.filter({ $0 == 0 }).count * 4 > body.count {
        throw TrackerError.unreadableCSV(
          file: file, reason: "line \(line(of: zero, in: body)): it looks like UTF-16 without its byte-order mark; save it again as CSV (UTF-8)")
      }
      return text
    }
    if let undefined = body.firstIndex(where: { [0x81, 0x8D, 0x8F, 0x90, 0x9D].contains($0) || $0 == 0 }) {
      throw TrackerError.unreadableCSV(
        file: file,
        reason: "line \(line(of: undefined, in: body)): byte 0x\(String(body[undefined], radix: 16, uppercase: true)) is neither UTF-8 nor Windows-1252 text; save it again as CSV (UTF-8)")
    }
    return String(String.UnicodeScalarView(body.map { windows1252($0) }))
  }

  /// The 1-based line of the byte at `index` (line breaks: LF, CR LF or CR).
  private static func line(of index: Int, in bytes: ArraySlice<UInt8>) -> Int {
    var line = 1
    var previous: UInt8 = 0
    for byte in bytes[..<index] {
      if byte == 0x0A && previous != 0x0D || byte == 0x0D { line += 1 }
      previous = byte
    }
    return line
  }

  private static func windows1252(_ byte: UInt8) -> Unicode.Scalar {
    let high: [UInt32] = [
      0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
      0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]
    if (0x80...0x9F).contains(byte) { return Unicode.Scalar(high[Int(byte - 0x80)])! }
    return Unicode.Scalar(byte)
  }

  /// Excel's limit on a cell's text.
  static let maximumFieldLength = 32_767

  /// RFC 4180 records: quoted fields may hold separators, doubled quotes and line breaks.
  /// Lines end with LF, CR LF or a lone CR (Excel for Mac's "CSV (Macintosh)").
  /// - Throws: ``TrackerError/unreadableCSV(file:reason:)`` for a quote not closed, or one
  ///   whose field runs over lines that read as records of their own (an unbalanced quote,
  ///   which would swallow them), naming the line it opens on.
  static func parse(_ text: String, separator: Character, file: String) throws -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    var afterQuote = false
    var line = 1
    var quoteLine = 1
    // Line breaks and separators after a line break inside the quoted field.
    var breaksInQuote = 0
    var separatorsAfterBreak = 0
    var widest = 0
    var fieldLength = 0
    var iterator = text.makeIterator()
    func endRecord() {
      record.append(field)
      field = ""
      fieldLength = 0
      afterQuote = false
      widest = max(widest, record.count)
      records.append(record)
      record = []
    }
    while let character = iterator.next() {
      // (A field longer than a cell can hold is no tracker's: refused before it grows.)
      fieldLength += 1
      if fieldLength > maximumFieldLength {
        throw TrackerError.unreadableCSV(file: file, reason: "line \(line): a field is longer than a cell's \(maximumFieldLength) characters")
      }
      if quoted {
        if character == "\"" {
          quoted = false
          afterQuote = true
          // A field over lines that hold a record's worth of separators: an unbalanced quote.
          if breaksInQuote > 0, widest > 2, separatorsAfterBreak >= widest - 1 {
            throw TrackerError.unreadableCSV(
              file: file, reason: "line \(quoteLine): a quote opened here runs over \(breaksInQuote + 1) lines that read as rows (an unbalanced quote?)")
          }
        } else {
          if character.isNewline {
            line += 1
            breaksInQuote += 1
          } else if character == separator, breaksInQuote > 0 {
            separatorsAfterBreak += 1
          }
          field.append(character)
        }
        continue
      }
      switch character {
      case "\"":
        if afterQuote {
          field.append("\"")
          quoted = true
          afterQuote = false
        } else if field.isEmpty {
          quoted = true
          quoteLine = line
          breaksInQuote = 0
          separatorsAfterBreak = 0
        } else {
          field.append(character)
        }
      case separator:
        record.append(field)
        field = ""
        fieldLength = 0
        afterQuote = false
      case "\n", "\r\n", "\r":
        endRecord()
        line += 1
      default:
        afterQuote = false
        field.append(character)
      }
    }
    if quoted { throw TrackerError.unreadableCSV(file: file, reason: "line \(quoteLine): a quoted field is not closed") }
    if !field.isEmpty || !record.isEmpty {
      record.append(field)
      records.append(record)
    }
    return records
  }
}
