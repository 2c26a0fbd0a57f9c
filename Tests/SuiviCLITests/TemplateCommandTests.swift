import Foundation
import Testing

import TestSupport

/// `suivi template`, run as a person or a script would: the refusals and their statuses,
/// the same bytes from run to run, `--from-ledger` agreeing with `suivi report`, and the
/// round trip with `pull` and `push`.
@Suite(.serialized) struct TemplateCommandTests {
  struct Folder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-template-cli-\(UUID().uuidString)")
    var ledger: String { url.appendingPathComponent("suivi.sqlite").path }

    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func suivi(_ arguments: String...) throws -> Subprocess.Result {
      try Subprocess.run(Subprocess.suivi, arguments + ["--ledger", ledger])
    }

    var files: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() }
  }

  /// `days` from today (the machine's local day, as the ledger counts), `YYYY-MM-DD`.
  static func day(_ days: Int) -> String {
    let formatter = DateFormatter()
    formatter.dateFormat = "yyyy-MM-dd"
    formatter.locale = Locale(identifier: "en_US_POSIX")
    return formatter.string(from: Date().addingTimeInterval(Double(days) * 86_400))
  }

  @Test func refusalsSayWhyInOneLineAndWriteNothing() throws {
    let folder = try Folder()
    let model = folder.path("model.xlsx")
    #expect(try folder.suivi("template", model).status == 0)
    let inspected = try Subprocess.suivi("inspect", model, "--sheet", "Suivi", "--json")
    #expect(inspected.status == 0)
    #expect(inspected.stdout.contains("{\"ref\":\"A1\",\"type\":\"string\",\"value\":\"N° de facture\"}"), "\(inspected.stdout.prefix(400))")
    let before = try Data(contentsOf: URL(fileURLWithPath: model))
    let exists = try folder.suivi("template", model, "--lang", "en")
    #expect(exists.status == 40)
    #expect(exists.stderr == "suivi: error: \(model): already exists; choose another name or add --force to replace it\n")
    #expect(try Data(contentsOf: URL(fileURLWithPath: model)) == before)
    #expect(try folder.suivi("template", model, "--lang", "en", "--force").status == 0)
    #expect(try Data(contentsOf: URL(fileURLWithPath: model)) != before)
    let language = try folder.suivi("template", folder.path("de.xlsx"), "--lang", "de")
    #expect(language.status == 64)
    #expect(language.stderr.hasPrefix("Error: --lang: 'de' is not fr or en\n"), "\(language.stderr)")
    let unwritable = try folder.suivi("template", folder.path("missing/model.xlsx"))
    #expect(unwritable.status == 73)
    #expect(unwritable.stderr.split(separator: "\n").count == 1 && unwritable.stderr.contains("missing/model.xlsx"))
    let noLedger = try folder.suivi("template", folder.path("filled.xlsx"), "--from-ledger")
    #expect(noLedger.status == 21)
    #expect(noLedger.stderr.split(separator: "\n").count == 1)
    #expect(try folder.suivi("template", folder.path("x.xlsx"), "--date", "2024-01-01").status == 64)
    #expect(folder.files == ["model.xlsx"])
  }

  @Test func theSameOptionsGiveTheSameHashWhateverTheClockOrZone() throws {
    let folder = try Folder()
    var hashes: [String] = []
    for (name, zone) in [("a.xlsx", "UTC"), ("b.xlsx", "Pacific/Kiritimati")] {
      let path = folder.path(name)
      let made = try Subprocess.run("/usr/bin/env", ["TZ=\(zone)", Subprocess.suivi, "template", path, "--company", "Dumont & co"])
      #expect(made.status == 0, "\(made.stderr)")
      let hash = try Subprocess.run("/usr/bin/sha256sum", [path])
      hashes.append(String(hash.stdout.prefix(64)))
      Thread.sleep(forTimeInterval: 1.1)
    }
    #expect(hashes[0] == hashes[1])
  }

  /// A ledger of six invoices spread over the aged-balance buckets, as of today.
  static func makeLedger(_ folder: Folder) throws {
    func run(_ arguments: String...) throws {
      let result = try Subprocess.run(Subprocess.suivi, arguments + ["--ledger", folder.ledger])
      try #require(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
    }
    try run("init")
    try run("client", "add", "Mr Boulo")
    try run("client", "add", "Art company", "--terms", "45", "--end-of-month")
    try run("client", "add", "Dumont & co", "--terms", "60")
    try run("invoice", "add", "--client", "Mr Boulo", "--date", day(-200), "--amount-ht", "1000", "--service", "Saisie de données")
    try run("invoice", "add", "--client", "Art company", "--date", day(-100), "--amount-ht", "500", "--service", "Envoi de colis")
    try run("invoice", "add", "--client", "Dumont & co", "--date", day(-70), "--amount-ht", "800", "--service", "Standard téléphonique")
    try run("invoice", "add", "--client", "Mr Boulo", "--date", day(-40), "--amount-ht", "200", "--vat", "5.5", "--service", "Facturation")
    try run("invoice", "add", "--client", "Dumont & co", "--date", day(-20), "--amount-ht", "100", "--service", "Relance clients")
    try run("invoice", "add", "--client", "Mr Boulo", "--date", day(-5), "--amount-ht", "400", "--service", "Saisie des règlements")
    let listed = try Subprocess.run(Subprocess.suivi, ["invoice", "list", "--json", "--ledger", folder.ledger])
    let numbers = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]]).compactMap { $0["number"] as? String }
    try #require(numbers.count == 6)
    try run("payment", "add", "--amount", "300", "--date", day(-150), "--method", "cheque", "--invoice", numbers[0])
    try run("payment", "add", "--amount", "211", "--date", day(-5), "--method", "virement", "--invoice", numbers[3])
    try run("invoice", "void", numbers[4], "--date", day(-15))
    try run("remind", "record", numbers[0], "--level", "1", "--channel", "phone", "--date", day(-160), "--outcome", "promise", "--promised", day(-140))
  }

  @Test(.fullTier, .tags(.libreOffice)) func fromTheLedgerTheSummaryAgreesWithSuiviReport() throws {
    let folder = try Folder()
    try Self.makeLedger(folder)
    let model = folder.path("filled.xlsx")
    let made = try folder.suivi("template", model, "--from-ledger", "--company", "Dumont & co")
    #expect(made.status == 0, "\(made.stderr)")
    #expect(made.stdout.contains("6 invoice(s), 1 reminder(s)"), "\(made.stdout)")
    let reported = try folder.suivi("report", "--json")
    let report = try #require(try JSONSerialization.jsonObject(with: Data(reported.stdout.utf8)) as? [String: Any])
    let aged = try #require(report["aged"] as? [String: String])
    let converted = try LibreOffice.convert(model, to: "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", into: folder.url.path)
    #expect(converted.status == 0)
    let summary = try String(contentsOfFile: folder.path("filled-Synthèse.csv"), encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    func amount(_ label: String, column: Int = 2) -> Double? {
      summary.first { $0.first == label }.flatMap { Double($0[column]) }
    }
    func cents(_ text: String?) -> Double? { text.flatMap(Double.init) }
    #expect(amount("Montant dû") == cents(report["owed"] as? String))
    #expect(amount("Non échu") == cents(aged["not_due"]))
    #expect(amount("1 à 30 jours") == cents(aged["days_1_30"]))
    #expect(amount("31 à 60 jours") == cents(aged["days_31_60"]))
    #expect(amount("61 à 90 jours") == cents(aged["days_61_90"]))
    #expect(amount("Plus de 90 jours") == cents(aged["days_over_90"]))
    #expect(amount("Chiffre d'affaires TTC facturé sur la période") == cents(report["invoiced"] as? String))
    #expect(amount("DSO = montant dû ÷ CA TTC × période") == (report["dso"] as? NSNumber)?.doubleValue)
    #expect(amount("Annulée", column: 1) == 1)
    #expect(amount("Réglée", column: 1) == 1)
  }

  @Test(.fullTier, .tags(.libreOffice)) func theModelRoundTripsThroughPullPushAndLibreOffice() throws {
    let folder = try Folder()
    #expect(try folder.suivi("init").status == 0)
    let tracker = folder.path("suivi.xlsx")
    #expect(try folder.suivi("template", tracker).status == 0)
    let pulled = try folder.suivi("pull", tracker, "--json")
    #expect(pulled.status == 0, "\(pulled.stderr)")
    #expect(pulled.stdout.contains("\"imported\":0"))
    #expect(try folder.suivi("client", "add", "Mr Boulo").status == 0)
    #expect(try folder.suivi("invoice", "add", "--client", "Mr Boulo", "--date", Self.day(-3), "--amount-ht", "500", "--service", "Saisie").status == 0)
    let pushed = try folder.suivi("push", tracker, "--json")
    #expect(pushed.status == 0, "\(pushed.stderr)")
    // The pushed row: values, the prepared formulas with their cached values, the drop-down.
    let check = """
      import openpyxl, sys
      wb = openpyxl.load_workbook(sys.argv[1]); ws = wb['Suivi']
      row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value)
      dv = [d for d in ws.data_validations.dataValidation if str(d.sqref).startswith('I')][0]
      last = int(str(dv.sqref).split(':')[1][1:])
      print(row, ws.cell(row, 7).value, ws.cell(row, 11).value, ws.cell(row, 9).value, last >= row, ws.cell(row, 2).number_format, sep='|')
      """
    let seen = try Subprocess.run(Subprocess.python, ["-c", check, tracker])
    let fields = seen.stdout.dropLast().split(separator: "|").map(String.init)
    try #require(fields.count == 6, "\(seen.stdout)\(seen.stderr)")
    #expect(fields[1] == "=ROUND($E\(fields[0])*(1+$F\(fields[0])),2)")
    #expect(fields[2] == "=$G\(fields[0])-$J\(fields[0])")
    #expect(fields[3] == "En attente")
    #expect(fields[4] == "True")
    #expect(fields[5] == "dd/mm/yyyy")
    #expect(fields[0] == "2")  // the first prepared row, not below the 500 of them
    // A person types a row in LibreOffice; the next pull imports it.
    let typed = folder.path("typed.xlsx")
    let script = SharedFolder.repository.appendingPathComponent("Tests/Interop/uno_add_row.py").path
    let added = try LibreOffice.uno(script, [tracker, typed, "Suivi", "|\(Self.day(-1))|Art company|Envoi de colis|350|0.2"])
    try #require(added.status == 0, "\(added.stderr)")
    try FileManager.default.removeItem(atPath: tracker)
    try FileManager.default.moveItem(atPath: typed, toPath: tracker)
    let again = try folder.suivi("pull", tracker, "--json")
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stdout.contains("\"imported\":1"), "\(again.stdout)")
    let listed = try folder.suivi("invoice", "list", "--client", "Art company", "--json")
    #expect(listed.stdout.contains("\"ttc\":\"420.00\""), "\(listed.stdout)")
  }
}
