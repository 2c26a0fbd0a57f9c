import OOXML

/// Prints `inspect --json`, streaming: one sheet's rows are never all in memory.
///
/// `{"file":…,"dateSystem":"1900","sheets":[{"name":…,"state":…,"kind":…,"part":…,
/// "rows":[{"r":2,"cells":[{"ref":"A2","type":"string","value":"FA-240001"},…]}]}]}`.
/// Cells with neither a value nor a formula are left out; a formula cell carries its
/// cached value and `"formula"` (without `=`).
struct WorkbookJSONPrinter {
  let workbook: Workbook
  let output: OutputWriter

  func print(_ sheets: [Sheet]) throws {
    let system = workbook.dateSystem == .excel1904 ? "1904" : "1900"
    try output.write("{\"file\":\(JSONText.string(workbook.path)),\"dateSystem\":\"\(system)\",\"sheets\":[")
    for (index, sheet) in sheets.enumerated() {
      if index > 0 { try output.write(",") }
      try printSheet(sheet)
    }
    try output.write("]}\n")
  }

  private func printSheet(_ sheet: Sheet) throws {
    try output.write(
      "{\"name\":\(JSONText.string(sheet.name)),\"state\":\"\(sheet.state.rawValue)\",\"kind\":\"\(sheet.kind.rawValue)\",\"part\":\(JSONText.string(sheet.partName)),\"rows\":["
    )
    if sheet.kind == .worksheet || sheet.kind == .macrosheet || sheet.kind == .dialogsheet {
      let reader = try workbook.cells(of: sheet)
      var isFirstRow = true
      while let (row, cells) = try reader.nextRow() {
        let shown = cells.filter { !$0.value.isEmpty || $0.formula != nil }
        if shown.isEmpty { continue }
        try output.write((isFirstRow ? "" : ",") + "{\"r\":\(row),\"cells\":[")
        isFirstRow = false
        for (index, cell) in shown.enumerated() {
          try output.write((index > 0 ? "," : "") + json(cell))
        }
        try output.write("]}")
      }
    }
    try output.write("]}")
  }

  private func json(_ cell: Cell) -> String {
    var text = "{\"ref\":\"\(cell.reference)\",\"type\":\"\(cell.value.jsonType)\",\"value\":\(cell.value.json)"
    if let formula = cell.formula, let formulaText = formula.text {
      text += ",\"formula\":\(JSONText.string(formulaText))"
    }
    return text + "}"
  }
}
