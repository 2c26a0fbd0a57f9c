import Ledger
import OOXML

/// How a run reads the tracker sheet: whole, or, with the last run's ``SheetDigest``, only
/// the rows that changed since (in their bytes, or in the ledger's values of their invoice).
extension SyncRun {
  /// The sheet as read on another core: scanned (waiting for the ledger's side and the
  /// digest to choose the rows to parse), or read.
  enum SheetRead {
    case scanned(SheetScan, sheet: String)
    case read(TrackerTable, PreparedSheet?, SheetMemory?)
  }

  /// What a run keeps of the sheet it read to leave a digest for the next one.
  struct SheetMemory {
    /// The sheet's rows as read (numbers and hashes of their bytes).
    var rows: [SheetScan.Row]
    /// The whole sheet's facts, as read.
    var facts: SheetFacts
    var context: SheetDigest.Context
    /// The last digest's rows: those of the rows not parsed are taken from it.
    var digestRows: [SheetDigest.Row] = []
    /// For each of ``rows``, the index in ``digestRows`` of its entry when it was not
    /// parsed, else -1 (empty when every row was parsed).
    var unparsed: [Int32] = []
    var unparsedCount = 0

    /// The invoice numbers of the rows not parsed (those in `numbers` only, when given).
    func unparsedNumbers(among numbers: Set<String>?) -> Set<String> {
      var found: Set<String> = []
      for position in unparsed where position >= 0 {
        let number = digestRows[Int(position)].number
        if numbers?.contains(number) ?? true { found.insert(number) }
      }
      return found
    }

    /// Every row counts as parsed (they were read again).
    mutating func forgetUnparsed() {
      unparsed = []
      unparsedCount = 0
    }
  }

  /// The sheet read whole; prepared for an edit, and remembered for the next run's digest,
  /// when `preparingEdit`.
  static func readWhole(
    _ workbook: Workbook, sheet name: String?, mapping: TrackerMapping, preparingEdit: Bool, progress: SyncProgress?
  ) throws -> SheetRead {
    guard preparingEdit else { return .read(try TrackerTable.read(workbook, sheet: name, mapping: mapping, progress: progress), nil, nil) }
    let (table, prepared) = try TrackerTable.readPreparingEdit(workbook, sheet: name, mapping: mapping, progress: progress)
    var memory: SheetMemory?
    if let prepared, let sheet = table.sheet.flatMap(workbook.sheet(named:)), let scan = prepared.scan(),
      let facts = prepared.facts(scan: scan)
    {
      let context = SheetDigest.Context(workbook, sheet: sheet, table: table)
      memory = SheetMemory(rows: scan.rows, facts: facts, context: context)
    }
    return .read(table, prepared, memory)
  }

  /// The known columns of the digest's header.
  static func columns(of digest: SheetDigest) -> ColumnSet? {
    // (The ledger's side of the base keeps what was paid whether the sheet shows it or not.)
    TrackerTable.header(in: [(digest.context.headerRow, digest.context.headerTexts)]).map { ColumnSet(Set($0.columns.keys).union([.amountPaid])) }
  }

  /// Whether the ledger's values of invoice `number` are the base's, on `columns`.
  static func ledgerHoldsBase(_ number: String, base: BaseTable, projection: LedgerProjection, columns: ColumnSet) -> Bool {
    guard let stored = base.stored[number], let values = projection.rows[number] else { return false }
    return SyncStore.matches(values, stored: stored.ledger, only: columns)
  }

  /// Reads the rows of `scan` that may have changed since `digest`: the first rows (where
  /// the header is), the last row with a number, and every row whose bytes differ from the
  /// digest's or whose invoice the ledger changed since (`ledgerUnchanged` says no). `nil`
  /// when the digest does not fit (read the sheet whole then). `contextNow`: the digest's
  /// context with the workbook's formats and strings now (see ``SheetDigest/Context/fitting(_:sheet:)``).
  static func readPartially(
    _ workbook: Workbook, sheet sheetName: String, scan: SheetScan, digest: SheetDigest, contextNow: SheetDigest.Context,
    ledgerUnchanged: (String) -> Bool, progress: SyncProgress?
  ) throws -> SheetRead? {
    var indexes: [Int] = []
    var unparsed = [Int32](repeating: -1, count: scan.rows.count)
    var unparsedCount = 0
    var lastUnparsed: Int?
    // The scan's rows, the digest's rows and the facts' rows are all in ascending order.
    var nextKnown = 0
    var nextFact = 0
    let known = digest.rows
    for (index, row) in scan.rows.enumerated() {
      while nextKnown < known.count, known[nextKnown].row < row.number { nextKnown += 1 }
      while nextFact < digest.facts.rowCount, digest.facts.rowNumber(nextFact) < row.number { nextFact += 1 }
      if index >= TrackerTable.headerSearchRows, row.number > digest.context.headerRow, nextKnown < known.count,
        known[nextKnown].row == row.number, nextFact < digest.facts.rowCount, digest.facts.rowNumber(nextFact) == row.number,
        digest.facts.rowHash(nextFact) == row.hash, ledgerUnchanged(known[nextKnown].number)
      {
        unparsed[index] = Int32(nextKnown)
        unparsedCount += 1
        lastUnparsed = index
      } else {
        indexes.append(index)
      }
    }
    // The last row with a number is read: its formulas are the ones new rows get.
    if let last = lastUnparsed {
      unparsed[last] = -1
      unparsedCount -= 1
      indexes.append(last)
      indexes.sort()
    }
    guard let sheet = workbook.sheet(named: sheetName),
      let (table, prepared) = try TrackerTable.readPartially(workbook, sheet: sheet, scan: scan, indexes: indexes, digest: digest, progress: progress),
      let facts = prepared.facts(scan: scan)
    else { return nil }
    // A number on a row read and on one not read: the duplicate needs both rows read.
    let parsedNumbers = Set(table.rows.compactMap(\.number))
    for position in unparsed where position >= 0 && parsedNumbers.contains(known[Int(position)].number) { return nil }
    // The context now: the formats and strings added since count for the next digest.
    var memory = SheetMemory(rows: scan.rows, facts: facts, context: contextNow, digestRows: known)
    memory.unparsed = unparsed
    memory.unparsedCount = unparsedCount
    return .read(table, prepared, memory)
  }

  /// The digest this run leaves: the rows settled at its end that it did not write (see
  /// ``SheetDigest``); `nil` when it did not read the sheet for one.
  func nextDigest(projection: LedgerProjection, tick: Int64) -> SheetDigest? {
    guard var memory, !report.dryRun, report.renamedColumns.isEmpty else { return nil }
    memory.context.tick = tick
    memory.context.asOf = options.asOf.description
    let columns = ColumnSet(self.columns)
    var rows: [SheetDigest.Row] = []
    rows.reserveCapacity(memory.rows.count)
    var next = 0
    for (index, scanned) in memory.rows.enumerated() where !rewrittenRows.contains(scanned.number) {
      // A row not parsed stays settled: nothing in a run changes its invoice or its base.
      if !memory.unparsed.isEmpty, memory.unparsed[index] >= 0 {
        rows.append(memory.digestRows[Int(memory.unparsed[index])])
        continue
      }
      while next < table.rows.count, table.rows[next].row < scanned.number { next += 1 }
      guard next < table.rows.count, table.rows[next].row == scanned.number else { continue }
      let row = table.rows[next]
      // The lines of one invoice are read together, every run: none is settled alone.
      guard let number = row.number, row.uncached.isEmpty, let indexed = sheetRows[number], indexed.row == row.row,
        indexed.lines.isEmpty
      else { continue }
      if !settled.contains(number) || touched.contains(number) {
        guard let values = projection.rows[number], base.holds(number, sheet: row.values, ledger: values, columns: columns) else { continue }
      }
      rows.append(.init(row: row.row, number: number, statusWord: row.statusWord, methodWord: row.methodWord))
    }
    return SheetDigest(context: memory.context, facts: memory.facts.keeping(rows: rows.map(\.row)), rows: rows)
  }
}

extension SyncRun {
  /// The whole base of `binding` (none for a new one), and the ledger projected whole.
  static func loadLedgerSide(
    _ session: LedgerSession, store: SyncStore, binding: SyncStore.Binding?, asOf: Day
  ) throws -> (base: BaseTable, projection: LedgerProjection) {
    let base = try Timing.measure("base") { try binding.map { try store.base(of: $0) } ?? BaseTable() }
    return (base, try Timing.measure("projection") { try LedgerProjection(session, asOf: asOf) })
  }

  /// `early` (the base rows and projections of the invoices that may have `changed` since
  /// the digest) with those of the rows `table` read, when they account for every other
  /// invoice: every other base row is a row not read, and every invoice of the ledger is in
  /// the base or changed since. `nil` otherwise (a row deleted from the sheet, an invoice
  /// waiting to be appended): then every invoice must be looked at.
  static func completeLedgerSide(
    _ early: (base: BaseTable, projection: LedgerProjection), session: LedgerSession, store: SyncStore, binding: SyncStore.Binding,
    changed: Set<String>, table: TrackerTable, memory: SheetMemory
  ) throws -> (base: BaseTable, projection: LedgerProjection)? {
    var (base, projection) = early
    var extra: Set<String> = []
    for row in table.rows { if let number = row.number, !changed.contains(number) { extra.insert(number) } }
    base.add(try store.base(of: binding, only: extra))
    let total = try store.baseCount(of: binding)
    // Rows not read whose invoice may have changed are in `base` already.
    let counted = memory.unparsedNumbers(among: changed).count { base.contains($0) }
    guard total == base.count + memory.unparsedCount - counted else { return nil }
    try projection.refresh(extra, in: session)
    var invoices = total
    for number in changed.union(extra) {
      switch (base.contains(number), projection.rows[number] != nil) {
      case (true, false): invoices -= 1
      case (false, true): invoices += 1
      default: break
      }
    }
    guard invoices == (try session.invoiceCount()) else { return nil }
    return (base, projection)
  }
}
