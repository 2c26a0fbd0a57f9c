import Foundation
import OOXML
import Testing

import TestSupport

@testable import Template

/// The model sheet as other programs see it: openpyxl loads it with its validations,
/// frozen pane and formulas; LibreOffice opens it, computes its formulas (checked in its
/// CSV export of every sheet) and prints it (PDF, first page to PNG); a row typed in
/// LibreOffice gets the prepared formulas.
@Suite(.serialized) struct TemplateInteropTests {
  /// LibreOffice's CSV filter: comma, double quotes, UTF-8, every sheet to its own file.
  static let csvAllSheets = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"

  /// The rows of a CSV file (quoted fields with commas and doubled quotes).
  static func csv(_ path: String) throws -> [[String]] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var characters = text.makeIterator()
    while let character = characters.next() {
      switch (character, quoted) {
      case ("\"", true):
        quoted = false
      case ("\"", false):
        if field.isEmpty { quoted = true } else { field.append("\"") }
      case (",", false):
        row.append(field)
        field = ""
      case ("\n", false):
        row.append(field)
        rows.append(row)
        row = []
        field = ""
      default:
        field.append(character)
      }
    }
    if !field.isEmpty || !row.isEmpty { rows.append(row + [field]) }
    return rows
  }

  /// The row of a CSV whose first field is `label`.
  static func line(_ rows: [[String]], _ label: String) -> [String]? { rows.first { $0.first == label } }

  @Test(arguments: [TemplateLanguage.fr, .en])
  func openpyxlSeesValidationsFrozenPaneAndFormulas(_ language: TemplateLanguage) throws {
    let folder = try TemplateFixtures.folder()
    let company = "Dumont & co"
    for (name, data) in [("blank.xlsx", TemplateData.empty), ("filled.xlsx", TemplateFixtures.sample)] {
      let sheet = ModelSheet(model: try .bundled(), language: language, company: company, data: data)
      let path = try TemplateFixtures.write(sheet, in: folder, name: name)
      let script = SharedFolder.repository.appendingPathComponent("Tests/Interop/template_check.py").path
      let checked = try Subprocess.run(Subprocess.python, [script, path, language.rawValue, company])
      #expect(checked.status == 0, "\(name): \(checked.stdout)\(checked.stderr)")
    }
  }

  @Test(.fullTier, .tags(.libreOffice)) func libreOfficeComputesTheFormulas() throws {
    let folder = try TemplateFixtures.folder()
    let path = try TemplateFixtures.write(ModelSheet(model: try .bundled(), data: TemplateFixtures.sample), in: folder)
    let converted = try LibreOffice.convert(path, to: Self.csvAllSheets, into: folder.path)
    #expect(converted.status == 0, "\(converted.stderr)")
    let tracker = try Self.csv(folder.appendingPathComponent("model-Suivi.csv").path)
    #expect(tracker[0].count == 17)
    // TTC and reste dû on each row: 600 / 600, 420 / 0, 659.90 / 459.90.
    #expect(tracker[1][6] == "600" && tracker[1][10] == "600")
    #expect(tracker[2][6] == "420" && tracker[2][10] == "0")
    #expect(tracker[3][6] == "659.9" && tracker[3][10] == "459.9")
    let summary = try Self.csv(folder.appendingPathComponent("model-Synthèse.csv").path)
    #expect(Self.line(summary, "Réglée")?.prefix(4) == ["Réglée", "1", "420", "0"])
    #expect(Self.line(summary, "À relancer")?.prefix(4) == ["À relancer", "1", "600", "600"])
    #expect(Self.line(summary, "Total")?.prefix(4) == ["Total", "3", "1679.9", "1059.9"])
    #expect(Self.line(summary, "Montant dû")?.prefix(3) == ["Montant dû", "2", "1059.9"])
    #expect(Self.line(summary, "Plus de 90 jours")?.prefix(3) == ["Plus de 90 jours", "2", "1059.9"])
    #expect(Self.line(summary, "Non échu")?.prefix(3) == ["Non échu", "0", "0"])
    #expect(summary.contains { $0.first?.hasPrefix("1 – Relance amiable") == true && $0.count > 1 && $0[1] == "1" })
    let reminders = try Self.csv(folder.appendingPathComponent("model-Relances.csv").path)
    #expect(reminders[1].prefix(3).suffix(2) == ["FA-240001", "Mr Boulo"])
  }

  @Test(.fullTier, .tags(.libreOffice)) func libreOfficePrintsItAndTheFirstPageRendersToPNG() throws {
    let folder = try TemplateFixtures.folder()
    let path = try TemplateFixtures.write(ModelSheet(model: try .bundled(), company: "Dumont & co", data: TemplateFixtures.sample), in: folder)
    let converted = try LibreOffice.convert(path, to: "pdf", into: folder.path)
    #expect(converted.status == 0, "\(converted.stderr)")
    let pdf = folder.appendingPathComponent("model.pdf").path
    let rendered = try Subprocess.run("/usr/bin/pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, folder.appendingPathComponent("page").path])
    #expect(rendered.status == 0, "\(rendered.stderr)")
    let png = try Data(contentsOf: folder.appendingPathComponent("page.png"))
    #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    // Landscape: wider than tall.
    let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
    let height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
    #expect(width > height)
  }

  @Test(.fullTier, .tags(.libreOffice)) func aRowTypedInLibreOfficeGetsThePreparedFormulas() throws {
    let folder = try TemplateFixtures.folder()
    let path = try TemplateFixtures.write(ModelSheet(model: try .bundled(), data: TemplateFixtures.sample), in: folder)
    let typed = folder.appendingPathComponent("typed.xlsx").path
    let script = SharedFolder.repository.appendingPathComponent("Tests/Interop/uno_add_row.py").path
    let added = try LibreOffice.uno(script, [path, typed, "Suivi", "FA-240004|2024-12-01|Art company|Relance clients|1000|0.2"])
    try #require(added.status == 0, "\(added.stderr)")
    #expect(added.stdout == "5\n")
    let workbook = try Workbook(path: typed)
    var row: [String: Cell] = [:]
    try workbook.cells(of: try workbook.requireSheet(named: "Suivi")).forEach { if $0.reference.row == 5 { row[$0.reference.columnName] = $0 } }
    #expect(row["A"]?.value == .string("FA-240004"))
    #expect(row["G"]?.formula?.text == "ROUND($E5*(1+$F5),2)")
    #expect(row["G"]?.value == .number(1200))
    #expect(row["K"]?.value == .number(1200))
    // Art company: 45 days end of month, from the lists sheet.
    #expect(row["H"]?.value == .date(TemplateFixtures.day("2025-01-31")))
  }
}
