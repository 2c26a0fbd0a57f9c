/// Comma-separated values as spreadsheets and banks export them.
public enum CSVRecords {
  /// Excel's limit on a cell's text.
  public static let maximumFieldLength = 32_767

  /// RFC 4180 records: quoted fields may hold separators, doubled quotes and line breaks.
  /// Lines end with LF, CR LF or a lone CR (Excel for Mac's "CSV (Macintosh)").
  /// A blank line is a record of one empty field: a record's index is its line's, but for
  /// quoted fields over several lines.
  /// - Throws: ``DelimitedTextError`` for a quote not closed, or one whose field runs over
  ///   lines that read as records of their own (an unbalanced quote, which would swallow
  ///   them), naming the line it opens on; for a field longer than a cell holds.
  public static func records(_ text: String, separator: Character) throws -> [[String]] {
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
        throw DelimitedTextError(line: line, "a field is longer than a cell's \(maximumFieldLength) characters")
      }
      if quoted {
        if character == "\"" {
          quoted = false
          afterQuote = true
          // A field over lines that hold a record's worth of separators: an unbalanced quote.
          if breaksInQuote > 0, widest > 2, separatorsAfterBreak >= widest - 1 {
            throw DelimitedTextError(line: quoteLine, "a quote opened here runs over \(breaksInQuote + 1) lines that read as rows (an unbalanced quote?)")
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
    if quoted { throw DelimitedTextError(line: quoteLine, "a quoted field is not closed") }
    if !field.isEmpty || !record.isEmpty {
      record.append(field)
      records.append(record)
    }
    return records
  }
}
