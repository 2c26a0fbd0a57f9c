import GRDB
import GRDBSQLite
import CivilDate

/// The rows of a query read through SQLite's C API (`sqlite3_step`,
/// `sqlite3_column_int64`, `sqlite3_column_text`): the read counterpart of
/// ``BulkInsert``. A sync reads 100,000 invoices and as many base rows; decoding each
/// column through GRDB's generic `Row` costs more than the query.
///
/// Columns are read by 0-based index after ``next()`` returned `true`.
public final class RawRows {
  private let statement: Statement
  private let db: Database

  public init(_ db: Database, sql: String, arguments: StatementArguments = []) throws {
    self.db = db
    statement = try db.makeStatement(sql: sql)
    try statement.setArguments(arguments)
    sqlite3_reset(statement.sqliteStatement)
  }

  private var handle: SQLiteStatement { statement.sqliteStatement }

  /// Steps to the next row; `false` after the last.
  public func next() throws -> Bool {
    switch sqlite3_step(handle) {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    case let code: throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
    }
  }

  public func isNull(_ index: Int32) -> Bool { sqlite3_column_type(handle, index) == SQLITE_NULL }

  public func int64(_ index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }

  public func int(_ index: Int32) -> Int { Int(sqlite3_column_int64(handle, index)) }

  public func bool(_ index: Int32) -> Bool { sqlite3_column_int64(handle, index) != 0 }

  /// The column's text, `nil` when it is NULL.
  public func text(_ index: Int32) -> String? {
    withBytes(index) { String(decoding: $0, as: UTF8.self) }
  }

  /// The column's bytes (a BLOB's, or a text's UTF-8), empty when it is NULL.
  public func bytes(_ index: Int32) -> [UInt8] {
    guard let pointer = sqlite3_column_blob(handle, index) else { return [] }
    let count = Int(sqlite3_column_bytes(handle, index))
    return [UInt8](UnsafeRawBufferPointer(start: pointer, count: count))
  }

  /// The column's text read as `YYYY-MM-DD` (or a longer year, ``Day/stored(bytes:)``),
  /// `nil` when it is NULL or not a day.
  public func day(_ index: Int32) -> Day? {
    withBytes(index) { Day.stored(bytes: $0) } ?? nil
  }

  /// The column's day, which the schema says is never NULL.
  /// - Throws: ``LedgerError/damaged(path:reason:)`` when it is not a day, naming the row by
  ///   the query's first column (its key) and the column: the ledger stays readable
  ///   elsewhere, and a person knows which row to put right.
  public func requiredDay(_ index: Int32) throws -> Day {
    guard let day = day(index) else {
      let key = "\(String(cString: sqlite3_column_name(handle, 0))) \(text(0) ?? "NULL")"
      throw LedgerError.damaged(
        path: db.configuration.label ?? "ledger",
        reason: "the row whose \(key) has \(String(cString: sqlite3_column_name(handle, index))) '\(text(index) ?? "NULL")', not a day")
    }
    return day
  }

  private func withBytes<T>(_ index: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T? {
    guard let pointer = sqlite3_column_text(handle, index) else { return nil }
    return body(UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, index))))
  }
}
