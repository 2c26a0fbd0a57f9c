import Foundation
import Ledger
import OOXML
import Testing

@testable import SheetSync
import TestSupport

/// Sync sessions on trackers made by XlsxWriter (`make_tracker.py`), edited by our writer,
/// by openpyxl and by LibreOffice, against a real ledger file.
@Suite(.needsShared) struct SyncEngineTests {
  static let day = Day(year: 2024, month: 12, day: 1)!

  /// A fresh folder with a tracker of `rows` rows and an empty ledger.
  struct Session {
    let folder: URL
    let tracker: String
    let ledger: Ledger
    var engine: SyncEngine { SyncEngine(ledger: ledger) }

    init(rows: Int = 12) throws {
      folder = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-sync-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      tracker = folder.appendingPathComponent("suivi.xlsx").path
      let maker = SharedFolder.url.appendingPathComponent("tools/make_tracker.py").path
      let made = try Subprocess.run(Subprocess.python, [maker, tracker, String(rows), "--seed", "3"])
      try #require(made.status == 0, "\(made.stderr)")
      ledger = try Ledger.create(at: folder.appendingPathComponent("suivi.sqlite").path).0
    }

    @discardableResult
    func run(_ mode: SyncMode, dryRun: Bool = false, file: String? = nil) throws -> SyncReport {
      var options = SyncOptions(mode: mode, asOf: SyncEngineTests.day)
      options.dryRun = dryRun
      options.saveOptions = SaveOptions(backupsKept: 2)
      return try engine.run(file ?? tracker, options: options)
    }

    func edit(_ body: (WorkbookEditor) throws -> Void) throws {
      let editor = try WorkbookEditor(path: tracker)
      try body(editor)
      try editor.save(options: SaveOptions(backupsKept: 0))
    }

    func cells() throws -> [String: CellValue] {
      let workbook = try Workbook(path: tracker)
      let reader = try workbook.cells(of: workbook.requireSheet(named: "Suivi"))
      var cells: [String: CellValue] = [:]
      while let cell = try reader.next() { cells[cell.reference.description] = cell.value }
      return cells
    }

    func bytes() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: tracker)) }

    func details(_ number: String) throws -> InvoiceDetails {
      try ledger.read { try $0.details(of: number, asOf: SyncEngineTests.day) }
    }
  }

  func ref(_ text: String) -> CellReference { CellReference(text)! }

  @Test func theFirstPullAdoptsTheTrackerWholeAndWritesNothing() throws {
    let session = try Session()
    let before = try session.bytes()
    let report = try session.run(.pull)
    #expect(report.adopted)
    #expect(report.imported.count == 12)
    #expect(report.skipped.isEmpty)
    // A partial payment of no amount cannot be recorded, nor forgotten: a conflict on each.
    let partial = try session.cells().filter { $0.value == .string("Partiellement réglée") }.map(\.key).sorted()
    #expect(!partial.isEmpty)
    #expect(report.raised.compactMap(\.cell).sorted() == partial && report.raised.allSatisfy { $0.kind == .notApplicable })
    #expect(try session.bytes() == before)
    // Its facts: a paid row is a payment of its TTC.
    let cells = try session.cells()
    let paidRow = try #require((2...13).first { cells["E\($0)"] == .string("Réglée") })
    guard case let .string(number) = cells["A\(paidRow)"] else { Issue.record("no number"); return }
    #expect(try session.details(number).balance == .zero)
    // A sync right after takes nothing from the sheet, and only brings the statuses the
    // ledger computes up to date; the one after converges: nothing to do, the same bytes.
    let again = try session.run(.sync)
    #expect(again.toLedger.isEmpty && again.raised.isEmpty)
    #expect(again.toSheet.allSatisfy { $0.column == .status }, "\(again.toSheet)")
    let synced = try session.bytes()
    let third = try session.run(.sync)
    #expect(third.toLedger.isEmpty && third.toSheet.isEmpty && third.raised.isEmpty && third.closed.isEmpty)
    #expect(try session.bytes() == synced)
  }

  @Test func adoptionTakesEveryFactAndSkipsARowWhole() throws {
    let session = try Session()
    try session.edit { editor in
      // Two invoices of one client, of one amount, paid the same day by transfer: two
      // payments, neither taken for a duplicate of the other.
      for row in [2, 3] {
        try editor.set(.string("Client Jumeau"), at: ref("C\(row)"), sheet: "Suivi")
        try editor.set(.number(500), at: ref("F\(row)"), sheet: "Suivi")
        try editor.set(.string("Réglée"), at: ref("E\(row)"), sheet: "Suivi")
        try editor.set(.date(Day(year: 2024, month: 11, day: 15)!), at: ref("J\(row)"), sheet: "Suivi")
        try editor.set(.string("Virement"), at: ref("K\(row)"), sheet: "Suivi")
      }
      // A dispute, and two reminders after the due date.
      try editor.set(.string("Litige"), at: ref("E4"), sheet: "Suivi")
      try editor.set(.string("En retard"), at: ref("E5"), sheet: "Suivi")
      try editor.set(.date(Day(year: 2024, month: 1, day: 2)!), at: ref("B5"), sheet: "Suivi")
      try editor.set(.date(Day(year: 2024, month: 2, day: 1)!), at: ref("I5"), sheet: "Suivi")
      try editor.set(.date(Day(year: 2024, month: 2, day: 10)!), at: ref("L5"), sheet: "Suivi")
      try editor.set(.date(Day(year: 2024, month: 3, day: 1)!), at: ref("M5"), sheet: "Suivi")
      // Paid, then reminded after the payment: the ledger refuses that reminder, so the
      // row is not imported at all (no invoice without its facts).
      try editor.set(.string("Réglée"), at: ref("E6"), sheet: "Suivi")
      try editor.set(.date(Day(year: 2024, month: 1, day: 2)!), at: ref("B6"), sheet: "Suivi")
      try editor.set(.date(Day(year: 2024, month: 2, day: 1)!), at: ref("I6"), sheet: "Suivi")
      try editor.set(.date(Day(year: 2024, month: 2, day: 5)!), at: ref("J6"), sheet: "Suivi")
      try editor.set(.date(Day(year: 2024, month: 3, day: 1)!), at: ref("L6"), sheet: "Suivi")
    }
    let report = try session.run(.pull)
    #expect(report.imported.count == 11)
    #expect(report.skipped.map(\.row) == [6])
    #expect(report.skipped.first?.reason.description.contains("paid") == true, "\(report.skipped)")
    #expect(throws: LedgerError.self) { try session.details("FA-240005") }
    for number in ["FA-240001", "FA-240002"] {
      let details = try session.details(number)
      #expect(details.status == .paid && details.balance == .zero)
      #expect(details.payments.map(\.receivedOn) == [Day(year: 2024, month: 11, day: 15)!])
      #expect(details.payments.map(\.method) == [.virement])
    }
    #expect(try session.details("FA-240003").status == .disputed)
    #expect(try session.details("FA-240004").reminders.map(\.level) == [1, 2])
    // The adopted rows are the base: a sync right after takes nothing from the sheet, only
    // brings the statuses the ledger computes up to date, and flags the row it could not
    // take (a conflict on its number, until the row is put right).
    let again = try session.run(.sync)
    #expect(again.toLedger.isEmpty && again.toSheet.allSatisfy { $0.column == .status }, "\(again.toSheet)")
    #expect(again.raised.map { "\($0.number) \($0.cell ?? "-") \($0.kind)" } == ["FA-240005 A6 notApplicable"], "\(again.raised)")
  }

  @Test func sheetEditsBecomeLedgerFactsAndLedgerChangesReachTheSheet() throws {
    let session = try Session()
    try session.run(.pull)
    try session.edit { editor in
      try editor.set(.string("Réglée"), at: ref("E3"), sheet: "Suivi")
      try editor.set(.date(Day(year: 2024, month: 11, day: 28)!), at: ref("J3"), sheet: "Suivi")
      try editor.set(.string("Chèque"), at: ref("K3"), sheet: "Suivi")
      try editor.set(.number(600), at: ref("F4"), sheet: "Suivi")
    }
    guard case let .string(paid) = try session.cells()["A3"], case let .string(corrected) = try session.cells()["A4"],
      case let .string(settledByLedger) = try session.cells()["A2"]
    else { Issue.record("no numbers"); return }
    let balance = try session.details(settledByLedger).balance
    try session.ledger.write(command: "payment add") { ledger in
      _ = try ledger.addPayment(PaymentDraft(
        amount: balance, receivedOn: Day(year: 2024, month: 11, day: 30)!, method: .virement, invoices: [(settledByLedger, nil)]))
      _ = try ledger.addClient(Client(name: "Mme Nouvelle"))
      _ = try ledger.addInvoice(InvoiceDraft(clientName: "Mme Nouvelle", issueDate: Day(year: 2024, month: 12, day: 1)!, ht: Cents(25_000)))
    }
    let report = try session.run(.sync)
    #expect(report.raised.isEmpty)
    #expect(Set(report.toLedger.map(\.column)).isSuperset(of: [.status, .amountHT]))
    #expect(report.appended.count == 1)
    // Ledger side: a payment by cheque, an HT corrected with its TTC.
    let paidDetails = try session.details(paid)
    #expect(paidDetails.balance == .zero)
    #expect(paidDetails.payments.last?.method == .cheque)
    #expect(try session.details(corrected).invoice.ht == Cents(60_000))
    #expect(try session.details(corrected).invoice.ttc == Cents(72_000))
    // Sheet side: the ledger's payment in the sheet's words, the new invoice as a new row
    // with the TTC formula of the row above and its value computed.
    let cells = try session.cells()
    #expect(cells["E2"] == .string("Réglée"), "\(report.toSheet) \(report.toLedger) \(report.raised)")
    #expect(cells["J2"] == .date(Day(year: 2024, month: 11, day: 30)!))
    #expect(cells["K2"] == .string("Virement"))
    #expect(cells["C14"] == .string("Mme Nouvelle"))
    #expect(cells["H14"] == .number(300))
    let workbook = try Workbook(path: session.tracker)
    let reader = try workbook.cells(of: workbook.requireSheet(named: "Suivi"))
    var formula: String?
    while let cell = try reader.next() { if cell.reference == ref("H14") { formula = cell.formula?.text } }
    #expect(formula == "F14*(1+G14)")
    // And a second sync is a no-op, byte for byte.
    let bytes = try session.bytes()
    let again = try session.run(.sync)
    #expect(again.toLedger.isEmpty && again.toSheet.isEmpty && !again.saved)
    #expect(try session.bytes() == bytes)
  }

  @Test func aTwoSidedEditIsFlaggedThenResolvedAndCleared() throws {
    let session = try Session()
    try session.run(.pull)
    guard case let .string(number) = try session.cells()["A5"] else { Issue.record("no number"); return }
    let balance = try session.details(number).balance
    try #require(balance.isPositive)
    try session.edit { try $0.set(.string("Litige"), at: ref("E5"), sheet: "Suivi") }
    try session.ledger.write(command: "payment add") { ledger in
      _ = try ledger.addPayment(PaymentDraft(amount: balance, receivedOn: Day(year: 2024, month: 11, day: 30)!, method: .virement, invoices: [(number, nil)]))
    }
    let report = try session.run(.sync)
    let conflict = try #require(report.raised.first { $0.cell == "E5" })
    #expect(report.raised.count == 1)
    #expect(conflict.sheet == "litige" && conflict.ledger == "reglee" && conflict.base != nil)
    #expect(report.hasOpenConflicts)
    // The human's value stays, flagged; the Conflits sheet lists it.
    #expect(try session.cells()["E5"] == .string("Litige"))
    let workbook = try Workbook(path: session.tracker)
    #expect(try workbook.notes(of: "Suivi")[ref("E5")]?.text.contains(conflict.id) == true)
    #expect(workbook.sheets.map(\.name).contains("Conflits"))
    // Its Résolution column is a drop-down, as openpyxl sees it.
    let lists = try Subprocess.run(Subprocess.python, [
      "-c", "import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1])['Conflits']; print([(str(v.sqref), v.formula1) for v in ws.data_validations.dataValidation])",
      session.tracker,
    ])
    #expect(lists.stdout.contains("I2:I") && lists.stdout.contains("garder la feuille,garder le registre"), "\(lists.stdout) \(lists.stderr)")
    // Raised once: the next sync does not raise it again.
    let second = try session.run(.sync)
    #expect(second.raised.isEmpty, "\(second.raised) \(second.closed)")

    try ConflictDesk(ledger: session.ledger).resolve(conflict.id, .ledger)
    let resolved = try session.run(.sync)
    #expect(resolved.closed.map(\.id) == [conflict.id])
    #expect(!resolved.open.contains { $0.id == conflict.id })
    #expect(try session.cells()["E5"] == .string("Réglée"))
    #expect(try Workbook(path: session.tracker).notes(of: "Suivi")[ref("E5")] == nil)
    #expect(try ConflictDesk(ledger: session.ledger).openConflicts().allSatisfy { $0.cell != "E5" })
  }

  @Test func aDecisionTypedInTheConflitsSheetIsApplied() throws {
    let session = try Session()
    try session.run(.pull)
    // The first row with something left to pay.
    let cells = try session.cells()
    var found: (row: Int, number: String)?
    for row in 2...13 {
      if case let .string(number) = cells["A\(row)"], try session.details(number).balance.isPositive { found = (row, number); break }
    }
    let (row, number) = try #require(found)
    try session.edit { try $0.set(.string("Litige"), at: ref("E\(row)"), sheet: "Suivi") }
    let balance = try session.details(number).balance
    try session.ledger.write(command: "payment add") { ledger in
      _ = try ledger.addPayment(PaymentDraft(amount: balance, receivedOn: Day(year: 2024, month: 11, day: 30)!, method: .virement, invoices: [(number, nil)]))
    }
    let conflict = try #require(try session.run(.sync).raised.first { $0.number == number })
    // Its row of the Conflits sheet (other conflicts of the adoption are listed too).
    let workbook = try Workbook(path: session.tracker)
    let reader = try workbook.cells(of: workbook.requireSheet(named: "Conflits"))
    var listedRow: Int?
    while let cell = try reader.next() {
      if cell.reference.column == 1, cell.value == .string(conflict.id) { listedRow = cell.reference.row }
    }
    let decisionRow = try #require(listedRow)
    try session.edit { try $0.set(.string("garder la feuille"), at: ref("I\(decisionRow)"), sheet: "Conflits") }
    let report = try session.run(.sync)
    #expect(report.closed.map(\.id) == [conflict.id])
    #expect(try session.cells()["E\(row)"] == .string("Litige"))
  }

  @Test func aRowTypedWithoutANumberIsImportedAndNumbered() throws {
    let session = try Session()
    try session.run(.pull)
    try session.edit { editor in
      try editor.appendRow(
        [.empty, .date(Day(year: 2024, month: 11, day: 29)!), .string("Nouvelle Cliente SARL"), .string("Conseil"), .string("En attente"), .number(1000), .number(0.2)],
        sheet: "Suivi")
    }
    let pulled = try session.run(.pull)
    #expect(pulled.imported.count == 1)
    #expect(try session.cells()["A14"] == nil)  // a pull writes nothing
    let pushed = try session.run(.push)
    #expect(pushed.saved)
    guard case let .string(number) = try session.cells()["A14"] else { Issue.record("no number written"); return }
    #expect(number == pulled.imported.first)
    #expect(try session.details(number).client.name == "Nouvelle Cliente SARL")
    #expect(try session.run(.sync).imported.isEmpty)
  }

  @Test func duplicatesUnreadableValuesAndDeletedRowsAreReported() throws {
    let session = try Session()
    try session.run(.pull)
    guard case let .string(first) = try session.cells()["A2"] else { Issue.record("no number"); return }
    try session.edit { editor in
      try editor.set(.string(first), at: ref("A3"), sheet: "Suivi")  // two rows, one number
      try editor.set(.string("bientôt"), at: ref("I4"), sheet: "Suivi")  // a due date nobody can read
    }
    let report = try session.run(.sync)
    let kinds = Set(report.open.map(\.kind))
    #expect(kinds.contains(.duplicateNumber))
    #expect(kinds.contains(.unreadable))
    #expect(report.hasOpenConflicts)
  }

  @Test(.fullTier, .tags(.libreOffice)) func aLibreOfficeResaveIsNoChange() throws {
    let session = try Session(rows: 40)
    try session.run(.pull)
    try session.run(.sync)  // the statuses the ledger computes brought up to date
    let out = session.folder.appendingPathComponent("lo")
    let converted = try LibreOffice.convert(session.tracker, to: "xlsx:Calc MS Excel 2007 XML", into: out.path)
    try #require(converted.status == 0, "\(converted.stderr)")
    try FileManager.default.removeItem(atPath: session.tracker)
    try FileManager.default.moveItem(atPath: out.appendingPathComponent("suivi.xlsx").path, toPath: session.tracker)
    let report = try session.run(.sync)
    #expect(report.toLedger.isEmpty, "\(report.toLedger)")
    #expect(report.toSheet.isEmpty, "\(report.toSheet)")
    #expect(report.raised.isEmpty, "\(report.raised)")
  }

  @Test func aDryRunWritesNothingAnywhere() throws {
    let session = try Session()
    let before = try session.bytes()
    let report = try session.run(.sync, dryRun: true)
    #expect(report.dryRun && report.imported.count == 12)
    #expect(try session.bytes() == before)
    #expect(try session.ledger.read { try $0.invoices() }.isEmpty)
  }

  @Test(arguments: [(",", false), (";", true)])
  func aCSVExportIsPulled(separator: String, windows1252: Bool) throws {
    let session = try Session()
    let header = ["N° de facture", "Date d'émission", "Client", "Service", "État", "Montant HT", "TVA", "Montant TTC", "Échéance"]
    let rows = [
      ["FA-240101", "02/11/2024", "Boulangerie Lefèvre", "Facturation", "Réglée", "1 234,56 €", "20 %", "1 481,47 €", "02/12/2024"],
      ["FA-240102", "2024-11-05", "Café \"Le Zinc\"", "Saisie; relances", "En attente", "500", "0,2", "600", "2024-12-05"],
    ]
    func field(_ text: String) -> String {
      text.contains(separator) || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
    let text = ([header] + rows).map { $0.map(field).joined(separator: separator) }.joined(separator: "\r\n") + "\r\n"
    let csv = session.folder.appendingPathComponent("export.csv").path
    let data = windows1252 ? text.data(using: .windowsCP1252)! : Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
    try data.write(to: URL(fileURLWithPath: csv))
    let report = try session.run(.pull, file: csv)
    #expect(report.imported == ["FA-240101", "FA-240102"], "\(report.skipped)")
    // Réglée with no day in the export: no payment invented, a conflict waits for the day.
    let first = try session.details("FA-240101")
    #expect(first.invoice.ht == Cents(123_456) && first.payments.isEmpty)
    #expect(report.raised.map { "\($0.number) \($0.kind)" } == ["FA-240101 undatedPayment"])
    #expect(try session.details("FA-240102").client.name == "Café \"Le Zinc\"")
    #expect(throws: SyncError.self) { try session.run(.push, file: csv) }
  }

  @Test(.fullTier, .tags(.libreOffice)) func editsMadeInLibreOfficeThroughUNOArePulled() throws {
    let session = try Session()
    try session.run(.pull)
    let cells = try session.cells()
    guard case let .string(paid) = cells["A3"], case let .string(deleted) = cells["A6"] else { Issue.record("no numbers"); return }
    try #require(try session.details(paid).balance.isPositive)
    // A person opens the tracker in LibreOffice: marks one invoice paid, sorts by client,
    // inserts a column of their own, deletes a row, types a new invoice without a number.
    let script = SharedFolder.repository.appendingPathComponent("Tests/Interop/uno_edit.py").path
    let edited = session.folder.appendingPathComponent("edited.xlsx").path
    let result = try LibreOffice.uno(script, [
      session.tracker, edited, "set:Suivi!E3=Réglée", "set:Suivi!J3=28/11/2024", "sort:Suivi:C", "insertcol:Suivi:D=Ma colonne",
      "deleterow:Suivi:\(deleted)", "addrow:Suivi:|2024-11-29|Nouvelle Cliente|à moi|Conseil|En attente|1000|0.2",
    ])
    try #require(result.status == 0, "\(result.stderr)")
    try FileManager.default.removeItem(atPath: session.tracker)
    try FileManager.default.moveItem(atPath: edited, toPath: session.tracker)
    let report = try session.run(.pull)
    #expect(Set(report.toLedger.map(\.number)) == [paid], "\(report.toLedger)")
    #expect(try session.details(paid).balance == .zero)
    #expect(report.deletedRows == [deleted])
    #expect(report.imported.count == 1 && report.numbered.count == 1)
    #expect(report.raised.isEmpty, "\(report.raised)")
    #expect(try session.details(deleted).invoice.number == deleted)  // a deleted row is not a deleted invoice
    // The push writes the new number in the typed row, under the inserted column's shift.
    let pushed = try session.run(.push)
    #expect(pushed.raised.isEmpty)
    let after = try session.cells()
    #expect(after.values.contains(.string(report.imported[0])))
    #expect(after["D1"] == .string("Ma colonne"))
  }

  @Test func anOpenpyxlResaveAndACopiedTrackerAreNoChange() throws {
    let session = try Session()
    try session.run(.pull)
    let resave = try Subprocess.run(Subprocess.python, ["-c", "import openpyxl,sys; wb=openpyxl.load_workbook(sys.argv[1]); wb.save(sys.argv[1])", session.tracker])
    try #require(resave.status == 0, "\(resave.stderr)")
    let report = try session.run(.sync)
    #expect(report.toLedger.isEmpty && report.raised.isEmpty, "\(report.toLedger) \(report.raised)")
    // A copy of the tracker, bound for the first time, is known as a copy: merged from the
    // original's last sync, it has nothing new for the ledger.
    let copy = session.folder.appendingPathComponent("copie.xlsx").path
    try FileManager.default.copyItem(atPath: session.tracker, toPath: copy)
    let copied = try session.run(.sync, file: copy)
    #expect(copied.copyOf == session.tracker && copied.toLedger.isEmpty)
    #expect(copied.raised.isEmpty && Set(copied.open.map(\.id)) == Set(report.open.map(\.id)), "the original's open conflicts, and no other")
  }

  @Test func aPushLeavesTheSheetsEditsForTheNextPull() throws {
    let session = try Session()
    try session.run(.pull)
    try session.edit { editor in
      try editor.set(.string("Réglée"), at: ref("E4"), sheet: "Suivi")
      try editor.set(.date(Day(year: 2024, month: 11, day: 20)!), at: ref("J4"), sheet: "Suivi")
    }
    let pushed = try session.run(.push)
    #expect(pushed.raised.isEmpty && pushed.toLedger.isEmpty)
    #expect(try session.cells()["E4"] == .string("Réglée"))
    let pulled = try session.run(.pull)
    #expect(pulled.toLedger.map(\.column).contains(.status))
  }

  @Test func aPushWritesTheWordsOfTheSheetsDropDownLists() throws {
    // The English model sheet: its status and method columns have drop-downs fed from Lists.
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-sync-en-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let tracker = folder.appendingPathComponent("tracker.xlsx").path
    let made = try Subprocess.suivi("template", tracker, "--lang", "en")
    try #require(made.status == 0, "\(made.stderr)")
    let ledger = try Ledger.create(at: folder.appendingPathComponent("suivi.sqlite").path).0
    let engine = SyncEngine(ledger: ledger)
    #expect(try engine.run(tracker, options: SyncOptions(mode: .pull, asOf: Self.day)).imported.isEmpty)
    try ledger.write(command: "session") { session in
      _ = try session.addClient(Client(name: "Acme Ltd"))
      let invoice = try session.addInvoice(InvoiceDraft(clientName: "Acme Ltd", issueDate: Day(year: 2024, month: 11, day: 2)!, ht: Cents(50_000)))
      _ = try session.addPayment(PaymentDraft(amount: invoice.ttc, receivedOn: Day(year: 2024, month: 11, day: 20)!, method: .virement, invoices: [(invoice.number, nil)]))
    }
    let pushed = try engine.run(tracker, options: SyncOptions(mode: .push, asOf: Self.day))
    #expect(pushed.appended.count == 1)
    let workbook = try Workbook(path: tracker)
    let sheet = try #require(workbook.sheets.first { $0.kind == .worksheet })
    let reader = try workbook.cells(of: sheet)
    var row2: [String: CellValue] = [:]
    while let cell = try reader.next(), cell.reference.row <= 2 {
      if cell.reference.row == 2 { row2[CellReference(column: cell.reference.column, row: 1)!.columnName] = cell.value }
    }
    #expect(row2.values.contains(.string("Paid")), "\(row2)")
    #expect(row2.values.contains(.string("Bank transfer")), "\(row2)")
    #expect(!row2.values.contains(.string("Réglée")))
  }

  @Test func aRenamedHeaderIsRecognisedByItsValues() throws {
    let session = try Session()
    try session.run(.pull)
    guard case let .string(number) = try session.cells()["A4"] else { Issue.record("no number"); return }
    try #require(try session.details(number).balance.isPositive)
    try session.edit { editor in
      try editor.set(.string("Situation"), at: ref("E1"), sheet: "Suivi")  // not a header Suivi knows
      try editor.set(.string("Réglée"), at: ref("E4"), sheet: "Suivi")
      try editor.set(.date(Day(year: 2024, month: 11, day: 20)!), at: ref("J4"), sheet: "Suivi")
    }
    let report = try session.run(.sync)
    #expect(report.renamedColumns == ["Situation → État"])
    #expect(report.toLedger.contains { $0.number == number && $0.column == .status })
    #expect(try session.details(number).balance == .zero)
  }

  @Test func aTrackerWithASuiviIdKeepsItsBindingWhenMoved() throws {
    let session = try Session()
    // A tracker whose custom properties carry Suivi's id (made by openpyxl, as a program would).
    let script = "import openpyxl,sys; from openpyxl.packaging.custom import StringProperty; wb=openpyxl.load_workbook(sys.argv[1]); "
      + "wb.custom_doc_props.append(StringProperty(name='SuiviTrackerId', value='t-42')); wb.save(sys.argv[1])"
    let tagged = try Subprocess.run(Subprocess.python, ["-c", script, session.tracker])
    try #require(tagged.status == 0, "\(tagged.stderr)")
    #expect(try session.run(.pull).adopted)
    let moved = session.folder.appendingPathComponent("renamed.xlsx").path
    try FileManager.default.moveItem(atPath: session.tracker, toPath: moved)
    let report = try session.run(.sync, file: moved)
    #expect(!report.adopted)
    #expect(report.toLedger.isEmpty && report.raised.isEmpty)
  }
}
