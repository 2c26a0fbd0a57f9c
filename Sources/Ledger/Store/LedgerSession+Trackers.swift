import GRDB

/// The tracker files this ledger is bound to (the sync's bindings).
extension LedgerSession {
  /// The paths of the trackers bound to this ledger, as the sync recorded them.
  public func boundTrackerPaths() throws -> [String] {
    try String.fetchAll(db, sql: "SELECT path FROM sync_binding ORDER BY path")
  }

  /// Whether the tracker at `path` (as the sync records it) is bound to this ledger.
  public func isTrackerBound(_ path: String) throws -> Bool {
    try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sync_binding WHERE path = ?)", arguments: [path]) ?? false
  }
}
