import Testing

@testable import OOXML
import TestSupport

/// A sheet is streamed, not loaded: however many rows it has, only what one chunk of XML
/// holds is ever buffered.
@Suite struct StreamingTests {
  @Test func aLargeSheetIsReadWithABoundedBuffer() throws {
    let rowCount = 150_000
    var rows = ""
    rows.reserveCapacity(rowCount * 90)
    for row in 1...rowCount {
      rows += "<row r=\"\(row)\"><c r=\"A\(row)\" t=\"inlineStr\"><is><t>FA-\(row)</t></is></c><c r=\"B\(row)\"><v>\(row).5</v></c><c r=\"C\(row)\"><f>B\(row)*2</f><v>\(2 * row + 1)</v></c></row>"
    }
    let workbook = try Workbook(path: WorkbookFixture.sheetData(rows).write("large.xlsx"))
    let reader = try workbook.cells(of: workbook.sheets[0])
    var count = 0
    var last: Cell?
    while let cell = try reader.next() {
      count += 1
      last = cell
    }
    #expect(count == rowCount * 3)
    #expect(last?.reference.description == "C\(rowCount)")
    #expect(last?.value == .number(Double(2 * rowCount + 1)))
    #expect(reader.bufferedCellsHighWater > 0)
    #expect(reader.bufferedCellsHighWater < 5_000, "cells buffered at once: \(reader.bufferedCellsHighWater)")
  }

  @Test func rowsAreGroupedInFileOrder() throws {
    let path = try WorkbookFixture.sheetData("""
      <row r="2"><c r="A2"><v>1</v></c><c r="C2"><v>2</v></c></row><row r="7"><c r="B7"><v>3</v></c></row>
      """).write()
    let workbook = try Workbook(path: path)
    let reader = try workbook.cells(of: workbook.sheets[0])
    let first = try #require(try reader.nextRow())
    #expect(first.row == 2)
    #expect(first.cells.map(\.reference.description) == ["A2", "C2"])
    let second = try #require(try reader.nextRow())
    #expect(second.row == 7)
    #expect(try reader.nextRow() == nil)
  }
}

/// Saving edits to a sheet larger than libxml2's 10 MB look-ahead limit works (the part
/// is fed to the parser in slices).
@Suite struct LargeSheetEditTests {
  @Test func aLargeSheetIsEditedAndAppendedTo() throws {
    let rowCount = 150_000
    var rows = ""
    rows.reserveCapacity(rowCount * 100)
    for row in 1...rowCount {
      rows += "<row r=\"\(row)\"><c r=\"A\(row)\" t=\"inlineStr\"><is><t>FA-\(row)</t></is></c><c r=\"B\(row)\"><v>\(row)</v></c><c r=\"C\(row)\"><f>B\(row)*2</f><v>\(2 * row)</v></c></row>"
    }
    let path = try WorkbookFixture.sheetData(rows).write("large-edit.xlsx")
    let editor = try WorkbookEditor(path: path)
    try editor.set(.number(10), at: CellReference("B75000")!, sheet: "Feuil1")
    try editor.appendRow([.string("FA-new"), .number(7)], sheet: "Feuil1")
    let report = try editor.save(options: SaveOptions(backupsKept: 0))
    #expect(report.sheets.first?.appendedRows == [rowCount + 1])
    let values = try Workbook(path: path).values()
    #expect(values["C75000"] == .number(20))
    #expect(values["C\(rowCount + 1)"] == .number(14))
    #expect(values["C\(rowCount)"] == .number(Double(2 * rowCount)))
  }
}
