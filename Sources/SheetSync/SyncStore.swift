import Foundation
import GRDB
import Ledger

/// Suivi's sync state, kept in the ledger file beside the ledger's own tables (made by the
/// ledger's migration `v4`) and written in the same transaction as the ledger changes a
/// sync makes: the bindings of tracker files, each synced row's base (both sides' values
/// at the last sync), the conflicts, and a journal of runs.
struct SyncStore {
  let db: Database

  struct Binding {
    var id: Int64
    var path: String
    var sheet: String?
    var checksum: String?
    var journalID: Int64
    var asOf: String?
    /// A run left work for a later one (values for the sheet a pull did not write, sheet
    /// edits a push did not apply): the next run cannot take the fast path.
    var pushPending = false
  }

  func binding(path: String) throws -> Binding? {
    try Row.fetchOne(db, sql: "SELECT id, path, sheet, checksum, journal_id, as_of, push_pending FROM sync_binding WHERE path = ?", arguments: [path]).map {
      Binding(id: $0[0], path: $0[1], sheet: $0[2], checksum: $0[3], journalID: $0[4], asOf: $0[5], pushPending: $0[6])
    }
  }

  /// The binding of a tracker that carries the id `trackerID` in its custom properties,
  /// wherever it is now: its path is updated (a moved or renamed file keeps its history).
  func binding(trackerID: String, path: String) throws -> Binding? {
    guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM sync_binding WHERE tracker_id = ?", arguments: [trackerID]) else {
      return nil
    }
    try db.execute(sql: "DELETE FROM sync_binding WHERE path = ? AND id <> ?", arguments: [path, id])
    try db.execute(sql: "UPDATE sync_binding SET path = ? WHERE id = ?", arguments: [path, id])
    return try binding(path: path)
  }

  func setTrackerID(_ trackerID: String, of binding: Binding) throws {
    try db.execute(sql: "UPDATE sync_binding SET tracker_id = ? WHERE id = ?", arguments: [trackerID, binding.id])
  }

  /// Every tracker bound to this ledger.
  func allBindings() throws -> [Binding] {
    try Row.fetchAll(db, sql: "SELECT id, path, sheet, checksum, journal_id, as_of, push_pending FROM sync_binding ORDER BY id").map {
      Binding(id: $0[0], path: $0[1], sheet: $0[2], checksum: $0[3], journalID: $0[4], asOf: $0[5], pushPending: $0[6])
    }
  }

  /// A tracker moved or renamed: its binding (base, conflicts, mapping) follows it.
  func rebind(_ binding: Binding, to path: String) throws -> Binding {
    try db.execute(sql: "UPDATE sync_binding SET path = ? WHERE id = ?", arguments: [path, binding.id])
    try db.execute(sql: "UPDATE sync_mapping SET path = ? WHERE path = ?", arguments: [path, binding.path])
    var moved = binding
    moved.path = path
    moved.checksum = nil  // not the fast path's file any more
    return moved
  }

  /// A copy of a tracker starts from the original's last sync: its base and its mapping.
  func copy(_ original: Binding, to path: String) throws -> Binding {
    let copy = try createBinding(path: path, sheet: original.sheet)
    try db.execute(
      sql: "INSERT INTO sync_base (binding_id, number, sheet_values, ledger_values) SELECT ?, number, sheet_values, ledger_values FROM sync_base WHERE binding_id = ?",
      arguments: [copy.id, original.id])
    try db.execute(
      sql: "INSERT OR IGNORE INTO sync_mapping (path, mapping) SELECT ?, mapping FROM sync_mapping WHERE path = ?", arguments: [path, original.path])
    // Its open conflicts too: the copy shows them (highlights, notes, Conflits rows) as
    // the original did.
    try db.execute(
      sql: """
        INSERT INTO sync_conflict (binding_id, id, number, col, kind, base, ledger, sheet, cell, raised_at, resolution, decided, resolved_at, closed, flagged)
        SELECT ?, id, number, col, kind, base, ledger, sheet, cell, raised_at, resolution, decided, resolved_at, closed, flagged
        FROM sync_conflict WHERE binding_id = ? AND (closed = 0 OR flagged = 1)
        """,
      arguments: [copy.id, original.id])
    return copy
  }

  /// Whether a person decided for the ledger on the conflict `id` of `binding` (closed
  /// since): a row they said to leave out of the ledger.
  func wasDecidedForLedger(_ id: String, binding: Binding) throws -> Bool {
    try Bool.fetchOne(
      db, sql: "SELECT EXISTS (SELECT 1 FROM sync_conflict WHERE binding_id = ? AND id = ? AND closed = 1 AND resolution = 'ledger')",
      arguments: [binding.id, id]) ?? false
  }

  func createBinding(path: String, sheet: String?) throws -> Binding {
    try db.execute(sql: "INSERT INTO sync_binding (path, sheet) VALUES (?, ?)", arguments: [path, sheet])
    return Binding(id: db.lastInsertedRowID, path: path, sheet: sheet, checksum: nil, journalID: 0, asOf: nil)
  }

  func update(_ binding: Binding, at time: String) throws {
    try db.execute(
      sql: "UPDATE sync_binding SET sheet = ?, checksum = ?, journal_id = ?, as_of = ?, push_pending = ?, synced_at = ? WHERE id = ?",
      arguments: [binding.sheet, binding.checksum, binding.journalID, binding.asOf, binding.pushPending, time, binding.id])
  }

  /// Whether a conflict of the binding was decided and not yet applied.
  func hasPendingDecisions(_ binding: Binding) throws -> Bool {
    try Bool.fetchOne(
      db, sql: "SELECT EXISTS (SELECT 1 FROM sync_conflict WHERE binding_id = ? AND closed = 0 AND resolution IS NOT NULL)",
      arguments: [binding.id]) ?? false
  }

  // MARK: Base

  /// The base of `binding`: every row, or the rows of `numbers` only (those it has).
  func base(of binding: Binding, only numbers: Set<String>? = nil) throws -> BaseTable {
    var stored: [String: BaseTable.Stored] = [:]
    var sql = "SELECT number, sheet_values, ledger_values FROM sync_base WHERE binding_id = ?"
    var arguments: StatementArguments = [binding.id]
    if let numbers {
      sql += " AND number IN (SELECT value FROM json_each(?))"
      arguments += [LedgerSession.jsonArray(Array(numbers))]
    } else {
      stored.reserveCapacity(try baseCount(of: binding))
    }
    let rows = try RawRows(db, sql: sql, arguments: arguments)
    while try rows.next() {
      stored[rows.text(0) ?? ""] = BaseTable.Stored(sheet: rows.bytes(1), ledger: rows.bytes(2))
    }
    return BaseTable(stored: stored)
  }

  /// How many rows the base of `binding` has.
  func baseCount(of binding: Binding) throws -> Int {
    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sync_base WHERE binding_id = ?", arguments: [binding.id]) ?? 0
  }

  /// Writes the rows of `base` that changed since it was loaded, and removes the ones gone.
  func saveBase(of binding: Binding, _ base: BaseTable) throws {
    let delete = try db.makeStatement(sql: "DELETE FROM sync_base WHERE binding_id = ? AND number = ?")
    let upsert = try db.makeStatement(sql: "INSERT OR REPLACE INTO sync_base (binding_id, number, sheet_values, ledger_values) VALUES (?, ?, ?, ?)")
    for (number, row) in base.changes {
      if let row {
        try upsert.execute(arguments: [binding.id, number, Data(row.sheet), Data(row.ledger)])
      } else {
        try delete.execute(arguments: [binding.id, number])
      }
    }
  }

  /// A row's values as stored: ``RowValues/stored``, a BLOB. One row has one form, so
  /// unchanged rows are found by comparing bytes (``matches(_:stored:only:)``) without
  /// decoding them. (JSON cost more than the whole merge on 100,000 rows.)
  static func encode(_ values: Merge.Values) -> [UInt8] { values.stored }

  /// Whether `stored` is the stored form of `values` (of its `only` columns when given),
  /// compared byte for byte, without decoding.
  static func matches(_ values: Merge.Values, stored: [UInt8], only columns: ColumnSet? = nil) -> Bool {
    guard let columns else { return RowValues.sameBytes(values.stored, stored) }
    return values.matches(stored: stored, only: columns)
  }

  /// The values of a stored row. Rows stored by earlier versions, as canonical texts
  /// (``SyncValue/canonical``), are read once more here, and stored in today's form by the
  /// next sync that writes the row.
  static func decode(_ stored: [UInt8]) -> Merge.Values {
    if let values = RowValues(stored: stored) { return values }
    return stored.withUnsafeBufferPointer { stored in
      guard stored.first == 2 else { return decodeNamed(stored) }
      // `\u{2}`, then each column's canonical text by ordinal, separated by `\u{1F}`, with
      // `\`, `\u{1F}` and `\u{2}` escaped as `\\`, `\u` and `\s`.
      var slots = [SyncValue?](repeating: nil, count: SyncColumn.count)
      var field: [UInt8] = []
      var index = 0
      var position = 1
      func flush() {
        if !field.isEmpty, index < SyncColumn.count {
          let column = SyncColumn.byOrdinal[index]
          slots[index] = SyncValue(canonical: String(decoding: field, as: UTF8.self), kind: column.kind)
        }
        field.removeAll(keepingCapacity: true)
      }
      while position < stored.count {
        let byte = stored[position]
        if byte == 0x1F {
          flush()
          index += 1
        } else if byte == 0x5C, position + 1 < stored.count {
          position += 1
          let escaped = stored[position]
          field.append(escaped == 0x75 ? 0x1F : escaped == 0x73 ? 0x02 : escaped)
        } else {
          field.append(byte)
        }
        position += 1
      }
      flush()
      return RowValues(slots: slots)
    }
  }

  /// The encoding of earlier versions: `column\u{1F}value` pairs joined by `\u{1E}`, with
  /// `\`, `\u{1E}` and `\u{1F}` escaped as `\\`, `\r` and `\u`.
  private static func decodeNamed(_ stored: UnsafeBufferPointer<UInt8>) -> Merge.Values {
    var values = Merge.Values()
    for pair in stored.split(separator: 0x1E, omittingEmptySubsequences: true) {
      guard let separator = pair.firstIndex(of: 0x1F),
        let column = SyncColumn(rawValue: String(decoding: pair[..<separator], as: UTF8.self))
      else { continue }
      var value: [UInt8] = []
      var escaped = false
      for byte in pair[(separator + 1)...] {
        if escaped {
          value.append(byte == 0x72 ? 0x1E : byte == 0x75 ? 0x1F : byte)
          escaped = false
        } else if byte == 0x5C {
          escaped = true
        } else {
          value.append(byte)
        }
      }
      values[column] = SyncValue(canonical: String(decoding: value, as: UTF8.self), kind: column.kind)
    }
    return values
  }

  // MARK: Conflicts

  func conflicts(of binding: Binding?, includeClosed: Bool = false) throws -> [SyncConflict] {
    var sql = "SELECT c.*, b.path FROM sync_conflict c JOIN sync_binding b ON b.id = c.binding_id WHERE 1"
    var arguments: StatementArguments = []
    if let binding {
      sql += " AND c.binding_id = ?"
      arguments += [binding.id]
    }
    if !includeClosed { sql += " AND c.closed = 0" }
    return try Row.fetchAll(db, sql: sql + " ORDER BY c.raised_at, c.number, c.col", arguments: arguments).map(SyncConflict.init(row:))
  }

  /// Stores a conflict raised; one closed earlier with the same id (the same cell and
  /// values) is open again.
  func insert(_ conflict: SyncConflict, binding: Binding) throws {
    try db.execute(
      sql: """
        INSERT INTO sync_conflict (binding_id, id, number, col, kind, base, ledger, sheet, cell, raised_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (binding_id, id) DO UPDATE SET
          kind = excluded.kind, base = excluded.base, ledger = excluded.ledger, sheet = excluded.sheet, cell = excluded.cell,
          raised_at = excluded.raised_at, closed = 0, flagged = 0, resolution = NULL, decided = NULL, resolved_at = NULL
        """,
      arguments: [binding.id, conflict.id, conflict.number, conflict.column, conflict.kind.rawValue, conflict.base, conflict.ledger,
        conflict.sheet, conflict.cell, conflict.raisedAt])
  }

  func resolve(id: String, resolution: SyncConflict.Resolution, decided: String?, at time: String) throws -> Int {
    try db.execute(
      sql: "UPDATE sync_conflict SET resolution = ?, decided = ?, resolved_at = ? WHERE id = ? AND closed = 0",
      arguments: [resolution.rawValue, decided, time, id])
    return db.changesCount
  }

  func close(_ conflict: SyncConflict, binding: Binding) throws {
    try db.execute(sql: "UPDATE sync_conflict SET closed = 1 WHERE binding_id = ? AND id = ?", arguments: [binding.id, conflict.id])
  }

  /// Conflicts closed while their cell was flagged in the sheet (by a run that wrote no
  /// workbook): the next save clears their highlight and note.
  func closedButFlagged(of binding: Binding) throws -> [SyncConflict] {
    try Row.fetchAll(
      db, sql: "SELECT c.*, b.path FROM sync_conflict c JOIN sync_binding b ON b.id = c.binding_id WHERE c.binding_id = ? AND c.closed = 1 AND c.flagged = 1",
      arguments: [binding.id]
    ).map(SyncConflict.init(row:))
  }

  /// Moves a conflict to the cell where its row is now (`nil`: its row is gone from the
  /// sheet, its note and highlight with it).
  func relocate(_ conflict: SyncConflict, to cell: String?, binding: Binding) throws {
    try db.execute(
      sql: "UPDATE sync_conflict SET cell = ?, flagged = CASE WHEN ? IS NULL THEN 0 ELSE flagged END WHERE binding_id = ? AND id = ?",
      arguments: [cell, cell, binding.id, conflict.id])
  }

  func markFlagged(_ conflict: SyncConflict, binding: Binding, flagged: Bool) throws {
    try db.execute(sql: "UPDATE sync_conflict SET flagged = ? WHERE binding_id = ? AND id = ?", arguments: [flagged, binding.id, conflict.id])
  }

  func recordRun(binding: Binding, command: String, at time: String, before: String?, after: String?, counts: String, open: Int) throws {
    try db.execute(
      sql: "INSERT INTO sync_run (binding_id, command, at, checksum_before, checksum_after, counts, open_conflicts) VALUES (?, ?, ?, ?, ?, ?, ?)",
      arguments: [binding.id, command, time, before, after, counts, open])
  }
}

/// A conflict the ledger keeps until someone decides it.
public struct SyncConflict: Sendable, Equatable {
  /// Why it is a conflict.
  public enum Kind: String, Sendable, CaseIterable {
    /// Both sides changed the cell differently.
    case bothChanged = "both_changed"
    /// The sheet holds a value that cannot be read as the column's kind.
    case unreadable
    /// The sheet's edit cannot be applied as a fact (un-paying an invoice, cancelling it, a
    /// computed column typed over).
    case notApplicable = "not_applicable"
    /// The same new invoice number on both sides with different values.
    case newOnBothSides = "new_on_both_sides"
    /// The row was deleted in the sheet and the ledger changed the invoice since.
    case deletedRow = "deleted_row"
    /// Two rows of the sheet hold the same number.
    case duplicateNumber = "duplicate_number"
    /// An invoice number was edited in the sheet.
    case numberEdited = "number_edited"
    /// The sheet says paid but gives no day: no payment is recorded until a person gives it
    /// (`suivi resolve ID --value DAY`), or says it is not paid (`--keep-ledger`).
    case undatedPayment = "undated_payment"
    /// The same number names two different invoices, a row of the sheet and an invoice of
    /// the ledger: neither is changed; resolving renumbers one of them.
    case sameNumber = "same_number"
  }

  /// How it was decided.
  public enum Resolution: String, Sendable { case sheet, ledger, value }

  public var id: String
  public var file: String = ""
  public var number: String
  public var column: String
  public var kind: Kind
  public var base: String?
  public var ledger: String?
  public var sheet: String?
  /// The cell in the sheet, as `E12`.
  public var cell: String?
  public var raisedAt: String
  public var resolution: Resolution?
  public var decided: String?
  public var flagged = false

  init(id: String, number: String, column: String, kind: Kind, base: String?, ledger: String?, sheet: String?, cell: String?, raisedAt: String) {
    self.id = id
    self.number = number
    self.column = column
    self.kind = kind
    self.base = base
    self.ledger = ledger
    self.sheet = sheet
    self.cell = cell
    self.raisedAt = raisedAt
  }

  init(row: Row) {
    id = row["id"]
    file = row["path"]
    number = row["number"]
    column = row["col"]
    kind = Kind(rawValue: row["kind"]) ?? .bothChanged
    base = row["base"]
    ledger = row["ledger"]
    sheet = row["sheet"]
    cell = row["cell"]
    raisedAt = row["raised_at"]
    resolution = (row["resolution"] as String?).flatMap(Resolution.init(rawValue:))
    decided = row["decided"]
    flagged = row["flagged"]
  }
}
