import CivilDate
import Foundation
import Testing
import TestSupport

@testable import Ledger

/// The report an assistant sends the owner (seed 000: the *tableau récapitulatif*): its
/// DSO counts issued invoices only, it lists each reminder's note and outcome in words,
/// and its totals reconcile.
@Suite struct ReportLawTests {
  /// A 12,000 draft awaiting approval made the DSO 0.8 days with 100 owed: a draft is not
  /// invoiced yet.
  @Test func aDraftAwaitingApprovalIsNotInvoicedInTheDSO() throws {
    let store = try TemporaryLedger()
    try store.write { session in
      try session.addClient(Client(name: "Art company"))
      _ = try session.addInvoice(InvoiceDraft(clientName: "Art company", issueDate: day("2024-10-05"), ht: Cents(10_000), vatRate: VATRate(basisPoints: 0)))
      var draft = InvoiceDraft(clientName: "Art company", issueDate: day("2024-12-30"), ht: Cents(1_200_000), vatRate: VATRate(basisPoints: 0))
      draft.needsApproval = true
      _ = try session.addInvoice(draft)
    }
    let report = try store.read { try $0.report(asOf: day("2024-12-31")) }
    #expect(report.invoiced == Cents(10_000))
    #expect(report.owed == Cents(10_000))
    #expect(report.dsoTenths == 900)  // 100 owed on 100 invoiced over 90 days
  }

  /// Seed 000: the recap gives each reminder with what was said and what came of it.
  @Test func theRecapGivesEachRemindersNoteAndOutcomeInWords() throws {
    let store = try TemporaryLedger()
    try store.write { session in
      try session.addClient(Client(name: "Pro SARL"))
      _ = try session.addInvoice(InvoiceDraft(clientName: "Pro SARL", issueDate: day("2024-11-02"), ht: Cents(50_000), vatRate: VATRate(basisPoints: 0)))
      try session.recordReminder(
        "FA-240001", level: 1, channel: .phone, on: day("2024-12-03"), note: "M. Martin rappellera", outcome: .promise,
        promisedOn: day("2024-12-15"))
    }
    let line = try #require(try store.read { try $0.report(asOf: day("2024-12-31")) }.reminders.first)
    #expect(line.note == "M. Martin rappellera" && line.outcome?.label == "promesse de paiement" && line.promisedOn == day("2024-12-15"))
  }

  /// Over random ledgers (invoices, drafts, payments with and without credit, credit
  /// notes), the report over the whole history reconciles: owed = invoiced − (collected −
  /// client credit). Seeded.
  @Test(arguments: 0..<25)
  func theReportsTotalsReconcile(seed: UInt64) throws {
    var random = SplitMix64(state: seed)
    let store = try TemporaryLedger()
    let clients = ["Art company", "Dumont & co"]
    var day = Day(year: 2024, month: 1, day: 2)!
    try store.write { session in
      for name in clients { try session.addClient(Client(name: name)) }
      for _ in 0..<40 {
        day = day.adding(days: random.below(6))
        let client = clients[random.below(2)]
        switch random.below(4) {
        case 0, 1:
          var draft = InvoiceDraft(clientName: client, issueDate: day, ht: Cents(Int64(1 + random.below(200_000))), vatRate: .standard)
          draft.needsApproval = random.below(5) == 0
          _ = try session.addInvoice(draft)
        case 2:
          _ = try? session.addPayment(
            PaymentDraft(amount: Cents(Int64(1 + random.below(150_000))), receivedOn: day, method: .virement, clientName: client, allowCredit: random.below(2) == 0))
        default:
          let open = try session.invoices().filter { !$0.needsApproval && $0.issueDate <= day }
          if let invoice = open.randomElement(using: &random), case let balance = try session.currentBalance(of: invoice), balance.value > 100 {
            _ = try? session.addCreditNote(against: invoice.number, on: day, ht: Cents(Int64(1 + random.below(Int(balance.value / 2)))))
          }
        }
      }
    }
    let end = day.adding(days: random.below(30))
    let report = try store.read { try $0.report(asOf: end, from: Day(year: 2024, month: 1, day: 1)!) }
    #expect(report.owed == report.invoiced - (report.collected - report.credit), "seed \(seed): \(report.owed) ≠ \(report.invoiced) − (\(report.collected) − \(report.credit))")
    #expect(report.aged.buckets.map(\.amount).reduce(.zero, +) == report.owed, "seed \(seed)")
  }
}
