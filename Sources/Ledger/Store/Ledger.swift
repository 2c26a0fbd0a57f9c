import Foundation
import GRDB

/// A ledger file: SQLite through GRDB, in WAL mode, with foreign keys, migrated on open.
///
/// Every command runs in one transaction through ``write(command:_:)``: it either
/// commits whole or, when it throws, leaves the file as it was.
public final class Ledger: Sendable {
  /// The file's path as given.
  public let path: String
  let database: DatabaseQueue
  let clock: @Sendable () -> Date

  private init(path: String, database: DatabaseQueue, clock: @escaping @Sendable () -> Date) {
    self.path = path
    self.database = database
    self.clock = clock
  }

  /// Creates the ledger at `path`, or migrates the one already there.
  ///
  /// - Returns: the ledger, and whether it was created (`false`: it existed).
  /// - Throws: ``LedgerError/notALedger(path:reason:)`` when the file is something else.
  public static func create(at path: String, clock: @escaping @Sendable () -> Date = { Date() }) throws -> (Ledger, created: Bool) {
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
    if let size, size > 0 || FileManager.default.fileExists(atPath: path + "-wal") {
      // (`suivi init` on a ledger there: it must be whole, not merely open.)
      let ledger = try open(at: path, clock: clock)
      try ledger.checkIntegrity()
      return (ledger, false)
    }
    let database = try translatingErrors(path) {
      let database = try connect(path)
      try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
      try LedgerSchema.migrator.migrate(database)
      return database
    }
    return (Ledger(path: path, database: database, clock: clock), true)
  }

  /// Opens the ledger at `path`, applying any migration it lacks.
  ///
  /// - Throws: ``LedgerError/ledgerNotFound(path:)`` when there is no file,
  ///   ``LedgerError/notALedger(path:reason:)`` when it is not a Suivi ledger.
  public static func open(at path: String, clock: @escaping @Sendable () -> Date = { Date() }) throws -> Ledger {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw LedgerError.ledgerNotFound(path: path) }
    if isFolder.boolValue { throw LedgerError.notALedger(path: path, reason: "it is a folder") }
    let readOnly = isReadOnly(path)
    if !readOnly { repairSidecars(of: path) }
    let database = try translatingErrors(path) {
      let database = try connect(path)
      try checkIsLedger(database, path: path)
      try refuseIfNewer(database, path: path)
      // (A read-only ledger is read as it is: an upgrade would write it.)
      if !readOnly { try LedgerSchema.migrator.migrate(database) }
      return database
    }
    return Ledger(path: path, database: database, clock: clock)
  }

  /// Whether the ledger file cannot be written (its mode has no write permission, or the
  /// user may not write it): it is read, and a command that writes fails with 73.
  public var isReadOnly: Bool { Self.isReadOnly(path) }

  static func isReadOnly(_ path: String) -> Bool {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue
    else { return false }
    return mode & 0o222 == 0 || !FileManager.default.isWritableFile(atPath: path)
  }

  /// SQLite gives the `-shm` and `-wal` files beside a ledger the ledger's mode when it
  /// creates them, and a reader of a read-only ledger cannot remove them: once the ledger
  /// is writable again, they would keep every write failing (fault run F-D12). They get the
  /// ledger's mode back.
  static func repairSidecars(of path: String) {
    guard let mode = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue else { return }
    for suffix in ["-shm", "-wal"] {
      let sidecar = path + suffix
      guard let own = (try? FileManager.default.attributesOfItem(atPath: sidecar)[.posixPermissions] as? NSNumber)?.intValue,
        own & 0o200 == 0
      else { continue }
      try? FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: sidecar)
    }
  }

  /// Refuses a ledger a newer Suivi migrated: this one would misread what it added.
  private static func refuseIfNewer(_ database: DatabaseQueue, path: String) throws {
    let known = Set(LedgerSchema.migrator.migrations)
    let applied = try database.read { db in try LedgerSchema.migrator.appliedIdentifiers(db) }
    if let unknown = applied.subtracting(known).sorted().first {
      throw LedgerError.notALedger(
        path: path, reason: "it was written by a newer Suivi (its migration '\(unknown)' is unknown to this version); use that version")
    }
  }

  /// Checks the whole file (SQLite's `quick_check`).
  /// - Throws: ``LedgerError/damaged(path:reason:)``.
  public func checkIntegrity() throws {
    let result = try Self.translatingErrors(path) { try database.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") } }
    guard result == ["ok"] else { throw LedgerError.damaged(path: path, reason: .verbatim(result.prefix(2).joined(separator: "; "))) }
  }

  /// Writes a copy of the ledger as it is now to `path`, a file that must not exist (SQLite's
  /// `VACUUM INTO`: consistent, whatever the write-ahead log holds).
  public func copy(to path: String) throws {
    try Self.translatingErrors(self.path) {
      try database.writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [path]) }
    }
  }

  /// Runs `body` in one write transaction named `command` in the journal.
  ///
  /// - Throws: whatever `body` throws, after rolling back everything it did.
  public func write<T>(command: String, _ body: (LedgerSession) throws -> T) throws -> T {
    // A ledger a person made read-only is not written, even by a user the system would let.
    if isReadOnly { throw LedgerError.cannotWrite(path: path, reason: "the ledger is read-only (its permissions do not allow writing it)") }
    let timestamp = Self.iso8601(clock())
    return try Self.translatingErrors(path) {
      try database.write { db in try body(LedgerSession(db: db, command: command, timestamp: timestamp)) }
    }
  }

  /// Runs `body` in a read-only transaction.
  public func read<T>(_ body: (LedgerSession) throws -> T) throws -> T {
    try Self.translatingErrors(path) {
      try database.read { db in try body(LedgerSession(db: db, command: "read", timestamp: "")) }
    }
  }

  /// The journal entries after `id` (all of them for 0), oldest first: what the ledger
  /// changed since a sync that saw entries up to `id`.
  public func changes(since id: Int64) throws -> [JournalEntry] {
    try database.read { db in
      try JournalEntry.filter(Column("id") > id).order(Column("id")).fetchAll(db)
    }
  }

  /// The id of the latest journal entry, 0 when the journal is empty.
  public func latestChange() throws -> Int64 {
    try read { try $0.latestJournalID() }
  }

  private static func connect(_ path: String) throws -> DatabaseQueue {
    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    configuration.busyMode = .timeout(5)
    configuration.prepareDatabase { db in
      try db.execute(sql: "PRAGMA synchronous = NORMAL")
      // 8 MiB: a sync of 100,000 rows reads the ledger in scans, which the system's file
      // cache serves as well; bulk writes widen it (``LedgerSession/widenCacheForBulk(_:)``).
      try db.execute(sql: "PRAGMA cache_size = -8192")
    }
    return try DatabaseQueue(path: path, configuration: configuration)
  }

  private static func checkIsLedger(_ database: DatabaseQueue, path: String) throws {
    try database.read { db in
      let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
      if tables.isEmpty { throw LedgerError.notALedger(path: path, reason: "empty database; run `suivi init`") }
      if !tables.contains("grdb_migrations") || !tables.contains("invoice") {
        throw LedgerError.notALedger(path: path, reason: "an SQLite database without Suivi's tables")
      }
    }
  }

  /// Runs `body`, turning SQLite's errors into ``LedgerError``s that name the file.
  static func translatingErrors<T>(_ path: String, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as DatabaseError {
      switch error.resultCode {
      case .SQLITE_NOTADB: throw LedgerError.notALedger(path: path, reason: "not an SQLite database")
      case .SQLITE_BUSY, .SQLITE_LOCKED: throw LedgerError.busy(path: path)
      case .SQLITE_CORRUPT: throw LedgerError.damaged(path: path, reason: .verbatim(error.message ?? "database disk image is malformed"))
      case _ where error.message?.hasPrefix(LedgerSchema.dateOutOfRangeMarker) == true:
        throw LedgerError.dateOutOfRange(field: .verbatim(String(error.message!.dropFirst(LedgerSchema.dateOutOfRangeMarker.count))), day: "the date given")
      case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_IOERR, .SQLITE_FULL, .SQLITE_PERM:
        throw LedgerError.cannotWrite(path: path, reason: .verbatim(error.message ?? "\(error.resultCode)"))
      default: throw LedgerError.storageFailure(path: path, reason: .verbatim(error.message ?? "\(error.resultCode)"))
      }
    }
  }

  static func iso8601(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
  }
}
