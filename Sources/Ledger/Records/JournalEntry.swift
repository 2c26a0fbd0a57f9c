import GRDB

/// One change to the ledger: what (entity, key, field), old → new, when, by which command.
///
/// Ids increase monotonically (SQLite `AUTOINCREMENT`: never reused, even after a
/// rollback), so a reader that remembers the last id it saw gets exactly the later
/// changes from ``Ledger/changes(since:)``. A created record is one entry with `field`
/// `nil` and `new` the record as JSON; an update is one entry per changed field.
public struct JournalEntry: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "journal"

  public var id: Int64?
  /// `client`, `invoice`, `payment`, `allocation`, `reminder`, `setting`.
  public var entity: String
  /// The entity's key as people know it: a client's name, an invoice number, a payment id.
  public var key: String
  /// The field changed, or `nil` when the record was created.
  public var field: String?
  public var old: String?
  public var new: String?
  /// When, as ISO 8601 UTC (`2024-11-02T10:30:00Z`).
  public var at: String
  /// The command that made the change (`invoice add`, `payment add`…).
  public var command: String

  public init(entity: String, key: String, field: String?, old: String?, new: String?, at: String, command: String) {
    self.entity = entity
    self.key = key
    self.field = field
    self.old = old
    self.new = new
    self.at = at
    self.command = command
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
