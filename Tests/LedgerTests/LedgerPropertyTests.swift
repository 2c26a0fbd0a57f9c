import Foundation
import GRDB
import OOXML
import PropertyBased
import Testing

@testable import Ledger

/// The allocation invariants, checked on a real ledger after random payments.
@Suite struct LedgerPropertyTests {
  /// Invoice amounts in cents, payments as (amount in cents, day offset, explicit target or -1, with credit).
  static let invoices = Gen.int(in: 1...200_000).array(of: 1...6)
  static let payments = Gen.int(in: 1...250_000).array(of: 1...8)
  static let flags = Gen.int(in: -1...7).array(of: 8)

  @Test func allocationsNeverExceedPaymentsOrBalances() async throws {
    await propertyCheck(count: 40, input: Self.invoices, Self.payments, Self.flags) { amounts, paymentAmounts, targets in
      let store = try TemporaryLedger()
      try store.write { session in
        try session.addClient(Client(name: "Client"))
        for (index, amount) in amounts.enumerated() {
          try session.addInvoice(
            InvoiceDraft(clientName: "Client", issueDate: day("2024-01-01").adding(days: index * 3), ht: Cents(Int64(amount)), vatRate: .standard))
        }
      }
      for (index, amount) in paymentAmounts.enumerated() {
        let target = targets[index]
        let invoices = target >= 0 && target < amounts.count ? [("FA-24\(InvoiceNumber.pad(target + 1, 4))", Cents?.none)] : []
        let draft = PaymentDraft(
          amount: Cents(Int64(amount)), receivedOn: day("2024-02-01").adding(days: index), method: .virement,
          reference: "R\(index)", clientName: "Client", invoices: invoices, allowCredit: index % 2 == 0)
        _ = try? store.write { try $0.addPayment(draft) }  // refused overpayments write nothing
      }
      try Self.checkInvariants(store)
    }
  }

  static func checkInvariants(_ store: TemporaryLedger) throws {
    try store.read { session in
      let db = session.db
      // Allocations of a payment sum to at most its amount; the rest is the client's credit.
      for row in try Row.fetchAll(db, sql: "SELECT p.amount, IFNULL(SUM(a.amount), 0) FROM payment p LEFT JOIN allocation a ON a.paymentId = p.id GROUP BY p.id") {
        #expect((row[1] as Int64) <= (row[0] as Int64))
      }
      let credit = try session.report(asOf: day("2030-01-01")).credit.value
      let unallocated = try Int64.fetchOne(db, sql: "SELECT IFNULL(SUM(amount), 0) - IFNULL((SELECT SUM(amount) FROM allocation), 0) FROM payment")!
      #expect(credit == unallocated)
      // An invoice's balance is TTC minus its allocations, and never negative.
      let facts = try session.facts()
      for invoice in try session.invoices() {
        let allocated = try Int64.fetchOne(db, sql: "SELECT IFNULL(SUM(amount), 0) FROM allocation WHERE invoiceId = ?", arguments: [invoice.id!])!
        let balance = facts[invoice.id!]!.balance(asOf: day("2030-01-01"))
        #expect(balance.value == invoice.ttc.value - allocated)
        #expect(balance >= .zero)
        // The status is a function of the facts and the day: the same facts give the same status,
        // réglée exactly when nothing is left.
        for offset in stride(from: 0, through: 400, by: 37) {
          let when = day("2024-01-01").adding(days: offset)
          let status = InvoiceStatus.derive(facts[invoice.id!]!, asOf: when, policy: .standard)
          #expect(status == InvoiceStatus.derive(facts[invoice.id!]!, asOf: when, policy: .standard))
          let left = facts[invoice.id!]!.balance(asOf: when)
          if when >= invoice.issueDate { #expect((status == .paid) == !left.isPositive) }
        }
      }
    }
  }

  @Test func statusDependsOnlyOnTheFactsAndTheDay() async {
    let days = Gen.int(in: 0...400)
    let settlements = Gen.int(in: 0...60_000).array(of: 0...4)
    await propertyCheck(count: 300, input: days, settlements, Gen.int(in: 0...3), Gen.int(in: 0...400)) { offset, paid, reminders, disputeOffset in
      var facts = InvoiceFacts(issueDate: day("2024-01-01"), dueDate: day("2024-01-31"), ttc: Cents(100_000))
      facts.settlements = paid.enumerated().map { .init(day: day("2024-01-05").adding(days: $0.offset * 20), amount: Cents(Int64($0.element))) }
      guard facts.settlements.map(\.amount).sum() <= facts.ttc else { return }
      facts.reminders = (0..<reminders).map { .init(level: $0 + 1, sentOn: day("2024-02-01").adding(days: $0 * 15)) }
      if disputeOffset > 300 { facts.disputedOn = day("2024-01-01").adding(days: disputeOffset - 300) }
      let when = day("2024-01-01").adding(days: offset)
      let status = InvoiceStatus.derive(facts, asOf: when, policy: .standard)
      // Shuffling the order facts were recorded in changes nothing.
      var shuffled = facts
      shuffled.settlements.reverse()
      shuffled.reminders.reverse()
      #expect(InvoiceStatus.derive(shuffled, asOf: when, policy: .standard) == status)
      // Facts dated after the day change nothing.
      var later = facts
      later.settlements.append(.init(day: when.adding(days: 1), amount: Cents(1)))
      later.reminders.append(.init(level: 4, sentOn: when.adding(days: 1)))
      #expect(InvoiceStatus.derive(later, asOf: when, policy: .standard) == status)
      // Never reminded within terms, when paid, or in litige.
      let remindable = status == .toRemind
      if remindable {
        #expect(when > facts.dueDate)
        #expect(facts.balance(asOf: when).isPositive)
        #expect(!facts.isDisputed(asOf: when))
      }
    }
  }
}
