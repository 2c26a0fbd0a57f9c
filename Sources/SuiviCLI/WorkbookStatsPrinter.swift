import OOXML

/// Prints `inspect --stats`: every cell is read and decoded, and only counts are printed,
/// so that timing it measures reading, not printing.
struct WorkbookStatsPrinter {
  let workbook: Workbook
  let output: OutputWriter

  func print(_ sheets: [Sheet]) throws {
    var total = Counts()
    for sheet in sheets where sheet.kind != .chartsheet {
      var counts = Counts()
      let reader = try workbook.cells(of: sheet)
      var lastRow = 0
      while let cell = try reader.next() {
        if cell.reference.row != lastRow {
          counts.rows += 1
          lastRow = cell.reference.row
        }
        counts.add(cell)
      }
      try output.write("\(sheet.name): \(counts)\n")
      total.merge(counts)
    }
    try output.write("total: \(total)\n")
  }
}

/// Counts of cells by decoded type.
struct Counts: CustomStringConvertible {
  var rows = 0
  var cells = 0
  var byType: [String: Int] = [:]
  var formulas = 0

  mutating func add(_ cell: Cell) {
    cells += 1
    byType[cell.value.jsonType, default: 0] += 1
    if cell.formula != nil { formulas += 1 }
  }

  mutating func merge(_ other: Counts) {
    rows += other.rows
    cells += other.cells
    formulas += other.formulas
    byType.merge(other.byType, uniquingKeysWith: +)
  }

  var description: String {
    let types = byType.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    return "\(rows) rows, \(cells) cells (\(types)), \(formulas) formulas"
  }
}
