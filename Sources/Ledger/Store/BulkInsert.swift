import GRDB
import GRDBSQLite
import CivilDate

/// A prepared `INSERT` run many times with values bound through SQLite's C API.
///
/// The bulk import inserts hundreds of thousands of rows; binding each value directly
/// (`sqlite3_bind_int64`, `sqlite3_bind_text`) costs a fraction of building GRDB's
/// `StatementArguments` for every row. Values are bound by 1-based index, then ``run()``
/// steps and resets the statement.
final class BulkInsert {
  private let statement: Statement
  private let db: Database

  init(_ db: Database, sql: String) throws {
    self.db = db
    statement = try db.makeStatement(sql: sql)
  }

  private var handle: SQLiteStatement { statement.sqliteStatement }

  /// The corresponding SQLite function is `sqlite3_bind_int64`.
  func bind(_ index: Int32, _ value: Int64?) {
    if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
  }

  func bind(_ index: Int32, _ value: Int) { sqlite3_bind_int64(handle, index, Int64(value)) }

  func bind(_ index: Int32, _ value: Bool) { sqlite3_bind_int64(handle, index, value ? 1 : 0) }

  /// The corresponding SQLite function is `sqlite3_bind_text`, with a transient copy.
  func bind(_ index: Int32, _ text: String?) {
    guard var text else { return _ = sqlite3_bind_null(handle, index) }
    if text.isEmpty { return _ = sqlite3_bind_text(handle, index, "", 0, Self.transient) }
    text.withUTF8 { bytes in
      _ = bytes.withMemoryRebound(to: CChar.self) { chars in
        sqlite3_bind_text(handle, index, chars.baseAddress, Int32(chars.count), Self.transient)
      }
    }
  }

  func bind(_ index: Int32, _ day: Day?) { bind(index, day?.isoText) }

  /// Inserts the bound row.
  ///
  /// - Returns: the new row's id.
  /// - Throws: a `DatabaseError` when SQLite refuses the row.
  /// - Note: The corresponding SQLite functions are `sqlite3_step` and `sqlite3_reset`.
  @discardableResult
  func run() throws -> Int64 {
    let code = sqlite3_step(handle)
    guard code == SQLITE_DONE else {
      let message = db.lastErrorMessage
      sqlite3_reset(handle)
      throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }
    sqlite3_reset(handle)
    return db.lastInsertedRowID
  }

  private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
