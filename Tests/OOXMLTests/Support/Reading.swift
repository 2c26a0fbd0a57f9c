@testable import OOXML

extension Workbook {
  /// Every cell of a sheet, for tests.
  func allCells(_ sheetName: String? = nil) throws -> [Cell] {
    let sheet = try sheetName.map(requireSheet(named:)) ?? sheets[0]
    let reader = try cells(of: sheet)
    var cells: [Cell] = []
    while let cell = try reader.next() { cells.append(cell) }
    return cells
  }

  /// The cell values by reference, for tests.
  func values(_ sheetName: String? = nil) throws -> [String: CellValue] {
    Dictionary(uniqueKeysWithValues: try allCells(sheetName).map { ($0.reference.description, $0.value) })
  }
}

func day(_ text: String) -> CellValue {
  let parts = text.split(separator: "-").map { Int($0)! }
  return .date(Day(year: parts[0], month: parts[1], day: parts[2])!)
}
