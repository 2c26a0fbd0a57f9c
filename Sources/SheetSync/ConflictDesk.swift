import Ledger

/// Open conflicts across every bound tracker, and decisions on them.
public struct ConflictDesk {
  let ledger: Ledger

  public init(ledger: Ledger) { self.ledger = ledger }

  /// The open conflicts, oldest first.
  public func openConflicts() throws -> [SyncConflict] {
    try ledger.read { session in
      guard try session.database.tableExists("sync_conflict") else { return [] }
      return try SyncStore(db: session.database).conflicts(of: nil)
    }
  }

  /// Records a decision; the next sync applies it.
  /// - Throws: ``SyncError/unknownConflict(id:)`` when no open conflict has the id.
  @discardableResult
  public func resolve(_ id: String, _ resolution: SyncConflict.Resolution, value: String? = nil) throws -> SyncConflict {
    try ledger.write(command: "resolve") { session in
      try SyncStore.prepare(session.database)
      let store = SyncStore(db: session.database)
      guard var conflict = try store.conflicts(of: nil).first(where: { $0.id == id }) else { throw SyncError.unknownConflict(id: id) }
      _ = try store.resolve(id: id, resolution: resolution, decided: value, at: session.commandTime)
      conflict.resolution = resolution
      conflict.decided = value
      return conflict
    }
  }
}
