import Foundation
import Ledger
import OOXML
import Testing

@testable import SheetSync
import TestSupport

/// What people do to a tracker that must never lose, invent or misplace what they typed:
/// each test is named after what the person did.
@Suite(.needsShared) struct NeverLoseTests {
  typealias Session = SyncEngineTests.Session
  static let day = SyncEngineTests.day

  func ref(_ text: String) -> CellReference { CellReference(text)! }

  /// A session whose row 2 (FA-240001) is an open invoice of Garage Renaud, issued
  /// 2024-03-01, due 2024-03-31, not reminded, adopted by a first pull.
  func adoptedSession() throws -> Session {
    let session = try Session()
    try session.edit { editor in
      for (cell, value) in [("C2", CellInput.string("Garage Renaud")), ("E2", .string("En retard")),
        ("B2", .date(Day(year: 2024, month: 3, day: 1)!)), ("I2", .date(Day(year: 2024, month: 3, day: 31)!)),
        ("J2", .empty), ("K2", .empty), ("L2", .empty), ("M2", .empty)]
      {
        try editor.set(value, at: ref(cell), sheet: "Suivi")
      }
    }
    try session.run(.pull)
    return session
  }

  func payments(_ session: Session, _ number: String) throws -> [(Cents, Day, PaymentMethod)] {
    try session.details(number).payments.map { ($0.amount, $0.receivedOn, $0.method) }
  }

  @Test func ownerTypedReglee_afterTheLedgerRecordedAPartialPayment() throws {
    let session = try adoptedSession()
    try session.ledger.write(command: "test") { s in
      _ = try s.addPayment(PaymentDraft(
        amount: Cents(100_000), receivedOn: Day(year: 2024, month: 11, day: 20)!, method: .virement, clientName: "Garage Renaud",
        invoices: [("FA-240001", Cents(100_000))]))
    }
    try session.edit { editor in
      try editor.set(.string("Réglée"), at: ref("E2"), sheet: "Suivi")
      try editor.set(.date(Day(year: 2024, month: 11, day: 25)!), at: ref("J2"), sheet: "Suivi")
    }
    let report = try session.run(.sync)
    // Both sides changed what is paid: no payment of the rest is invented.
    #expect(try payments(session, "FA-240001").map(\.0) == [Cents(100_000)])
    let conflict = try #require(report.raised.first { $0.number == "FA-240001" }, "\(report.raised)")
    #expect(conflict.kind == .bothChanged && conflict.column == SyncColumn.status.rawValue)
    #expect(try session.cells()["E2"] == .string("Réglée"), "the sheet keeps what the owner typed")
    // Nothing new: the conflict stays, once, and the bytes do not move.
    let bytes = try session.bytes()
    let again = try session.run(.sync)
    #expect(again.raised.isEmpty && again.closed.isEmpty && again.open.filter { $0.number == "FA-240001" }.map(\.id) == [conflict.id])
    #expect(try session.bytes() == bytes)
    // The owner is right: the rest was paid on the day the sheet says.
    _ = try ConflictDesk(ledger: session.ledger).resolve(conflict.id, .sheet)
    let decided = try session.run(.sync)
    #expect(!decided.open.contains { $0.number == "FA-240001" }, "\(decided.open)")
    let paid = try payments(session, "FA-240001")
    let ttc = try session.details("FA-240001").invoice.amounts.ttc
    #expect(paid.map(\.0) == [Cents(100_000), Cents(ttc.value - 100_000)])
    #expect(paid.last?.1 == Day(year: 2024, month: 11, day: 25)!)
  }

  @Test func ownerTypedReglee_withNoDay() throws {
    let session = try adoptedSession()
    try session.edit { try $0.set(.string("Réglée"), at: ref("E2"), sheet: "Suivi") }
    let report = try session.run(.sync)
    // No payment dated today: a conflict on Réglé le, the sheet's word kept.
    #expect(try payments(session, "FA-240001").isEmpty)
    let conflict = try #require(report.raised.first { $0.number == "FA-240001" }, "\(report)")
    #expect(conflict.kind == .undatedPayment && conflict.column == SyncColumn.paidOn.rawValue && conflict.cell == "J2")
    #expect(report.raised.filter { $0.number == "FA-240001" }.count == 1 && report.toLedger.isEmpty, "\(report.raised) \(report.toLedger)")
    #expect(try session.cells()["E2"] == .string("Réglée"))
    #expect(try session.run(.sync).open.filter { $0.number == "FA-240001" }.map(\.id) == [conflict.id], "the conflict stays until the day is given")
    // The owner types the day and the method: the payment is recorded as she says.
    try session.edit { editor in
      try editor.set(.date(Day(year: 2024, month: 11, day: 28)!), at: ref("J2"), sheet: "Suivi")
      try editor.set(.string("Chèque"), at: ref("K2"), sheet: "Suivi")
    }
    let dated = try session.run(.sync)
    #expect(!dated.open.contains { $0.number == "FA-240001" } && dated.closed.map(\.id) == [conflict.id], "\(dated.open)")
    let ttc = try session.details("FA-240001").invoice.amounts.ttc
    #expect(try payments(session, "FA-240001").map { "\($0.0) \($0.1) \($0.2)" } == ["\(ttc) 2024-11-28 cheque"])
  }

  @Test func ownerTypedReglee_withNoDay_andTheAssistantSaysWhichDay() throws {
    let session = try adoptedSession()
    try session.edit { try $0.set(.string("Réglée"), at: ref("E2"), sheet: "Suivi") }
    let conflict = try #require(try session.run(.sync).raised.first { $0.number == "FA-240001" })
    _ = try ConflictDesk(ledger: session.ledger).resolve(conflict.id, .value, value: "2024-11-15")
    let decided = try session.run(.sync)
    #expect(!decided.open.contains { $0.number == "FA-240001" }, "\(decided.open)")
    #expect(try payments(session, "FA-240001").map(\.1) == [Day(year: 2024, month: 11, day: 15)!])
    #expect(try session.cells()["J2"] == .date(Day(year: 2024, month: 11, day: 15)!))
  }

  @Test func ownerTypedReglee_withNoDay_andTheAssistantSaysItIsNotPaid() throws {
    let session = try adoptedSession()
    try session.edit { try $0.set(.string("Réglée"), at: ref("E2"), sheet: "Suivi") }
    let conflict = try #require(try session.run(.sync).raised.first { $0.number == "FA-240001" })
    _ = try ConflictDesk(ledger: session.ledger).resolve(conflict.id, .ledger)
    let decided = try session.run(.sync)
    #expect(!decided.open.contains { $0.number == "FA-240001" }, "\(decided.open)")
    #expect(try payments(session, "FA-240001").isEmpty)
    #expect(try session.cells()["E2"] != .string("Réglée"), "the ledger's status is written back")
    let again = try session.run(.sync)
    #expect(again.raised.isEmpty && again.toSheet.isEmpty && again.toLedger.isEmpty)
  }

  @Test func trackerAdoptedWithRegleeAndNoDay() throws {
    let session = try Session()
    try session.edit { editor in
      try editor.set(.string("Réglée"), at: ref("E2"), sheet: "Suivi")
      try editor.set(.empty, at: ref("J2"), sheet: "Suivi")
    }
    let report = try session.run(.pull)
    #expect(report.imported.contains("FA-240001"))
    #expect(try payments(session, "FA-240001").isEmpty, "no payment dated on the day of the pull")
    let conflict = try #require(report.raised.first { $0.number == "FA-240001" }, "\(report.raised)")
    #expect(conflict.kind == .undatedPayment)
    // Still there on the next sync, and the sheet keeps its word.
    let again = try session.run(.sync)
    #expect(again.open.contains { $0.id == conflict.id } && !again.closed.contains { $0.id == conflict.id })
    #expect(try session.cells()["E2"] == .string("Réglée"))
  }

  @Test func remindersTypedInTheSheetGoByTheChannelTheDunningSettingsSay() throws {
    let session = try Session()
    try session.ledger.write(command: "test") { try $0.setSetting(key: "dunning.level.1.channel", value: "email") }
    try session.edit { editor in
      try editor.set(.string("En retard"), at: ref("E2"), sheet: "Suivi")
      try editor.set(.empty, at: ref("J2"), sheet: "Suivi")
      try editor.set(.date(Day(year: 2024, month: 2, day: 10)!), at: ref("L2"), sheet: "Suivi")
      try editor.set(.empty, at: ref("M2"), sheet: "Suivi")
    }
    try session.run(.pull)
    #expect(try session.details("FA-240001").reminders.map(\.channel) == [.email])
  }

  @Test func statusesLeftStaleByTheOwnerAreBroughtUpToDateByTheNextPush() throws {
    let session = try Session()
    // Adopted while the sheet still says En attente for an invoice long overdue.
    try session.edit { editor in
      try editor.set(.string("En attente"), at: ref("E2"), sheet: "Suivi")
      try editor.set(.empty, at: ref("J2"), sheet: "Suivi")
      try editor.set(.empty, at: ref("L2"), sheet: "Suivi")
      try editor.set(.empty, at: ref("M2"), sheet: "Suivi")
    }
    let adopted = try session.run(.pull)
    #expect(!adopted.raised.contains { $0.number == "FA-240001" })
    let ledgerStatus = try session.details("FA-240001").status
    #expect(ledgerStatus == .toRemind || ledgerStatus == .late)
    let pushed = try session.run(.push)
    let write = try #require(pushed.toSheet.first { $0.number == "FA-240001" && $0.column == .status }, "\(pushed.toSheet)")
    #expect(write.to == ledgerStatus.rawValue)
    #expect(try session.cells()["E2"] != .string("En attente"))
    // Converged: nothing more to do, the same bytes.
    let bytes = try session.bytes()
    let again = try session.run(.sync)
    #expect(again.toSheet.isEmpty && again.toLedger.isEmpty && again.raised.isEmpty, "\(again.toSheet)")
    #expect(try session.bytes() == bytes)
  }

  // MARK: Another file taken for ours

  @Test func anotherBusinesssTrackerWithTheSameNumbersIsRefusedBeforeAnythingIsWritten() throws {
    let session = try Session()
    try session.run(.pull)
    let other = session.folder.appendingPathComponent("autre.xlsx").path
    let maker = SharedFolder.url.appendingPathComponent("tools/make_tracker.py").path
    try #require(try Subprocess.run(Subprocess.python, [maker, other, "12", "--seed", "9"]).status == 0)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: other))
    let invoices = try session.ledger.read { try $0.invoices() }.map(\.number)
    #expect {
      try session.run(.sync, file: other)
    } throws: { error in
      guard case let SyncError.otherTracker(_, bound, numbers)? = error as? SyncError else { return false }
      return bound.hasSuffix("suivi.xlsx") && numbers.first == "FA-240001"
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: other)) == bytes, "the other business's file is untouched")
    #expect(try session.ledger.read { try $0.invoices() }.map(\.number) == invoices)
    let backups = (try? FileManager.default.contentsOfDirectory(atPath: session.folder.appendingPathComponent(".suivi-backups").path)) ?? []
    #expect(!backups.contains { $0.hasPrefix("autre") }, "no backup: nothing was saved")
    // Nothing of it is remembered either: a later pull of it is refused the same way.
    #expect(throws: SyncError.self) { try session.run(.pull, file: other) }
  }

  @Test func aDownloadedCopyWhereTheOwnerTypedAPaymentIsMergedAsACopy() throws {
    let session = try adoptedSession()
    try session.run(.sync)
    let copy = session.folder.appendingPathComponent("suivi (1).xlsx").path
    try FileManager.default.copyItem(atPath: session.tracker, toPath: copy)
    let editor = try WorkbookEditor(path: copy)
    try editor.set(.string("Réglée"), at: ref("E2"), sheet: "Suivi")
    try editor.set(.date(Day(year: 2024, month: 11, day: 26)!), at: ref("J2"), sheet: "Suivi")
    try editor.set(.string("Virement"), at: ref("K2"), sheet: "Suivi")
    try editor.save(options: SaveOptions(backupsKept: 0))
    let report = try session.run(.sync, file: copy)
    #expect(report.copyOf == session.tracker && !report.adopted)
    #expect(report.toLedger.contains { $0.number == "FA-240001" && $0.column == .status })
    #expect(try payments(session, "FA-240001").map(\.1) == [Day(year: 2024, month: 11, day: 26)!])
    // Nothing of the copy was overwritten with the ledger's values.
    #expect(report.toSheet.allSatisfy { $0.column == .status && $0.number != "FA-240001" }, "\(report.toSheet)")
    // The original learns it at its next sync.
    let original = try session.run(.sync)
    #expect(original.toSheet.contains { $0.number == "FA-240001" && $0.column == .paidOn })
  }

  @Test func aTrackerMovedToAnotherFolderKeepsItsHistory() throws {
    let session = try adoptedSession()
    try session.run(.sync)
    let moved = session.folder.appendingPathComponent("archive-clients.xlsx").path
    try FileManager.default.moveItem(atPath: session.tracker, toPath: moved)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: moved))
    let report = try session.run(.sync, file: moved)
    #expect(report.movedFrom == session.tracker && !report.adopted && report.copyOf == nil)
    #expect(report.toLedger.isEmpty && report.toSheet.isEmpty && report.raised.isEmpty, "\(report)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: moved)) == bytes)
  }

  // MARK: The same number new on both sides

  /// Issues FA-240013 in the ledger (Cabinet Dupuis, 500 HT) while the owner types a row
  /// FA-240013 for another client and amount in the sheet.
  func sameNumberOnBothSides() throws -> Session {
    let session = try adoptedSession()
    try session.run(.sync)
    try session.ledger.write(command: "invoice add") { ledger in
      _ = try ledger.addClient(Client(name: "Cabinet Dupuis"))
      _ = try ledger.addInvoice(InvoiceDraft(
        clientName: "Cabinet Dupuis", issueDate: Day(year: 2024, month: 12, day: 1)!, ht: Cents(50_000),
        number: try InvoiceNumber.parse("FA-240013")))
    }
    try session.edit { editor in
      try editor.appendRow(
        [.string("FA-240013"), .date(Day(year: 2024, month: 11, day: 28)!), .string("Mme Leroy"), .string("Conseil"), .string("En attente"),
         .number(800), .number(0.2), .number(960), .date(Day(year: 2024, month: 12, day: 28)!)], sheet: "Suivi")
    }
    return session
  }

  func row(_ session: Session, number: String) throws -> Int? {
    try session.cells().first { $0.key.hasPrefix("A") && $0.value == .string(number) }.flatMap { Int($0.key.dropFirst()) }
  }

  @Test func theSameNumberTypedInTheSheetAndIssuedInTheLedgerIsOneConflictAndNothingMoves() throws {
    let session = try sameNumberOnBothSides()
    let typedRow = try #require(try row(session, number: "FA-240013"))
    let before = try session.cells().filter { Int($0.key.dropFirst()) == typedRow }
    let report = try session.run(.sync)
    let conflicts = report.raised.filter { $0.number == "FA-240013" }
    #expect(conflicts.map(\.kind) == [.sameNumber], "\(report.raised)")
    #expect(conflicts.first?.sheet?.contains("Mme Leroy") == true && conflicts.first?.ledger?.contains("Cabinet Dupuis") == true)
    #expect(!report.appended.contains("FA-240013") && !report.imported.contains("FA-240013"))
    #expect(!report.toSheet.contains { $0.number == "FA-240013" } && !report.toLedger.contains { $0.number == "FA-240013" })
    // The row keeps its values; the ledger's invoice its own.
    let after = try session.cells().filter { Int($0.key.dropFirst()) == typedRow }
    #expect(after == before)
    #expect(try session.details("FA-240013").client.name == "Cabinet Dupuis")
    let again = try session.run(.sync)
    #expect(again.raised.isEmpty && again.open.filter { $0.kind == .sameNumber }.count == 1)
  }

  @Test func keepingTheSheetsRowRenumbersTheLedgersInvoiceAndBothSurvive() throws {
    let session = try sameNumberOnBothSides()
    let conflict = try #require(try session.run(.sync).raised.first { $0.kind == .sameNumber })
    try ConflictDesk(ledger: session.ledger).resolve(conflict.id, .sheet)
    let report = try session.run(.sync)
    #expect(report.renumbered == [.init(from: "FA-240013", to: "FA-240014", side: "ledger")], "\(report.renumbered)")
    #expect(report.imported == ["FA-240013"] && report.appended == ["FA-240014"], "\(report.imported) \(report.appended)")
    #expect(try session.details("FA-240013").client.name == "Mme Leroy")
    #expect(try session.details("FA-240014").client.name == "Cabinet Dupuis")
    #expect(!report.open.contains { $0.number == "FA-240013" })
    #expect(try row(session, number: "FA-240014") != nil)
    let again = try session.run(.sync)
    #expect(again.toLedger.isEmpty && again.toSheet.isEmpty && again.raised.isEmpty && again.imported.isEmpty && again.appended.isEmpty)
  }

  @Test func keepingTheLedgersInvoiceGivesTheSheetsRowTheNextNumber() throws {
    let session = try sameNumberOnBothSides()
    let typedRow = try #require(try row(session, number: "FA-240013"))
    let conflict = try #require(try session.run(.sync).raised.first { $0.kind == .sameNumber })
    try ConflictDesk(ledger: session.ledger).resolve(conflict.id, .ledger)
    let report = try session.run(.sync)
    #expect(report.numbered.map(\.reason.description) == ["FA-240014"], "\(report.numbered)")
    #expect(report.appended == ["FA-240013"])
    #expect(try session.details("FA-240013").client.name == "Cabinet Dupuis")
    #expect(try session.details("FA-240014").client.name == "Mme Leroy")
    #expect(try session.cells()["A\(typedRow)"] == .string("FA-240014"))
    let again = try session.run(.sync)
    #expect(again.toLedger.isEmpty && again.toSheet.isEmpty && again.raised.isEmpty && again.imported.isEmpty && again.appended.isEmpty)
  }

  @Test func theSameInvoiceTypedOnBothSidesIsMergedWithoutAConflict() throws {
    let session = try adoptedSession()
    try session.run(.sync)
    try session.ledger.write(command: "invoice add") { ledger in
      _ = try ledger.addClient(Client(name: "Mme Leroy"))
      _ = try ledger.addInvoice(InvoiceDraft(
        clientName: "Mme Leroy", issueDate: Day(year: 2024, month: 12, day: 1)!, ht: Cents(80_000), number: try InvoiceNumber.parse("FA-240013"),
        dueDate: Day(year: 2024, month: 12, day: 28)!))
    }
    try session.edit { editor in
      try editor.appendRow(
        [.string("FA-240013"), .date(Day(year: 2024, month: 12, day: 1)!), .string("MME LEROY"), .empty, .string("En attente"),
         .number(800), .number(0.2), .number(960), .date(Day(year: 2024, month: 12, day: 28)!)], sheet: "Suivi")
    }
    let report = try session.run(.sync)
    // One invoice: its client written two ways is a two-sided difference, nothing else.
    #expect(report.raised.filter { $0.number == "FA-240013" }.map(\.column) == ["client"], "\(report.raised)")
    #expect(!report.appended.contains("FA-240013") && !report.imported.contains("FA-240013"))
  }

  // MARK: A re-save with no edit

  @Test(.fullTier, .tags(.libreOffice)) func aLibreOfficeResaveOfTheModelSheetKeepsTheDueDatesOfTheClientsTerms() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-terms-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let tracker = folder.appendingPathComponent("modele.xlsx").path
    try #require(try Subprocess.suivi("template", tracker).status == 0)
    let ledger = try Ledger.create(at: folder.appendingPathComponent("suivi.sqlite").path).0
    try ledger.write(command: "invoice add") { session in
      var client = Client(name: "Garage Renaud")
      client.termsDays = 45
      client.endOfMonth = true
      _ = try session.addClient(client)
      _ = try session.addInvoice(InvoiceDraft(clientName: "Garage Renaud", issueDate: Day(year: 2024, month: 11, day: 20)!, ht: Cents(100_000)))
    }
    let due = try ledger.read { try $0.details(of: "FA-240001", asOf: Self.day) }.invoice.dueDate
    #expect(due == Day(year: 2025, month: 1, day: 31)!)
    var options = SyncOptions(mode: .sync, asOf: Self.day)
    options.saveOptions = SaveOptions(backupsKept: 0)
    let engine = SyncEngine(ledger: ledger)
    _ = try engine.run(tracker, options: options)
    // Opened and saved in LibreOffice, which recalculates every formula, no edit made.
    let out = folder.appendingPathComponent("lo")
    let converted = try LibreOffice.convert(tracker, to: "xlsx:Calc MS Excel 2007 XML", into: out.path)
    try #require(converted.status == 0, "\(converted.stderr)")
    try FileManager.default.removeItem(atPath: tracker)
    try FileManager.default.moveItem(atPath: out.appendingPathComponent("modele.xlsx").path, toPath: tracker)
    let report = try engine.run(tracker, options: options)
    #expect(report.toLedger.isEmpty && report.raised.isEmpty, "\(report.toLedger) \(report.raised)")
    #expect(try ledger.read { try $0.details(of: "FA-240001", asOf: Self.day) }.invoice.dueDate == due)
  }

  // MARK: A CSV export

  /// The tracker as a CSV export (`;`, dates dd/mm/yyyy, decimal comma), as a spreadsheet
  /// program writes it.
  func exportCSV(_ session: Session, to name: String) throws -> String {
    let cells = try session.cells()
    let rows = cells.keys.compactMap { Int($0.drop { $0.isLetter }) }.max() ?? 1
    let path = session.folder.appendingPathComponent(name).path
    try CSVExport.write((1...rows).map { CSVExport.line(cells, row: $0, columns: "ABCDEFGHIJKLMN") }, to: path)
    return path
  }

  @Test func theOwnerMarkedAPaymentAndSentACSVExport() throws {
    let session = try adoptedSession()
    try session.run(.sync)
    try session.edit { editor in
      try editor.set(.string("Réglée"), at: ref("E2"), sheet: "Suivi")
      try editor.set(.date(Day(year: 2024, month: 11, day: 27)!), at: ref("J2"), sheet: "Suivi")
      try editor.set(.string("Virement"), at: ref("K2"), sheet: "Suivi")
    }
    let csv = try exportCSV(session, to: "export.csv")
    let first = try session.run(.pull, file: csv)
    #expect(first.copyOf == session.tracker)
    #expect(first.toLedger.contains { $0.number == "FA-240001" && $0.column == .status }, "\(first.toLedger)")
    #expect(try payments(session, "FA-240001").map(\.1) == [Day(year: 2024, month: 11, day: 27)!])
    // A later export with no new edit (the ledger moved on meanwhile) raises nothing.
    try session.ledger.write(command: "remind record") { ledger in
      _ = try ledger.recordReminder("FA-240001", level: 1, channel: .phone, on: Day(year: 2024, month: 11, day: 20)!, note: nil, force: true)
    }
    try session.run(.sync)
    let later = try session.run(.pull, file: try exportCSV(session, to: "export.csv"))
    #expect(later.toLedger.isEmpty && later.raised.isEmpty, "\(later.toLedger) \(later.raised)")
  }

  // MARK: Conflicts in the sheet are the ledger's

  func flagged(_ session: Session) throws -> (notes: Set<String>, listed: Set<String>) {
    let workbook = try Workbook(path: session.tracker)
    let notes = Set(try workbook.notes(of: "Suivi").filter { $0.value.text.hasPrefix("Conflit Suivi") }.map(\.key.description))
    var listed: Set<String> = []
    if let sheet = workbook.sheet(named: "Conflits") {
      let reader = try workbook.cells(of: sheet)
      while let cell = try reader.next() {
        if cell.reference.row > 1, cell.reference.column == 1, case let .string(id) = cell.value, !id.hasPrefix("Aucun") { listed.insert(id) }
      }
    }
    return (notes, listed)
  }

  @Test func theOwnerTypedRegleeOnAnInvoiceTheAssistantVoided() throws {
    let session = try adoptedSession()
    try session.ledger.write(command: "invoice void") { _ = try $0.void("FA-240001", on: Day(year: 2024, month: 11, day: 20)!) }
    try session.run(.sync)
    #expect(try session.cells()["E2"] == .string("Annulée"))
    try session.edit { editor in
      try editor.set(.string("Réglée"), at: ref("E2"), sheet: "Suivi")
      try editor.set(.date(Day(year: 2024, month: 11, day: 25)!), at: ref("J2"), sheet: "Suivi")
    }
    let report = try session.run(.sync)
    // A voided invoice cannot be paid: a conflict, and the sheet keeps what she typed.
    let conflict = try #require(report.raised.first { $0.number == "FA-240001" }, "\(report.raised) \(report.toSheet)")
    #expect(conflict.column == SyncColumn.status.rawValue && conflict.kind == .notApplicable)
    #expect(try session.cells()["E2"] == .string("Réglée"))
    #expect(try payments(session, "FA-240001").isEmpty)
  }

  @Test func theAssistantGaveTheDayOfAPaymentTheOwnerTypedOnAnInvoiceVoidedSince() throws {
    let session = try adoptedSession()
    try session.edit { try $0.set(.string("Réglée"), at: ref("E2"), sheet: "Suivi") }
    let raised = try #require(try session.run(.sync).raised.first { $0.number == "FA-240001" && $0.kind == .undatedPayment })
    try session.ledger.write(command: "invoice void") { _ = try $0.void("FA-240001", on: Day(year: 2024, month: 11, day: 20)!) }
    _ = try ConflictDesk(ledger: session.ledger).resolve(raised.id, .value, value: "2024-11-15")
    let report = try session.run(.sync)
    // The invoice was voided meanwhile: no payment, a conflict, and the sheet keeps her word.
    #expect(try payments(session, "FA-240001").isEmpty)
    #expect(try session.cells()["E2"] == .string("Réglée"), "\(report.toSheet)")
    #expect(report.open.contains { $0.number == "FA-240001" && $0.column == SyncColumn.status.rawValue }, "\(report.open)")
  }

  /// Fault run F-D2: the ledger on a full disk, `push` exited 73 "nothing was changed" but
  /// the workbook had been replaced. The ledger's commit failing after the save (here a
  /// deferred constraint a test trigger breaks, as a full disk breaks the commit) puts the
  /// previous workbook back: neither changed.
  @Test func aPushWhoseLedgerCannotCommitLeavesTheWorkbookAsItWas() throws {
    let session = try adoptedSession()
    try session.run(.sync)
    let balance = try session.details("FA-240001").balance
    try session.ledger.write(command: "payment add") { ledger in
      _ = try ledger.addPayment(PaymentDraft(
        amount: balance, receivedOn: Day(year: 2024, month: 11, day: 20)!, method: .virement, clientName: "Garage Renaud",
        invoices: [("FA-240001", balance)]))
    }
    let before = try session.bytes()
    // (Without the trap, this push would write the payment: a dry run says so.)
    #expect(try session.run(.push, dryRun: true).toSheet.contains { $0.number == "FA-240001" })
    try session.ledger.write(command: "test") { ledger in
      try ledger.database.execute(sql: """
        CREATE TABLE trap (x INTEGER REFERENCES nowhere(id) DEFERRABLE INITIALLY DEFERRED);
        CREATE TABLE nowhere (id INTEGER PRIMARY KEY);
        CREATE TRIGGER trap_run AFTER INSERT ON sync_run BEGIN INSERT INTO trap VALUES (42); END;
        """)
    }
    #expect(throws: (any Error).self) { try session.run(.push) }
    #expect(try session.bytes() == before, "the workbook was left replaced")
    let left = try FileManager.default.contentsOfDirectory(atPath: session.folder.path).filter { $0.hasSuffix(".previous") || $0.hasSuffix(".tmp") }
    #expect(left.isEmpty, "\(left)")
    // Once the ledger can commit again, the push goes through.
    try session.ledger.write(command: "test") { try $0.database.execute(sql: "DROP TRIGGER trap_run") }
    let pushed = try session.run(.push)
    #expect(pushed.saved && pushed.toSheet.contains { $0.number == "FA-240001" }, "\(pushed)")
    let kept = try FileManager.default.contentsOfDirectory(atPath: session.folder.path).filter { $0.hasSuffix(".previous") }
    #expect(kept.isEmpty, "the previous version is removed once the ledger committed: \(kept)")
  }

  @Test func aNewInvoiceIsAppendedBelowARowInConflictWithoutItsHighlight() throws {
    let session = try adoptedSession()
    let last = try #require(try session.cells().keys.compactMap { CellReference($0) }.map(\.row).max())
    guard case let .string(number)? = try session.cells()["A\(last)"] else { Issue.record("no number in A\(last)"); return }
    try session.edit { try $0.set(.string("Réglée"), at: ref("E\(last)"), sheet: "Suivi") }
    let raised = try session.run(.sync).raised.filter { $0.number == number }
    #expect(raised.map(\.cell) == ["J\(last)"], "\(raised)")
    try session.ledger.write(command: "invoice add") { ledger in
      _ = try ledger.addInvoice(InvoiceDraft(clientName: "Garage Renaud", issueDate: Day(year: 2024, month: 12, day: 1)!, ht: Cents(50_000)))
    }
    let report = try session.run(.sync)
    #expect(report.appended.count == 1)
    let open = Set(try ConflictDesk(ledger: session.ledger).openConflicts().compactMap(\.cell))
    #expect(try World.highlightedCells(session.tracker) == open, "the appended row copied the highlight of the row above")
  }

  /// LibreOffice moves a cell's note and fill with its row (a sort, a row deleted above, a
  /// column inserted): the conflict follows its row, and closing it clears its row's cell,
  /// never the cell another invoice's row took.
  @Test(.fullTier, .tags(.libreOffice)) func theOwnerSortedTheTrackerInLibreOfficeWhileAConflictWasOpen() throws {
    let session = try adoptedSession()
    try session.edit { try $0.set(.string("Réglée"), at: ref("E2"), sheet: "Suivi") }
    let raised = try #require(try session.run(.sync).raised.first { $0.number == "FA-240001" && $0.kind == .undatedPayment })
    #expect(raised.cell == "J2")
    // Sorted by client, descending order of rows changed; a column of her own inserted first.
    let script = SharedFolder.repository.appendingPathComponent("Tests/Interop/uno_edit.py").path
    let edited = session.folder.appendingPathComponent("sorted.xlsx").path
    let result = try LibreOffice.uno(script, [session.tracker, edited, "insertcol:Suivi:B=À moi", "sort:Suivi:D"])
    try #require(result.status == 0, "\(result.stderr)")
    try FileManager.default.removeItem(atPath: session.tracker)
    try FileManager.default.moveItem(atPath: edited, toPath: session.tracker)
    let row = try #require(try self.row(session, number: "FA-240001"))
    #expect(row != 2, "the sort moved the row")
    let report = try session.run(.sync)
    let moved = try #require(report.open.first { $0.id == raised.id })
    #expect(moved.cell == "K\(row)", "the conflict is where its row is now")
    var shown = try flagged(session)
    #expect(shown.notes == Set(report.open.compactMap(\.cell)) && shown.listed == Set(report.open.map(\.id)), "\(shown) \(report.open)")
    // The owner types the day: the conflict closes, and only her row's cell is cleared.
    try session.edit { try $0.set(.date(Day(year: 2024, month: 11, day: 29)!), at: ref("K\(row)"), sheet: "Suivi") }
    let closed = try session.run(.sync)
    #expect(closed.closed.map(\.id).contains(raised.id))
    shown = try flagged(session)
    #expect(shown.notes == Set(closed.open.compactMap(\.cell)), "\(shown) \(closed.open)")
    #expect(try World.highlightedCells(session.tracker) == Set(closed.open.compactMap(\.cell)))
    #expect(try payments(session, "FA-240001").map(\.1) == [Day(year: 2024, month: 11, day: 29)!])
  }

  @Test(.fullTier, .tags(.libreOffice)) func theOwnerSortedTheTrackerThenTheAssistantKeptTheLedgersWordBeforeTheNextSync() throws {
    let session = try adoptedSession()
    try session.edit { try $0.set(.string("Réglée"), at: ref("E2"), sheet: "Suivi") }
    let raised = try #require(try session.run(.sync).raised.first { $0.number == "FA-240001" && $0.kind == .undatedPayment })
    let script = SharedFolder.repository.appendingPathComponent("Tests/Interop/uno_edit.py").path
    let edited = session.folder.appendingPathComponent("sorted.xlsx").path
    try #require(try LibreOffice.uno(script, [session.tracker, edited, "sort:Suivi:C"]).status == 0)
    try FileManager.default.removeItem(atPath: session.tracker)
    try FileManager.default.moveItem(atPath: edited, toPath: session.tracker)
    // The conflict moves and closes in the same run: its cell is cleared where its row is now.
    _ = try ConflictDesk(ledger: session.ledger).resolve(raised.id, .ledger)
    let report = try session.run(.sync)
    #expect(report.closed.map(\.id).contains(raised.id))
    #expect(try World.highlightedCells(session.tracker) == Set(report.open.compactMap(\.cell)), "\(report.open)")
    #expect(try flagged(session).notes == Set(report.open.compactMap(\.cell)))
  }

  /// openpyxl writes the notes' VML drawing again with prefixes of its own (`ns0:`, `ns1:`,
  /// `ns2:`): every later push or sync that touched a note was refused (exit 14), and the
  /// conflict could never close (fault run F-D11).
  @Test func theOwnerSavedTheTrackerWithAProgramThatRewroteSuivisNotes() throws {
    let session = try adoptedSession()
    try session.edit { try $0.set(.string("Réglée"), at: ref("E2"), sheet: "Suivi") }
    let raised = try #require(try session.run(.sync).raised.first { $0.number == "FA-240001" })
    let resave = try Subprocess.run(Subprocess.python, ["-c", "import openpyxl,sys; wb=openpyxl.load_workbook(sys.argv[1]); wb.save(sys.argv[1])", session.tracker])
    try #require(resave.status == 0, "\(resave.stderr)")
    // A new conflict's note goes into openpyxl's drawing, and the first one closes.
    try session.edit { try $0.set(.string("Réglée"), at: ref("E3"), sheet: "Suivi") }
    _ = try ConflictDesk(ledger: session.ledger).resolve(raised.id, .value, value: "2024-11-29")
    let report = try session.run(.sync)
    #expect(report.closed.map(\.id).contains(raised.id))
    #expect(report.raised.contains { $0.cell == "J3" }, "\(report.raised)")
    let open = Set(report.open.compactMap(\.cell))
    #expect(try flagged(session).notes == open)
    // The drawing still opens in openpyxl, with a box for each note.
    let check = try Subprocess.run(Subprocess.python, [
      "-c", "import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1])['Suivi']; print(sorted(c.coordinate for r in ws.iter_rows() for c in r if c.comment))",
      session.tracker,
    ])
    #expect(check.status == 0, "\(check.stderr)")
    #expect(check.stdout.contains("J3") && !check.stdout.contains("J2"), "\(check.stdout)")
  }

  @Test func aConflictAPullClosedIsClearedFromTheSheetByTheNextPush() throws {
    let session = try adoptedSession()
    try session.edit { try $0.set(.string("Réglée"), at: ref("E2"), sheet: "Suivi") }
    let raised = try #require(try session.run(.sync).raised.first { $0.number == "FA-240001" })
    var shown = try flagged(session)
    let open = Set(try ConflictDesk(ledger: session.ledger).openConflicts().map(\.id))
    #expect(shown.notes.contains("J2") && shown.listed == open && open.contains(raised.id))
    // The owner types the day; a pull records the payment and closes the conflict (it
    // writes no workbook); the next push clears the cell and the Conflits sheet.
    try session.edit { try $0.set(.date(Day(year: 2024, month: 11, day: 29)!), at: ref("J2"), sheet: "Suivi") }
    let pulled = try session.run(.pull)
    #expect(pulled.closed.map(\.id) == [raised.id])
    let pushed = try session.run(.push)
    #expect(pushed.saved)
    shown = try flagged(session)
    let stillOpen = Set(try ConflictDesk(ledger: session.ledger).openConflicts().map(\.id))
    #expect(!shown.notes.contains("J2") && shown.listed == stillOpen, "\(shown) \(stillOpen)")
    // And a conflict a pull raised reaches the sheet at the next push.
    try session.edit { try $0.set(.string("Réglée"), at: ref("E4"), sheet: "Suivi") }
    try session.run(.pull)
    try session.run(.push)
    shown = try flagged(session)
    #expect(shown.listed == Set(try ConflictDesk(ledger: session.ledger).openConflicts().map(\.id)) && shown.notes.contains("J4"))
    // Converged: nothing more to write.
    let bytes = try session.bytes()
    #expect(try !session.run(.sync).saved)
    #expect(try session.bytes() == bytes)
  }
}
