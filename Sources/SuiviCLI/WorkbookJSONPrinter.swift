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
      var openRow: Int?
      try workbook.cells(of: sheet).forEach { cell in
        guard !cell.value.isEmpty || cell.formula != nil else { return }
        let row = cell.reference.row
        if openRow == row {
          try output.write(",")
        } else {
          try output.write((openRow == nil ? "" : "]},") + "{\"r\":\(row),\"cells\":[")
          openRow = row
        }
        try output.write(json(cell))
      }
      if openRow != nil { try output.write("]}") }
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
