import Wording
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
      try reader.forEach { cell in
        if cell.reference.row != lastRow {
          counts.rows += 1
          lastRow = cell.reference.row
        }
        counts.add(cell)
      }
      try output.write("\(sheet.name): " + say(counts.phrase) + "\n")
      total.merge(counts)
    }
    try output.write(say("total: \(total.phrase)") + "\n")
  }
}

/// Counts of cells by decoded type.
struct Counts {
  static let typeNames: [Phrase] = ["empty", "number", "text", "boolean", "error", "date", "date and time"]
  var rows = 0
  var cells = 0
  var byType = [Int](repeating: 0, count: Counts.typeNames.count)
  var formulas = 0

  mutating func add(_ cell: Cell) {
    cells += 1
    byType[Self.typeIndex(cell.value)] += 1
    if cell.formula != nil { formulas += 1 }
  }

  mutating func merge(_ other: Counts) {
    rows += other.rows
    cells += other.cells
    formulas += other.formulas
    for index in byType.indices { byType[index] += other.byType[index] }
  }

  private static func typeIndex(_ value: CellValue) -> Int {
    switch value {
    case .empty: 0
    case .number: 1
    case .string: 2
    case .bool: 3
    case .error: 4
    case .date: 5
    case .dateTime: 6
    }
  }

  var phrase: Phrase {
    let types = zip(Self.typeNames, byType).filter { $0.1 > 0 }.map { "\($0.0) \($0.1)" as Phrase }.joined()
    return "\(rows) row(s), \(cells) cell(s) (\(types)), \(formulas) formula(s)"
  }
}
