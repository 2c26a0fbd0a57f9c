import Foundation
import OOXML

/// Writes a sheet of columns under a header row (the tracker, the reminders log): the
/// header, the data rows, then empty rows prepared with the same formats, formulas and
/// validations, so that a row typed by a person in Excel, LibreOffice or Google Sheets
/// gets them too.
struct ColumnSheet {
  let model: TemplateModel.SheetModel
  let layout: TemplateLayout
  /// The last row given formats, formulas and validations.
  let lastRow: Int

  /// What a data row holds: a column's content by key (a column left out is empty;
  /// a formula column left out gets its formula, with the cached value from `cached`).
  typealias RowValues = [String: NewCell.Content]

  /// Writes the header, `rows` from row 2, and prepared rows up to ``lastRow``.
  ///
  /// - Parameter cached: a formula column's value on a data row (index into `rows`), or
  ///   on an empty prepared row (`nil`).
  func write(
    into sheet: WorksheetWriter, styles: inout TemplateStyles, rows: [RowValues],
    cached: (_ key: String, _ row: Int?) -> NewCell.CachedValue?
  ) throws {
    let formats = model.columns.map { styles.index(.body, format: $0.format) }
    let header = styles.index(.header)
    sheet.columns = model.columns.enumerated().map { (offset, column) in (offset + 1...offset + 1, column.width, 0) }
    sheet.addRow(1, model.columns.enumerated().map { NewCell(column: $0.offset + 1, style: header, .text($0.element.header[layout.language])) }, height: 32)
    // Each formula split where the row number goes, joined again on every row.
    let formulas = try rowFormulas().map { $0?.split(separator: Self.rowToken, omittingEmptySubsequences: false) }
    for row in 2...max(lastRow, 2) {
      let index = row - 2
      let number = String(row)
      let values = index < rows.count ? rows[index] : [:]
      var cells: [NewCell] = []
      for (offset, column) in model.columns.enumerated() {
        let content: NewCell.Content
        if let value = values[column.key] {
          content = value
        } else if let parts = formulas[offset] {
          content = .formula(parts.joined(separator: number), cached: cached(column.key, index < rows.count ? index : nil))
        } else {
          content = .empty
        }
        cells.append(NewCell(column: offset + 1, style: formats[offset], content))
      }
      sheet.addRow(row, cells)
    }
  }

  /// Stands for the row number in a formula expanded once per column.
  static let rowToken: Character = "\u{1}"

  /// Each column's formula with ``rowToken`` for the row, `nil` for a column without one.
  private func rowFormulas() throws -> [String?] {
    let resolve = layout.resolver(for: model, row: 0)
    return try model.columns.map { column in
      guard let template = column.formula else { return nil }
      let expanded = try FormulaTemplate.expand(template) { name in
        if model.columns.contains(where: { $0.key == name }) {
          let letter = try layout.letter(name, in: model)
          return "$\(letter)\(Self.rowToken)"
        }
        return try resolve(name)
      }
      return expanded
    }
  }

  /// The range of data rows of column `key` (`I2:I501`).
  func range(_ key: String) throws -> String {
    let letter = try layout.letter(key, in: model)
    return "\(letter)2:\(letter)\(lastRow)"
  }

  /// The range of every column's data rows (`A2:Q501`).
  var bodyRange: String { "A2:\(CellReference.columnName(model.columns.count))\(lastRow)" }

  /// The validations the description asks for, over the data rows.
  func validations(invoicesRange: String) throws -> [DataValidation] {
    let messages = layout.model.validationMessages
    func message(_ name: String) -> (title: String, message: String)? { messages[name]?[layout.language] }
    var result: [DataValidation] = []
    for column in model.columns {
      guard let rule = column.validation else { continue }
      let range = try range(column.key)
      switch rule {
      case "date":
        result.append(DataValidation(range: range, kind: .date(minimum: 1), severity: .stop, error: message("date")))
      case "amount":
        result.append(DataValidation(range: range, kind: .decimal(minimum: 0), severity: .warning, error: message("amount")))
      case "level":
        result.append(DataValidation(range: range, kind: .whole(1...4), severity: .stop, error: message("level"), prompt: message("level")))
      case "clients":
        result.append(DataValidation(range: range, kind: .list(try layout.clientsRange("name")), severity: .none))
      case "invoices":
        result.append(DataValidation(range: range, kind: .list(invoicesRange), severity: .none))
      default:
        guard rule.hasPrefix("list:") else { throw TemplateError.invalidModel("unknown validation \(rule)") }
        let list = String(rule.dropFirst("list:".count))
        let severity: DataValidation.Severity = list == "vatRates" ? .warning : .stop
        result.append(DataValidation(range: range, kind: .list(try layout.listRange(list)), severity: severity, error: message("list")))
      }
    }
    return result
  }
}
