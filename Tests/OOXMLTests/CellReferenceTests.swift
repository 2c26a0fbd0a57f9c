import Testing

@testable import OOXML

@Suite struct CellReferenceTests {
  @Test(arguments: [("A1", 1, 1), ("Z9", 26, 9), ("AA10", 27, 10), ("xfd1048576", 16_384, 1_048_576), ("B2", 2, 2)])
  func parses(text: String, column: Int, row: Int) {
    let reference = CellReference(text)
    #expect(reference?.column == column)
    #expect(reference?.row == row)
  }

  @Test(arguments: ["XFE1", "A1048577", "A0", "AAAA1", "ZZZ99999999"])
  func outsideTheGridIsOutOfRange(text: String) {
    var text = text
    let result = text.withUTF8 { CellReference.parse($0) }
    #expect(result == .outOfRange)
  }

  @Test(arguments: ["", "A", "1", "A1B", "$A$1", "A-1", "A01", "é1"])
  func garbageIsMalformed(text: String) {
    var text = text
    let result = text.withUTF8 { CellReference.parse($0) }
    #expect(result == .malformed)
  }

  @Test func columnNamesRoundTripOverTheWholeGrid() {
    for column in 1...CellReference.maxColumn {
      let reference = CellReference(column: column, row: 7)!
      #expect(CellReference(reference.description) == reference)
    }
    #expect(CellReference.columnName(16_384) == "XFD")
    #expect(CellReference.columnName(703) == "AAA")
  }

  @Test func sortsRowsFirst() {
    #expect(CellReference("B1")! < CellReference("A2")!)
    #expect(CellReference("A2")! < CellReference("B2")!)
  }
}
