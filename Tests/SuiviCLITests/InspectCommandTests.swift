import Foundation
import Testing

import TestSupport

/// `suivi inspect`, run as a person or a script would: the real binary, its output, its
/// exit status.
@Suite struct InspectCommandTests {
  static let tracker = WorkbookFixture.sheetData("""
    <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>\
    <row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" s="1"><v>45598</v></c><c r="C2"><v>500</v></c>\
    <c r="D2"><f>C2*1.2</f><v>600</v></c><c r="E2" t="b"><v>0</v></c><c r="F2" t="inlineStr"><is><t>"Dumont" &amp; co\t✓</t></is></c></row>
    """, sharedStrings: ["N° de facture", "Date d'émission", "Montant HT", "FA-240001"],
    styles: WorkbookFixture.styles(numberFormats: [164: "dd/mm/yyyy"], cellFormats: [0, 164]))

  @Test func jsonFollowsTheDocumentedSchema() throws {
    let path = try Self.tracker.write("suivi.xlsx")
    let result = try Subprocess.suivi("inspect", path, "--json")
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(document["file"] as? String == path)
    #expect(document["dateSystem"] as? String == "1900")
    let sheets = try #require(document["sheets"] as? [[String: Any]])
    #expect(sheets.count == 1)
    #expect(sheets[0]["name"] as? String == "Feuil1")
    #expect(sheets[0]["state"] as? String == "visible")
    let rows = try #require(sheets[0]["rows"] as? [[String: Any]])
    #expect(rows.map { $0["r"] as? Int } == [1, 2])
    let cells = try #require(rows[1]["cells"] as? [[String: Any]])
    func cell(_ ref: String) -> [String: Any]? { cells.first { $0["ref"] as? String == ref } }
    #expect(cell("A2")?["type"] as? String == "string")
    #expect(cell("A2")?["value"] as? String == "FA-240001")
    #expect(cell("B2")?["type"] as? String == "date")
    #expect(cell("B2")?["value"] as? String == "2024-11-02")
    #expect(cell("C2")?["type"] as? String == "number")
    #expect((cell("C2")?["value"] as? NSNumber)?.intValue == 500)
    #expect(cell("D2")?["formula"] as? String == "C2*1.2")
    #expect((cell("D2")?["value"] as? NSNumber)?.intValue == 600)
    #expect(cell("E2")?["type"] as? String == "bool")
    #expect(cell("E2")?["value"] as? Bool == false)
    #expect(cell("F2")?["value"] as? String == "\"Dumont\" & co\t✓")
  }

  @Test func theTableListsSheetsThenCells() throws {
    let path = try Self.tracker.write("suivi.xlsx")
    let result = try Subprocess.suivi("inspect", path, "--sheet", "feuil1")
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines[0] == "\(path): 1 sheet(s)")
    #expect(lines.contains { $0.contains("Feuil1") && $0.contains("visible") && $0.contains("xl/worksheets/sheet1.xml") })
    let row2 = try #require(lines.first { $0.hasPrefix("  2 ") })
    for text in ["FA-240001", "2024-11-02", "500", "600", "FALSE"] { #expect(row2.contains(text)) }
  }

  @Test func statsCountEveryCell() throws {
    let path = try Self.tracker.write("suivi.xlsx")
    let result = try Subprocess.suivi("inspect", path, "--stats")
    #expect(result.status == 0)
    #expect(result.stdout.contains("Feuil1: 2 row(s), 9 cell(s) (number 2, text 5, boolean 1, date 1), 1 formula(s)"), "\(result.stdout)")
  }

  @Test func usageErrorsExitWith64() throws {
    let path = try Self.tracker.write("suivi.xlsx")
    let result = try Subprocess.suivi("inspect", path, "--json", "--stats")
    #expect(result.status == 64)
  }
}
