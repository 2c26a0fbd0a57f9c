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
}
