import Foundation
import Testing

@testable import OOXML
import TestSupport

/// A tracker re-saved by LibreOffice (which renumbers styles, rewrites number formats in
/// upper case, writes booleans as `true`/`false`, drops shared strings it does not need)
/// reads to the same values as the original.
@Suite struct LibreOfficeInteropTests {
  // The conversion is bounded by its own time-outs (90 s, tried twice); the limit also
  // covers waiting for LibreOffice, which the suite's tests take one at a time.
  @Test(.fullTier, .needsShared, .tags(.libreOffice))
  func aTrackerResavedByLibreOfficeReadsTheSame() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-lo-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let original = folder.appendingPathComponent("suivi.xlsx").path
    let maker = SharedFolder.url.appendingPathComponent("tools/make_tracker.py").path
    let made = try Subprocess.run(Subprocess.python, [maker, original, "120", "--seed", "7"])
    try #require(made.status == 0, "make_tracker: \(made.stderr)")
    let converted = try LibreOffice.convert(original, to: "xlsx:Calc MS Excel 2007 XML", into: folder.appendingPathComponent("lo").path)
    try #require(converted.status == 0, "LibreOffice: \(converted.stderr)")
    let resaved = folder.appendingPathComponent("lo/suivi.xlsx").path

    let before = try Workbook(path: original)
    let after = try Workbook(path: resaved)
    #expect(after.sheets.map(\.name) == before.sheets.map(\.name))
    let expected = try before.values("Suivi")
    let actual = try after.values("Suivi")
    #expect(expected.count > 120 * 8)
    for (reference, value) in expected {
      #expect(actual[reference] == value, "\(reference): \(value) became \(String(describing: actual[reference]))")
    }
    let formulas = try after.allCells("Suivi").compactMap { cell in cell.formula.map { (cell.reference.description, $0.text) } }
    #expect(formulas.count == 120)
    #expect(formulas.contains { $0.0 == "H2" && $0.1 == "F2*(1+G2)" })
  }

  @Test func theDimensionElementIsNeverTrusted() throws {
    let main = WorkbookFixture.main
    var fixture = WorkbookFixture.sheetData("")
    fixture.sheets = [("Feuil1", """
      <worksheet xmlns="\(main)"><dimension ref="A1"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row>\
      <row r="9"><c r="Z9"><v>2</v></c></row></sheetData></worksheet>
      """)]
    #expect(try Workbook(path: fixture.write()).values() == ["A1": .number(1), "Z9": .number(2)])
  }
}
