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
