import Wording
import OOXML

/// Prints `inspect` for people: the list of sheets, then each sheet as a grid whose
/// columns are the sheet's letters, each cut to a readable width.
struct WorkbookTablePrinter {
  let workbook: Workbook
  let output: OutputWriter
  static let maxWidth = 24

  func print(_ sheets: [Sheet]) throws {
    let said: Phrase =
      workbook.dateSystem == .excel1904
      ? "\(workbook.path): \(workbook.sheets.count) sheet(s), 1904 date system" : "\(workbook.path): \(workbook.sheets.count) sheet(s)"
    try output.write(say(said) + "\n")
    let rows = workbook.sheets.enumerated().map { index, sheet in
      [String(index + 1), sheet.name, sheet.state.rawValue, sheet.kind.rawValue, sheet.partName]
    }
    try output.write(TextTable.render(header: ["#"] + ["sheet", "state", "kind", "part"].map { say(Phrase(stringLiteral: $0)) }, rows: rows, indent: "  "))
    for sheet in sheets where sheet.kind != .chartsheet {
      try output.write("\n\(sheet.name)\n")
      try printGrid(sheet)
    }
  }

  private func printGrid(_ sheet: Sheet) throws {
    let reader = try workbook.cells(of: sheet)
    var grid: [(row: Int, values: [Int: String])] = []
    var lastColumn = 0
    while let (row, cells) = try reader.nextRow() {
      var values: [Int: String] = [:]
      for cell in cells {
        let text = cell.value.isEmpty ? cell.formula?.text.map { "=" + $0 } ?? "" : cell.value.display
        if text.isEmpty { continue }
        values[cell.reference.column] = text
        lastColumn = max(lastColumn, cell.reference.column)
      }
      if !values.isEmpty { grid.append((row, values)) }
    }
    guard !grid.isEmpty else { return try output.write("  " + say("(no cells)") + "\n") }
    let header = [""] + (1...lastColumn).map(CellReference.columnName)
    let rows = grid.map { entry in
      [String(entry.row)] + (1...lastColumn).map { Self.clip(entry.values[$0] ?? "") }
    }
    try output.write(TextTable.render(header: header, rows: rows, indent: "  "))
  }

  static func clip(_ text: String) -> String {
    let flat = text.replacingNewlines()
    return flat.count <= maxWidth ? flat : String(flat.prefix(maxWidth - 1)) + "…"
  }
}

extension String {
  func replacingNewlines() -> String {
    String(unicodeScalars.map { $0 == "\n" || $0 == "\r" ? "⏎" : Character($0) })
  }
}
