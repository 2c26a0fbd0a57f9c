import Ledger
import OOXML

/// How a run reads the tracker sheet: whole, or, with the last run's ``SheetDigest``, only
/// the rows that changed since (in their bytes, or in the ledger's values of their invoice).
extension SyncRun {
  /// The sheet as read on another core: scanned (waiting for the ledger's side to choose
  /// the rows to parse), or read.
  enum SheetRead {
    case scanned(SheetScan, SheetDigest, sheet: String)
    case read(TrackerTable, PreparedSheet?, SheetMemory?)
  }

  /// What a run keeps of the sheet it read to leave a digest for the next one.
  struct SheetMemory {
    /// The sheet's rows as read (numbers and hashes of their bytes).
    var rows: [SheetScan.Row]
    /// The whole sheet's facts, as read.
    var facts: SheetFacts
    var context: SheetDigest.Context
    /// The rows not parsed (known from the digest), by row.
    var unparsed: [Int: SheetDigest.Row] = [:]
  }

  /// The sheet scanned, when `stored` is a digest of it read the same way; `nil` otherwise.
  static func scan(_ workbook: Workbook, sheet name: String, stored: (context: [UInt8], facts: [UInt8], rows: [UInt8])) throws -> SheetRead? {
    guard let sheet = workbook.sheet(named: name), sheet.kind == .worksheet, let digest = SyncStore.decodeDigest(stored),
      digest.context.fingerprint == SheetDigest.fingerprint(workbook, sheet: sheet), let scan = try workbook.scan(sheet)
    else { return nil }
    return .scanned(scan, digest, sheet: sheet.name)
  }

  /// The sheet read whole; prepared for an edit, and remembered for the next run's digest,
  /// when `preparingEdit`.
  static func readWhole(_ workbook: Workbook, sheet name: String?, preparingEdit: Bool, progress: SyncProgress?) throws -> SheetRead {
    guard preparingEdit else { return .read(try TrackerTable.read(workbook, sheet: name, progress: progress), nil, nil) }
    let (table, prepared) = try TrackerTable.readPreparingEdit(workbook, sheet: name, progress: progress)
    var memory: SheetMemory?
    if let prepared, let sheet = table.sheet.flatMap(workbook.sheet(named:)), let scan = prepared.scan(),
      let facts = prepared.facts(scan: scan)
    {
      let context = SheetDigest.Context(
        fingerprint: SheetDigest.fingerprint(workbook, sheet: sheet), headerRow: table.headerRow, headerTexts: table.headerTexts)
      memory = SheetMemory(rows: scan.rows, facts: facts, context: context)
    }
    return .read(table, prepared, memory)
  }

  /// Reads the rows of `scan` that may have changed since `digest`: the first rows (where
  /// the header is), the last row with a number, and every row whose bytes differ from the
  /// digest's or whose invoice's ledger values differ from the base's. `nil` when the
  /// digest does not fit (read the sheet whole then).
  static func readPartially(
    _ workbook: Workbook, sheet sheetName: String, scan: SheetScan, digest: SheetDigest, base: BaseTable, projection: LedgerProjection,
    progress: SyncProgress?
  ) throws -> SheetRead? {
    guard let header = TrackerTable.header(in: [(digest.context.headerRow, digest.context.headerTexts)])
    else { return nil }
    let columns = ColumnSet(Set(header.columns.keys))
    var indexes: [Int] = []
    var unparsed: [Int: SheetDigest.Row] = [:]
    var lastUnparsed: Int?
    for (index, row) in scan.rows.enumerated() {
      if index >= TrackerTable.headerSearchRows, row.number > digest.context.headerRow, digest.facts.hash(ofRow: row.number) == row.hash,
        let known = digest.row(row.number), let stored = base.stored[known.number], let values = projection.rows[known.number],
        SyncStore.matches(values, encoded: stored.ledger, only: columns)
      {
        unparsed[row.number] = known
        lastUnparsed = index
      } else {
        indexes.append(index)
      }
    }
    // The last row with a number is read: its formulas are the ones new rows get.
    if let last = lastUnparsed {
      unparsed[scan.rows[last].number] = nil
      indexes.append(last)
      indexes.sort()
    }
    guard let sheet = workbook.sheet(named: sheetName),
      let (table, prepared) = try TrackerTable.readPartially(workbook, sheet: sheet, scan: scan, indexes: indexes, digest: digest, progress: progress),
      let facts = prepared.facts(scan: scan)
    else { return nil }
    // A number on a row read and on one not read: the duplicate needs both rows read.
    let numbers = Set(unparsed.values.map(\.number))
    guard numbers.count == unparsed.count, !table.rows.contains(where: { $0.number.map(numbers.contains) ?? false }) else { return nil }
    return .read(table, prepared, SheetMemory(rows: scan.rows, facts: facts, context: digest.context, unparsed: unparsed))
  }

  /// The digest this run leaves: the rows settled at its end that it did not write (see
  /// ``SheetDigest``); `nil` when it did not read the sheet for one.
  func nextDigest(projection: LedgerProjection) -> SheetDigest? {
    guard let memory, !report.dryRun else { return nil }
    let columns = ColumnSet(self.columns)
    var rows: [SheetDigest.Row] = []
    rows.reserveCapacity(memory.rows.count)
    var next = 0
    for scanned in memory.rows where !rewrittenRows.contains(scanned.number) {
      if let known = memory.unparsed[scanned.number] {
        if settled.contains(known.number), !touched.contains(known.number) { rows.append(known) }
        continue
      }
      while next < table.rows.count, table.rows[next].row < scanned.number { next += 1 }
      guard next < table.rows.count, table.rows[next].row == scanned.number else { continue }
      let row = table.rows[next]
      guard let number = row.number, row.uncached.isEmpty, sheetRows[number]?.row == row.row else { continue }
      if !settled.contains(number) || touched.contains(number) {
        guard let values = projection.rows[number], base.holds(number, sheet: row.values, ledger: values, columns: columns) else { continue }
      }
      rows.append(.init(row: row.row, number: number, statusWord: row.statusWord, methodWord: row.methodWord))
    }
    let kept = Set(rows.map(\.row))
    return SheetDigest(context: memory.context, facts: memory.facts.keeping(rows: kept.contains), rows: rows)
  }
}
