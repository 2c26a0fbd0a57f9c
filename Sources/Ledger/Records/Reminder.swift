import GRDB
import CivilDate

/// A reminder sent (*relance*): one row per (invoice, level), never two.
public struct Reminder: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "reminder"

  public var id: Int64?
  public var invoiceId: Int64
  /// The dunning level, from 1 (relance cordiale) to the policy's last.
  public var level: Int
  public var channel: ReminderChannel
  public var sentOn: Day
  public var note: String?
  /// What came of it, once known.
  public var outcome: ReminderOutcome?
  /// The day the client promised to pay by (outcome `promise`): no reminder before it.
  public var promisedOn: Day?

  public init(invoiceId: Int64, level: Int, channel: ReminderChannel, sentOn: Day, note: String? = nil, outcome: ReminderOutcome? = nil) {
    self.invoiceId = invoiceId
    self.level = level
    self.channel = channel
    self.sentOn = sentOn
    self.note = note
    self.outcome = outcome
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
