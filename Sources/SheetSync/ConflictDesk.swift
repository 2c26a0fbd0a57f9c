import Ledger

/// Open conflicts across every bound tracker, and decisions on them.
public struct ConflictDesk {
  let ledger: Ledger

  public init(ledger: Ledger) { self.ledger = ledger }

  /// The open conflicts, oldest first.
  public func openConflicts() throws -> [SyncConflict] {
    try ledger.read { session in
      return try SyncStore(db: session.database).conflicts(of: nil)
    }
  }

  /// Records a decision; the next sync applies it.
  /// - Throws: ``SyncError/unknownConflict(id:)`` when no open conflict has the id,
  ///   ``SyncError/badValue(id:column:value:)`` when the value cannot be the column's.
  @discardableResult
  public func resolve(_ id: String, _ resolution: SyncConflict.Resolution, value: String? = nil) throws -> SyncConflict {
    try ledger.write(command: "resolve") { session in
      let store = SyncStore(db: session.database)
      guard let conflict = try store.conflicts(of: nil).first(where: { $0.id == id }) else { throw SyncError.unknownConflict(id: id) }
      return try Self.decide(conflict, resolution, value: value, store: store, at: session.commandTime)
    }
  }

  /// Records one decision for every open conflict of `kind` (all at once, or none); the
  /// conflicts decided.
  @discardableResult
  public func resolve(kind: SyncConflict.Kind, _ resolution: SyncConflict.Resolution, value: String? = nil) throws -> [SyncConflict] {
    try ledger.write(command: "resolve") { session in
      let store = SyncStore(db: session.database)
      return try store.conflicts(of: nil).filter { $0.kind == kind }.map {
        try Self.decide($0, resolution, value: value, store: store, at: session.commandTime)
      }
    }
  }

  private static func decide(
    _ conflict: SyncConflict, _ resolution: SyncConflict.Resolution, value: String?, store: SyncStore, at time: String
  ) throws -> SyncConflict {
    var conflict = conflict
    // A value of the column's kind, checked now rather than by the next sync.
    if let value, let column = SyncColumn(rawValue: conflict.column), CellNormalizer.isUnreadable(CellNormalizer.normalize(text: value, kind: column.kind)) {
      throw SyncError.badValue(id: conflict.id, column: column.header, value: value)
    }
    _ = try store.resolve(id: conflict.id, resolution: resolution, decided: value, at: time)
    conflict.resolution = resolution
    conflict.decided = value
    return conflict
  }
}
