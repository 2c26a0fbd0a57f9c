import GRDB

/// The tracker files this ledger is bound to (the sync's bindings).
extension LedgerSession {
  /// The paths of the trackers bound to this ledger, as the sync recorded them.
  public func boundTrackerPaths() throws -> [String] {
    try String.fetchAll(db, sql: "SELECT path FROM sync_binding ORDER BY path")
  }
}
