import Foundation
import GRDB
import OOXML
import Testing

@testable import Ledger

/// A ledger written by the version before numbers in any series (schema v2) opens with
/// everything it held: invoices keep their numbers and find their series, payments,
/// credit notes and reminders stay attached, and the change clock goes on.
@Suite struct LedgerMigrationTests {
  @Test func aLedgerOfTheEarlierVersionKeepsEverythingItHeld() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-v2-\(UUID().uuidString).sqlite").path
    do {
      let queue = try DatabaseQueue(path: path)
      try LedgerSchema.migrator.migrate(queue, upTo: "v2: invoice change ticks")
      try queue.write { db in
        try db.execute(sql: """
          INSERT INTO client (id, name) VALUES (1, 'Dumont & co');
          INSERT INTO invoice (id, number, prefix, year, sequence, kind, clientId, issueDate, dueDate, ht, vatRate, vat, ttc)
            VALUES (1, 'FA-240001', 'FA', 24, 1, 'invoice', 1, '2024-01-02', '2024-02-01', 100000, 2000, 20000, 120000);
          INSERT INTO invoice (id, number, prefix, year, sequence, kind, clientId, issueDate, dueDate, ht, vatRate, vat, ttc)
            VALUES (2, 'FA-240002', 'FA', 24, 2, 'invoice', 1, '2024-01-05', '2024-02-04', 50000, 2000, 10000, 60000);
          INSERT INTO invoice (id, number, prefix, year, sequence, kind, clientId, issueDate, dueDate, ht, vatRate, vat, ttc, creditedInvoiceId)
            VALUES (3, 'AV-240001', 'AV', 24, 1, 'credit_note', 1, '2024-01-10', '2024-01-10', 10000, 2000, 2000, 12000, 1);
          INSERT INTO payment (id, clientId, receivedOn, amount, method, payer) VALUES (1, 1, '2024-02-10', 60000, 'virement', 'Dumont & co');
          INSERT INTO allocation (paymentId, invoiceId, amount) VALUES (1, 2, 60000);
          INSERT INTO reminder (invoiceId, level, channel, sentOn) VALUES (1, 1, 'phone', '2024-02-05');
          """)
      }
    }
    let ledger = try Ledger.open(at: path)
    try ledger.read { session in
      let first = try session.invoice(numbered: "fa-240001")  // whatever its case
      #expect(first.number == "FA-240001" && first.series == "FA-24" && first.counter == 1)
      #expect(first.ht == Cents(100_000) && first.vatRate == .standard && first.ttc == Cents(120_000))
      let details = try session.details(of: "FA-240001", asOf: Day(year: 2024, month: 3, day: 1)!)
      #expect(details.balance == Cents(108_000))  // the credit note still reduces it
      #expect(details.reminders.map(\.level) == [1])
      #expect(try session.details(of: "FA-240002", asOf: Day(year: 2024, month: 3, day: 1)!).balance == .zero)
      #expect(try session.invoice(numbered: "AV-240001").creditedInvoiceId == 1)
      #expect(try session.nextNumber(on: Day(year: 2024, month: 6, day: 1)!).text == "FA-240003")
      #expect(try session.nextNumber(prefix: "AV", on: Day(year: 2024, month: 6, day: 1)!).text == "AV-240002")
      #expect(try session.numberingGaps().isEmpty)
      #expect(try Row.fetchAll(session.database, sql: "PRAGMA foreign_key_check").isEmpty)
    }
    // The change clock still records what a command changes.
    let tick = try ledger.write(command: "test") { try $0.advanceChangeClock() }
    try ledger.write(command: "payment add") { session in
      _ = try session.addPayment(
        PaymentDraft(amount: Cents(10_000), receivedOn: Day(year: 2024, month: 3, day: 1)!, method: .cheque, invoices: [("FA-240001", nil)]))
    }
    #expect(try ledger.read { try $0.invoicesChanged(since: tick) } == ["FA-240001"])
  }

  /// A ledger that set one flat ECB rate (`penalty.ecb_rate`, before rates by half-year)
  /// opens with it as the rate of the half-year it was set in, or without it when it was
  /// that half-year's rate anyway: its settings load, and no other half-year changes.
  @Test(arguments: [("4.00", ["rate.ecb.2025-H1": "4.00"]), ("3.15", [:])])
  func aFlatECBRateBecomesTheRateOfTheHalfYearItWasSetIn(value: String, expected: [String: String]) throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-v6-\(UUID().uuidString).sqlite").path
    do {
      let queue = try DatabaseQueue(path: path)
      try LedgerSchema.migrator.migrate(queue, upTo: "v6: dates within 1900-01-01 … 9999-12-31")
      try queue.write { db in
        try db.execute(sql: "INSERT INTO setting (key, value) VALUES ('penalty.ecb_rate', ?)", arguments: [value])
        try db.execute(
          sql: "INSERT INTO journal (entity, key, field, old, new, at, command) VALUES ('setting', 'penalty.ecb_rate', 'value', NULL, ?, '2025-03-02T10:00:00Z', 'config set')",
          arguments: [value])
      }
    }
    let ledger = try Ledger.open(at: path)
    let stored = try ledger.read { try $0.storedSettings() }
    #expect(Dictionary(uniqueKeysWithValues: stored.map { ($0.key, $0.value) }) == expected)
    let settings = try ledger.read { try $0.settings() }
    #expect(settings.penaltyRate(in: HalfYear("2025-H1")!).basisPoints == (value == "4.00" ? 1400 : 1315))
    #expect(settings.penaltyRate(in: HalfYear("2024-H2")!).basisPoints == 1425)
  }
}
