import Wording
import Ledger
import OOXML

/// A tracker's invoice table as read from its sheet: where the header is, which known
/// column is where, and each row's values, normalised.
package struct TrackerTable: Sendable {
  /// One row below the header.
  package struct Row: Sendable {
    /// The row's number in the sheet (1-based; the line number in a CSV).
    package var row: Int
    /// The values of the known columns, normalised.
    package var values: Merge.Values {
      didSet { number = values[.number]?.canonical }
    }
    /// The known columns whose cell holds a formula (the sheet's own: read, never written).
    package var formulas: ColumnSet = []
    /// Formula cells without a cached value (saved by a program that does not compute,
    /// such as openpyxl): their value is unknown, not empty.
    package var uncached: ColumnSet = []
    /// For the lines of one invoice (several rows with its number, see
    /// ``TrackerTable/invoice(ofLines:columns:)``): the rows after the first.
    package var lines: [Int] = []
    /// For the lines of one invoice: the columns whose lines differ (an amount is their
    /// sum, anything else unknown); Suivi never writes them.
    package var mixed: ColumnSet = []

    /// The invoice number (``values``' own, kept apart: runs look it up on every row).
    package private(set) var number: String?
    /// The texts of the row's status and payment-method cells, as typed (the sheet's
    /// vocabulary is learnt from them).
    var statusWord: String?
    var methodWord: String?

    package init(row: Int, values: Merge.Values, formulas: ColumnSet = [], uncached: ColumnSet = []) {
      self.row = row
      self.values = values
      self.formulas = formulas
      self.uncached = uncached
      number = values[.number]?.canonical
    }
  }

  /// The sheet's name (`nil` for a CSV).
  package var sheet: String?
  /// The header's row number.
  package var headerRow: Int
  /// Known column → its 1-based column index.
  package var columns: [SyncColumn: Int]
  /// Header texts that name a known column twice (both ignored), as `B1 "Date"`.
  package var ambiguous: [String] = []
  package var rows: [Row]
  /// The last row number holding anything.
  package var lastRow: Int
  package var statusWords: StatusWords
  package var methodWords = MethodWords()
  /// Every header cell's text, by column index (known or not).
  package var headerTexts: [Int: String] = [:]
  /// The other sheets that hold an invoice table, as `Lignes (25 invoice(s) on 63 row(s))`:
  /// this one has more invoices, or as many on fewer rows.
  package var otherTables: [Phrase] = []
  /// The period sheets the table spans (one table per year or month, ``SheetPeriod``), in
  /// workbook order; empty for a table of one sheet.
  package var periodSheets: [String] = []
  /// The drop-down lists of the status and method columns, if any.
  var statusList: [String] = []
  var methodList: [String] = []
}

/// Why a tracker cannot be read as one.
package enum TrackerError: Error, Phrased, Equatable {
  case noTrackerSheet(file: String, sheets: [String])
  /// A mapping a person gave that cannot be used (`suivi map --column`).
  case badMapping(Phrase)
  /// A table of bills the business owes (a `Vendor` column, no client).
  case payables(file: String, sheet: String, header: String)
  case noHeader(file: String, sheet: String)
  case unreadableCSV(file: String, reason: Phrase)

  package var phrase: Phrase {
    switch self {
    case let .noTrackerSheet(file, sheets):
      "\(file): no sheet has a header row with an invoice-number column and two other known columns (sheets: \(sheets.joined(separator: ", "))); say which with suivi map \(file) --sheet SHEET --column HEADER=number"
    case let .noHeader(file, sheet):
      "\(file): sheet '\(sheet)': no header row with an invoice-number column and two other known columns in its first \(TrackerTable.headerSearchRows) rows; say which with suivi map \(file) --header-row N --column HEADER=number"
    case let .unreadableCSV(file, reason): "\(file): cannot read the CSV: \(reason)"
    case let .badMapping(reason): reason
    case let .payables(file, sheet, header):
      "\(file): sheet '\(sheet)' lists bills to pay (\(header), no client column): Suivi follows what customers owe; if it is a client, say so with suivi map \(file) --column \"\(header.split(separator: "\"").dropFirst().first ?? "")=client\""
    }
  }
}

extension TrackerTable {
  /// How many rows from the top may hold the header (a title block, a parameters block or
  /// blank rows above it are normal).
  static let headerSearchRows = 25

  /// Finds the header among `rows` (row number, texts by column): the first row naming
  /// the invoice number and at least two other known columns. When two headers of the
  /// row name one column, the better-ranked name wins (``HeaderText``); two of the same
  /// rank are both ignored and reported.
  static func header(in rows: [(Int, [Int: String])]) -> (row: Int, columns: [SyncColumn: Int], ambiguous: [String])? {
    for (number, texts) in rows.prefix(headerSearchRows) {
      let (columns, ambiguous, named) = columns(in: texts, row: number)
      guard columns[.number] != nil, named >= 3 else { continue }
      return (number, columns, ambiguous)
    }
    return nil
  }

  /// The known columns the header texts of a row name, those named twice at the same
  /// rank (as `B1 "Date"`, left out), and how many known columns are named.
  static func columns(in texts: [Int: String], row number: Int) -> (columns: [SyncColumn: Int], ambiguous: [String], named: Int) {
    var found: [SyncColumn: (rank: Int, indexes: [Int])] = [:]
    for (column, text) in texts {
      guard let (known, rank) = HeaderText.match(text) else { continue }
      if let best = found[known], best.rank < rank { continue }
      if let best = found[known], best.rank == rank {
        found[known]?.indexes.append(column)
      } else {
        found[known] = (rank, [column])
      }
    }
    var columns: [SyncColumn: Int] = [:]
    var ambiguous: [String] = []
    for (known, best) in found {
      if best.indexes.count == 1 {
        columns[known] = best.indexes[0]
      } else {
        ambiguous += best.indexes.sorted().map { "\(CellReference(column: $0, row: number)?.description ?? "?") \"\(texts[$0] ?? "")\"" }
      }
    }
    return (columns, ambiguous.sorted(), found.count)
  }

  /// The header of a row under a person's `mapping`: the row it names (or any row where
  /// one of its headers is), the heuristics' columns with the mapping's assignments over
  /// them. `nil` when the row is not the header, or the result has no number column.
  static func header(
    in texts: [Int: String], row number: Int, mapping: TrackerMapping
  ) -> (row: Int, columns: [SyncColumn: Int], ambiguous: [String])? {
    if let wanted = mapping.headerRow, wanted != number { return nil }
    let (found, ambiguous, named) = columns(in: texts, row: number)
    let matched = mapping.assignments.count - mapping.unmatched(in: texts).count
    guard mapping.headerRow != nil || matched > 0 && matched + named >= 3 else { return header(in: [(number, texts)]) }
    guard let columns = mapping.apply(to: found, texts: texts) else { return nil }
    let mapped = Set(columns.values)
    return (number, columns, ambiguous.filter { text in !mapped.contains { text.hasPrefix(CellReference(column: $0, row: number)?.description ?? "") } })
  }

  /// Reads the tracker sheet of a workbook: `sheetName`, or the first sheet with a header.
  /// `renamed` adds columns found by their values (a header a person renamed).
  package static func read(
    _ workbook: Workbook, sheet sheetName: String?, renamed: [SyncColumn: Int] = [:], mapping: TrackerMapping = TrackerMapping(),
    progress: SyncProgress? = nil
  ) throws -> TrackerTable {
    try read(workbook, sheet: sheetName, renamed: renamed, mapping: mapping, progress: progress, preparingEdit: false).table
  }

  /// Reads the tracker sheet (`sheetName`, or the first sheet with a header) and, in the
  /// same parse, indexes it for an editor of `workbook` (``WorkbookEditor/use(_:)``): a
  /// run that reads and then writes the sheet parses it once.
  static func readPreparingEdit(
    _ workbook: Workbook, sheet sheetName: String?, mapping: TrackerMapping = TrackerMapping(), progress: SyncProgress? = nil
  ) throws -> (table: TrackerTable, prepared: PreparedSheet?) {
    try read(workbook, sheet: sheetName, renamed: [:], mapping: mapping, progress: progress, preparingEdit: true)
  }

  private static func read(
    _ workbook: Workbook, sheet sheetName: String?, renamed: [SyncColumn: Int], mapping: TrackerMapping, progress: SyncProgress?,
    preparingEdit: Bool
  ) throws -> (table: TrackerTable, prepared: PreparedSheet?) {
    let named = sheetName ?? mapping.sheet
    // The visible sheets first: a hidden one is a tracker only when no visible one is.
    let worksheets = workbook.sheets.filter { $0.kind == .worksheet }
    let candidates =
      try named.map { [try workbook.requireSheet(named: $0)] }
      ?? worksheets.filter { $0.state == .visible } + worksheets.filter { $0.state != .visible }
    // Every sheet with an invoice table is read; the one with the most invoices wins, and
    // of two with the same, the one with fewer rows (invoices, not their lines).
    var found: [(table: TrackerTable, prepared: PreparedSheet?, invoices: Int, rows: Int)] = []
    for sheet in candidates {
      if named == nil, sheet.state != .visible, !found.isEmpty { break }
      if let read = try read(workbook, sheet: sheet, renamed: renamed, mapping: mapping, progress: progress, preparingEdit: preparingEdit) {
        let numbered = read.table.rows.compactMap(\.number)
        found.append((read.table, read.prepared, Set(numbered).count, numbered.count))
      } else if named != nil {
        throw TrackerError.noHeader(file: workbook.path, sheet: sheet.name)
      }
    }
    guard let best = found.enumerated().max(by: { a, b in
      (a.element.invoices, -a.element.rows, -a.offset) < (b.element.invoices, -b.element.rows, -b.offset)
    }) else {
      throw TrackerError.noTrackerSheet(file: workbook.path, sheets: workbook.sheets.map(\.name))
    }
    var table = best.element.table
    // One table per period (2024, 2025…; Janvier, Février…): one tracker.
    if named == nil {
      let periods = periodSheets(found.map(\.table), best: table)
      if !periods.isEmpty {
        var joined = joined(periods)
        joined.otherTables = found.map(\.table).filter { table in !periods.contains { $0.sheet == table.sheet } }.map {
          .verbatim($0.sheet ?? "?")
        }
        return (joined, nil)
      }
    }
    if found.count > 1 {
      table.otherTables = found.enumerated().filter { $0.offset != best.offset }.map {
        "\($0.element.table.sheet ?? "?") (\($0.element.invoices) invoice(s) on \($0.element.rows) row(s))" as Phrase
      }
    }
    return (table, best.element.prepared)
  }

  /// The header that makes the table one of bills to pay (a `Vendor` column and no client
  /// column), as `C1 "Vendor Name"`; `nil` for a table of invoices to customers.
  var payablesHeader: String? {
    guard columns[.client] == nil,
      let vendor = headerTexts.sorted(by: { $0.key < $1.key }).first(where: { Self.payableHeaders.contains(HeaderText.key($0.value)) })
    else { return nil }
    return "\(CellReference(column: vendor.key, row: headerRow)?.description ?? "?") \"\(CellNormalizer.collapsed(vendor.value))\""
  }

  /// Headers of a payables tracker (the bills a business owes): Suivi follows what its
  /// customers owe it.
  static let payableHeaders: Set<String> = Set(
    ["Vendor", "Vendor name", "Supplier", "Supplier name", "Fournisseur", "Nom du fournisseur", "Prestataire"].map(HeaderText.key))

  private static func read(
    _ workbook: Workbook, sheet: Sheet, renamed: [SyncColumn: Int], mapping: TrackerMapping, progress: SyncProgress?,
    preparingEdit: Bool = false
  ) throws -> (table: TrackerTable, prepared: PreparedSheet?)? {
    let reader = try workbook.cells(of: sheet, preparingEdit: preparingEdit)
    return try read(
      workbook, sheet: sheet, reader: reader, inParallel: preparingEdit, renamed: renamed, mapping: mapping, progress: progress)
  }

  /// Reads the rows at `indexes` of `scan` only, the others being known from `digest`
  /// (see ``SheetDigest``): a table of the rows read, and the sheet prepared for an edit
  /// (its whole index). `nil` when the digest does not fit the sheet (its header moved or
  /// changed, a shared formula moved): read the sheet whole then.
  static func readPartially(
    _ workbook: Workbook, sheet: Sheet, scan: SheetScan, indexes: [Int], digest: SheetDigest, progress: SyncProgress? = nil
  ) throws -> (table: TrackerTable, prepared: PreparedSheet)? {
    let reader = workbook.cells(of: sheet, scan: scan, reading: indexes, reusing: digest.facts)
    guard
      let (table, prepared) = try read(
        workbook, sheet: sheet, reader: reader, inParallel: false, renamed: [:], mapping: TrackerMapping(), progress: progress),
      let prepared, table.headerRow == digest.context.headerRow, table.headerTexts == digest.context.headerTexts
    else { return nil }
    // The vocabulary, from every row in order: the rows read and the digest's.
    var statusTexts = DistinctTexts()
    var methodTexts = DistinctTexts()
    var next = 0
    func take(_ status: String?, _ method: String?) {
      if let status { statusTexts.insert(status) }
      if let method { methodTexts.insert(method) }
    }
    let known = Set(indexes.map { scan.rows[$0].number })
    for row in digest.rows where !known.contains(row.row) {
      while next < table.rows.count, table.rows[next].row < row.row {
        take(table.rows[next].statusWord, table.rows[next].methodWord)
        next += 1
      }
      take(row.statusWord, row.methodWord)
    }
    for row in table.rows[next...] { take(row.statusWord, row.methodWord) }
    var result = table
    result.statusWords = StatusWords(list: table.statusList, values: statusTexts.inOrder)
    result.methodWords = MethodWords(list: table.methodList, values: methodTexts.inOrder)
    return (result, prepared)
  }

  private static func read(
    _ workbook: Workbook, sheet: Sheet, reader: CellReader, inParallel: Bool, renamed: [SyncColumn: Int], mapping: TrackerMapping,
    progress: SyncProgress?
  ) throws -> (table: TrackerTable, prepared: PreparedSheet?)? {
    var builder = Builder(dateSystem: workbook.dateSystem, renamed: renamed, mapping: mapping)
    var rowNumber = 0
    // Cells as they are parsed (no row arrays); a row ends when the next one starts.
    func take(_ cell: Cell) throws {
      if cell.reference.row != rowNumber {
        try builder.endRow()
        rowNumber = cell.reference.row
        if rowNumber % 10_000 == 0 { progress?("reading \(sheet.name): row \(rowNumber)") }
        builder.startRow(rowNumber)
      }
      builder.add(cell)
    }
    do {
      if inParallel {
        try readInParallel(reader, take)
      } else {
        try reader.forEach(take)
      }
      try builder.endRow()
    } catch is Builder.NoHeader {
      return nil
    }
    guard let header = builder.header else { return nil }
    let rows = builder.rows
    let lastRow = builder.lastRow
    let statusTexts = builder.statusTexts
    let methodTexts = builder.methodTexts
    let headerTexts = builder.headerTexts
    // The drop-down lists of the status and method columns give the sheet's own words.
    func list(_ column: SyncColumn) throws -> [String] {
      guard let index = header.columns[column], let cell = CellReference(column: index, row: header.row + 1) else { return [] }
      for validation in reader.listValidations
      where validation.ranges.split(separator: " ").contains(where: { CellRange(String($0))?.contains(cell) ?? false }) {
        return try workbook.listValues(validation.source, sheet: sheet)
      }
      return []
    }
    var table = TrackerTable(
      sheet: sheet.name, headerRow: header.row, columns: header.columns, ambiguous: header.ambiguous, rows: rows, lastRow: lastRow,
      statusWords: StatusWords())
    if rows.contains(where: { !$0.uncached.isEmpty }) { try table.computeUncached(workbook, sheet: sheet) }
    table.statusList = try list(.status)
    table.methodList = try list(.paymentMethod)
    table.statusWords = StatusWords(list: table.statusList, values: statusTexts.inOrder)
    table.methodWords = MethodWords(list: table.methodList, values: methodTexts.inOrder)
    table.headerTexts = headerTexts
    return (table, reader.preparedForEditing())
  }
}

extension TrackerTable {
  /// Reads `reader`'s cells on another thread, which hands them over in batches, and gives
  /// them to `take` on this one, in order: the sheet is parsed (and indexed for an editor)
  /// on one core while its rows are built on another.
  /// - Throws: the parse's error, or `take`'s (which stops the parse).
  static func readInParallel(_ reader: CellReader, _ take: (Cell) throws -> Void) throws {
    let handoff = Handoff<[Cell]>(capacity: 16)
    let parsing = Concurrent {
      defer { handoff.close() }
      var batch: [Cell] = []
      batch.reserveCapacity(4_096)
      // The cells read before a parse error are handed over too, so that the taker sees
      // what a plain read sees before it fails.
      defer { if !batch.isEmpty { _ = handoff.put(batch) } }
      try reader.forEach { cell in
        batch.append(cell)
        guard batch.count == 4_096 else { return }
        guard handoff.put(batch) else { throw CancellationError() }
        batch.removeAll(keepingCapacity: true)
      }
    }
    do {
      while let batch = handoff.take() {
        for cell in batch { try take(cell) }
      }
    } catch {
      handoff.stop()
      _ = try? parsing.value()
      throw error
    }
    try parsing.value()
  }

  /// Known columns the base has values for but the header no longer names, matched to
  /// unknown columns by their values: a column whose values equal the base's for at least
  /// 80% of at least 3 rows (by invoice number) is the renamed one. Each unknown column
  /// goes to at most one known column; ties are ambiguous and left alone.
  static func renamedColumns(
    _ workbook: Workbook, table: TrackerTable, base: BaseTable
  ) throws -> [SyncColumn: Int] {
    var inBase: Set<SyncColumn> = []
    for (_, row) in base.prefix(2_000) { inBase.formUnion(row.sheet.keys) }
    let missing = inBase.subtracting(table.columns.keys)
    let unknown = table.headerTexts.keys.filter { !table.columns.values.contains($0) }
    guard !missing.isEmpty, !unknown.isEmpty, let sheetName = table.sheet, let numberColumn = table.columns[.number] else { return [:] }
    // The unknown columns' cells, by invoice number.
    var cells: [Int: [String: CellValue]] = [:]
    let reader = try workbook.cells(of: workbook.requireSheet(named: sheetName))
    while let (row, rowCells) = try reader.nextRow() {
      guard row > table.headerRow else { continue }
      guard case let .string(text)? = rowCells.first(where: { $0.reference.column == numberColumn })?.value,
        let number = CellNormalizer.normalize(text: text, column: .number)
      else { continue }
      for cell in rowCells where unknown.contains(cell.reference.column) { cells[cell.reference.column, default: [:]][number] = cell.value }
    }
    var result: [SyncColumn: Int] = [:]
    for column in missing.sorted() {
      var matches: [Int] = []
      for index in unknown where !result.values.contains(index) {
        var compared = 0
        var equal = 0
        for (number, row) in base {
          guard let expected = row.sheet[column] else { continue }
          compared += 1
          let value = cells[index]?[number].flatMap { CellNormalizer.value($0, kind: column.kind, dateSystem: workbook.dateSystem) }
          if value == expected { equal += 1 }
        }
        if compared >= 3, equal * 5 >= compared * 4 { matches.append(index) }
      }
      if matches.count == 1 { result[column] = matches[0] }
    }
    return result
  }
}

/// Texts in the order first seen, each once (a column's vocabulary).
struct DistinctTexts {
  private(set) var inOrder: [String] = []
  private var seen: Set<String> = []

  mutating func insert(_ text: String) {
    if seen.insert(text).inserted { inOrder.append(text) }
  }
}

/// ``CellNormalizer`` with a memory of the texts and dates it normalised, per column: a
/// tracker repeats its statuses, methods, clients, services and days on every row.
struct CachedNormalizer {
  let dateSystem: DateSystem
  /// Per column (by ordinal): raw text → value.
  private var texts = [[String: SyncValue?]](repeating: [:], count: SyncColumn.count)
  /// Per column: serial → day.
  private var serials = [[Double: SyncValue?]](repeating: [:], count: SyncColumn.count)
  /// Entries kept per column: a column of unique values (numbers, notes) stops being
  /// remembered there.
  static let limit = 4_096

  init(dateSystem: DateSystem) { self.dateSystem = dateSystem }

  /// The value, and whether this text or serial was not met before in the
  /// column (always, past the limit).
  mutating func normalize(_ value: CellValue, column: SyncColumn) -> (value: SyncValue?, isNew: Bool) {
    let slot = column.ordinal
    switch value {
    case let .string(text) where column != .number:
      if let known = texts[slot][text] { return (known, false) }
      let result = CellNormalizer.value(value, kind: column.kind, dateSystem: dateSystem)
      if texts[slot].count < Self.limit { texts[slot][text] = .some(result) }
      return (result, true)
    case let .number(serial) where column.kind == .date:
      if let known = serials[slot][serial] { return (known, false) }
      let result = CellNormalizer.value(value, kind: column.kind, dateSystem: dateSystem)
      if serials[slot].count < Self.limit { serials[slot][serial] = .some(result) }
      return (result, true)
    default:
      return (CellNormalizer.value(value, kind: column.kind, dateSystem: dateSystem), true)
    }
  }
}

extension TrackerTable {
  /// Builds a table from a sheet's cells, in file order: finds the header among the first
  /// rows, then turns each row's cells of known columns into normalised values.
  struct Builder {
    /// Thrown to stop reading a sheet with no header in its first rows.
    struct NoHeader: Error {}

    var header: (row: Int, columns: [SyncColumn: Int], ambiguous: [String])?
    var headerTexts: [Int: String] = [:]
    var rows: [Row] = []
    var lastRow = 0
    var statusTexts = DistinctTexts()
    var methodTexts = DistinctTexts()
    private let renamed: [SyncColumn: Int]
    private let mapping: TrackerMapping
    private var normalizer: CachedNormalizer
    /// Known column by column index (index 0 unused).
    private var byIndex: [SyncColumn?] = []
    private var rowsSearched = 0
    private var texts: [Int: String] = [:]
    private var row = Row(row: 0, values: RowValues())
    /// The current row's values, by column ordinal (a ``RowValues`` once the row ends).
    private var slots = [SyncValue?](repeating: nil, count: SyncColumn.count)
    private var rowHasValue = false
    private var scratch: [UInt8] = []

    init(dateSystem: DateSystem, renamed: [SyncColumn: Int], mapping: TrackerMapping = TrackerMapping()) {
      normalizer = CachedNormalizer(dateSystem: dateSystem)
      self.renamed = renamed
      self.mapping = mapping
    }

    mutating func startRow(_ number: Int) {
      lastRow = max(lastRow, number)
      row = Row(row: number, values: RowValues())
    }

    mutating func add(_ cell: Cell) {
      let index = cell.reference.column
      guard header != nil else {
        if case let .string(text) = cell.value { texts[index] = text }
        return
      }
      guard index < byIndex.count, let column = byIndex[index] else { return }
      if cell.formula != nil {
        row.formulas.insert(column)
        if cell.value == .empty { row.uncached.insert(column) }
      }
      if case let .string(text) = cell.value {
        if column == .status { row.statusWord = text } else if column == .paymentMethod { row.methodWord = text }
      }
      let (value, isNew) = normalizer.normalize(cell.value, column: column)
      // The sheet's own words for statuses and methods, each spelling once.
      if isNew, case let .string(text) = cell.value {
        if column == .status { statusTexts.insert(text) } else if column == .paymentMethod { methodTexts.insert(text) }
      }
      if let value, value != .text("") {
        slots[column.ordinal] = value
        rowHasValue = true
      }
    }

    mutating func endRow() throws {
      guard row.row > 0 else { return }
      guard header == nil else {
        if rowHasValue {
          row.values = RowValues(slots: slots, scratch: &scratch)
          rows.append(row)
          for index in slots.indices { slots[index] = nil }
          rowHasValue = false
        }
        return
      }
      rowsSearched += 1
      let found = mapping.isEmpty ? TrackerTable.header(in: [(row.row, texts)]) : TrackerTable.header(in: texts, row: row.row, mapping: mapping)
      if var detected = found {
        for (column, index) in renamed where detected.columns[column] == nil && !detected.columns.values.contains(index) {
          detected.columns[column] = index
        }
        header = detected
        headerTexts = texts
        byIndex = Array(repeating: nil, count: (detected.columns.values.max() ?? 0) + 1)
        for (column, index) in detected.columns { byIndex[index] = column }
      } else if rowsSearched >= TrackerTable.headerSearchRows || (mapping.headerRow.map { row.row >= $0 } ?? false) {
        throw NoHeader()
      }
      texts = [:]
    }
  }
}

extension TrackerTable {
  /// The rows of one invoice when `rows`, which share its number, are its lines (a line
  /// export: Zoho, FreshBooks, Pennylane): they agree on the client and the date. Each
  /// column equal on every line is the invoice's (an invoice total repeated on each line
  /// is taken once); an amount that differs is the sum of the lines; anything else that
  /// differs is unknown and never written. `nil` when the rows name two invoices (another
  /// client or date): the number is then a duplicate.
  static func invoice(ofLines rows: [Row], columns: some Sequence<SyncColumn>) -> Row? {
    guard var merged = rows.first else { return nil }
    guard rows.count > 1 else { return merged }
    for column in [SyncColumn.client, .issueDate] where rows.contains(where: { $0.values[column] != merged.values[column] }) {
      return nil
    }
    merged.lines = rows.dropFirst().map(\.row)
    for row in rows.dropFirst() {
      for column in row.formulas { merged.formulas.insert(column) }
      for column in row.uncached { merged.uncached.insert(column) }
    }
    for column in columns where column != .number {
      let values = rows.map { $0.values[column] }
      guard values.contains(where: { $0 != values[0] }) else { continue }
      merged.mixed.insert(column)
      guard column.kind == .amount else {
        merged.values[column] = nil
        continue
      }
      let amounts = values.compactMap { $0 }
      if let unreadable = amounts.first(where: \.isUnreadable) {
        merged.values[column] = unreadable  // the row is skipped with its reason
      } else {
        // (Summed with overflow checked: a hostile file's lines cannot trap the sum.)
        var total: Int64? = 0
        for cents in amounts.compactMap({ $0.cents?.value }) {
          total = total.flatMap { let (sum, overflow) = $0.addingReportingOverflow(cents); return overflow ? nil : sum }
        }
        merged.values[column] = total.map { SyncValue.amount(Cents($0)) } ?? .unreadable("\(amounts.count) lines summing past any amount")
      }
    }
    return merged
  }
}

extension TrackerTable {
  /// The texts of row `row` of `sheet` (the first worksheet when `nil`), by column index.
  static func headerTexts(_ workbook: Workbook, sheet: String?, row wanted: Int) throws -> [Int: String] {
    guard let sheet = try sheet.map({ try workbook.requireSheet(named: $0) }) ?? workbook.sheets.first(where: { $0.kind == .worksheet }) else {
      return [:]
    }
    let reader = try workbook.cells(of: sheet)
    while let (row, cells) = try reader.nextRow() {
      if row > wanted { break }
      guard row == wanted else { continue }
      var texts: [Int: String] = [:]
      for cell in cells { if case let .string(text) = cell.value { texts[cell.reference.column] = text } }
      return texts
    }
    return [:]
  }
}

extension TrackerTable.Row {
  /// The words of a summary row (`TOTAL`, `Sous-total`, `Total général`).
  static let totalWords: Set<String> = Set(
    ["Total", "Totaux", "Sous-total", "Sous total", "Total général", "Total TTC", "Total HT", "Grand total", "Subtotal", "Sum", "Somme"]
      .map(HeaderText.key))

  /// Whether the row sums the others (a `TOTAL` row at the bottom): a total word where the
  /// number or the client goes, and no invoice date. Not an invoice, never imported.
  package var isTotal: Bool {
    guard values[.issueDate] == nil else { return false }
    return [SyncColumn.number, .client, .service].contains { column in
      values.text(column).map { Self.totalWords.contains(HeaderText.key($0)) } ?? false
    }
  }
}

extension TrackerTable {
  /// Formulas of known columns saved without their value (openpyxl writes them so) are
  /// computed when they are arithmetic on their own row (``RowArithmetic``: `F2+G2`,
  /// `ROUND(F2*1.06,2)`, through other such formulas of the row); the others stay unknown
  /// (``Row/uncached``).
  mutating func computeUncached(_ workbook: Workbook, sheet: Sheet) throws {
    let wanted = Set(rows.filter { !$0.uncached.isEmpty }.map(\.row))
    var cellsByRow: [Int: [Int: Cell]] = [:]
    let reader = try workbook.cells(of: sheet)
    while let (row, cells) = try reader.nextRow() {
      guard wanted.contains(row) else { continue }
      cellsByRow[row] = Dictionary(cells.map { ($0.reference.column, $0) }, uniquingKeysWith: { _, last in last })
    }
    for index in rows.indices where !rows[index].uncached.isEmpty {
      let number = rows[index].row
      let cells = cellsByRow[number] ?? [:]
      func operand(_ column: Int, depth: Int) -> RowArithmetic.Operand {
        guard let cell = cells[column] else { return .empty }
        switch cell.value {
        case let .number(value): return .number(value)
        case .empty:
          guard let formula = cell.formula else { return .empty }
          guard depth < 8, let text = formula.text,
            let value = RowArithmetic.evaluate(text, row: number, value: { operand($0, depth: depth + 1) })
          else { return .other }
          return .number(value)
        default: return .other
        }
      }
      for column in rows[index].uncached {
        guard let position = columns[column], case let .number(value) = operand(position, depth: 0) else { continue }
        rows[index].values[column] = CellNormalizer.value(.number(value), kind: column.kind, dateSystem: workbook.dateSystem)
        rows[index].uncached.remove(column)
      }
    }
  }
}

