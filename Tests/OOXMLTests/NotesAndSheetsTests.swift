import Foundation
import Testing

@testable import OOXML
import TestSupport

/// Notes, highlights taken off again, and sheets written whole — checked with our reader,
/// with openpyxl, and with LibreOffice re-saving the result.
@Suite struct NotesAndSheetsTests {
  let tracker = WorkbookEditorTests.tracker()
  let helper = WorkbookEditorTests()

  /// openpyxl's view of a workbook: each sheet's notes (`sheet!A1=text|author`) and
  /// cell values, one per line.
  func openpyxlView(_ path: String) throws -> [String] {
    let script = """
      import sys, openpyxl
      wb = openpyxl.load_workbook(sys.argv[1])
      for ws in wb.worksheets:
          for row in ws.iter_rows():
              for c in row:
                  if c.comment is not None:
                      print(f"note {ws.title}!{c.coordinate}={c.comment.text}|{c.comment.author}")
                  if c.value is not None:
                      print(f"value {ws.title}!{c.coordinate}={c.value}")
      print("sheets " + ",".join(wb.sheetnames))
      """
    let result = try Subprocess.run(Subprocess.python, ["-c", script, path])
    #expect(result.status == 0, "\(result.stderr)")
    return result.stdout.split(separator: "\n").map(String.init)
  }

  @Test func notesAreAddedToASheetWithoutAny() throws {
    let (path, report) = try helper.edit(tracker) { editor in
      try editor.setNote("Relance 1 envoyée le 02/12", at: CellReference("A2")!, sheet: "Suivi")
      try editor.setNote("  espaces & <balises>  ", at: CellReference("D3")!, sheet: "Suivi", author: "Camille")
    }
    #expect(report.addedParts.contains("xl/comments1.xml"))
    #expect(report.addedParts.contains("xl/drawings/vmlDrawing1.vml"))
    let notes = try Workbook(path: path).notes(of: "Suivi")
    #expect(notes[CellReference("A2")!] == Note(text: "Relance 1 envoyée le 02/12", author: "Suivi"))
    #expect(notes[CellReference("D3")!] == Note(text: "  espaces & <balises>  ", author: "Camille"))
    let sheet = try helper.sheetXML(path)
    // The sheet had no relationships: rId1 is the comments, rId2 the drawing, placed last.
    #expect(sheet.contains("<legacyDrawing r:id=\"rId2\"/></worksheet>"))
    let view = try openpyxlView(path)
    #expect(view.contains("note Suivi!A2=Relance 1 envoyée le 02/12|Suivi"))
    #expect(view.contains("note Suivi!D3=  espaces & <balises>  |Camille"))
    #expect(view.contains("value Suivi!A2=FA-240001"))
  }

  @Test func notesAreReplacedAndRemovedAndTheLastOneTakesItsPartAlong() throws {
    let (path, _) = try helper.edit(tracker) { editor in
      try editor.setNote("un", at: CellReference("A2")!, sheet: "Suivi")
      try editor.setNote("deux", at: CellReference("B3")!, sheet: "Suivi")
    }
    var editor = try WorkbookEditor(path: path)
    try editor.setNote("un, corrigé", at: CellReference("A2")!, sheet: "Suivi")
    try editor.setNote("trois", at: CellReference("C2")!, sheet: "Suivi", author: "Camille")
    try editor.removeNote(at: CellReference("B3")!, sheet: "Suivi")
    try editor.save(options: SaveOptions(backupsKept: 0))
    let notes = try Workbook(path: path).notes(of: "Suivi")
    #expect(notes.mapValues(\.text) == [CellReference("A2")!: "un, corrigé", CellReference("C2")!: "trois"])
    let comments = try helper.sheetXML(path, part: "xl/comments1.xml")
    // Sheet order: A2 before C2, and the new author after the first.
    #expect(comments.range(of: "ref=\"A2\"")!.lowerBound < comments.range(of: "ref=\"C2\"")!.lowerBound)
    #expect(comments.contains("<author>Suivi</author><author>Camille</author>"))
    let drawing = try helper.sheetXML(path, part: "xl/drawings/vmlDrawing1.vml")
    #expect(NoteParts.noteShapes(in: drawing).keys.sorted { $0.column < $1.column } == [CellReference("A2")!, CellReference("C2")!])
    #expect(try openpyxlView(path).filter { $0.hasPrefix("note ") }.count == 2)

    editor = try WorkbookEditor(path: path)
    try editor.removeNote(at: CellReference("A2")!, sheet: "Suivi")
    try editor.removeNote(at: CellReference("C2")!, sheet: "Suivi")
    let report = try editor.save(options: SaveOptions(backupsKept: 0))
    #expect(report.removedParts == ["xl/comments1.xml"])
    #expect(try Workbook(path: path).notes(of: "Suivi").isEmpty)
    let types = try helper.sheetXML(path, part: "[Content_Types].xml")
    #expect(!types.contains("comments1.xml"))
    #expect(try openpyxlView(path).filter { $0.hasPrefix("note ") }.isEmpty)
  }

  @Test(.fullTier, .tags(.libreOffice)) func notesSurviveLibreOffice() throws {
    let (path, _) = try helper.edit(tracker) { editor in
      try editor.setNote("Litige : montant contesté", at: CellReference("C3")!, sheet: "Suivi")
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-notes-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try LibreOffice.convert(path, to: "xlsx:Calc MS Excel 2007 XML", into: folder.path)
    #expect(result.status == 0, "\(result.stderr)")
    let resaved = folder.appendingPathComponent(URL(fileURLWithPath: path).lastPathComponent).path
    #expect(try Workbook(path: resaved).notes(of: "Suivi")[CellReference("C3")!]?.text == "Litige : montant contesté")
  }

  @Test func aHighlightIsRemovedBackToTheOriginalFormat() throws {
    let (path, _) = try helper.edit(tracker) { editor in
      try editor.highlight(CellReference("C2")!, sheet: "Suivi")
      try editor.highlight(CellReference("A3")!, sheet: "Suivi")
    }
    var cells = try styleIndexes(path)
    #expect(cells["C2"] != 2)
    #expect(cells["A3"] != 0)
    let editor = try WorkbookEditor(path: path)
    try editor.removeHighlight(CellReference("C2")!, sheet: "Suivi")
    try editor.removeHighlight(CellReference("A3")!, sheet: "Suivi")
    try editor.removeHighlight(CellReference("B2")!, sheet: "Suivi")  // never highlighted: left alone
    try editor.save(options: SaveOptions(backupsKept: 0))
    cells = try styleIndexes(path)
    #expect(cells["C2"] == 2)
    #expect(cells["A3"] == 0)
    #expect(cells["B2"] == 1)
  }

  func styleIndexes(_ path: String) throws -> [String: Int] {
    Dictionary(uniqueKeysWithValues: try Workbook(path: path).allCells().map { ($0.reference.description, $0.styleIndex) })
  }

  @Test(.fullTier, .tags(.libreOffice)) func aSheetIsAddedThenReplacedWhole() throws {
    let conflicts = SheetContent(
      rows: [
        [.string("Facture"), .string("Colonne"), .string("Base"), .string("Registre"), .string("Feuille"), .string("Relevé le")],
        [.string("FA-240002"), .string("Montant HT"), .number(100), .number(120), .number(110), .date(Day(year: 2024, month: 12, day: 3)!)],
      ],
      columnWidths: [14, 16, 12, 12, 12, 12])
    let (path, report) = try helper.edit(tracker) { editor in try editor.putSheet("Conflits", conflicts) }
    #expect(report.addedParts == ["xl/worksheets/sheet2.xml"])
    let workbook = try Workbook(path: path)
    #expect(workbook.sheets.map(\.name) == ["Suivi", "Conflits"])
    let cells = try workbook.allCells("Conflits")
    #expect(cells.first { $0.reference.description == "F2" }?.value == .date(Day(year: 2024, month: 12, day: 3)!))
    #expect(try openpyxlView(path).contains("value Conflits!A2=FA-240002"))
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-sheet-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(try LibreOffice.convert(path, to: "xlsx:Calc MS Excel 2007 XML", into: folder.path).status == 0)
    #expect(try Workbook(path: folder.appendingPathComponent(URL(fileURLWithPath: path).lastPathComponent).path).sheets.map(\.name) == ["Suivi", "Conflits"])

    let editor = try WorkbookEditor(path: path)
    try editor.putSheet("conflits", SheetContent(rows: [[.string("Aucun conflit ouvert")]]))
    let second = try editor.save(options: SaveOptions(backupsKept: 0))
    #expect(second.addedParts.isEmpty)
    #expect(second.rewrittenParts.contains("xl/worksheets/sheet2.xml"))
    let again = try Workbook(path: path)
    #expect(again.sheets.map(\.name) == ["Suivi", "Conflits"])
    #expect(try again.allCells("Conflits").map(\.value) == [.string("Aucun conflit ouvert")])
  }

  @Test(arguments: ["", "Feuille/1", "[x]", "'Conflits", String(repeating: "x", count: 32)])
  func badSheetNamesAreRefused(name: String) throws {
    let path = try tracker.write("tracker.xlsx")
    let editor = try WorkbookEditor(path: path)
    #expect(throws: OOXMLError.self) { try editor.putSheet(name, SheetContent(rows: [])) }
  }
}
