import Testing

@testable import OOXML
import TestSupport

@Suite struct WorkbookTests {
  @Test func readsEveryCellType() throws {
    let path = try WorkbookFixture.sheetData("""
      <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>500.5</v></c><c r="C1" t="b"><v>1</v></c>\
      <c r="D1" t="e"><v>#DIV/0!</v></c><c r="E1" t="str"><f>A1&amp;"!"</f><v>FA-240001!</v></c>\
      <c r="F1" t="inlineStr"><is><t xml:space="preserve"> libre </t></is></c><c r="G1" t="d"><v>2024-11-02</v></c>\
      <c r="H1" t="n"><v>-1.5E3</v></c></row>
      """, sharedStrings: ["FA-240001"]).write()
    let values = try Workbook(path: path).values()
    #expect(values["A1"] == .string("FA-240001"))
    #expect(values["B1"] == .number(500.5))
    #expect(values["C1"] == .bool(true))
    #expect(values["D1"] == .error("#DIV/0!"))
    #expect(values["E1"] == .string("FA-240001!"))
    #expect(values["F1"] == .string(" libre "))
    #expect(values["G1"] == day("2024-11-02"))
    #expect(values["H1"] == .number(-1500))
  }

  @Test func numbersWithADateFormatAreDates() throws {
    let styles = WorkbookFixture.styles(numberFormats: [164: "DD/MM/YYYY", 165: "#,##0.00 &quot;€&quot;"], cellFormats: [0, 164, 165, 14, 22])
    let path = try WorkbookFixture.sheetData("""
      <row r="2"><c r="A2" s="1"><v>45598</v></c><c r="B2" s="2"><v>45598</v></c><c r="C2" s="3"><v>45598</v></c>\
      <c r="D2" s="4"><v>45598.4375</v></c><c r="E2" s="1"><v>-5</v></c></row>
      """, styles: styles).write()
    let values = try Workbook(path: path).values()
    #expect(values["A2"] == day("2024-11-02"))
    #expect(values["B2"] == .number(45598))
    #expect(values["C2"] == day("2024-11-02"))
    #expect(values["D2"] == .dateTime(DateTime(day: Day(year: 2024, month: 11, day: 2)!, millisecondOfDay: 37_800_000)))
    #expect(values["E2"] == .number(-5), "a negative serial is no date: keep the number")
  }

  @Test(arguments: ["1", "true"])
  func the1904DateSystem(flag: String) throws {
    var fixture = WorkbookFixture.sheetData(
      "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>44136</v></c><c r=\"B1\" t=\"d\"><v>2024-11-02</v></c></row>",
      styles: WorkbookFixture.styles(numberFormats: [:], cellFormats: [0, 14]))
    fixture.workbookProperties = "<workbookPr date1904=\"\(flag)\"/>"
    let workbook = try Workbook(path: fixture.write())
    #expect(workbook.dateSystem == .excel1904)
    let values = try workbook.values()
    #expect(values["A1"] == day("2024-11-02"))
    #expect(values["B1"] == day("2024-11-02"), "t=\"d\" dates are ISO: no 1904 shift")
  }

  @Test func rowsAndCellsWithoutReferencesFollowOnFromTheLastOne() throws {
    let path = try WorkbookFixture.sheetData("""
      <row><c><v>1</v></c><c><v>2</v></c></row><row r="5"><c><v>3</v></c><c r="D5"><v>4</v></c><c><v>5</v></c></row><row><c><v>6</v></c></row>
      """).write()
    let cells = try Workbook(path: path).allCells()
    #expect(cells.map(\.reference.description) == ["A1", "B1", "A5", "D5", "E5", "A6"])
  }

  @Test func anXPrefixForSpreadsheetMLIsTheSameMarkup() throws {
    let main = WorkbookFixture.main
    var fixture = WorkbookFixture.sheetData("")
    fixture.sheets = [("Données", "<x:worksheet xmlns:x=\"\(main)\"><x:sheetData><x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>oui</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>")]
    #expect(try Workbook(path: fixture.write()).values()["A1"] == .string("oui"))
  }

  @Test func elementsInAnotherNamespaceAreIgnored() throws {
    let path = try WorkbookFixture.sheetData("""
      <row r="1"><c r="A1"><v>1</v><x14:v xmlns:x14="urn:other">99</x14:v></c></row>
      """).write()
    #expect(try Workbook(path: path).values() == ["A1": .number(1)])
  }

  @Test func aRedundantValueInAnInlineStringCellIsIgnored() throws {
    let path = try WorkbookFixture.sheetData("""
      <row r="1"><c r="A1" t="inlineStr"><v>stale</v><is><t>fresh</t></is></c></row>
      """).write()
    #expect(try Workbook(path: path).values()["A1"] == .string("fresh"))
  }

  @Test func richTextIsTheConcatenationOfItsRunsWithoutPhoneticGuides() throws {
    var fixture = WorkbookFixture.sheetData("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>")
    fixture.sharedStrings = """
      <sst xmlns="\(WorkbookFixture.main)"><si><r><rPr><b/></rPr><t>Réglée</t></r><r><t xml:space="preserve"> le 2</t></r>\
      <rPh sb="0" eb="1"><t>ignored</t></rPh></si><si><t>ligne_x000D_</t></si></sst>
      """
    let workbook = try Workbook(path: fixture.write())
    #expect(workbook.sharedStrings.strings == ["Réglée le 2", "ligne\r"])
    #expect(workbook.sharedStrings.richTextIndexes == [0])
  }

  @Test func sharedFormulasAreExpandedForEachFollower() throws {
    let path = try WorkbookFixture.sheetData("""
      <row r="2"><c r="H2"><f t="shared" ref="H2:H4" si="0">F2*(1+G2)</f><v>600</v></c></row>\
      <row r="3"><c r="H3"><f t="shared" si="0"/><v>120</v></c></row>\
      <row r="4"><c r="H4"><f t="shared" si="0"/><v>12</v></c></row>\
      <row r="5"><c r="A5"><f t="array" ref="A5:B5">F2:G2*2</f><v>1</v></c></row>
      """).write()
    let formulas = try Workbook(path: path).allCells().map(\.formula)
    #expect(formulas[0] == Formula(text: "F2*(1+G2)", kind: .shared(index: 0, isMaster: true)))
    #expect(formulas[1] == Formula(text: "F3*(1+G3)", kind: .shared(index: 0, isMaster: false)))
    #expect(formulas[2] == Formula(text: "F4*(1+G4)", kind: .shared(index: 0, isMaster: false)))
    #expect(formulas[3] == Formula(text: "F2:G2*2", kind: .array(range: "A5:B5")))
  }

  @Test func aFormulaWithoutACachedValueIsEmptyButKeepsItsText() throws {
    let path = try WorkbookFixture.sheetData("<row r=\"1\"><c r=\"A1\"><f>NOW()</f></c></row>").write()
    let cell = try #require(try Workbook(path: path).allCells().first)
    #expect(cell.value == .empty)
    #expect(cell.formula?.text == "NOW()")
  }

  @Test func sheetsKeepTheirNamesStatesAndParts() throws {
    var fixture = WorkbookFixture.sheetData("")
    fixture.sheets = [("Suivi & co", "<worksheet xmlns=\"\(WorkbookFixture.main)\"/>"), ("Listes", "<worksheet xmlns=\"\(WorkbookFixture.main)\"/>")]
    fixture.worksheetTarget = { "/xl/worksheets/sheet\($0).xml" }
    let path = try fixture.write()
    var workbook = try Workbook(path: path)
    #expect(workbook.sheets.map(\.name) == ["Suivi & co", "Listes"])
    #expect(workbook.sheets.map(\.partName) == ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"])
    #expect(workbook.sheet(named: "listes")?.name == "Listes")
    #expect(throws: OOXMLError.sheetNotFound(file: path, sheet: "Relances", available: ["Suivi & co", "Listes"])) {
      try workbook.requireSheet(named: "Relances")
    }
    let hidden = try WorkbookFixture.hiddenSecondSheet().write()
    workbook = try Workbook(path: hidden)
    #expect(workbook.sheets.map(\.state) == [.visible, .veryHidden])
  }

  @Test func percentEncodedRelationshipTargetsFindTheirPart() throws {
    var fixture = WorkbookFixture.sheetData("<row r=\"1\"><c r=\"A1\"><v>7</v></c></row>")
    fixture.worksheetTarget = { "worksheets/feuille%20\($0).xml" }
    fixture.worksheetEntry = { "xl/worksheets/feuille \($0).xml" }
    let workbook = try Workbook(path: fixture.write())
    #expect(workbook.sheets[0].partName == "xl/worksheets/feuille 1.xml")
    #expect(try workbook.values() == ["A1": .number(7)])
  }

  @Test func emptyStyleElementsAsGoogleSheetsWritesThem() throws {
    let styles = """
      <styleSheet xmlns="\(WorkbookFixture.main)"><fonts count="2"><font><sz val="10.0"/><name val="Arial"/></font><font/></fonts>\
      <cellXfs count="2"><xf numFmtId="0"><alignment/></xf><xf numFmtId="164" applyNumberFormat="1"><alignment/></xf></cellXfs>\
      <numFmts count="1"><numFmt numFmtId="164" formatCode="d/m/yyyy"/></numFmts></styleSheet>
      """
    let path = try WorkbookFixture.sheetData("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>45598.0</v></c></row>", styles: styles).write()
    #expect(try Workbook(path: path).values()["A1"] == day("2024-11-02"))
  }
}

extension WorkbookFixture {
  static func hiddenSecondSheet() -> WorkbookFixture {
    var fixture = WorkbookFixture.sheetData("")
    fixture.sheets.append(("Caché", "<worksheet xmlns=\"\(main)\"/>"))
    fixture.sheetStates = [nil, "veryHidden"]
    return fixture
  }
}
