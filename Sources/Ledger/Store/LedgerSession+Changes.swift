import GRDB
import CivilDate

/// Which invoices changed since a moment (see the `invoice_change` table of
/// ``LedgerSchema``): a sync advances the clock when it ends, and the next one asks which
/// invoices changed at the new tick or after, to project only those.
extension LedgerSession {
  /// Moves the change clock on: every change from now on is recorded at the returned tick
  /// (or a later one).
  @discardableResult
  public func advanceChangeClock() throws -> Int64 {
    try db.execute(sql: "UPDATE change_clock SET tick = tick + 1")
    return try Int64.fetchOne(db, sql: "SELECT tick FROM change_clock") ?? 0
  }

  /// The numbers of the invoices changed at tick `tick` or later (a created, edited or
  /// deleted invoice, its client renamed, a payment, allocation, credit note or reminder of
  /// it); `nil` when the settings changed, which may change every invoice.
  public func invoicesChanged(since tick: Int64) throws -> Set<String>? {
    let numbers = try String.fetchSet(db, sql: "SELECT number FROM invoice_change WHERE tick >= ?", arguments: [tick])
    return numbers.contains("*") ? nil : numbers
  }
}

extension LedgerSession {
  /// The invoices whose status, amount paid or balance may differ between days `a` and
  /// `b`: all but those already cancelled or settled in full by the earlier day with no
  /// payment, credit note or cancellation dated between the two. (The rest of an
  /// invoice's line does not depend on the day; see ``InvoiceStatus/derive(_:asOf:policy:)``
  /// and ``InvoiceFacts/balance(asOf:)``.)
  public func invoicesDependingOnDay(between a: Day, and b: Day) throws -> Set<String> {
    let (early, late) = (min(a, b).isoText, max(a, b).isoText)
    return try String.fetchSet(
      db,
      sql: """
        WITH settlement (invoiceId, day, amount) AS (
          SELECT a.invoiceId, p.receivedOn, a.amount FROM allocation a JOIN payment p ON p.id = a.paymentId
          UNION ALL
          SELECT c.creditedInvoiceId, c.issueDate, c.ttc FROM invoice c WHERE c.creditedInvoiceId IS NOT NULL AND c.voidedOn IS NULL
        ), total (invoiceId, settled, later) AS (
          SELECT invoiceId, SUM(CASE WHEN day <= :early THEN amount ELSE 0 END), MAX(day > :early AND day <= :late)
          FROM settlement GROUP BY invoiceId
        )
        SELECT i.number FROM invoice i LEFT JOIN total t ON t.invoiceId = i.id
        WHERE i.kind = 'invoice' AND NOT (
          COALESCE(t.later, 0) = 0 AND NOT (i.voidedOn > :early AND i.voidedOn <= :late)
          AND ((i.voidedOn IS NOT NULL AND i.voidedOn <= :early) OR COALESCE(t.settled, 0) >= i.ttc))
        """, arguments: ["early": early, "late": late])
  }
}
