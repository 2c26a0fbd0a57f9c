import Foundation
import Testing

import TestSupport

/// The real trackers and invoicing-app exports of `../shared/corpus/real-trackers` (what
/// each is in its `SOURCES.tsv`), adopted as a new user would: `suivi init`, `suivi map`
/// where the heuristics cannot know (a person's word), `suivi pull`. The expectations are
/// written by hand from the files (invoices counted and totalled with openpyxl). A tracker
/// Suivi adopts keeps at least 95 % of its invoices with the sheet's amounts; then a payment
/// is recorded and pushed: only the cells the push reports differ (openpyxl, every cell of
/// every sheet), LibreOffice opens the result, and a second push changes nothing. Payables,
/// listings and amounts in another currency are refused with their reason.
@Suite(.needsShared, .fullTier, .tags(.interop, .libreOffice)) struct RealTrackerAdoptionTests {
  enum Outcome: Sendable {
    /// `invoices` adopted of the `inFile` invoices the file has, their TTC summing to `total`;
    /// `undated` of them say paid with no day (each a conflict until a person gives it).
    case adopted(invoices: Int, inFile: Int, total: String, undated: Int = 0)
    /// Refused with `status`, the message saying `says`.
    case refused(status: Int32, says: String)
  }

  struct Expected: Sendable, CustomStringConvertible {
    let file: String
    /// What a person tells `suivi map` first, if anything.
    var map: [String] = []
    let outcome: Outcome
    /// Invoices cancelled by a credit note whose row names them: owed nothing once adopted.
    var cancelled: [String] = []
    var description: String { file }
  }

  static let folder = SharedFolder.url.appendingPathComponent("corpus/real-trackers")
  static let day = "2026-12-05"

  static let expected: [Expected] = [
    Expected(file: "en_artool_receivables.xlsx", outcome: .adopted(invoices: 20, inFile: 20, total: "51011.72")),
    Expected(file: "en_cmaab_invoices.xlsx", outcome: .adopted(invoices: 180, inFile: 180, total: "46083095.00")),
    Expected(file: "en_pqa_receivables.xlsx", outcome: .adopted(invoices: 45, inFile: 45, total: "192630.35")),
    // Two drafts of a micro-entrepreneur (TVA non applicable): the amount is the TTC.
    Expected(file: "fr_artisans_factures.xlsx", outcome: .adopted(invoices: 2, inFile: 2, total: "5700.00")),
    // 70 invoices, 4 of them credit notes (negative amounts): 305,830.48 net; 54 Payée, with
    // no column for the day. Credit notes 114 and 115 cancel invoices 112 and 111 (*avoir
    // annulant la facture n°111*); 97 and 98 name invoices the file does not have (27, 31).
    Expected(
      file: "fr_cdfaudit_factures.xlsx", outcome: .adopted(invoices: 70, inFile: 70, total: "305830.48", undated: 54), cancelled: ["111", "112"]),
    Expected(file: "fr_kit_tracker_impayes_csv.xlsx", outcome: .adopted(invoices: 2, inFile: 2, total: "1650.00")),
    // Three sheets hold its numbers: Factures (one row each) is the invoices'.
    Expected(file: "fr_pennylane_theoma_factures.xlsx", outcome: .adopted(invoices: 25, inFile: 25, total: "9207.30")),
    // One paid, with no day.
    Expected(file: "fr_profitos_sample_invoices.xlsx", outcome: .adopted(invoices: 4, inFile: 4, total: "45300.00", undated: 1)),
    // No client column: the matter (dossier) is who is invoiced, as a person says. 127 Payée,
    // with no column for the day.
    Expected(
      file: "fr_chakibag_factures_csv.xlsx", map: ["--column", "id_dossier=client"],
      outcome: .adopted(invoices: 400, inFile: 400, total: "4956977.68", undated: 127)),
    // Invoicely heads its numbers "Details".
    Expected(
      file: "en_invoicely_invoices_csv.xlsx", map: ["--column", "Details=number"], outcome: .adopted(invoices: 1, inFile: 1, total: "1020.00")),
    // Amounts in another currency: never read as euros.
    Expected(file: "en_zoho_invoices_csv.xlsx", outcome: .refused(status: 52, says: "in USD")),
    Expected(file: "en_freshbooks_invoices_csv.xlsx", outcome: .refused(status: 52, says: "in USD")),
    Expected(file: "en_invoice2go_invoices_csv.xlsx", outcome: .refused(status: 52, says: "in ILS")),
    Expected(file: "en_invoiceninja_v4_export_csv.xlsx", outcome: .refused(status: 52, says: "in $")),
    Expected(file: "fr_pennylane_theoma_lignes_csv.xlsx", outcome: .refused(status: 52, says: "is in another currency ($)")),
    // Bills the business owes.
    Expected(file: "en_kc_invoices.xlsx", outcome: .refused(status: 50, says: "lists bills to pay")),
    Expected(file: "en_mcfwong_invoice_tracker.xlsx", outcome: .refused(status: 50, says: "lists bills to pay")),
    Expected(file: "en_qoder_invoice_tracker.xlsx", outcome: .refused(status: 50, says: "lists bills to pay")),
    // An SAP open-items listing (no invoice amount column Suivi reads), and an ERP's mixed
    // journal of sales, purchases and salaries (logins, not clients).
    Expected(file: "en_sap_trade_receivables_listing.xlsx", outcome: .refused(status: 52, says: "no amount TTC")),
    Expected(file: "fr_sprintjava_factures_poi.xlsx", outcome: .refused(status: 52, says: "no client")),
  ]

  /// A folder with a copy of the tracker and a new ledger.
  struct Session {
    let folder: URL
    let tracker: String
    let ledger: String

    init(_ file: String) throws {
      folder = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-real-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      tracker = folder.appendingPathComponent(file).path
      ledger = folder.appendingPathComponent("suivi.sqlite").path
      try FileManager.default.copyItem(atPath: RealTrackerAdoptionTests.folder.appendingPathComponent(file).path, toPath: tracker)
      // Writable, as a file a person downloads is (the corpus is read-only, and Suivi
      // refuses to write a read-only workbook).
      try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: tracker)
      try #require(try suivi("init").status == 0)
    }

    func suivi(_ arguments: [String]) throws -> Subprocess.Result {
      try Subprocess.run(Subprocess.suivi, arguments + ["--ledger", ledger])
    }

    func suivi(_ arguments: String...) throws -> Subprocess.Result { try suivi(arguments) }

    func json(_ result: Subprocess.Result) throws -> Any { try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) }
  }

  /// Exact decimal text of a sum of decimal texts (`"1.10" + "2.05"` is `"3.15"`).
  static func sum(_ amounts: [String]) -> String {
    let cents = amounts.reduce(Int64(0)) { total, text in
      let parts = text.split(separator: ".")
      let whole = Int64(parts[0])!
      let fraction = parts.count > 1 ? Int64(parts[1].padding(toLength: 2, withPad: "0", startingAt: 0))! : 0
      return total + (text.hasPrefix("-") ? whole * 100 - fraction : whole * 100 + fraction)
    }
    return "\(cents / 100).\(String(format: "%02lld", abs(cents % 100)))"
  }

  @Test(arguments: expected)
  func aNewUserAdoptsTheTracker(_ expected: Expected) throws {
    let session = try Session(expected.file)
    if !expected.map.isEmpty {
      let mapped = try session.suivi(["map", session.tracker] + expected.map)
      try #require(mapped.status == 0, "\(expected.file): \(mapped.stderr)")
    }
    let pulled = try session.suivi("pull", session.tracker, "--date", Self.day, "--json")
    switch expected.outcome {
    case let .refused(status, says):
      #expect(pulled.status == status, "\(expected.file): \(pulled.stderr)")
      #expect(pulled.stderr.contains(says), "\(expected.file): \(pulled.stderr)")
      #expect(pulled.stderr.split(separator: "\n").count == 1, "\(expected.file): one line")
    case let .adopted(invoices, inFile, total, undated):
      // Paid with no day: no payment invented; one conflict each, decided for all at once.
      try #require(pulled.status == (undated > 0 ? 1 : 0), "\(expected.file): \(pulled.stderr)")
      let conflicts = (try session.json(pulled) as? [String: Any])?["conflicts"] as? [[String: Any]] ?? []
      #expect(conflicts.count == undated && conflicts.allSatisfy { $0["kind"] as? String == "undated_payment" }, "\(expected.file)")
      if undated > 0 {
        let decided = try session.suivi("resolve", "--kind", "undated_payment", "--value", "30/11/2026")
        #expect(decided.status == 0 && decided.stdout.split(separator: "\n").count == undated, "\(expected.file): \(decided.stderr)")
        let synced = try session.suivi("sync", session.tracker, "--date", Self.day, "--json")
        #expect(synced.status == 0, "\(expected.file): \(synced.stdout)")
        let listed = try session.suivi("payment", "list", "--json")
        #expect(listed.stdout.components(separatedBy: "\"2026-11-30\"").count - 1 >= undated, "\(expected.file): \(listed.stdout.prefix(300))")
      }
      #expect(invoices * 100 >= inFile * 95, "\(expected.file): at least 95 % of its invoices")
      let listed = try session.suivi("invoice", "list", "--json", "--date", Self.day)
      let list = try #require(try session.json(listed) as? [[String: Any]])
      #expect(list.count == invoices, "\(expected.file)")
      // Credit notes (negative rows) count against the total, as in the sheet.
      let amounts = list.compactMap { invoice in (invoice["ttc"] as? String).map { invoice["kind"] as? String == "credit_note" ? "-" + $0 : $0 } }
      #expect(Self.sum(amounts) == total, "\(expected.file): the sheet's amounts")
      for number in expected.cancelled {
        let invoice = list.first { $0["number"] as? String == number }
        #expect(invoice?["balance"] as? String == "0.00" && invoice?["paid"] as? String == "0.00", "\(expected.file): \(number) \(String(describing: invoice))")
      }
      try pushesAPaymentSurgically(session, invoices: list, file: expected.file)
    }
  }

  /// A payment of an open invoice, pushed: only the cells the push reports differ, every
  /// other cell of every sheet as it was; LibreOffice opens the result; a second push
  /// changes nothing.
  func pushesAPaymentSurgically(_ session: Session, invoices: [[String: Any]], file: String) throws {
    guard let open = invoices.first(where: { ($0["balance"] as? String).map { $0 != "0.00" } ?? false }),
      let number = open["number"] as? String, let balance = open["balance"] as? String
    else { return }
    let original = session.folder.appendingPathComponent("original-" + file).path
    try FileManager.default.copyItem(atPath: session.tracker, toPath: original)
    let paid = try session.suivi("payment", "add", "--amount", balance, "--date", Self.day, "--method", "virement", "--invoice", number)
    try #require(paid.status == 0, "\(file): \(paid.stderr)")
    let pushed = try session.suivi("push", session.tracker, "--date", Self.day, "--json")
    try #require(pushed.status == 0, "\(file): \(pushed.stderr)")
    let report = try #require(try session.json(pushed) as? [String: Any])
    let sheet = try #require(report["sheet"] as? String)
    let written = Set(((report["to_sheet"] as? [[String: Any]]) ?? []).compactMap { $0["cell"] as? String }.map { "\(sheet)!\($0)" })
    #expect((report["conflicts"] as? [Any])?.isEmpty == true, "\(file): \(pushed.stdout)")

    let script = SharedFolder.repository.appendingPathComponent("Tests/Interop/cell_diff.py").path
    let diffed = try Subprocess.run(Subprocess.python, [script, original, session.tracker])
    try #require(diffed.status == 0, "\(file): \(diffed.stderr)")
    let diff = try #require(try JSONSerialization.jsonObject(with: Data(diffed.stdout.utf8)) as? [String: [String]])
    #expect(Set(diff["cells"] ?? []) == written, "\(file): cells changed \(diff["cells"] ?? []) against those reported \(written.sorted())")
    #expect(diff["sheets_added"] == [] && diff["sheets_removed"] == [], "\(file): \(diff)")

    let converted = try LibreOffice.convert(session.tracker, to: "csv", into: session.folder.appendingPathComponent("lo").path)
    #expect(converted.status == 0, "\(file): LibreOffice: \(converted.stderr)")
    let csv = session.folder.appendingPathComponent("lo").appendingPathComponent((file as NSString).deletingPathExtension + ".csv").path
    #expect(FileManager.default.fileExists(atPath: csv), "\(file): LibreOffice wrote no CSV: \(converted.stdout) \(converted.stderr)")

    let before = try Data(contentsOf: URL(fileURLWithPath: session.tracker))
    let again = try session.suivi("push", session.tracker, "--date", Self.day, "--json")
    #expect(again.status == 0, "\(file): \(again.stderr)")
    #expect(((try session.json(again) as? [String: Any])?["to_sheet"] as? [Any])?.isEmpty == true, "\(file): \(again.stdout)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: session.tracker)) == before, "\(file): the second push rewrote the file")
  }
}
