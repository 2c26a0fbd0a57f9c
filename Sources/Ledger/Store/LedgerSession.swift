import GRDB

/// One command's transaction: the database connection, the command's name and time for
/// the journal. Every ledger operation is a method of a session (see the
/// `LedgerSession+…` files), so that a command is one transaction whatever it calls.
public struct LedgerSession {
  let db: Database
  /// The command the journal attributes changes to (`invoice add`…).
  public let command: String
  let timestamp: String

  init(db: Database, command: String, timestamp: String) {
    self.db = db
    self.command = command
    self.timestamp = timestamp
  }

  /// The id of the journal's latest entry (0 for an empty journal): a ledger whose latest
  /// entry is the same has not changed.
  public func latestJournalID() throws -> Int64 {
    try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM journal") ?? 0
  }

  /// Journals the creation of `value` under `entity`/`key`, as one JSON entry.
  func journalCreation(entity: String, key: String, _ value: some Journaled) throws {
    var entry = JournalEntry(entity: entity, key: key, field: nil, old: nil, new: value.journalJSON, at: timestamp, command: command)
    try entry.insert(db)
  }

  /// Journals one field's change, unless old and new are the same.
  func journalChange(entity: String, key: String, field: String, old: String?, new: String?) throws {
    guard old != new else { return }
    var entry = JournalEntry(entity: entity, key: key, field: field, old: old, new: new, at: timestamp, command: command)
    try entry.insert(db)
  }
}
