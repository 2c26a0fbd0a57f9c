import GRDB

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
