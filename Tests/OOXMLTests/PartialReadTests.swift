import Foundation
import Testing

@testable import OOXML
import TestSupport

/// A sheet read in part (only some rows parsed, the others known from ``SheetFacts`` of an
/// earlier read) gives the same cells for the rows it parses, and the same editor's index
/// of the whole sheet, as a whole read; and the facts refuse to stand in for rows that
/// changed.
@Suite struct PartialReadTests {
  /// A whole read of `sheet`, preparing an edit: its cells and its prepared sheet.
  static func wholeRead(_ workbook: Workbook, _ sheet: Sheet) throws -> (cells: [Cell], prepared: PreparedSheet)? {
    let reader = try workbook.cells(of: sheet, preparingEdit: true)
    var cells: [Cell] = []
    try reader.forEach { cells.append($0) }
    guard let prepared = reader.preparedForEditing() else { return nil }
    return (cells, prepared)
  }

  /// A read of the rows at `indexes` of `scan`, with `facts` for the others.
  static func partialRead(
    _ workbook: Workbook, _ sheet: Sheet, scan: SheetScan, indexes: [Int], facts: SheetFacts
  ) throws -> (cells: [Cell], prepared: PreparedSheet?) {
    let reader = workbook.cells(of: sheet, scan: scan, reading: indexes, reusing: facts)
    var cells: [Cell] = []
    try reader.forEach { cells.append($0) }
    return (cells, reader.preparedForEditing())
  }

  /// The parts of an index an editor uses, spelt out to compare.
  static func summary(_ index: WorksheetIndex) -> [String] {
    var lines = [
      "root \(index.rootQualifiedName) \(index.rootStartTag) sheetData \(index.sheetDataStartTag) end \(index.sheetDataEnd) \(index.rootEndTagStart)",
      "last data \(index.lastDataRow) content \(index.lastContentRow) unnumbered \(index.hasUnnumberedRows)",
      "arrays \(index.arrayFormulas)", "columns \(index.columnStyles.map { "\($0.0)=\($0.1)" })",
      "tables \(index.tableRelationshipIDs) drawing \(index.legacyDrawingID ?? "-")",
      "top \(index.topLevelElements.map { "\($0.name)@\($0.start)" })",
      "sites \(index.rangeSites.map { "\($0.kind)\($0.valueSpan)=\($0.value)" })",
    ]
    lines += index.rows.map { "row \($0.number) \($0.span) \($0.hasData) \($0.hasContent) \($0.isNumbered)" }
    lines += (index.deferredFormulas ?? []).map { "formula \($0.cell) \($0.text)" }
    lines += index.sharedMasters.sorted { $0.key < $1.key }.map { "master \($0.key) \($0.value.cell) \($0.value.text) \(String(describing: $0.value.range))" }
    lines += index.firstSharedFollower.sorted { $0.key < $1.key }.map { "follower \($0.key) \($0.value)" }
    return lines
  }

  /// Row positions to parse: the first rows, and a spread of the others.
  static func sample(_ count: Int, every step: Int, offset: Int) -> [Int] {
    (0..<count).filter { $0 < 3 || ($0 + offset) % step == 0 || $0 == count - 1 }
  }

  @Test(.fullTier, .needsShared, .tags(.corpus), .timeLimit(.minutes(30)))
  func aPartialReadMatchesAWholeReadOnTheCorpus() throws {
    var compared = 0
    var unscanned = 0
    var withSharedFormulas = 0
    try CorpusTests.forEachWorksheet { file, workbook, sheet in
      let place: Comment = "\(file) \(sheet.name); \(CorpusSweep.reproduce(file, test: "PartialReadTests/aPartialReadMatchesAWholeReadOnTheCorpus"))"
      guard let whole = try? Self.wholeRead(workbook, sheet) else { return }
      guard let scan = SheetScan.scan(whole.prepared.bytes) else {
        unscanned += 1
        return
      }
      // The scan finds the rows the parse finds.
      #expect(scan.rows.map(\.number) == whole.prepared.index.rows.map(\.number), place)
      #expect(scan.rows.map(\.span) == whole.prepared.index.rows.map(\.span), place)
      let facts = try #require(whole.prepared.facts(scan: scan), place)
      #expect(SheetFacts(encoded: facts.encoded()) == facts, place)
      if !facts.masters.isEmpty { withSharedFormulas += 1 }
      for (step, offset) in [(3, 0), (7, 2), (Int.max, 0)] {
        let indexes = Self.sample(scan.rows.count, every: step, offset: offset)
        let parsed = Set(indexes.map { scan.rows[$0].number })
        let partial = try Self.partialRead(workbook, sheet, scan: scan, indexes: indexes, facts: facts)
        #expect(partial.cells == whole.cells.filter { parsed.contains($0.reference.row) }, "every \(step): \(place)")
        let prepared = try #require(partial.prepared, "every \(step): \(place)")
        #expect(Self.summary(prepared.index) == Self.summary(whole.prepared.index), "every \(step): \(place)")
        #expect(prepared.bytes == whole.prepared.bytes, place)
      }
      compared += 1
    }
    print("partial reads: \(compared) corpus sheets compared with whole reads, \(unscanned) not scanned (shape not trusted)")
    if !CorpusSweep.isFiltered {
      #expect(compared > 150, "compared \(compared), unscanned \(unscanned)")
      #expect(withSharedFormulas > 5)
    }
  }

  @Test(.needsShared) func factsDoNotStandInForARowThatChanged() throws {
    let path = try PreparedIndexTests.tracker(rows: 60)
    let workbook = try Workbook(path: path)
    let sheet = try workbook.requireSheet(named: "Suivi")
    let whole = try #require(try Self.wholeRead(workbook, sheet))
    let scan = try #require(SheetScan.scan(whole.prepared.bytes))
    let facts = try #require(whole.prepared.facts(scan: scan))

    // The same sheet with one cell changed: only that row's hash differs.
    let editor = try WorkbookEditor(path: path)
    try editor.set(.string("changé"), at: CellReference("N30")!, sheet: "Suivi")
    try editor.save()
    let edited = try Workbook(path: path)
    let editedScan = try #require(try edited.scan(try edited.requireSheet(named: "Suivi")))
    let changed = editedScan.rows.filter { facts.hash(ofRow: $0.number) != $0.hash }.map(\.number)
    #expect(changed == [30])

    // Left unparsed, the changed row's stale facts are refused; parsed, they are not used.
    let editedSheet = try edited.requireSheet(named: "Suivi")
    let without = try Self.partialRead(edited, editedSheet, scan: editedScan, indexes: [0, 1, editedScan.rows.count - 1], facts: facts)
    #expect(without.prepared == nil)
    let row30 = try #require(editedScan.rows.firstIndex { $0.number == 30 })
    let with = try Self.partialRead(edited, editedSheet, scan: editedScan, indexes: [0, 1, row30, editedScan.rows.count - 1], facts: facts)
    let prepared = try #require(with.prepared)
    let again = try #require(try Self.wholeRead(edited, editedSheet))
    #expect(Self.summary(prepared.index) == Self.summary(again.prepared.index))
    #expect(with.cells.contains { $0.reference == CellReference("N30")! && $0.value == .string("changé") })
  }

  @Test func aMovedSharedFormulaMasterIsRefused() throws {
    // H2 is the master of a shared formula whose followers fill H3:H5.
    let rows = (2...5).map { row in
      let formula = row == 2 ? #"<f t="shared" ref="H2:H5" si="0">F2*2</f>"# : #"<f t="shared" si="0"/>"#
      return #"<row r="\#(row)"><c r="F\#(row)"><v>\#(row)</v></c><c r="H\#(row)">\#(formula)<v>\#(row * 2)</v></c></row>"#
    }
    let path = try WorkbookFixture.sheetData(#"<row r="1"><c r="F1" t="inlineStr"><is><t>x</t></is></c></row>"# + rows.joined()).write()
    let workbook = try Workbook(path: path)
    let sheet = workbook.sheets[0]
    let whole = try #require(try Self.wholeRead(workbook, sheet))
    let scan = try #require(SheetScan.scan(whole.prepared.bytes))
    var facts = try #require(whole.prepared.facts(scan: scan))
    #expect(facts.masters[0]?.cell == CellReference("H2"))
    #expect(facts.formulas.map(\.text) == ["F2*2", "F3*2", "F4*2", "F5*2"])
    // Followers parsed alone get their formula from the known master.
    let followers = try Self.partialRead(workbook, sheet, scan: scan, indexes: [0, 3], facts: facts)
    #expect(followers.cells.first { $0.reference == CellReference("H4")! }?.formula?.text == "F4*2")
    #expect(followers.prepared != nil)
    // Facts that place the master elsewhere than the parse finds it are refused.
    facts.masters[0] = .init(cell: CellReference("H2")!, text: "F2*3", range: CellRange("H2:H5"))
    #expect(try Self.partialRead(workbook, sheet, scan: scan, indexes: [0, 1], facts: facts).prepared == nil)
  }

  @Test func theScanTrustsOnlyPlainSheets() {
    func scan(_ sheetData: String) -> SheetScan? {
      SheetScan.scan(Array(#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\#(sheetData)</worksheet>"#.utf8))
    }
    let plain = scan(#"<sheetData><row r="1" spans="1:2"><c r="A1"><v>1</v></c></row> <row r="3"/></sheetData>"#)
    #expect(plain?.rows.map(\.number) == [1, 3])
    #expect(scan(#"<x:sheetData xmlns:x="a"><x:row r="2"><x:c r="A2"/></x:row></x:sheetData>"#)?.rows.map(\.number) == [2])
    #expect(scan(#"<sheetData><row><c r="A1"><v>1</v></c></row></sheetData>"#) == nil, "a row without a number")
    #expect(scan(#"<sheetData><row r="2"/><row r="1"/></sheetData>"#) == nil, "rows out of order")
    #expect(scan(#"<sheetData><row r="1"><c r="A1"><v>1</v></c><!-- </row> --></row></sheetData>"#) == nil, "a comment")
    #expect(scan(#"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[</row>]]></t></is></c></row></sheetData>"#) == nil)
    #expect(scan(#"<sheetData><row r="1"/><other/></sheetData>"#) == nil, "an element that is not a row")
    #expect(scan(#"<sheetData/>"#) == nil)
    // Equal bytes, equal hashes; one byte apart, different ones.
    let a = scan(#"<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>1</v></c></row></sheetData>"#)
    let b = scan(#"<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row></sheetData>"#)
    #expect(a?.rows[0].hash == b?.rows[0].hash)
    #expect(a?.rows[1].hash != b?.rows[1].hash)
  }

  @Test func theRowHashIsXXH64() {
    // Reference values of XXH64 with seed 0.
    #expect(RowHash.hash("") == 0xEF46_DB37_51D8_E999)
    #expect(RowHash.hash("a") == 0xD24E_C4F1_A98C_6E5B)
    #expect(RowHash.hash("abc") == 0x44BC_2CF5_AD77_0999)
    #expect(RowHash.hash("Nobody inspects the spammish repetition") == 0xFBCE_A83C_8A37_8BF1)
  }
}

/// Formulas are stored by template: a formula's own row number is marked, and put back
/// exactly.
@Suite struct FormulaTemplateTests {
  @Test(arguments: [
    ("F5*(1+G5)", 5, "F\u{1}*(1+G\u{1})"),
    ("SUM(A1:A100)", 1, "SUM(A\u{1}:A100)"),
    ("LOG10(A10)+$B$10", 10, "LOG\u{1}(A\u{1})+$B$\u{1}"),
    ("Synthèse!E5&\"5\"", 5, "Synthèse!E\u{1}&\"5\""),
    ("55+A55", 5, "55+A55"),
  ])
  func aTemplatePutsTheRowBack(text: String, row: Int, template: String) throws {
    #expect(FormulaTemplate.make(text, row: row) == template)
    #expect(FormulaTemplate(template, raw: false).text(row: row) == text)
  }

  @Test func factsWithFormulasOfManyShapesSurviveEncoding() throws {
    var facts = SheetFacts()
    var random = SplitMix64(state: 7)
    let pieces = ["A", "$B", "C$", "LOG10(", "Feuil1!D", "é", "\"x5\"", "+", "1", "10", ":", "ROW()"]
    for row in 1...300 {
      for column in 1...Int.random(in: 1...3, using: &random) {
        var text = ""
        for _ in 0..<Int.random(in: 1...8, using: &random) {
          text += pieces.randomElement(using: &random)!
          if Bool.random(using: &random) { text += String(row) }
        }
        facts.formulas.append((CellReference(column: column, row: row)!, text))
      }
    }
    facts.formulas.append((CellReference(column: 4, row: 300)!, "A1\u{1}B"))  // cannot come from XML: kept whole
    #expect(SheetFacts(encoded: facts.encoded()) == facts)
  }
}
