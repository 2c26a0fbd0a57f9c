import GRDB

extension LedgerSession {
  /// The command's database connection, inside its transaction: for modules that keep
  /// their own tables in the ledger file (the sync state of `SheetSync`), so that their
  /// writes and the ledger's commit or roll back together.
  public var database: Database { db }

  /// The time the command runs at (ISO 8601), as the journal records it.
  public var commandTime: String { timestamp }
}
