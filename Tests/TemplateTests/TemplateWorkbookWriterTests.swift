import Foundation
import OOXML
import Testing

/// OOXML's writer of new workbooks (`WorkbookWriter`), on its own: cells of every kind
/// read back by Suivi's reader, names quoted, styles registered once, refusals.
@Suite struct TemplateWorkbookWriterTests {
  @Test func cellsOfEveryKindReadBack() throws {
    let folder = try TemplateFixtures.folder("suivi-writer")
    var styles = StyleSheet()
    let date = styles.index(of: CellStyle(numberFormat: "dd/mm/yyyy"))
    #expect(styles.index(of: CellStyle(numberFormat: "dd/mm/yyyy")) == date)
    let workbook = WorkbookWriter(styles: styles)
    let sheet = workbook.addSheet(named: "L'été")
    sheet.addRow(1, [NewCell(column: 1, .text(" a <b> & _x0041_ ")), NewCell(column: 3, .number(12.5)), NewCell(column: 2, .bool(true))])
    sheet.addRow(3, [
      NewCell(column: 1, style: date, .number(45598)), NewCell(column: 2, .formula("C1*2", cached: .number(25))),
      NewCell(column: 3, .formula("IF(A1=\"\",\"\",\"x\")", cached: .text(""))), NewCell(column: 4, .formula("NOW()", cached: nil)),
    ])
    workbook.definedNames = [.printTitles(sheet: 0, sheetName: sheet.name, rows: 1...1)]
    let path = folder.appendingPathComponent("w.xlsx").path
    try workbook.write(to: path)
    let read = try Workbook(path: path)
    #expect(read.sheets.map(\.name) == ["L'été"])
    var cells: [String: Cell] = [:]
    try read.cells(of: read.sheets[0]).forEach { cells[$0.reference.description] = $0 }
    #expect(cells["A1"]?.value == .string(" a <b> & _x0041_ "))
    #expect(cells["B1"]?.value == .bool(true))
    #expect(cells["C1"]?.value == .number(12.5))
    #expect(cells["A3"]?.value == .date(Day(year: 2024, month: 11, day: 2)!))
    #expect(cells["B3"]?.formula?.text == "C1*2" && cells["B3"]?.value == .number(25))
    #expect(cells["C3"]?.value == .string(""))
    #expect(cells["D3"]?.formula?.text == "NOW()" && cells["D3"]?.value == .empty)
    let parts = Dictionary(uniqueKeysWithValues: workbook.parts().map { ($0.name, $0.text) })
    #expect(parts["xl/workbook.xml"]?.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'L''été'!$1:$1</definedName>") == true)
  }

  @Test func refusalsNameTheFileAndLeaveNothing() throws {
    let folder = try TemplateFixtures.folder("suivi-writer")
    let workbook = WorkbookWriter()
    _ = workbook.addSheet(named: "A")
    let missing = folder.appendingPathComponent("no/such/folder.xlsx").path
    #expect(throws: OOXMLError.self) { try workbook.write(to: missing) }
    do {
      try workbook.write(to: missing)
    } catch {
      #expect("\(error)".contains(missing))
    }
    let path = folder.appendingPathComponent("a.xlsx").path
    try workbook.write(to: path)
    #expect(throws: OOXMLError.self) { try workbook.write(to: path) }
    try workbook.write(to: path, replacing: true)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.xlsx"])
  }
}
