import GRDB
import OOXML
import Testing

@testable import Ledger
import TestSupport

/// Every write that changes what an invoice shows records the invoice as changed since the
/// clock last moved, whichever command made it (the triggers of ``LedgerSchema``); a sync
/// projects only those.
@Suite struct LedgerChangeTests {
  /// Four invoices of two clients, then the clock moved on: nothing changed since.
  func ledgerWithInvoices() throws -> (TemporaryLedger, tick: Int64) {
    let store = try TemporaryLedger()
    let tick = try store.write { session in
      try session.addClient(Client(name: "Art company"))
      try session.addClient(Client(name: "Dumont & co"))
      for (client, date) in [("Art company", "2024-11-02"), ("Art company", "2024-11-03"), ("Dumont & co", "2024-11-04"), ("Dumont & co", "2024-11-05")] {
        try session.addInvoice(InvoiceDraft(clientName: client, issueDate: day(date), ht: Cents(10_000), vatRate: VATRate(basisPoints: 2_000)))
      }
      return try session.advanceChangeClock()
    }
    return (store, tick)
  }

  func changed(_ store: TemporaryLedger, since tick: Int64) throws -> Set<String>? {
    try store.read { try $0.invoicesChanged(since: tick) }
  }

  @Test func nothingChangedRightAfterTheClockMoved() throws {
    let (store, tick) = try ledgerWithInvoices()
    #expect(try changed(store, since: tick) == [])
    // Before the move, every invoice was new.
    #expect(try changed(store, since: tick - 1) == ["FA-240001", "FA-240002", "FA-240003", "FA-240004"])
  }

  @Test func eachKindOfWriteMarksItsInvoices() throws {
    let (store, tick) = try ledgerWithInvoices()
    try store.write { try $0.addPayment(PaymentDraft(amount: Cents(5_000), receivedOn: day("2024-11-20"), method: .virement, clientName: "Art company", invoices: [("FA-240002", nil)])) }
    #expect(try changed(store, since: tick) == ["FA-240002"])

    let next = try store.write { try $0.advanceChangeClock() }
    try store.write { _ = try $0.recordReminder("FA-240003", level: 1, channel: .email, on: day("2024-12-10"), force: true) }
    #expect(try changed(store, since: next) == ["FA-240003"])

    let third = try store.write { try $0.advanceChangeClock() }
    let credit = try store.write { try $0.addCreditNote(against: "FA-240004", on: day("2024-12-01"), ht: Cents(1_000)) }
    #expect(try changed(store, since: third) == ["FA-240004", credit.number])

    let fourth = try store.write { try $0.advanceChangeClock() }
    try store.write { session in try session.database.execute(sql: "UPDATE client SET name = 'Art & co' WHERE name = 'Art company'") }
    #expect(try changed(store, since: fourth) == ["FA-240001", "FA-240002"])

    let fifth = try store.write { try $0.advanceChangeClock() }
    try store.write { session in try session.database.execute(sql: "UPDATE payment SET method = 'cheque'") }
    #expect(try changed(store, since: fifth) == ["FA-240002"])

    let sixth = try store.write { try $0.advanceChangeClock() }
    var correction = InvoiceCorrection()
    correction.notes = .some("appelé")
    try store.write { _ = try $0.correctInvoice("FA-240001", correction) }
    #expect(try changed(store, since: sixth) == ["FA-240001"])
    // Changes since an earlier tick include the later ones.
    #expect(try changed(store, since: fourth) == ["FA-240001", "FA-240002"])
  }

  @Test func aSettingChangesEveryInvoice() throws {
    let (store, tick) = try ledgerWithInvoices()
    try store.write { try $0.setSetting(key: "dunning.spacing_days", value: "10") }
    #expect(try changed(store, since: tick) == nil)
  }
}

/// The invoices a sync projects again when the day changed: every invoice left out shows
/// the same line on both days.
@Suite struct LedgerDayDependenceTests {
  @Test(arguments: 0..<12)
  func anInvoiceLeftOutShowsTheSameLineOnBothDays(seed: Int) throws {
    var random = SplitMix64(state: UInt64(seed))
    let store = try TemporaryLedger()
    let start = day("2024-09-01")
    try store.write { session in
      try session.addClient(Client(name: "Art company"))
      var issued = start
      for index in 0..<40 {
        // (In date order, 0 to 3 days apart: a series is chronological.)
        issued = issued.adding(days: Int.random(in: 0...3, using: &random))
        let invoice = try session.addInvoice(
          InvoiceDraft(clientName: "Art company", issueDate: issued, ht: Cents(Int64.random(in: 100...5_000, using: &random) * 100), vatRate: VATRate(basisPoints: 0)))
        // Up to three settlements (payments, a credit note) of parts of the invoice, on
        // random days; sometimes a cancellation.
        var left = invoice.ttc.value
        for part in 0..<Int.random(in: 0...3, using: &random) where left > 0 {
          let on = issued.adding(days: Int.random(in: 0...150, using: &random))
          let amount = part == 2 || Bool.random(using: &random) ? left : max(left / 2, 1)
          left -= amount
          if index % 7 == 3 && part == 0 {
            _ = try? session.addCreditNote(against: invoice.number, on: on, ht: Cents(amount))
          } else {
            _ = try? session.addPayment(
              PaymentDraft(amount: Cents(amount), receivedOn: on, method: .virement, clientName: "Art company", invoices: [(invoice.number, nil)]))
          }
        }
        if index % 9 == 4 { _ = try? session.void(invoice.number, on: issued.adding(days: Int.random(in: 0...150, using: &random))) }
      }
    }
    var leftOut = 0
    for _ in 0..<6 {
      let a = start.adding(days: Int.random(in: 0...200, using: &random))
      let b = a.adding(days: Int.random(in: -30...30, using: &random))
      try store.read { session in
        let dependent = try session.invoicesDependingOnDay(between: a, and: b)
        let lines = (try session.invoiceLines(asOf: a), try session.invoiceLines(asOf: b))
        for (x, y) in zip(lines.0, lines.1) where !dependent.contains(x.number) {
          #expect(x.status == y.status && x.paid == y.paid && x.balance == y.balance, "seed \(seed): \(x.number) on \(a) and \(b)")
        }
        leftOut += lines.0.count - dependent.count
      }
    }
    #expect(leftOut > 0, "seed \(seed): some invoices do not depend on the day")
  }
}
