import Foundation
import OOXML
import Testing

@testable import Ledger

@Suite struct LedgerReminderTests {
  let store: TemporaryLedger

  /// FA-240001: 500 € to a professional, due 2024-12-02. FA-240002: 300 € to a consumer, same dates.
  init() throws {
    store = try TemporaryLedger()
    try store.write {
      try $0.addClient(Client(name: "Pro SARL"))
      try $0.addClient(Client(name: "M. Particulier", isConsumer: true))
      try $0.addInvoice(InvoiceDraft(clientName: "Pro SARL", issueDate: day("2024-11-02"), ht: Cents(50_000), vatRate: VATRate(basisPoints: 0)))
      try $0.addInvoice(InvoiceDraft(clientName: "M. Particulier", issueDate: day("2024-11-02"), ht: Cents(30_000), vatRate: VATRate(basisPoints: 0)))
    }
  }

  func due(_ date: String) throws -> [ReminderAction] { try store.read { try $0.dueReminders(asOf: day(date)) } }

  @Test func nothingWithinTerms() throws {
    #expect(try due("2024-12-02").isEmpty)
    #expect(try due("2024-12-03").map(\.level) == [1, 1])
    #expect(throws: LedgerError.self) {
      try store.write { try $0.recordReminder("FA-240001", level: 1, channel: .phone, on: day("2024-12-02")) }
    }
  }

  @Test func theSameReminderIsNeverRecordedTwice() throws {
    try store.write { try $0.recordReminder("FA-240001", level: 1, channel: .phone, on: day("2024-12-03")) }
    #expect(throws: LedgerError.self) {
      try store.write { try $0.recordReminder("FA-240001", level: 1, channel: .email, on: day("2024-12-20")) }
    }
    #expect(try store.count("reminder") == 1)
  }

  @Test func remindersAreSpacedUnlessForced() throws {
    try store.write { try $0.recordReminder("FA-240001", level: 1, channel: .phone, on: day("2024-12-03")) }
    #expect(throws: LedgerError.self) {
      try store.write { try $0.recordReminder("FA-240001", level: 2, channel: .registeredLetter, on: day("2024-12-10")) }
    }
    try store.write { try $0.recordReminder("FA-240001", level: 2, channel: .registeredLetter, on: day("2024-12-10"), force: true) }
    #expect(throws: LedgerError.self) {  // lower than one already sent
      try store.write { try $0.recordReminder("FA-240002", level: 2, channel: .phone, on: day("2024-12-10")) ; try $0.recordReminder("FA-240002", level: 1, channel: .phone, on: day("2024-12-30")) }
    }
  }

  @Test func neverForAPaidOrContestedInvoice() throws {
    try store.write {
      try $0.addPayment(PaymentDraft(amount: Cents(30_000), receivedOn: day("2024-12-05"), method: .cheque, clientName: "M. Particulier"))
      _ = try $0.setDispute("FA-240001", from: day("2024-12-04"))
    }
    #expect(try due("2024-12-10").isEmpty)
    #expect(try due("2024-12-04").map(\.number) == ["FA-240002"])  // paid the next day
    #expect(throws: LedgerError.self) { try store.write { try $0.recordReminder("FA-240001", level: 1, channel: .phone, on: day("2024-12-10")) } }
    #expect(throws: LedgerError.self) { try store.write { try $0.recordReminder("FA-240002", level: 1, channel: .phone, on: day("2024-12-10")) } }
    #expect(throws: LedgerError.self) { try store.write { try $0.recordReminder("FA-240003", level: 1, channel: .phone, on: day("2024-12-10")) } }
  }

  @Test func levelsThreeAndFourClaimThePenaltyAndTheIndemnityFromProfessionals() throws {
    try store.write { session in
      for number in ["FA-240001", "FA-240002"] {
        try session.recordReminder(number, level: 1, channel: .phone, on: day("2024-12-03"))
        try session.recordReminder(number, level: 2, channel: .registeredLetter, on: day("2024-12-18"))
      }
    }
    let actions = try due("2025-01-02")
    #expect(actions.map(\.level) == [3, 3])
    let pro = try #require(actions.first { $0.client == "Pro SARL" })
    #expect(pro.daysLate == 31)
    #expect(pro.amountDue == Cents(50_000))
    // L441-10 II, day by day: 29 days of H2 2024 at 4.25 + 10 % and 2 days of H1 2025 at
    // 3.15 + 10 %: 500.00 × (14.25 % × 29 + 13.15 % × 2) / 365 = 6.0212… → 6.02
    #expect(pro.penalty == Cents(602))
    #expect(pro.penaltyRateBasisPoints == 1315)
    #expect(pro.claim?.periods.map(\.days) == [29, 2])
    #expect(pro.indemnity == Cents(4_000))
    #expect(pro.payWithinDays == 2)
    let consumer = try #require(actions.first { $0.client == "M. Particulier" })
    #expect(consumer.indemnity == nil)
    // C. civ. 1231-6: a consumer owes interest from the mise en demeure, which this step is.
    #expect(consumer.penalty == .zero)
    #expect(consumer.claim?.basis == .legalInterest)
  }

  /// A promise to pay records the day promised; no reminder is proposed before it has
  /// passed (and the next level is proposed the day after, if still unpaid).
  @Test func aPromiseHoldsTheRemindersUntilItsDayHasPassed() throws {
    try store.write { try $0.recordReminder("FA-240001", level: 1, channel: .phone, on: day("2024-12-03"), note: "Appel, promesse pour le 15") }
    #expect(throws: LedgerError.self) { try store.write { _ = try $0.setReminderOutcome("FA-240001", level: 1, outcome: .promise) } }
    try store.write { _ = try $0.setReminderOutcome("FA-240001", level: 1, outcome: .promise, promisedOn: day("2024-12-31")) }
    let report = try store.read { try $0.report(asOf: day("2024-12-31")) }
    #expect(report.reminders.map(\.outcome) == [.promise])
    #expect(try due("2024-12-31").map(\.number) == ["FA-240002"])  // level 2 was due on the 18th
    #expect(try due("2025-01-01").map(\.number).contains("FA-240001"))
    #expect(throws: LedgerError.self) { try store.write { _ = try $0.setReminderOutcome("FA-240001", level: 2, outcome: .paid) } }
  }

  /// `paid` needs a payment that settles the invoice; `disputed` puts it in litige.
  @Test func anOutcomeSaysWhatHappenedToTheInvoice() throws {
    try store.write { try $0.recordReminder("FA-240001", level: 1, channel: .phone, on: day("2024-12-03")) }
    #expect(throws: LedgerError.self) { try store.write { _ = try $0.setReminderOutcome("FA-240001", level: 1, outcome: .paid) } }
    try store.write { _ = try $0.addPayment(PaymentDraft(amount: Cents(50_000), receivedOn: day("2024-12-05"), method: .virement, clientName: "Pro SARL")) }
    try store.write { _ = try $0.setReminderOutcome("FA-240001", level: 1, outcome: .paid) }
    try store.write { try $0.recordReminder("FA-240002", level: 1, channel: .phone, on: day("2024-12-03"), outcome: .disputed) }
    #expect(try store.read { try $0.details(of: "FA-240002", asOf: day("2024-12-10")) }.status == .disputed)
    #expect(try due("2025-02-01").isEmpty)
  }

  /// Seed 000: a registered letter, then the mise en demeure: level 3 without level 2 is
  /// refused, or forced and noted in the journal.
  @Test func aLevelIsNeverSkippedUnlessForcedAndNoted() throws {
    try store.write { try $0.recordReminder("FA-240001", level: 1, channel: .phone, on: day("2024-12-03")) }
    #expect(throws: LedgerError.self) {
      try store.write { try $0.recordReminder("FA-240001", level: 3, channel: .registeredLetterAR, on: day("2024-12-20")) }
    }
    try store.write { try $0.recordReminder("FA-240001", level: 3, channel: .registeredLetterAR, on: day("2024-12-20"), force: true) }
    let noted = try store.read { try String.fetchAll($0.database, sql: "SELECT new FROM journal WHERE field = 'forced'") }
    #expect(noted == ["level 3 without level 2"])
  }

  /// A dispute that ended is kept: a day inside it still shows *Litige*.
  @Test func aPastDisputeStillShowsOnItsDays() throws {
    try store.write { _ = try $0.setDispute("FA-240001", from: day("2024-12-05")) }
    try store.write { _ = try $0.setDispute("FA-240001", from: nil, endedOn: day("2024-12-20")) }
    #expect(try store.read { try $0.details(of: "FA-240001", asOf: day("2024-12-10")) }.status == .disputed)
    #expect(try store.read { try $0.details(of: "FA-240001", asOf: day("2024-12-19")) }.status == .disputed)
    #expect(try store.read { try $0.details(of: "FA-240001", asOf: day("2024-12-20")) }.status != .disputed)
    #expect(try store.read { try $0.details(of: "FA-240001", asOf: day("2024-12-04")) }.status != .disputed)
    // No reminder on a day in litige, looking back; reminders again after.
    #expect(try due("2024-12-10").map(\.number) == ["FA-240002"])
    #expect(try due("2024-12-21").map(\.number).contains("FA-240001"))
  }
}
