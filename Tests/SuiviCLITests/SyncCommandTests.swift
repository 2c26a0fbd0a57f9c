import Foundation
import Testing

import TestSupport

/// `suivi pull|push|sync|status|conflicts|resolve`, run as a script would: exit statuses,
/// the JSON report, refusals.
@Suite(.needsShared) struct SyncCommandTests {
  struct Folder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-sync-cli-\(UUID().uuidString)")
    var tracker: String { url.appendingPathComponent("suivi.xlsx").path }
    var ledger: String { url.appendingPathComponent("suivi.sqlite").path }

    init() throws {
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
      let maker = SharedFolder.url.appendingPathComponent("tools/make_tracker.py").path
      let made = try Subprocess.run(Subprocess.python, [maker, url.appendingPathComponent("suivi.xlsx").path, "12", "--seed", "5"])
      try #require(made.status == 0, "\(made.stderr)")
      // No partial payment of no amount (each would be a conflict on adoption).
      let partial = try Subprocess.run(Subprocess.python, [
        "-c",
        "import openpyxl,sys; wb=openpyxl.load_workbook(sys.argv[1]); ws=wb['Suivi']\nfor r in ws.iter_rows(min_row=2):\n  r[4].value = 'En attente' if r[4].value == 'Partiellement réglée' else r[4].value\nwb.save(sys.argv[1])",
        tracker,
      ])
      try #require(partial.status == 0, "\(partial.stderr)")
      try #require(try Subprocess.suivi("init", "--ledger", url.appendingPathComponent("suivi.sqlite").path).status == 0)
    }

    func suivi(_ arguments: String...) throws -> Subprocess.Result {
      try Subprocess.run(Subprocess.suivi, arguments + ["--ledger", ledger])
    }

    func json(_ result: Subprocess.Result) throws -> [String: Any] {
      try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)")
    }
  }

  @Test func aSessionPullsRecordsAndPushes() throws {
    let folder = try Folder()
    let pulled = try folder.suivi("pull", folder.tracker, "--date", "2024-12-01", "--json")
    #expect(pulled.status == 0, "\(pulled.stderr)")
    let report = try folder.json(pulled)
    #expect(report["adopted"] as? Bool == true)
    #expect((report["counts"] as? [String: Int])?["imported"] == 12)
    let status = try folder.suivi("status", folder.tracker, "--date", "2024-12-01", "--json")
    #expect(status.status == 0)
    #expect(try folder.json(status)["dry_run"] as? Bool == true)

    let added = try folder.suivi("invoice", "add", "--client", "Nouvelle SARL", "--date", "2024-12-01", "--amount-ht", "100.00")
    if added.status == 23 {  // the client must exist first
      #expect(try folder.suivi("client", "add", "Nouvelle SARL").status == 0)
      #expect(try folder.suivi("invoice", "add", "--client", "Nouvelle SARL", "--date", "2024-12-01", "--amount-ht", "100.00").status == 0)
    }
    let pushed = try folder.suivi("push", folder.tracker, "--date", "2024-12-01", "--json")
    #expect(pushed.status == 0, "\(pushed.stderr)")
    let push = try folder.json(pushed)
    #expect((push["appended"] as? [String])?.count == 1)
    #expect(push["saved"] as? Bool == true)
    let inspected = try Subprocess.suivi("inspect", folder.tracker, "--sheet", "Suivi", "--json")
    #expect(inspected.stdout.contains("\"value\":\"Nouvelle SARL\""))
  }

  @Test func openConflictsExitWith1AndAreListedAndResolved() throws {
    let folder = try Folder()
    #expect(try folder.suivi("pull", folder.tracker, "--date", "2024-12-01").status == 0)
    // The sheet says litige, the ledger records the payment: both changed the status.
    let listed = try folder.suivi("invoice", "list", "--json", "--date", "2024-12-01")
    let invoices = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]] ?? (try folder.json(listed)["invoices"] as? [[String: Any]]))
    let open = try #require(invoices.first { ($0["balance"] as? String).map { $0 != "0.00" } ?? false })
    let number = try #require(open["number"] as? String)
    let balance = try #require(open["balance"] as? String)
    let row = Int(number.suffix(4))! + 1
    #expect(try Subprocess.suivi("edit", folder.tracker, "--set", "E\(row)=Litige").status == 0)
    #expect(try folder.suivi("payment", "add", "--amount", balance, "--date", "2024-11-30", "--method", "virement", "--invoice", number).status == 0)
    let synced = try folder.suivi("sync", folder.tracker, "--date", "2024-12-01", "--json")
    #expect(synced.status == 1, "\(synced.stderr)")
    let conflicts = try #require(try folder.json(synced)["conflicts"] as? [[String: Any]])
    let id = try #require(conflicts.first?["id"] as? String)
    #expect(conflicts.first?["invoice"] as? String == number)
    #expect(conflicts.first?["kind"] as? String == "both_changed")
    let list = try folder.suivi("conflicts", "--json")
    #expect(list.stdout.contains(id))
    #expect(try folder.suivi("resolve", id, "--keep-ledger").status == 0)
    #expect(try folder.suivi("sync", folder.tracker, "--date", "2024-12-01").status == 0)
    #expect(try folder.suivi("conflicts", "--json").stdout == "{\"conflicts\":[]}\n")
  }

  @Test func refusalsHaveTheirOwnStatuses() throws {
    let folder = try Folder()
    // A workbook without an invoice table.
    let plain = try WorkbookFixture.sheetData(#"<row r="1"><c r="A1"><v>1</v></c><c r="B1" t="inlineStr"><is><t>Client</t></is></c></row>"#).write("plain.xlsx")
    let noTracker = try folder.suivi("pull", plain)
    #expect(noTracker.status == 50)
    #expect(noTracker.stderr.split(separator: "\n").count == 1)
    // A CSV cannot be pushed to; a push needs a pull first; an unknown conflict id.
    let csv = folder.url.appendingPathComponent("export.csv").path
    try "N° de facture,Client,Montant HT\nFA-240001,Dumont,100\n".write(toFile: csv, atomically: true, encoding: .utf8)
    #expect(try folder.suivi("push", csv).status == 51)
    #expect(try folder.suivi("push", folder.tracker).status == 51)
    #expect(try folder.suivi("resolve", "0123456789", "--keep-sheet").status == 51)
    // The documented form, the ledger from $SUIVI_LEDGER (it used to crash).
    let documented = try Subprocess.run(Subprocess.suivi, ["resolve", "0123456789", "--keep-sheet"], environment: ["SUIVI_LEDGER": folder.ledger])
    #expect(documented.status == 51, "\(documented.stderr)")
    #expect(try folder.suivi("resolve", "0123456789").status == 64)
    // A missing ledger, a missing tracker.
    #expect(try Subprocess.run(Subprocess.suivi, ["pull", folder.tracker, "--ledger", folder.url.appendingPathComponent("none.sqlite").path]).status == 21)
    #expect(try folder.suivi("pull", folder.url.appendingPathComponent("none.xlsx").path).status == 19)
  }

  /// Pulling, for the first time, a tracker none of whose rows can become an invoice (here
  /// every client cell emptied) is an error with its own status and the first reasons,
  /// and leaves nothing behind: no invoice, no binding (a second pull says the same, the
  /// file is untouched).
  @Test func aFirstPullThatAdoptsNothingIsAnErrorAndKeepsNothing() throws {
    let folder = try Folder()
    let clients = (2...13).flatMap { ["--set", "C\($0)="] }
    let emptied = try Subprocess.run(Subprocess.suivi, ["edit", folder.tracker] + clients)
    try #require(emptied.status == 0, "\(emptied.stderr)")
    let before = try Data(contentsOf: URL(fileURLWithPath: folder.tracker))
    for _ in 0..<2 {
      let pulled = try folder.suivi("pull", folder.tracker)
      #expect(pulled.status == 52, "\(pulled.stdout)\(pulled.stderr)")
      #expect(pulled.stderr.split(separator: "\n").count == 1, "\(pulled.stderr)")
      #expect(pulled.stderr.contains(folder.tracker) && pulled.stderr.contains("12 row(s) skipped"), "\(pulled.stderr)")
      #expect(pulled.stderr.contains("row 2: no client"), "\(pulled.stderr)")
    }
    let listed = try folder.suivi("invoice", "list", "--json")
    #expect(listed.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]", "\(listed.stdout)")
    #expect(try folder.suivi("push", folder.tracker).status == 51, "no binding was kept")
    #expect(try Data(contentsOf: URL(fileURLWithPath: folder.tracker)) == before)
  }

  /// The business writes its own status words (*Transmise*, *Facturée*): adopting the
  /// tracker takes every row, reads them as issued, keeps the words in the sheet, and
  /// says once per unknown word that it did.
  @Test func aTrackerWithItsOwnStatusWordsIsAdoptedWhole() throws {
    let folder = try Folder()
    let words = (2...13).flatMap { ["--set", "E\($0)=\($0 % 2 == 0 ? "Transmise" : "Facturée")"] }
    let edited = try Subprocess.run(Subprocess.suivi, ["edit", folder.tracker] + words)
    try #require(edited.status == 0, "\(edited.stderr)")
    let pulled = try folder.suivi("pull", folder.tracker, "--json")
    #expect(pulled.status == 0, "\(pulled.stderr)")
    let report = try folder.json(pulled)
    #expect((report["imported"] as? [String])?.count == 12, "\(pulled.stdout)")
    #expect((report["skipped"] as? [Any])?.isEmpty == true, "\(pulled.stdout)")
    let warnings = report["warnings"] as? [String] ?? []
    #expect(warnings.count == 1 && warnings[0].contains("'Transmise'"), "\(warnings)")
    let listed = try folder.suivi("invoice", "list", "--json")
    #expect(!listed.stdout.contains("\"draft\""), "read as issued, not as drafts")
    // The sheet keeps the business's words.
    let sheet = try Subprocess.run(Subprocess.suivi, ["inspect", folder.tracker, "--sheet", "Suivi"])
    #expect(sheet.stdout.contains("Transmise") && sheet.stdout.contains("Facturée"))
  }
}
