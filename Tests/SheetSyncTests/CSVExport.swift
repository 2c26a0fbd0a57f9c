import Foundation
import OOXML

/// A sheet's cells written as a French spreadsheet program exports them to CSV: `;`
/// between fields, dates `dd/mm/yyyy`, a decimal comma, CRLF.
enum CSVExport {
  /// Writes `lines` (each already a row of fields) to `path`.
  static func write(_ lines: [String], to path: String) throws {
    try Data((lines.joined(separator: "\r\n") + "\r\n").utf8).write(to: URL(fileURLWithPath: path))
  }

  /// Row `row` of `cells` (by reference, `E3`), columns `columns` (their letters).
  static func line(_ cells: [String: CellValue], row: Int, columns: String) -> String {
    columns.map { column -> String in
      switch cells["\(column)\(row)"] {
      case let .string(text)?: return text.contains(";") ? "\"\(text)\"" : text
      case let .number(value)?: return String(format: "%.2f", value).replacingOccurrences(of: ".", with: ",")
      case let .date(day)?: return String(format: "%02d/%02d/%04d", day.day, day.month, day.year)
      default: return ""
      }
    }.joined(separator: ";")
  }
}
