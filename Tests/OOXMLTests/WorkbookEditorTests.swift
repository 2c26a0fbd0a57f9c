import Foundation
import Testing

@testable import OOXML
import TestSupport

/// The surgical writer: what it changes, and everything it must leave alone.
@Suite struct WorkbookEditorTests {
  static let styles = WorkbookFixture.styles(numberFormats: [164: "dd/mm/yyyy", 165: "#,##0.00 &quot;€&quot;"], cellFormats: [0, 164, 165])

  /// A small tracker: header, two invoices, TTC formulas, a filter, validation and
  /// conditional formatting down to the last row, and a print area.
  static func tracker(extraSheetXML: String = "", rows: String? = nil) -> WorkbookFixture {
    let main = WorkbookFixture.main
    let data = rows ?? """
      <row r="1"><c r="A1" t="inlineStr"><is><t>N° de facture</t></is></c><c r="B1" t="inlineStr"><is><t>Date</t></is></c>\
      <c r="C1" t="inlineStr"><is><t>HT</t></is></c><c r="D1" t="inlineStr"><is><t>TTC</t></is></c></row>\
      <row r="2" spans="1:4"><c r="A2" t="inlineStr"><is><t>FA-240001</t></is></c><c r="B2" s="1"><v>45598</v></c>\
      <c r="C2" s="2"><v>500</v></c><c r="D2" s="2"><f>C2*1.2</f><v>600</v></c></row>\
      <row r="3" spans="1:4"><c r="A3" t="inlineStr"><is><t>FA-240002</t></is></c><c r="B3" s="1"><v>45600</v></c>\
      <c r="C3" s="2"><v>100</v></c><c r="D3" s="2"><f>C3*1.2</f><v>120</v></c></row>
      """
    var fixture = WorkbookFixture.sheetData("", styles: styles)
    fixture.sheets = [("Suivi", """
      <worksheet xmlns="\(main)" xmlns:r="\(WorkbookFixture.relationships)" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">\
      <dimension ref="A1:D3"/><sheetData>\(data)</sheetData><autoFilter ref="A1:D3"/>\
      <conditionalFormatting sqref="A2:D3"><cfRule type="expression" priority="1"><formula>$C2&gt;100</formula></cfRule></conditionalFormatting>\
      <dataValidations count="1"><dataValidation type="list" sqref="B2:B3 D2:D40"><formula1>"a,b"</formula1></dataValidation></dataValidations>\
      \(extraSheetXML)</worksheet>
      """)]
    fixture.workbookProperties = ""
    return fixture
  }

  func edit(_ fixture: WorkbookFixture, _ body: (WorkbookEditor) throws -> Void) throws -> (path: String, report: SaveReport) {
    let path = try fixture.write("tracker.xlsx")
    let editor = try WorkbookEditor(path: path)
    try body(editor)
    let report = try editor.save(options: SaveOptions(backupsKept: 0))
    return (path, report)
  }

  func sheetXML(_ path: String, part: String = "xl/worksheets/sheet1.xml") throws -> String {
    let archive = try ZipArchive(path: path)
    return String(decoding: try archive.contents(of: archive.entry(named: part)!), as: UTF8.self)
  }

  @Test func valuesKeepTheirCellsStyle() throws {
    let (path, _) = try edit(Self.tracker()) { editor in
      try editor.set(.number(750.5), at: CellReference("C2")!, sheet: "Suivi")
      try editor.set(.date(Day(year: 2024, month: 12, day: 1)!), at: CellReference("B3")!, sheet: "Suivi")
      try editor.set(.string("=HYPERLINK(\"x\")"), at: CellReference("A3")!, sheet: "Suivi")
      try editor.set(.bool(true), at: CellReference("E2")!, sheet: "Suivi")
    }
    let workbook = try Workbook(path: path)
    let cells = Dictionary(uniqueKeysWithValues: try workbook.allCells().map { ($0.reference.description, $0) })
    #expect(cells["C2"]?.value == .number(750.5))
    #expect(cells["C2"]?.styleIndex == 2)
    #expect(cells["B3"]?.value == day("2024-12-01"))
    #expect(cells["B3"]?.styleIndex == 1)
    #expect(cells["A3"]?.value == .string("=HYPERLINK(\"x\")"))
    #expect(cells["A3"]?.formula == nil)
    #expect(cells["E2"]?.value == .bool(true))
  }

  @Test func aDateIntoACellWithoutADateFormatGetsOne() throws {
    let (path, report) = try edit(Self.tracker()) { editor in
      try editor.set(.date(Day(year: 2025, month: 1, day: 15)!), at: CellReference("E2")!, sheet: "Suivi")
      try editor.set(.date(Day(year: 2025, month: 1, day: 16)!), at: CellReference("C3")!, sheet: "Suivi")
    }
    let values = try Workbook(path: path).values()
    #expect(values["E2"] == day("2025-01-15"))
    #expect(values["C3"] == day("2025-01-16"))
    #expect(report.rewrittenParts.contains("xl/styles.xml"))
    // The recomputed TTC of row 3 now reads the date's serial, as Excel would.
    #expect(values["D3"] == .number(Double(DateSystem.excel1900.serial(of: Day(year: 2025, month: 1, day: 16)!)) * 1.2))
  }

  @Test func aChangedInputRecomputesASameRowFormula() throws {
    let (path, report) = try edit(Self.tracker()) { editor in
      try editor.set(.number(1000), at: CellReference("C2")!, sheet: "Suivi")
    }
    #expect(try Workbook(path: path).values()["D2"] == .number(1200))
    #expect(report.sheets.first?.recomputed == [CellReference("D2")!])
    #expect(try sheetXML(path).contains("<c r=\"D3\" s=\"2\"><f>C3*1.2</f><v>120</v></c>"), "row 3 is untouched")
  }

  @Test func anAppendedRowCopiesStylesAndMovesFormulas() throws {
    let (path, report) = try edit(Self.tracker()) { editor in
      try editor.appendRow([.string("FA-240003"), .date(Day(year: 2024, month: 11, day: 20)!), .number(250)], sheet: "Suivi")
      try editor.appendRow([.string("FA-240004")], sheet: "Suivi")
    }
    #expect(report.sheets.first?.appendedRows == [4, 5])
    let cells = Dictionary(uniqueKeysWithValues: try Workbook(path: path).allCells().map { ($0.reference.description, $0) })
    #expect(cells["B4"]?.value == day("2024-11-20"))
    #expect(cells["B4"]?.styleIndex == 1)
    #expect(cells["C4"]?.styleIndex == 2)
    #expect(cells["D4"]?.formula?.text == "C4*1.2")
    #expect(cells["D4"]?.value == .number(300))
    #expect(cells["D5"]?.formula?.text == "C5*1.2")
    #expect(cells["D5"]?.value == .number(0))
    #expect(cells["B5"]?.styleIndex == 1, "an empty cell keeps the look of the row above")
    let xml = try sheetXML(path)
    #expect(xml.contains("<dimension ref=\"A1:D5\"/>"))
    #expect(xml.contains("<autoFilter ref=\"A1:D5\"/>"))
    #expect(xml.contains("<conditionalFormatting sqref=\"A2:D5\">"))
    #expect(xml.contains("sqref=\"B2:B5 D2:D40\""), "a range already past the data is left alone")
  }

  @Test func excel2010ExtensionRangesFollowAppendedRows() throws {
    let ext = """
      <extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"><x14:dataValidations count="1"><x14:dataValidation type="list">\
      <x14:formula1><xm:f>Listes!$A$1:$A$5</xm:f></x14:formula1><xm:sqref>E2:E3</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>
      """
    let (path, _) = try edit(Self.tracker(extraSheetXML: ext)) { editor in
      try editor.appendRow([.string("FA-240003")], sheet: "Suivi")
    }
    #expect(try sheetXML(path).contains("<xm:sqref>E2:E4</xm:sqref>"))
  }

  @Test func everythingOutsideTheEditedRowsIsByteIdentical() throws {
    let fixture = Self.tracker()
    let original = try sheetXML(fixture.write())
    let (path, _) = try edit(fixture) { editor in
      try editor.set(.string("FA-240009"), at: CellReference("A3")!, sheet: "Suivi")
    }
    let edited = try sheetXML(path)
    let rowStart = original.range(of: "<row r=\"3\"")!.lowerBound
    let rowEnd = original.range(of: "</row></sheetData>")!.lowerBound
    #expect(edited.hasPrefix(String(original[..<rowStart])))
    #expect(edited.hasSuffix(String(original[rowEnd...])))
    #expect(edited.contains("<c r=\"A3\" t=\"inlineStr\"><is><t>FA-240009</t></is></c><c r=\"B3\" s=\"1\"><v>45600</v></c>"))
  }

  @Test func untouchedEntriesKeepTheirCompressedBytes() throws {
    var fixture = Self.tracker()
    fixture.extraEntries = [("xl/media/image1.png", String(repeating: "PNG", count: 3_000)), ("customXml/item1.xml", "<a/>")]
    let original = try fixture.write("with-media.xlsx")
    let editor = try WorkbookEditor(path: original)
    try editor.set(.number(1), at: CellReference("C2")!, sheet: "Suivi")
    let copy = ZipFixture.temporaryPath("copy.xlsx")
    let report = try editor.save(to: copy)
    let before = try RawZip.entries(original)
    let after = try RawZip.entries(copy)
    #expect(after.map(\.name) == before.map(\.name), "entry order and names are kept")
    for entry in before where !report.rewrittenParts.contains(entry.name) {
      let twin = try #require(after.first { $0.name == entry.name })
      #expect(twin.compressed == entry.compressed && twin.crc == entry.crc && twin.method == entry.method, "\(entry.name)")
    }
  }

  @Test func newStringsAreEscapedAndReadBackExactly() throws {
    let tricky = [" leading and trailing ", "ligne 1\nligne 2\r\nfin", "Dumont & fils <sarl> \"quoted\"", "literal _x000D_ text", "bell\u{7}", "émoji 😀 € ✓", "=SUM(A1:A2)", "+33 1 23", "-5", "@user"]
    let (path, _) = try edit(Self.tracker()) { editor in
      for (offset, text) in tricky.enumerated() {
        try editor.set(.string(text), at: CellReference(column: 6 + offset, row: 2)!, sheet: "Suivi")
      }
    }
    let values = try Workbook(path: path).values()
    for (offset, text) in tricky.enumerated() {
      #expect(values[CellReference(column: 6 + offset, row: 2)!.description] == .string(text))
    }
  }

  @Test func editingASharedFormulasMasterHandsTheGroupToTheNextCell() throws {
    let rows = """
      <row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B4" si="0">A1*2</f><v>2</v></c></row>\
      <row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>4</v></c></row>\
      <row r="3"><c r="A3"><v>3</v></c><c r="B3"><f t="shared" si="0"/><v>6</v></c></row>\
      <row r="4"><c r="A4"><v>4</v></c><c r="B4"><f t="shared" si="0"/><v>8</v></c></row>
      """
    let (path, _) = try edit(Self.tracker(rows: rows)) { editor in
      try editor.set(.string("fixed"), at: CellReference("B1")!, sheet: "Suivi")
    }
    let cells = Dictionary(uniqueKeysWithValues: try Workbook(path: path).allCells().map { ($0.reference.description, $0) })
    #expect(cells["B1"]?.formula == nil)
    #expect(cells["B2"]?.formula == Formula(text: "A2*2", kind: .shared(index: 0, isMaster: true)))
    #expect(cells["B3"]?.formula?.text == "A3*2")
    #expect(cells["B4"]?.formula?.text == "A4*2")
    #expect(try sheetXML(path).contains("<f t=\"shared\" ref=\"B2:B4\" si=\"0\">A2*2</f>"))
  }

  @Test func aCellInsideAnArrayFormulaIsRefused() throws {
    let rows = "<row r=\"1\"><c r=\"A1\"><f t=\"array\" ref=\"A1:A2\">B1:B2*2</f><v>2</v></c></row><row r=\"2\"><c r=\"A2\"><v>4</v></c></row>"
    let path = try Self.tracker(rows: rows).write()
    let editor = try WorkbookEditor(path: path)
    try editor.set(.number(9), at: CellReference("A2")!, sheet: "Suivi")
    #expect { try editor.save() } throws: { ($0 as? OOXMLError)?.category == .editRefused }
  }

  @Test func aLockFileOrAChangeOnDiskStopsTheSaveAndNothingIsWritten() throws {
    let path = try Self.tracker().write("locked.xlsx")
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
    let name = URL(fileURLWithPath: path).lastPathComponent
    for lock in ["~$" + name, ".~lock." + name + "#"] {
      let lockPath = folder.appendingPathComponent(lock).path
      #expect(FileManager.default.createFile(atPath: lockPath, contents: Data()))
      let editor = try WorkbookEditor(path: path)
      try editor.set(.number(1), at: CellReference("C2")!, sheet: "Suivi")
      #expect { try editor.save() } throws: { ($0 as? OOXMLError)?.category == .busy }
      try FileManager.default.removeItem(atPath: lockPath)
    }
    let editor = try WorkbookEditor(path: path)
    try editor.set(.number(1), at: CellReference("C2")!, sheet: "Suivi")
    try Data(before + [0]).write(to: URL(fileURLWithPath: path))
    #expect { try editor.save() } throws: { ($0 as? OOXMLError)?.category == .busy }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before + [0])
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(name) && $0.hasSuffix(".tmp") }
    #expect(leftovers.isEmpty)
  }

  @Test func anInPlaceSaveKeepsABackupOfThePreviousVersion() throws {
    let path = try Self.tracker().write("backed-up.xlsx")
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("backups-\(UUID().uuidString)").path
    for round in 1...3 {
      let editor = try WorkbookEditor(path: path)
      try editor.set(.number(Double(round)), at: CellReference("C2")!, sheet: "Suivi")
      let report = try editor.save(options: SaveOptions(backupFolder: folder, backupsKept: 2))
      let backup = try #require(report.backup)
      if round == 1 { #expect(try Data(contentsOf: URL(fileURLWithPath: backup)) == before) }
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == 2)
    #expect(try Workbook(path: path).values()["C2"] == .number(3))
  }

  @Test func appendedRowsFillRowsPreparedWithBlankFormulas() throws {
    // A model sheet's rows waiting for entries: formatted, with formulas that compute to "".
    let prepared = (4...6).map { row in
      "<row r=\"\(row)\"><c r=\"A\(row)\" s=\"0\"/><c r=\"C\(row)\" s=\"2\"/><c r=\"D\(row)\" s=\"2\" t=\"str\"><f>IF(C\(row)=\"\",\"\",C\(row)*1.2)</f><v></v></c></row>"
    }.joined()
    let rows = """
      <row r="1"><c r="A1" t="inlineStr"><is><t>N° de facture</t></is></c></row>\
      <row r="2"><c r="A2" t="inlineStr"><is><t>FA-240001</t></is></c><c r="C2" s="2"><v>500</v></c><c r="D2" s="2"><f>IF(C2="","",C2*1.2)</f><v>600</v></c></row>\
      <row r="3"><c r="A3" t="inlineStr"><is><t>FA-240002</t></is></c><c r="C3" s="2"><v>100</v></c><c r="D3" s="2"><f>IF(C3="","",C3*1.2)</f><v>120</v></c></row>
      """ + prepared
    let (path, report) = try edit(Self.tracker(rows: rows)) { editor in
      try editor.appendRow([.string("FA-240003"), .empty, .number(200)], sheet: "Suivi")
    }
    #expect(report.sheets.first?.appendedRows == [4])
    let cells = Dictionary(uniqueKeysWithValues: try Workbook(path: path).allCells().map { ($0.reference.description, $0) })
    #expect(cells["A4"]?.value == .string("FA-240003"))
    #expect(cells["C4"]?.value == .number(200))
    #expect(cells["D4"]?.formula?.text == "IF(C4=\"\",\"\",C4*1.2)")
    #expect((cells["A5"]?.value ?? .empty) == .empty && cells["D5"]?.formula != nil)
  }

  @Test func aRowOfFormulasWithResultsIsContentNotAPreparedRow() throws {
    let rows = """
      <row r="1"><c r="A1" t="inlineStr"><is><t>N° de facture</t></is></c></row>\
      <row r="2"><c r="A2" t="inlineStr"><is><t>FA-240001</t></is></c><c r="C2" s="2"><v>500</v></c></row>\
      <row r="3"><c r="C3" s="2"><f>SUM(C2:C2)</f><v>500</v></c></row>
      """
    let (_, report) = try edit(Self.tracker(rows: rows)) { editor in
      try editor.appendRow([.string("FA-240002")], sheet: "Suivi")
    }
    #expect(report.sheets.first?.appendedRows == [4])
    // A total that comes to zero (it reads other rows) is content too; so is a result of " ".
    for last in [#"<c r="C3" s="2"><f>SUM(C4:C9)</f><v>0</v></c>"#, #"<c r="C3" s="2" t="str"><f>IF(A3="";" ";A3)</f><v> </v></c>"#] {
      let rows = """
        <row r="1"><c r="A1" t="inlineStr"><is><t>N° de facture</t></is></c></row>\
        <row r="2"><c r="A2" t="inlineStr"><is><t>FA-240001</t></is></c><c r="C2" s="2"><v>500</v></c></row>\
        <row r="3">\(last)</row>
        """
      let (_, report) = try edit(Self.tracker(rows: rows)) { editor in try editor.appendRow([.string("FA-240002")], sheet: "Suivi") }
      #expect(report.sheets.first?.appendedRows == [4], "\(last)")
    }
  }

  @Test func manySavesInOneSecondKeepTheNewestBackups() throws {
    // Found by the corpus round trip: names sorted as text put "-10" before "-2", and
    // pruning removed the newest backups.
    let path = try Self.tracker().write("many.xlsx")
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("backups-\(UUID().uuidString)").path
    let options = SaveOptions(backupFolder: folder, backupsKept: 3)
    var versions: [Data] = []
    for _ in 1...12 {
      versions.append(try Data(contentsOf: URL(fileURLWithPath: path)))
      _ = try SafeReplace.backUp(path, options: options, now: 1_732_000_000)
    }
    let kept = try FileManager.default.contentsOfDirectory(atPath: folder)
    #expect(kept.count == 3)
    #expect(kept.contains { $0.hasSuffix("-12.xlsx") } && kept.contains { $0.hasSuffix("-11.xlsx") } && kept.contains { $0.hasSuffix("-10.xlsx") })
  }

  @Test func aHighlightIsANewFormatThatCanBeUndone() throws {
    let path = try Self.tracker().write("highlight.xlsx")
    var editor = try WorkbookEditor(path: path)
    try editor.highlight(CellReference("C2")!, sheet: "Suivi")
    try editor.save(options: SaveOptions(backupsKept: 0))
    var cells = Dictionary(uniqueKeysWithValues: try Workbook(path: path).allCells().map { ($0.reference.description, $0) })
    let highlighted = try #require(cells["C2"]?.styleIndex)
    #expect(highlighted == 3)
    #expect(cells["C2"]?.value == .number(500))
    let styles = try sheetXML(path, part: "xl/styles.xml")
    #expect(styles.contains("<fgColor rgb=\"FFFFC7CE\"/>"))
    #expect(styles.contains("<cellXfs count=\"4\">"))
    editor = try WorkbookEditor(path: path)
    try editor.setStyle(2, at: CellReference("C2")!, sheet: "Suivi")
    try editor.save(options: SaveOptions(backupsKept: 0))
    cells = Dictionary(uniqueKeysWithValues: try Workbook(path: path).allCells().map { ($0.reference.description, $0) })
    #expect(cells["C2"]?.styleIndex == 2)
  }

  @Test func workbookSettingsFollow() throws {
    var fixture = Self.tracker()
    fixture.workbookProperties = ""
    fixture.extraEntries = [("xl/calcChain.xml", "<calcChain xmlns=\"\(WorkbookFixture.main)\"><c r=\"D2\" i=\"1\"/></calcChain>")]
    let path = try fixture.write("calc.xlsx")
    // Point the workbook at the chain and give it a print area, as Excel does.
    try ZipFixture.rewrite(path) { name, text in
      switch name {
      case "xl/_rels/workbook.xml.rels":
        return text.replacingOccurrences(of: "</Relationships>", with: "<Relationship Id=\"rIdC\" Type=\"\(WorkbookFixture.relationships)/calcChain\" Target=\"calcChain.xml\"/></Relationships>")
      case "[Content_Types].xml":
        return text.replacingOccurrences(of: "</Types>", with: "<Override PartName=\"/xl/calcChain.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml\"/></Types>")
      case "xl/workbook.xml":
        return text.replacingOccurrences(of: "</sheets>", with: "</sheets><definedNames><definedName name=\"_xlnm.Print_Area\" localSheetId=\"0\">Suivi!$A$1:$D$3</definedName></definedNames>")
      default: return text
      }
    }
    let editor = try WorkbookEditor(path: path)
    try editor.appendRow([.string("FA-240003")], sheet: "Suivi")
    let report = try editor.save(options: SaveOptions(backupsKept: 0))
    #expect(report.removedParts == ["xl/calcChain.xml"])
    let workbookXML = try sheetXML(path, part: "xl/workbook.xml")
    #expect(workbookXML.contains("Suivi!$A$1:$D$4</definedName>"))
    #expect(workbookXML.contains("<calcPr fullCalcOnLoad=\"1\"/></workbook>"))
    #expect(!(try sheetXML(path, part: "xl/_rels/workbook.xml.rels")).contains("calcChain"))
    #expect(!(try sheetXML(path, part: "[Content_Types].xml")).contains("calcChain"))
    #expect(try ZipArchive(path: path).entry(named: "xl/calcChain.xml") == nil)
  }

  @Test func aPrefixedSheetGetsPrefixedCells() throws {
    let main = WorkbookFixture.main
    var fixture = WorkbookFixture.sheetData("")
    fixture.sheets = [("Données", "<x:worksheet xmlns:x=\"\(main)\"><x:sheetData><x:row r=\"1\"><x:c r=\"A1\"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>")]
    let (path, _) = try edit(fixture) { editor in
      try editor.set(.string("deux"), at: CellReference("B1")!, sheet: "Données")
      try editor.appendRow([.number(3)], sheet: "Données")
    }
    let xml = try sheetXML(path)
    #expect(xml.contains("<x:c r=\"B1\" t=\"inlineStr\"><x:is><x:t>deux</x:t></x:is></x:c>"))
    #expect(xml.contains("<x:row r=\"2\"><x:c r=\"A2\"><x:v>3</x:v></x:c></x:row>"))
    #expect(try Workbook(path: path).values() == ["A1": .number(1), "B1": .string("deux"), "A2": .number(3)])
  }

  @Test func aCellInANewRowGoesInRowOrder() throws {
    let (path, _) = try edit(Self.tracker()) { editor in
      try editor.set(.string("en bas"), at: CellReference("B10")!, sheet: "Suivi")
      try editor.set(.string("au milieu"), at: CellReference("A1")!, sheet: "Suivi")
    }
    let rows = try Workbook(path: path).allCells().map(\.reference.row)
    #expect(rows == rows.sorted())
    #expect(try Workbook(path: path).values()["B10"] == .string("en bas"))
    #expect(try sheetXML(path).contains("<dimension ref=\"A1:D10\"/>"))
  }
}

@Suite struct WorkbookEditorEdgeTests {
  @Test func rowsAppendedToAnEmptySheetGoBelowCellsSetInTheSameSave() throws {
    let path = try WorkbookFixture.sheetData("").write("empty.xlsx")
    let editor = try WorkbookEditor(path: path)
    try editor.set(.string("titre"), at: CellReference("A1")!, sheet: "Feuil1")
    try editor.appendRow([.string("ligne")], sheet: "Feuil1")
    try editor.save(options: SaveOptions(backupsKept: 0))
    #expect(try Workbook(path: path).values() == ["A1": .string("titre"), "A2": .string("ligne")])
  }

  @Test func storedEntriesStayStored() throws {
    var fixture = WorkbookEditorTests.tracker()
    fixture.extraEntries = [("xl/media/image1.png", String(repeating: "PNG", count: 500))]
    let original = try fixture.write("stored.xlsx")
    // Rewrite the archive with every entry stored, as some producers do.
    let entries = try RawZip.entries(original).map(\.name)
    let archive = try ZipArchive(path: original)
    let contents = try entries.map { ($0, try archive.contents(of: archive.entry(named: $0)!)) }
    let stored = ZipFixture.temporaryPath("all-stored.xlsx")
    try ZipFixture.write(contents, to: stored, stored: true)
    let editor = try WorkbookEditor(path: stored)
    try editor.set(.number(1), at: CellReference("C2")!, sheet: "Suivi")
    let copy = ZipFixture.temporaryPath("copy.xlsx")
    try editor.save(to: copy)
    let image = try #require(try RawZip.entries(copy).first { $0.name == "xl/media/image1.png" })
    #expect(image.method == 0)
    #expect(image.compressed == Array(String(repeating: "PNG", count: 500).utf8))
  }
}

@Suite struct StaleCacheTests {
  @Test func aStaleTextResultWithAttributesOnItsValueIsRemovedWhole() throws {
    let rows = """
      <row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c><c r="B2" t="str"><f>A2&amp;" "</f><v xml:space="preserve"> </v></c></row>
      """
    let path = try WorkbookFixture.sheetData(rows).write("stale.xlsx")
    let editor = try WorkbookEditor(path: path)
    try editor.set(.string("y"), at: CellReference("A2")!, sheet: "Feuil1")
    try editor.save(options: SaveOptions(backupsKept: 0))
    let cells = try Workbook(path: path).allCells()
    let b2 = try #require(cells.first { $0.reference.description == "B2" })
    #expect(b2.value == .empty)
    #expect(b2.formula?.text == "A2&\" \"")
  }
}

/// Workbooks that generators write without row numbers (ClosedXML, OpenSpout): a row is
/// appended after the last one, numbered, and every earlier row keeps its place.
@Suite struct UnnumberedRowsTests {
  static let rows = "<row><c t=\"inlineStr\"><is><t>N° facture</t></is></c><c t=\"inlineStr\"><is><t>Montant</t></is></c></row>"
    + "<row><c t=\"inlineStr\"><is><t>F-001</t></is></c><c><v>120</v></c></row>"
    + "<row><c t=\"inlineStr\"><is><t>F-002</t></is></c><c><v>240</v></c></row>"

  @Test func aRowIsAppendedAfterRowsWithoutNumbers() throws {
    let path = try WorkbookFixture.sheetData(Self.rows).write("unnumbered.xlsx")
    let editor = try WorkbookEditor(path: path)
    try editor.set(.number(250), at: CellReference("B3")!, sheet: "Feuil1")
    try editor.appendRow([.string("F-003"), .number(360)], sheet: "Feuil1")
    let report = try editor.save(options: SaveOptions(backupsKept: 0))
    #expect(report.sheets.first?.appendedRows == [4])
    let values = try Workbook(path: path).values()
    #expect(values["A2"] == .string("F-001") && values["B2"] == .number(120))
    #expect(values["B3"] == .number(250))
    #expect(values["A4"] == .string("F-003") && values["B4"] == .number(360))
  }
}

/// Workbooks written without cell formats (no styles part, or one without `cellXfs`): a
/// date written there gets the format it needs, every existing part but the styles (and
/// the package's lists of parts) as it was.
@Suite struct NoCellFormatsTests {
  static let rows = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>F-001</t></is></c><c r=\"B1\"><v>120</v></c></row>"

  func writesADate(_ fixture: WorkbookFixture) throws -> (values: [String: CellValue], path: String) {
    let path = try fixture.write("no-formats.xlsx")
    let editor = try WorkbookEditor(path: path)
    try editor.set(.date(Day(year: 2026, month: 2, day: 2)!), at: CellReference("C1")!, sheet: "Feuil1")
    try editor.highlight(CellReference("B1")!, sheet: "Feuil1")
    _ = try editor.save(options: SaveOptions(backupsKept: 0))
    return (try Workbook(path: path).values(), path)
  }

  @Test func aWorkbookWithoutAStylesPartGetsOne() throws {
    let (values, path) = try writesADate(WorkbookFixture.sheetData(Self.rows))
    #expect(values["C1"] == .date(Day(year: 2026, month: 2, day: 2)!))
    #expect(values["B1"] == .number(120) && values["A1"] == .string("F-001"))
    let workbook = try Workbook(path: path)
    let entry = try #require(workbook.package.entry("xl/styles.xml"))
    #expect(String(decoding: try workbook.package.archive.contents(of: entry), as: UTF8.self).contains("<cellXfs count=\"3\">"))
  }

  @Test func aStylesPartWithoutCellFormatsGetsThemKeepingItsOwn() throws {
    let styles = "<styleSheet xmlns=\"\(WorkbookFixture.main)\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"0.000\"/></numFmts>"
      + "<dxfs count=\"1\"><dxf><font><b/></font></dxf></dxfs></styleSheet>"
    let (values, path) = try writesADate(WorkbookFixture.sheetData(Self.rows, styles: styles))
    #expect(values["C1"] == .date(Day(year: 2026, month: 2, day: 2)!))
    let package = try Workbook(path: path).package
    let text = String(decoding: try package.archive.contents(of: try #require(package.entry("xl/styles.xml"))), as: UTF8.self)
    // In the schema's order, the number formats and conditional formats kept.
    let order = ["<numFmts", "<fonts", "<fills", "<borders", "<cellStyleXfs", "<cellXfs", "<dxfs"].map { text.range(of: $0)?.lowerBound }
    #expect(order.allSatisfy { $0 != nil }, "\(text)")
    #expect(zip(order, order.dropFirst()).allSatisfy { $0! < $1! }, "\(text)")
    #expect(text.contains("formatCode=\"0.000\"") && text.contains("<dxf><font><b/></font></dxf>"))
  }
}

extension UnnumberedRowsTests {
  /// A row in the gap before a numbered row, among rows without numbers: the rows after
  /// it keep theirs (a row after a gap always carries its number).
  @Test func aRowGoesInAGapAmongRowsWithoutNumbers() throws {
    let rows = "<row><c t=\"inlineStr\"><is><t>A</t></is></c></row>"  // 1
      + "<row r=\"4\"><c t=\"inlineStr\"><is><t>D</t></is></c></row>"
      + "<row><c t=\"inlineStr\"><is><t>E</t></is></c></row>"  // 5
    let path = try WorkbookFixture.sheetData(rows).write("gap.xlsx")
    let editor = try WorkbookEditor(path: path)
    try editor.set(.string("C"), at: CellReference("A3")!, sheet: "Feuil1")
    _ = try editor.save(options: SaveOptions(backupsKept: 0))
    let values = try Workbook(path: path).values()
    #expect(values["A1"] == .string("A") && values["A3"] == .string("C") && values["A4"] == .string("D") && values["A5"] == .string("E"))
    #expect(values.count == 4)
  }
}

/// The column widths a sheet declares, as a new period sheet copies them.
@Suite struct ColumnWidthsTests {
  @Test func widthsAreReadFromColsBeforeTheRows() throws {
    let xml = "<worksheet xmlns=\"\(WorkbookFixture.main)\"><cols><col min=\"1\" max=\"2\" width=\"12.5\" customWidth=\"1\"/>"
      + "<col min=\"4\" max=\"4\" width=\"30\"/></cols><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData></worksheet>"
    var fixture = WorkbookFixture.sheetData("")
    fixture.sheets = [("Feuil1", xml)]
    let path = try fixture.write("widths.xlsx")
    #expect(try Workbook(path: path).columnWidths(ofSheet: "Feuil1") == [12.5, 12.5, 0, 30])
    let bare = try WorkbookFixture.sheetData("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>").write("bare.xlsx")
    #expect(try Workbook(path: bare).columnWidths(ofSheet: "Feuil1") == [])
  }
}
