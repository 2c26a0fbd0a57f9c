import Foundation
import Testing

@testable import OOXML
import TestSupport

/// A sheet indexed before its edits are known (``WorkbookEditor/prepare(sheet:isCancelled:)``,
/// as a sync does on another core) finds the same stale formulas at the save as a sheet
/// indexed at the save, on every corpus workbook with formulas; and a prepared save writes
/// the same bytes as an unprepared one.
@Suite(.needsShared) struct PreparedIndexTests {
  /// Changes touching formulas' inputs: the first cells of every column that holds data,
  /// in the first rows, and rows appended.
  static func changes(for workbook: Workbook, sheet: Sheet) throws -> ChangeSet {
    var changes = ChangeSet()
    let reader = try workbook.cells(of: sheet)
    var count = 0
    while let cell = try reader.next(), count < 400 {
      if cell.formula == nil, count % 3 == 0 { changes.add(cell.reference, sheet: sheet.name) }
      count += 1
    }
    changes.addAppends(sheet: sheet.name)
    return changes
  }

  /// A tracker made by XlsxWriter, in a temporary file.
  static func tracker(rows: Int) throws -> String {
    let path = ZipFixture.temporaryPath("tracker.xlsx")
    let maker = SharedFolder.url.appendingPathComponent("tools/make_tracker.py").path
    let made = try Subprocess.run(Subprocess.python, [maker, path, String(rows), "--seed", "5"])
    try #require(made.status == 0, "make_tracker: \(made.stderr)")
    return path
  }

  @Test(.fullTier, .tags(.corpus), .timeLimit(.minutes(30)))
  func aPreparedIndexFindsTheSameStaleFormulas() throws {
    var compared = 0
    var withStale = 0
    try CorpusTests.forEachWorksheet { file, workbook, sheet in
      let place: Comment = "\(file) \(sheet.name); \(CorpusSweep.reproduce(file, test: "PreparedIndexTests/aPreparedIndexFindsTheSameStaleFormulas"))"
      guard let changes = try? Self.changes(for: workbook, sheet: sheet),
        let now = try? SavePlan.index(sheet, in: workbook, changes: changes)
      else { return }
      var (later, _) = try SavePlan.index(sheet, in: workbook, changes: nil)
      later.checkDeferredFormulas(against: changes, sheet: sheet.name)
      #expect(later.staleFormulas == now.0.staleFormulas, place)
      #expect(later.reachingFormulas.map { "\($0.cell) \($0.sheet) \($0.row)" } == now.0.reachingFormulas.map { "\($0.cell) \($0.sheet) \($0.row)" },
        place)
      #expect(later.rows.map(\.span) == now.0.rows.map(\.span), place)
      // The same index, built while reading the sheet's cells (one parse for both).
      let reader = try workbook.cells(of: sheet, preparingEdit: true)
      var cells = 0
      try reader.forEach { _ in cells += 1 }
      let read = try #require(reader.preparedForEditing(), place)
      var plainCells = 0
      try workbook.cells(of: sheet).forEach { _ in plainCells += 1 }
      #expect(cells == plainCells, place)
      var alongside = read.index
      alongside.checkDeferredFormulas(against: changes, sheet: sheet.name)
      #expect(alongside.staleFormulas == now.0.staleFormulas, place)
      #expect(alongside.rows.map(\.span) == now.0.rows.map(\.span), place)
      #expect(read.bytes == now.1, place)
      compared += 1
      if !now.0.staleFormulas.isEmpty { withStale += 1 }
    }
    if !CorpusSweep.isFiltered {
      #expect(compared > 200)
      #expect(withStale > 20, "the changes should make formulas stale in many sheets")
    }
  }

  /// Saves the same edits to a 200-row tracker twice: through the editor `prepared`
  /// makes of its copy, and through a plain editor; expects the same parts with the same
  /// bytes. The parts rewritten.
  @discardableResult
  static func expectSameSave(_ prepared: (String) throws -> WorkbookEditor) throws -> [String] {
    let path = try tracker(rows: 200)
    let copy = ZipFixture.temporaryPath("copy.xlsx")
    try FileManager.default.copyItem(atPath: path, toPath: copy)
    func edit(_ editor: WorkbookEditor) throws {
      try editor.set(.number(999), at: CellReference("F7")!, sheet: "Suivi")
      try editor.set(.string("Réglée"), at: CellReference("E9")!, sheet: "Suivi")
      try editor.appendRow([.string("FA-249999"), .date(Day(year: 2024, month: 12, day: 1)!), .string("Nouveau")], sheet: "Suivi")
    }
    let editor = try prepared(path)
    try edit(editor)
    let first = try editor.save(options: SaveOptions(backupsKept: 0))
    let plain = try WorkbookEditor(path: copy)
    try edit(plain)
    let second = try plain.save(options: SaveOptions(backupsKept: 0))
    #expect(first.rewrittenParts == second.rewrittenParts)
    let a = try Workbook(path: path)
    let b = try Workbook(path: copy)
    for part in first.rewrittenParts {
      let left = try a.package.archive.contents(of: a.package.entry(part)!)
      let right = try b.package.archive.contents(of: b.package.entry(part)!)
      #expect(left == right, "\(part)")
    }
    return first.rewrittenParts
  }

  @Test func aPreparedSaveWritesWhatAnUnpreparedOneDoes() throws {
    try Self.expectSameSave { path in
      let editor = try WorkbookEditor(path: path)
      try editor.prepare(sheet: "Suivi")
      return editor
    }
  }

  @Test func aSheetPreparedWhileReadingSavesWhatAnUnpreparedOneDoes() throws {
    let parts = try Self.expectSameSave { path in
      let workbook = try Workbook(path: path)
      let reader = try workbook.cells(of: workbook.requireSheet(named: "Suivi"), preparingEdit: true)
      #expect(reader.preparedForEditing() == nil, "nothing is prepared before the sheet is read")
      try reader.forEach { _ in }
      let editor = WorkbookEditor(workbook: workbook)
      editor.use(try #require(reader.preparedForEditing()))
      return editor
    }
    #expect(parts.contains("xl/worksheets/sheet1.xml"))
  }

  @Test func aPreparationCanBeCancelled() throws {
    let editor = try WorkbookEditor(path: try Self.tracker(rows: 20))
    #expect(throws: CancellationError.self) { try editor.prepare(sheet: "Suivi", isCancelled: { true }) }
    #expect(editor.prepared.isEmpty)
  }
}
