import Foundation
import Testing

import TestSupport

/// A tracker kept as one sheet per year, made by openpyxl as a person's Excel would have it
/// (a bold shaded header, column widths, a date format, a drop-down list of statuses, a
/// conditional format): the sheet Suivi adds for a new year is made like the last one,
/// read back by openpyxl, and LibreOffice opens the workbook.
@Suite(.fullTier, .tags(.interop, .libreOffice)) struct PeriodSheetsInteropTests {
  static let make = """
    import sys, datetime
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.formatting.rule import CellIsRule
    wb = Workbook()
    wb.remove(wb.active)
    for year, rows in ((2024, [("151", "Garage Renaud", datetime.date(2024, 11, 5), 120)]),
                       (2025, [("152", "Atelier Roux", datetime.date(2025, 1, 8), 240)])):
        ws = wb.create_sheet(str(year))
        ws.append(["N° facture", "Client", "Date", "Montant TTC", "État"])
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="FFDDEBF7")
        for number, client, day, amount in rows:
            ws.append([number, client, day, amount, "Envoyée"])
        ws["C2"].number_format = "dd/mm/yyyy"
        ws["D2"].number_format = "#,##0.00 €"
        for column, width in (("A", 14), ("B", 28), ("C", 13), ("D", 15), ("E", 12)):
            ws.column_dimensions[column].width = width
        rule = DataValidation(type="list", formula1='"Envoyée,Payée,Litige"', allow_blank=True)
        ws.add_data_validation(rule)
        rule.add("E2:E500")
        ws.conditional_formatting.add("D2:D500", CellIsRule(operator="greaterThan", formula=["1000"], fill=PatternFill("solid", fgColor="FFFFC7CE")))
    wb.save(sys.argv[1])
    """

  static let read = """
    import sys, json
    from openpyxl import load_workbook
    wb = load_workbook(sys.argv[1])
    def look(name):
        ws = wb[name]
        return {
            "header": [c.value for c in ws[1]],
            "bold": [bool(c.font.bold) for c in ws[1]],
            "fill": [c.fill.fgColor.rgb for c in ws[1]],
            "widths": [ws.column_dimensions[c].width for c in "ABCDE"],
            "date_format": ws["C2"].number_format,
            "amount_format": ws["D2"].number_format,
            "row": [ws.cell(2, c).value if not hasattr(ws.cell(2, c).value, "isoformat") else ws.cell(2, c).value.isoformat() for c in range(1, 6)],
            "validations": sorted(str(v.sqref) + " " + str(v.formula1) for v in ws.data_validations.dataValidation),
            "conditional": sorted(str(r.sqref) for r in ws.conditional_formatting),
        }
    print(json.dumps({"sheets": wb.sheetnames, "model": look("2025"), "new": look("2026")}))
    """

  @Test func theSheetOfANewYearIsMadeLikeTheLastOne() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-periods-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let tracker = folder.appendingPathComponent("suivi.xlsx").path
    let ledger = folder.appendingPathComponent("suivi.sqlite").path
    let made = try Subprocess.run(Subprocess.python, ["-c", Self.make, tracker])
    try #require(made.status == 0, "\(made.stderr)")
    func suivi(_ arguments: String...) throws -> Subprocess.Result { try Subprocess.run(Subprocess.suivi, arguments + ["--ledger", ledger]) }
    try #require(try suivi("init").status == 0)
    let pulled = try suivi("pull", tracker, "--date", "2026-02-01")
    try #require(pulled.status == 0, "\(pulled.stderr)")
    try #require(try suivi("client", "add", "Garage Renaud").status == 0 || true)
    let added = try suivi("invoice", "add", "--client", "Garage Renaud", "--date", "2026-01-12", "--amount-ht", "200", "--vat", "20")
    try #require(added.status == 0, "\(added.stderr)")
    let pushed = try suivi("push", tracker, "--date", "2026-02-01", "--json")
    try #require(pushed.status == 0, "\(pushed.stderr)")

    let looked = try Subprocess.run(Subprocess.python, ["-c", Self.read, tracker])
    try #require(looked.status == 0, "\(looked.stderr)")
    let result = try #require(try JSONSerialization.jsonObject(with: Data(looked.stdout.utf8)) as? [String: Any])
    #expect(result["sheets"] as? [String] == ["2024", "2025", "2026"])
    let model = try #require(result["model"] as? [String: Any])
    let new = try #require(result["new"] as? [String: Any])
    for key in ["header", "bold", "fill", "widths", "date_format", "amount_format", "validations", "conditional"] {
      #expect("\(new[key] ?? "none")" == "\(model[key] ?? "none")", "\(key): new \(new[key] ?? "none"), model \(model[key] ?? "none")")
    }
    #expect("\(new["row"] ?? "")".contains("153") && "\(new["row"] ?? "")".contains("2026-01-12"), "\(new["row"] ?? "")")

    let converted = try LibreOffice.convert(tracker, to: "pdf", into: folder.appendingPathComponent("lo").path)
    #expect(converted.status == 0 && FileManager.default.fileExists(atPath: folder.appendingPathComponent("lo/suivi.pdf").path), "\(converted.stderr)")
    // Nothing left to do.
    let again = try suivi("push", tracker, "--date", "2026-02-01", "--json")
    #expect(again.status == 0 && again.stdout.contains("\"to_sheet\":[]") && again.stdout.contains("\"appended\":[]"), "\(again.stdout)")
  }
}
