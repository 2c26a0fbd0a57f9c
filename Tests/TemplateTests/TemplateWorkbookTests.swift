import Foundation
import OOXML
import Testing

import Ledger

@testable import Template

/// The model sheet as Suivi's own reader sees it: sheets, headers, formulas and their
/// cached values, prepared rows, data from a ledger, and the same bytes every time.
@Suite struct TemplateWorkbookTests {
  /// Every cell of a sheet, by reference.
  func cells(_ path: String, sheet name: String) throws -> [String: Cell] {
    let workbook = try Workbook(path: path)
    let sheet = try workbook.requireSheet(named: name)
    var cells: [String: Cell] = [:]
    try workbook.cells(of: sheet).forEach { cells[$0.reference.description] = $0 }
    return cells
  }

  @Test(arguments: [TemplateLanguage.fr, .en])
  func theBlankModelReads(_ language: TemplateLanguage) throws {
    let model = try TemplateModel.bundled()
    let folder = try TemplateFixtures.folder()
    let path = try TemplateFixtures.write(ModelSheet(model: model, language: language), in: folder)
    let workbook = try Workbook(path: path)
    let names = language == .fr ? ["Suivi", "Relances", "Synthèse", "Listes"] : ["Invoices", "Reminders", "Summary", "Lists"]
    #expect(workbook.sheets.map(\.name) == names)
    let tracker = try cells(path, sheet: names[0])
    let headers = (1...17).map { tracker[CellReference.columnName($0) + "1"]?.value }
    #expect(headers == model.tracker.columns.map { .string($0.header[language]) })
    #expect(tracker["G2"]?.formula?.text == "ROUND($E2*(1+$F2),2)")
    #expect(tracker["G2"]?.value == .number(0))
    #expect(tracker["K501"]?.formula?.text == "$G501-$J501")
    #expect(tracker["H501"]?.value == .string(""))
    #expect(tracker["A502"] == nil && tracker["G502"] == nil)
    // No invoice number, no client: nothing a sync would import.
    #expect(!tracker.values.contains { $0.reference.row > 1 && [1, 3].contains($0.reference.column) && $0.value != .empty })
  }

  @Test func sameInputsGiveTheSameBytes() throws {
    let model = try TemplateModel.bundled()
    let sheet = ModelSheet(model: model, language: .fr, company: "Dumont & co", data: TemplateFixtures.sample)
    let folder = try TemplateFixtures.folder()
    let first = try TemplateFixtures.write(sheet, in: folder, name: "a.xlsx")
    Thread.sleep(forTimeInterval: 1.1)  // a time stamp would differ
    let second = try TemplateFixtures.write(sheet, in: folder, name: "b.xlsx")
    #expect(try Data(contentsOf: URL(fileURLWithPath: first)) == Data(contentsOf: URL(fileURLWithPath: second)))
    let other = try TemplateFixtures.write(ModelSheet(model: model, language: .fr, company: "Autre"), in: folder, name: "c.xlsx")
    #expect(try Data(contentsOf: URL(fileURLWithPath: first)) != Data(contentsOf: URL(fileURLWithPath: other)))
  }

  @Test func ledgerRowsKeepTheirFormulasWithCachedValues() throws {
    let folder = try TemplateFixtures.folder()
    let sheet = ModelSheet(model: try .bundled(), language: .fr, data: TemplateFixtures.sample)
    let path = try TemplateFixtures.write(sheet, in: folder)
    let tracker = try cells(path, sheet: "Suivi")
    #expect(tracker["A2"]?.value == .string("FA-240001"))
    #expect(tracker["B2"]?.value == .date(TemplateFixtures.day("2024-11-02")))
    #expect(tracker["G2"]?.formula?.text == "ROUND($E2*(1+$F2),2)")
    #expect(tracker["G2"]?.value == .number(600))
    #expect(tracker["K2"]?.value == .number(600))
    #expect(tracker["I2"]?.value == .string("À relancer"))
    #expect(tracker["N2"]?.value == .date(TemplateFixtures.day("2024-12-10")))
    // 45 days end of month: the formula computes the ledger's due date, cached.
    #expect(tracker["H3"]?.formula != nil)
    #expect(tracker["H3"]?.value == .date(TemplateFixtures.day("2024-12-31")))
    #expect(tracker["M3"]?.value == .string("Virement"))
    #expect(tracker["K3"]?.value == .number(0))
    // A due date typed over the client's terms is a value, not the formula.
    #expect(tracker["H4"]?.formula == nil)
    #expect(tracker["H4"]?.value == .date(TemplateFixtures.day("2024-11-30")))
    #expect(tracker["F4"]?.value == .number(0.055))
    #expect(tracker["G4"]?.value == .number(659.9))
    #expect(tracker["K4"]?.value == .number(459.9))
    #expect(tracker["M4"]?.value == .string("Chèque"))
    // Prepared rows follow the data: 3 invoices, then 500 (rows 5 to 504).
    #expect(tracker["G504"]?.formula?.text == "ROUND($E504*(1+$F504),2)")
    #expect(tracker["G505"] == nil)
    let reminders = try cells(path, sheet: "Relances")
    #expect(reminders["B2"]?.value == .string("FA-240001"))
    #expect(reminders["C2"]?.value == .string("Mr Boulo"))
    #expect(reminders["C2"]?.formula?.text?.contains("MATCH($B2,Suivi!$A:$A,0)") == true)
    #expect(reminders["E2"]?.value == .string("Téléphone"))
    #expect(reminders["F2"]?.value == .string("Promesse"))
    let lists = try cells(path, sheet: "Listes")
    #expect(lists["I3"]?.value == .string("Art company"))
    #expect(lists["J3"]?.value == .number(45))
    #expect(lists["K3"]?.value == .string("Oui"))
  }

  @Test func theCompanyNameIsEscapedEverywhere() throws {
    let folder = try TemplateFixtures.folder()
    let company = "Dupont & Fils <Ébénisterie> \"Roux\""
    let workbook = try ModelSheet(model: try .bundled(), language: .fr, company: company).workbook()
    let parts = Dictionary(uniqueKeysWithValues: workbook.parts().map { ($0.name, $0.text) })
    #expect(parts["docProps/app.xml"]?.contains("<Company>Dupont &amp; Fils &lt;Ébénisterie&gt; \"Roux\"</Company>") == true)
    #expect(parts["xl/worksheets/sheet1.xml"]?.contains("Dupont &amp;&amp; Fils") == true)  // && is a literal & in a print header
    let path = try TemplateFixtures.write(ModelSheet(model: try .bundled(), language: .fr, company: company), in: folder)
    let summary = try cells(path, sheet: "Synthèse")
    #expect(summary["A1"]?.value == .string("Synthèse du suivi de facturation — \(company)"))
  }

  @Test func aPlaceholderNothingNamesIsAnError() throws {
    let error = #expect(throws: TemplateError.self) {
      try FormulaTemplate.expand("A{nope}") { _ in nil }
    }
    #expect(error?.description == "Templates/model.json: nothing named {nope} in A{nope}")
    #expect(try FormulaTemplate.expand("{a}+{b}") { ["a": "{b}*2", "b": "$C2"][$0] } == "$C2*2+$C2")
  }

  @Test func anExistingFileIsNotReplacedWithoutBeingAsked() throws {
    let folder = try TemplateFixtures.folder()
    let path = folder.appendingPathComponent("model.xlsx").path
    try Data("keep me".utf8).write(to: URL(fileURLWithPath: path))
    let sheet = ModelSheet(model: try .bundled())
    #expect(throws: TemplateError.outputExists(path: path)) { try sheet.write(to: path) }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me")
    try sheet.write(to: path, replacing: true)
    #expect(try Workbook(path: path).sheets.count == 4)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["model.xlsx"])
  }
}

extension TemplateWorkbookTests {
  @Test func creditNotesAndAFourthReminderGoInTheNotesInTheSheetsLanguage() throws {
    var data = TemplateFixtures.sample
    data.invoices[0].creditNotes = [.init(number: "AV-240001", amount: Cents(12_050))]
    data.invoices[0].reminders = [TemplateFixtures.day("2024-12-10"), nil, nil, TemplateFixtures.day("2025-02-03")]
    let folder = try TemplateFixtures.folder()
    let french = try TemplateFixtures.write(ModelSheet(model: try .bundled(), language: .fr, data: data), in: folder, name: "fr.xlsx")
    let english = try TemplateFixtures.write(ModelSheet(model: try .bundled(), language: .en, data: data), in: folder, name: "en.xlsx")
    #expect(
      try cells(french, sheet: "Suivi")["Q2"]?.value
        == .string("appel le 12, promet virement ; Avoir AV-240001 : 120,50 € ; Relance 4 (injonction de payer) le 03/02/2025"))
    #expect(
      try cells(english, sheet: "Invoices")["Q2"]?.value
        == .string("appel le 12, promet virement ; Credit note AV-240001: €120.50 ; Reminder 4 (order for payment) on 03/02/2025"))
    #expect(try cells(english, sheet: "Invoices")["I2"]?.value == .string("To remind"))
  }
}
