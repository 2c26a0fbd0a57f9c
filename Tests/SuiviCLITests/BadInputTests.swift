import Foundation
import Testing

import TestSupport

/// Every kind of bad input gets one line on standard error naming the file (and the part
/// or cell), and its own documented exit status; none crashes or hangs.
@Suite struct BadInputTests {
  /// Runs `suivi inspect` on `path` and checks the status and the one-line message.
  func expectRefusal(_ path: String, status: Int32, mentions fragments: [String] = [], extra: [String] = []) throws {
    let result = try Subprocess.run(Subprocess.suivi, ["inspect", path] + extra, timeout: 60)
    #expect(result.status == status, "stderr: \(result.stderr)")
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 1, "not one line: \(result.stderr)")
    #expect(result.stderr.hasPrefix("suivi: error: \(path)"))
    for fragment in fragments { #expect(result.stderr.contains(fragment), "\(result.stderr) lacks \(fragment)") }
  }

  @Test func aFileThatIsNotAZip() throws {
    let path = ZipFixture.temporaryPath("notes.xlsx")
    try Data("N° de facture;Client\nFA-240001;Dumont\n".utf8).write(to: URL(fileURLWithPath: path))
    try expectRefusal(path, status: 10, mentions: ["not a zip archive"])
  }

  @Test func aMissingFile() throws {
    try expectRefusal(ZipFixture.temporaryPath("absent.xlsx"), status: 19, mentions: ["cannot open"])
  }

  @Test func aFolder() throws {
    let path = ZipFixture.temporaryPath("folder.xlsx")
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    try expectRefusal(path, status: 19, mentions: ["folder"])
  }

  @Test func anEmptyFile() throws {
    let path = ZipFixture.temporaryPath("empty.xlsx")
    try Data().write(to: URL(fileURLWithPath: path))
    try expectRefusal(path, status: 10, mentions: ["not a zip archive"])
  }

  @Test func aTruncatedZip() throws {
    let whole = try InspectCommandTests.tracker.write("whole.xlsx")
    let bytes = try Data(contentsOf: URL(fileURLWithPath: whole))
    let path = ZipFixture.temporaryPath("truncated.xlsx")
    try bytes.prefix(bytes.count * 2 / 3).write(to: URL(fileURLWithPath: path))
    try expectRefusal(path, status: 12, mentions: ["damaged zip archive"])
  }

  @Test func aZipBomb() throws {
    // 40 MB of white space between two rows deflates to about 40 KB: 1,000 to 1.
    let padding = String(repeating: " ", count: 40 << 20)
    let fixture = WorkbookFixture.sheetData("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>\(padding)<row r=\"2\"/>")
    try expectRefusal(try fixture.write("bomb.xlsx"), status: 13, mentions: ["xl/worksheets/sheet1.xml", "zip bomb"])
  }

  @Test func duplicateEntryNames() throws {
    var fixture = InspectCommandTests.tracker
    fixture.extraEntries = [("xl/worksheets/sheetX.xml", "<worksheet/>")]
    let path = try fixture.write("dup.xlsx")
    try ZipFixture.patch(path, replacing: Array("sheetX.xml".utf8), with: Array("sheet1.xml".utf8))
    try expectRefusal(path, status: 13, mentions: ["two entries"])
  }

  @Test func aClimbingEntryName() throws {
    var fixture = InspectCommandTests.tracker
    fixture.extraEntries = [("../../evil.sh", "echo")]
    try expectRefusal(try fixture.write("climb.xlsx"), status: 13, mentions: ["../../evil.sh"])
  }

  @Test func aMissingWorkbookPart() throws {
    let path = ZipFixture.temporaryPath("noworkbook.xlsx")
    try ZipFixture.write(InspectCommandTests.tracker.entries.filter { $0.0 != "xl/workbook.xml" }, to: path)
    try expectRefusal(path, status: 14, mentions: ["xl/workbook.xml", "missing"])
  }

  @Test func aMissingSheetPart() throws {
    let path = ZipFixture.temporaryPath("nosheet.xlsx")
    try ZipFixture.write(InspectCommandTests.tracker.entries.filter { $0.0 != "xl/worksheets/sheet1.xml" }, to: path)
    try expectRefusal(path, status: 14, mentions: ["xl/worksheets/sheet1.xml", "Feuil1"])
  }

  @Test(arguments: [
    "<!DOCTYPE sst [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>",
    "<!DOCTYPE sst SYSTEM \"http://127.0.0.1:9/x.dtd\">",
    "<!DOCTYPE sst [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>",
  ])
  func hostileXML(doctype: String) throws {
    var fixture = InspectCommandTests.tracker
    fixture.sharedStrings = "<?xml version=\"1.0\"?>\n\(doctype)\n<sst xmlns=\"\(WorkbookFixture.main)\"><si><t>&b;</t></si></sst>"
    try expectRefusal(try fixture.write("xxe.xlsx"), status: 15, mentions: ["xl/sharedStrings.xml", "line 2", "DOCTYPE"])
  }

  @Test func malformedXML() throws {
    var fixture = InspectCommandTests.tracker
    fixture.sheets = [("Feuil1", "<worksheet xmlns=\"\(WorkbookFixture.main)\">\n<sheetData>\n<row r=\"1\"><c r=\"A1\"><v>1</c></row></sheetData></worksheet>")]
    try expectRefusal(try fixture.write("broken.xlsx"), status: 16, mentions: ["xl/worksheets/sheet1.xml", "line 3", "malformed XML"])
  }

  @Test(arguments: ["XFE1", "A1048577", "A0"])
  func aCellReferenceOutOfRange(reference: String) throws {
    let fixture = WorkbookFixture.sheetData("<row r=\"1\"><c r=\"\(reference)\"><v>1</v></c></row>")
    try expectRefusal(try fixture.write("range.xlsx"), status: 17, mentions: ["sheet 'Feuil1'", "cell \(reference)", "outside"])
  }

  @Test func aSharedStringIndexOutOfRange() throws {
    let fixture = WorkbookFixture.sheetData("<row r=\"1\"><c r=\"B1\" t=\"s\"><v>7</v></c></row>", sharedStrings: ["seul"])
    try expectRefusal(try fixture.write("sst.xlsx"), status: 17, mentions: ["cell B1", "index 7"])
  }

  @Test func anUnknownSheet() throws {
    try expectRefusal(
      try InspectCommandTests.tracker.write("suivi.xlsx"), status: 18, mentions: ["Relances", "'Feuil1'"],
      extra: ["--sheet", "Relances"])
  }

  @Test func aBinaryWorkbook() throws {
    var fixture = InspectCommandTests.tracker
    fixture.extraEntries = [("xl/workbook.bin", "binary")]
    try expectRefusal(try fixture.write("book.xlsx"), status: 10, mentions: [".xlsb"])
  }

  /// A real legacy `.xls`, written by LibreOffice from one of our workbooks.
  @Test(.fullTier, .tags(.libreOffice))
  func aLegacyXLS() throws {
    let source = try InspectCommandTests.tracker.write("legacy.xlsx")
    let folder = URL(fileURLWithPath: source).deletingLastPathComponent().appendingPathComponent("xls-\(UUID().uuidString)")
    let result = try LibreOffice.convert(source, to: "xls", into: folder.path)
    #expect(result.status == 0, "LibreOffice: \(result.stderr)")
    let xls = folder.appendingPathComponent(URL(fileURLWithPath: source).deletingPathExtension().lastPathComponent + ".xls").path
    let renamed = xls + "x"
    try FileManager.default.moveItem(atPath: xls, toPath: renamed)
    try expectRefusal(renamed, status: 10, mentions: [".xls"])
  }

  /// A real password-protected workbook, encrypted by msoffcrypto-tool (as Excel does).
  @Test func anEncryptedWorkbook() throws {
    let source = try InspectCommandTests.tracker.write("clear.xlsx")
    let path = ZipFixture.temporaryPath("secret.xlsx")
    let result = try Subprocess.run(Subprocess.python, ["-m", "msoffcrypto", "-e", "-p", "motdepasse", source, path])
    #expect(result.status == 0, "msoffcrypto: \(result.stderr)")
    try expectRefusal(path, status: 11, mentions: ["encrypted"])
  }
}
