import Foundation
import GRDB
import Ledger
import OOXML

/// One run of the engine, inside the ledger transaction.
struct SyncRun {
  /// The custom document property that names a tracker for Suivi, whatever its path.
  static let trackerIDProperty = "SuiviTrackerId"

  let session: LedgerSession
  let store: SyncStore
  let file: String
  let path: String
  let workbook: Workbook?
  var table: TrackerTable
  let checksum: String
  let options: SyncOptions
  var report: SyncReport
  var binding: SyncStore.Binding
  var base = BaseTable()
  /// Rows that both sides hold exactly as at the last sync, with no decision pending: the
  /// merge has nothing to do with them, so it never sees them (most rows of most runs).
  var settled: Set<String> = []
  /// Every other number of the sheet, the ledger or the base: the rows the merge looks at
  /// (a row settled later, as an imported one, is skipped by its presence in ``settled``).
  var unsettled: Set<String> = []
  /// Sheet rows by number (numbers that appear once).
  var sheetRows: [String: TrackerTable.Row] = [:]
  /// Conflicts of this run, by (number, column).
  var conflicts: [CellKey: SyncConflict] = [:]
  /// Cells decided on open conflicts: the value both sides must end with.
  var decisions: [CellKey: SyncPlan.Decision] = [:]
  /// Values to write in the sheet: (number, column) → value.
  var sheetWrites: [CellKey: SyncPlan.SheetWrite] = [:]
  /// Rows typed without a number, imported now: row → number.
  var newNumbers: [Int: String] = [:]
  var pushedThisRun = false
  /// Cells of conflicts raised on what the sheet states (``raiseFact``).
  var factKeys: Set<CellKey> = []
  /// Rows with an open conflict on what the sheet states, and the cells it is about: when
  /// such a row is looked at again, those cells are read again as facts.
  var reexamine: [String: Set<SyncColumn>] = [:]
  /// Cells of a row whose fact waits for a person (``RowFacts``): their base is not
  /// updated, so that every run sees them, and raises their conflict, until it is decided.
  var factsWaiting: [String: Set<SyncColumn>] = [:]
  /// Cells whose statement the ledger holds already (``RowFacts/covered``): they take the
  /// ledger's value.
  var coveredCells: Set<CellKey> = []
  /// Numbers that name two different invoices, a row of the sheet and one of the ledger
  /// (``Merge/Result/sameNumber``): neither is touched until a person decides.
  var sameNumberRows: Set<String> = []
  /// Decisions on them: `.sheet` renumbers the ledger's invoice, `.ledger` the row.
  var renumbering: [String: SyncConflict.Resolution] = [:]
  /// The number cells of the rows offered for import (a row not taken is flagged there).
  var skippedCells: [String: String] = [:]
  /// Rows whose payment decision was read with the row's other payment cells.
  var decidedWithRow: Set<String> = []
  /// Invoices a run recorded a fact of, from the sheet (a payment, a reminder, a dispute).
  var factsRecorded: Set<String> = []
  /// Cells a person decided for the sheet whose value the ledger cannot take as a fact:
  /// kept in the sheet, not said applied.
  var keptInSheet: Set<CellKey> = []
  /// Rows whose payment, stated with no day, a person said was not made.
  var declinedPayments: Set<String> = []
  /// Whether an adoption left computed cells the next push brings up to date.
  var staleComputed = false
  /// Sheet edits the ledger did not take (a push leaves them to the next pull).
  var unappliedSheetEdits: Set<CellKey> = []
  var pendingImports: [String] = []
  var pendingAppends: [String] = []
  /// Invoices this run changed in the ledger.
  var touched: Set<String> = []
  /// What a person said of the tracker (``TrackerMapping``).
  var mapping = TrackerMapping()
  /// The warnings given so far (each is given once).
  var warned: Set<String> = []
  /// Rows typed without a number but with a client and an amount.
  var typedRows: [TrackerTable.Row] = []
  /// Whether the sheet has rows typed without a number.
  var hasTypedRows = false
  /// The editor of the workbook, when the run may write it; its sheet is read and indexed
  /// on another core (``preparing``) while this one merges.
  var editor: WorkbookEditor?
  var preparing: Concurrent<Void>?
  let stopPreparing = StopFlag()
  /// The tracker sheet, indexed for the save as it was read.
  private var preparedSheet: PreparedSheet?
  /// The base and the projection, loaded while the sheet was read.
  private var preloaded: (base: BaseTable, projection: LedgerProjection)?
  /// What the run keeps of the sheet to leave a digest for the next one (``SheetDigest``).
  var memory: SheetMemory?
  /// When the base and the projection hold only some invoices (see
  /// ``completeLedgerSide(_:session:store:binding:changed:table:memory:)``): those that may have
  /// changed since the digest (the others are those of the rows read).
  var ledgerChanged: Set<String>?
  var ledgerSideIsPartial: Bool { ledgerChanged != nil }
  /// The rows of the tracker sheet the save rewrote (not in the next digest).
  var rewrittenRows: Set<Int> = []
  /// The projection, kept after ``execute()`` so that it is freed with the run (see
  /// ``Retire``), not when `execute` returns.
  private var finalProjection: LedgerProjection?

  init(
    session: LedgerSession, file: String, path: String, workbook: Workbook?, csv: [UInt8]?, checksum: String,
    options: SyncOptions, report: SyncReport
  ) throws {
    self.session = session
    store = SyncStore(db: session.database)
    self.file = file
    self.path = path
    self.workbook = workbook
    self.checksum = checksum
    self.options = options
    self.report = report
    // Bound by the id in the tracker's custom properties when it has one, else by its path.
    let trackerID = try workbook?.customProperties()[SyncRun.trackerIDProperty]
    let syncStore = SyncStore(db: session.database)
    var existing: SyncStore.Binding? = nil
    if let trackerID { existing = try syncStore.binding(trackerID: trackerID, path: file) }
    if existing == nil { existing = try syncStore.binding(path: file) }
    if let workbook {
      // The sheet is read on another core while this one loads the ledger's side. What a
      // person said of the tracker (`suivi map`) comes first.
      let mapping = try syncStore.mapping(path: file) ?? TrackerMapping()
      self.mapping = mapping
      let sheetName = options.sheet ?? mapping.sheet ?? existing?.sheet
      let progress = options.progress
      // A run that writes the sheet or its digest has it indexed for the save in the same
      // parse; with the last run's digest, only the rows that changed are parsed (not for a
      // mapped tracker: its digest would not say how its header was read).
      let preparingEdit = !report.dryRun
      let stored = try existing.flatMap { preparingEdit && sheetName != nil && mapping.isEmpty ? try syncStore.storedDigest(of: $0) : nil }
      // The last run's digest, when the workbook is read the same way (its header is
      // checked once read).
      let context = stored.flatMap(\.context).flatMap(SheetDigest.decodeContext)
      let contextNow = context.flatMap { context in sheetName.flatMap(workbook.sheet(named:)).flatMap { context.fitting(workbook, sheet: $0) } }
      let reading = Concurrent { () -> SheetRead in
        try Timing.measure("sheet read") {
          if contextNow != nil, let sheetName, let sheet = workbook.sheet(named: sheetName), sheet.kind == .worksheet,
            let scan = try workbook.scan(sheet)
          {
            return .scanned(scan, sheet: sheet.name)
          }
          return try Self.readWhole(workbook, sheet: sheetName, mapping: mapping, preparingEdit: preparingEdit, progress: progress)
        }
      }
      // Decoded while the sheet is scanned.
      let digest = Timing.measure("digest") {
        stored.flatMap { stored in contextNow.flatMap { _ in context.flatMap { SyncStore.decodeDigest(stored, context: $0) } } }
      }
      // The invoices whose ledger values may differ from the base's since the digest: those
      // the ledger changed since and, on another day, those whose status depends on it.
      // Their base rows and projections are loaded while the sheet is scanned; the other
      // invoices show what they showed then.
      var changed: Set<String>?
      var early: (base: BaseTable, projection: LedgerProjection)?
      do {
        if let context = digest?.context, let existing, let since = try session.invoicesChanged(since: context.tick) {
          if context.asOf == options.asOf.description {
            changed = since
          } else if let day = Day.iso(context.asOf) {
            changed = since.union(try Timing.measure("day") { try session.invoicesDependingOnDay(between: day, and: options.asOf) })
          }
          // Many (most invoices still open on another day): loading them all at once is cheaper.
          if let some = changed, some.count * 8 > (try session.invoiceCount()) { changed = nil }
          if let changed {
            early = try Timing.measure("ledger side (changed)") {
              (try syncStore.base(of: existing, only: changed), try LedgerProjection(session, asOf: options.asOf, only: changed))
            }
          }
        }
        if early == nil { preloaded = try Self.loadLedgerSide(session, store: syncStore, binding: existing, asOf: options.asOf) }
      } catch {
        _ = try? reading.value()
        throw error
      }
      Timing.mark("ledger side loaded")
      var read = try reading.value()
      Timing.mark("waited for the sheet")
      if case let .scanned(scan, name) = read, let digest, let contextNow, let columns = Self.columns(of: digest) {
        // The rows of a decided conflict are read: the decision is applied to them.
        let decided = Set(try existing.map { try syncStore.conflicts(of: $0).filter { $0.resolution != nil }.map(\.number) } ?? [])
        let ledgerUnchanged: (String) -> Bool
        if let changed, let early {
          ledgerUnchanged = {
            !decided.contains($0) && (!changed.contains($0) || Self.ledgerHoldsBase($0, base: early.base, projection: early.projection, columns: columns))
          }
        } else {
          let (base, projection) = preloaded!
          ledgerUnchanged = { !decided.contains($0) && Self.ledgerHoldsBase($0, base: base, projection: projection, columns: columns) }
        }
        read = try Timing.measure("partial read") {
          try Self.readPartially(
            workbook, sheet: name, scan: scan, digest: digest, contextNow: contextNow, ledgerUnchanged: ledgerUnchanged, progress: progress)
        } ?? Self.readWhole(workbook, sheet: sheetName, mapping: mapping, preparingEdit: preparingEdit, progress: progress)
      }
      if case .scanned = read { read = try Self.readWhole(workbook, sheet: sheetName, mapping: mapping, preparingEdit: preparingEdit, progress: progress) }
      if preloaded == nil {
        // Completed with the rows read, when the base and the ledger account for every
        // other invoice (else every invoice is loaded).
        if let changed, let early, case let .read(sheetTable, _, memory?) = read, memory.unparsedCount > 0 {
          preloaded = try Timing.measure("ledger side (rows read)") {
            try Self.completeLedgerSide(
              early, session: session, store: syncStore, binding: existing!, changed: changed, table: sheetTable, memory: memory)
          }
          if preloaded != nil { ledgerChanged = changed }
        }
        if preloaded == nil { preloaded = try Self.loadLedgerSide(session, store: syncStore, binding: existing, asOf: options.asOf) }
      }
      guard case let .read(sheetTable, prepared, remembered) = read else { preconditionFailure("the sheet was read") }
      (table, preparedSheet, memory) = (sheetTable, prepared, remembered)
    } else {
      table = try TrackerTable.readCSV(csv ?? [], file: path)
    }
    if let existing {
      binding = existing
    } else {
      // A file never synced: a tracker moved, a copy of one, another tracker, or new.
      let ledgerSide = try preloaded ?? Self.loadLedgerSide(session, store: syncStore, binding: nil, asOf: options.asOf)
      let recognised = try Self.recognise(
        table, projection: ledgerSide.projection, store: syncStore, fileExists: { FileManager.default.fileExists(atPath: $0) })
      switch recognised {
      case let .moved(original):
        binding = try syncStore.rebind(original, to: file)
        self.report.movedFrom = original.path
      case let .copy(original):
        binding = try syncStore.copy(original, to: file)
        self.report.copyOf = original.path
      case let .other(bound, numbers):
        throw SyncError.otherTracker(file: path, bound: bound.path, numbers: numbers)
      case .new:
        guard options.mode != .push else { throw SyncError.notBound(file: path) }
        // Suivi follows what customers owe: a table of bills to pay is not adopted (unless a
        // person mapped it).
        if mapping.isEmpty, let header = table.payablesHeader {
          throw TrackerError.payables(file: path, sheet: table.sheet ?? "?", header: header)
        }
        // A tracker of period sheets is bound to no one sheet: each run reads them all.
        binding = try store.createBinding(path: file, sheet: table.isPeriodic ? nil : table.sheet)
        self.report.adopted = true
      }
      // The base of the binding found (a copy's is the original's).
      preloaded = (try syncStore.base(of: binding), ledgerSide.projection)
    }
    if let trackerID { try store.setTrackerID(trackerID, of: binding) }
    binding.sheet = table.isPeriodic ? nil : table.sheet ?? binding.sheet
    self.report.sheet = table.isPeriodic ? table.periodSheets.joined(separator: ", ") : table.sheet
    self.report.rowsRead = memory.map { $0.rows.count - $0.unparsedCount } ?? table.rows.count
    self.report.ambiguousColumns = table.ambiguous
    self.report.otherTables = table.otherTables
  }

  mutating func execute() throws {
    base = try preloaded?.base ?? store.base(of: binding)
    // A header a person renamed: found by its values, against the base.
    if let workbook, !base.isEmpty, !table.isPeriodic {
      let renamed = try TrackerTable.renamedColumns(workbook, table: table, base: base)
      if !renamed.isEmpty {
        table = try TrackerTable.read(workbook, sheet: table.sheet, renamed: renamed, mapping: mapping)
        memory?.forgetUnparsed()  // every row was read again
        if ledgerSideIsPartial {
          // Every row is looked at now: the whole ledger's side with them.
          base = try store.base(of: binding)
          preloaded = nil
          ledgerChanged = nil
        }
        report.renamedColumns = renamed.sorted { $0.key < $1.key }.map { "\(table.headerTexts[$0.value] ?? "?") → \($0.key.header)" }
      }
    }
    Timing.mark("base+renamed")
    typedRows = table.rows.filter(Self.isTyped)
    try indexSheetRows()
    Timing.mark("index")
    matchTypedRows()
    try relocateConflicts()
    var open = try store.conflicts(of: binding)
    // Decisions typed in the Conflits sheet count as `suivi resolve`.
    if options.mode.pulls {
      let typed = try decisionsInSheet()
      for index in open.indices where open[index].resolution == nil {
        guard let resolution = typed[open[index].id] else { continue }
        _ = try store.resolve(id: open[index].id, resolution: resolution, decided: nil, at: session.commandTime)
        open[index].resolution = resolution
      }
    }
    // (A two-sided change the merge found is found again by the merge: its base is kept.)
    let payment = SyncColumn.paymentColumns
    for conflict in open where conflict.resolution == nil && [.undatedPayment, .notApplicable, .bothChanged].contains(conflict.kind) {
      guard let column = SyncColumn(rawValue: conflict.column), column != .number else { continue }
      if conflict.kind == .bothChanged, column != .status, column != .amountPaid { continue }
      reexamine[conflict.number, default: []].formUnion(payment.contains(column) ? payment : [column])
    }
    takeDecisions(open)
    prepareWorkbookEditor()

    options.progress?("merging \(sheetRows.count) rows with the ledger")
    // Pass 1: the sheet's edits and new rows go to the ledger.
    var projection = try preloaded?.projection ?? LedgerProjection(session, asOf: options.asOf)
    preloaded = nil
    Timing.mark("projection")
    findSettledRows(projection: projection)
    Timing.mark("settled")
    if options.mode.pulls { try renumber(&projection) }
    if options.mode.pulls {
      let first = Timing.measure("first merge") { merge(projection: projection) }
      sameNumberRows.formUnion(first.sameNumber)
      try Timing.measure("import rows") { try importRows(first.newInSheet, projection: projection) }
      try Timing.measure("reserve numbers") { try reserveSheetNumbers(projection: projection) }
      try importTypedRows()
      try Timing.measure("apply to ledger") { try applyToLedger(first.toLedger, projection: projection) }
      try applyDecisionsToLedger(projection: projection)
      // The invoices this run changed are projected again (every change a run makes is
      // to the invoice of one row).
      Timing.mark("first merge+apply")
      try projection.refresh(touched, in: session)
      Timing.mark("refresh")
      // An imported row starts its history here: what each side holds now is its base,
      // so adopting a tracker raises no conflict and writes nothing to it.
      let numbered = Set(newNumbers.values)
      let kept = ledgerBaseColumns
      for number in report.imported {
        guard let row = sheetRows[number], let values = projection.rows[number] else { continue }
        var adopted = Merge.BaseRow(sheet: row.values, ledger: values.restricted(to: kept))
        // The computed columns are the ledger's: where the sheet shows another value (a
        // status not updated since, a Reste dû typed), its base says the ledger held the
        // sheet's, so that the next push writes the ledger's, in the sheet's words. A word
        // of the business's own, or *Relancée*, is kept.
        for column in SyncColumn.computed where columns.contains(column) && factsWaiting[number]?.contains(column) != true {
          guard adopted.sheet[column] != adopted.ledger[column], !row.formulas.contains(column) else { continue }
          if column == .status, !Self.isProjectedStatus(adopted.sheet[column]) || row.statusWord.map(StatusWords.isReminded) == true {
            continue
          }
          adopted.ledger[column] = adopted.sheet[column]
          staleComputed = true
        }
        if numbered.contains(number) {
          adopted.ledger[.number] = nil
        } else {
          settled.insert(number)  // both sides are its base now: nothing left to merge
        }
        base[number] = adopted
      }
    }

    if !options.mode.pulls { try reserveSheetNumbers(projection: projection) }

    // An adoption that took nothing from a sheet that has rows (none imported, none the
    // ledger already knows) is an error: the run's transaction is undone, binding included.
    // (A dry run shows why, row by row.)
    if report.adopted, !report.dryRun, report.imported.isEmpty, !report.skipped.isEmpty,
      !sheetRows.keys.contains(where: { projection.rows[$0] != nil })
    {
      throw SyncError.nothingAdopted(
        file: path, sheet: table.sheet, skipped: report.skipped.count, reasons: report.skipped.prefix(3).map(\.reason))
    }

    // Pass 2: what the sheet must show, and what conflicts (a pure plan, ``SyncPlan``).
    let plan = Timing.measure("plan") { SyncPlan(planInput(projection: projection)) }
    sameNumberRows.formUnion(plan.sameNumber)
    for raised in plan.raises { raise(raised.cell, kind: raised.kind) }
    unappliedSheetEdits = plan.unapplied
    pendingImports = plan.newInSheet
    sheetWrites = plan.writes
    report.deletedRows = plan.deleted
    let appended = plan.appended

    let pushed = options.mode.pushes && workbook != nil
    if pushed {
      for (_, write) in sheetWrites.sorted(by: { $0.key < $1.key }) {
        report.toSheet.append(.init(number: write.number, column: write.column, cell: cellName(write.number, write.column),
          from: sheetRows[write.number]?.values[write.column], to: write.value))
      }
      report.appended = appended
    }
    try settleConflicts(open: open, pushed: pushed, projection: projection)
    // The ledger's side is complete before the workbook is written: a failure there
    // leaves the file untouched (and a failed save rolls the ledger back).
    try updateBase(projection: projection, pushed: pushed, appended: pushed ? appended : [])
    Timing.mark("updateBase")
    pushedThisRun = pushed
    pendingAppends = appended
    hasTypedRows = !typedRows.isEmpty
    if pushed, !report.dryRun {
      options.progress?("writing the workbook")
      Timing.mark("before write")
      try writeWorkbook(projection: projection, appended: appended)
      Timing.mark("write")
    }
    report.open = try store.conflicts(of: binding)
    try finish(projection: projection)
    finalProjection = projection
    Timing.mark("finish")
  }

  var columns: Set<SyncColumn> { Set(table.columns.keys) }

  /// Whether a status the sheet shows is one the ledger computes from the days alone (not
  /// a fact the sheet states, as *Réglée* or *Litige*, nor a word of its own).
  static func isProjectedStatus(_ value: String?) -> Bool {
    switch value.flatMap(InvoiceStatus.init(rawValue:)) {
    case .pending?, .late?, .toRemind?, .partiallyPaid?: true
    default: false
    }
  }
  /// The ledger's side of a base row also keeps what was paid, whether the sheet shows it
  /// or not: a *Réglée* typed after the ledger recorded a payment is both sides changing
  /// what is paid (``RowFacts``).
  var ledgerBaseColumns: Set<SyncColumn> { columns.union([.amountPaid]) }

  /// When the run may write the workbook, has its editor read and index the tracker sheet
  /// on another core now, so that the save does not have to (nothing else reads the
  /// workbook until ``writeWorkbook(projection:appended:)`` waits for it).
  private mutating func prepareWorkbookEditor() {
    guard options.mode.pushes, !report.dryRun, let workbook, let sheet = table.sheet else {
      preparedSheet = nil  // read for the digest only
      return
    }
    let editor = WorkbookEditor(workbook: workbook)
    self.editor = editor
    if let prepared = preparedSheet, prepared.sheetName == sheet {
      editor.use(prepared)
      preparedSheet = nil
      return
    }
    let stop = stopPreparing
    preparing = Concurrent { try editor.prepare(sheet: sheet, isCancelled: { stop.isRaised }) }
  }

  /// Stops the preparation of the editor if it is still running, and waits for it.
  func stopPreparingEditor() {
    guard let preparing else { return }
    stopPreparing.raise()
    _ = try? preparing.value()
  }

  /// Invoice numbers in natural order (``InvoiceNumber/naturalOrder(_:_:)``: `F-9` before
  /// `F-10`), as the ledger lists them.
  static func seriesOrder(_ a: String, _ b: String) -> Bool { InvoiceNumber.naturalOrder(a, b) }

  /// The sheet's rows keyed by number; a number on two rows is a conflict on both.
  private mutating func indexSheetRows() throws {
    var duplicates: [String: [TrackerTable.Row]] = [:]
    sheetRows.reserveCapacity(table.rows.count)
    for row in table.rows {
      guard let number = row.number, !row.isTotal else { continue }
      if let first = sheetRows.updateValue(row, forKey: number) {
        duplicates[number, default: [first]].append(row)
      }
    }
    for (number, rows) in duplicates.sorted(by: { $0.key < $1.key }) {
      if let invoice = TrackerTable.invoice(ofLines: rows, columns: table.columns.keys) {
        sheetRows[number] = invoice
        report.grouped.append(.init(number: number, rows: rows.map { table.locate($0.row).row }))
        continue
      }
      sheetRows[number] = nil
      let cells = rows.compactMap { table.cellName(.number, row: $0.row) }
      raise(.init(number: number, column: .number, base: number, ledger: nil, sheet: number), kind: .duplicateNumber,
        cell: cells.joined(separator: ", "))
    }
    // A formula without a cached value says nothing: it keeps the value it had.
    for row in table.rows where !row.uncached.isEmpty {
      guard let number = row.number, sheetRows[number] != nil else { continue }
      for column in row.uncached { sheetRows[number]!.values[column] = base[number]?.sheet[column] }
    }
  }

  /// Conflicts whose row moved since they were flagged (the rows sorted, a row deleted
  /// above, a column inserted): their cell is where their row is now, and an open one is
  /// flagged there again. A conflict whose row is gone from the sheet has no cell any more,
  /// so that nothing is cleared in the cell its row used to be, which another invoice's
  /// row holds now.
  private mutating func relocateConflicts() throws {
    guard workbook != nil else { return }  // a CSV has no cells to flag
    // Rows the digest says did not change are where they were.
    let notParsed = memory?.unparsedNumbers(among: nil) ?? []
    for conflict in try store.conflicts(of: binding) + store.closedButFlagged(of: binding) {
      guard conflict.kind != .duplicateNumber, let column = SyncColumn(rawValue: conflict.column), !notParsed.contains(conflict.number)
      else { continue }
      let now = sheetRows[conflict.number].flatMap { table.cellName(column, row: $0.row) }
      if now != conflict.cell { try store.relocate(conflict, to: now, binding: binding) }
    }
  }

  /// Finds the rows both sides hold as at the last sync (see ``settled``).
  private mutating func findSettledRows(projection: LedgerProjection) {
    let decided = Set(decisions.values.map(\.conflict.number))
    let numbered = Set(newNumbers.values)
    let columns = ColumnSet(ledgerBaseColumns)
    let (rows, ledger, base) = (sheetRows, projection.rows, base)
    // Rows are independent: each core compares a half.
    let found = Self.inParts(of: rows) { part in
      var numbers: (settled: [String], unsettled: [String]) = ([], [])
      numbers.settled.reserveCapacity(part.count)
      for (number, row) in part {
        if (decided.isEmpty || !decided.contains(number)) && (numbered.isEmpty || !numbered.contains(number)),
          let values = ledger[number], base.holds(number, sheet: row.values, ledger: values, columns: columns)
        {
          numbers.settled.append(number)
        } else {
          numbers.unsettled.append(number)
        }
      }
      return numbers
    }
    settled.reserveCapacity(found.reduce(0) { $0 + $1.settled.count })
    for numbers in found {
      settled.formUnion(numbers.settled)
      unsettled.formUnion(numbers.unsettled)
    }
    // Rows not read: settled (see ``SheetDigest``).
    // (A partial ledger's side holds only those that may have changed.)
    let unparsed = memory?.unparsedNumbers(among: ledgerChanged) ?? []
    // Rows gone from the sheet, or not in it yet.
    for number in base.numbers where rows[number] == nil && !unparsed.contains(number) { unsettled.insert(number) }
    for number in ledger.keys where rows[number] == nil && !unparsed.contains(number) { unsettled.insert(number) }
  }

  /// `work` done on each half of `dictionary` at once (on two cores); the halves' results.
  static func inParts<Key, Value, Result>(
    of dictionary: [Key: Value], _ work: @escaping (Slice<[Key: Value]>) -> Result
  ) -> [Result] {
    let middle = dictionary.index(dictionary.startIndex, offsetBy: dictionary.count / 2)
    let second = Concurrent { work(dictionary[middle...]) }
    let first = work(dictionary[..<middle])
    return [first, try! second.value()]  // the work does not throw
  }

  /// The three sides of the rows not settled: their base, the ledger's values, the sheet's.
  func sides(projection: LedgerProjection) -> (base: [String: Merge.BaseRow], ledger: [String: Merge.Values], sheet: [String: Merge.Values]) {
    var baseRows: [String: Merge.BaseRow] = [:]
    var sheet: [String: Merge.Values] = [:]
    var ledger: [String: Merge.Values] = [:]
    for number in unsettled where !settled.contains(number) {
      let old = base[number]
      if let old { baseRows[number] = old }
      if let row = sheetRows[number] {
        // A formula in a column the ledger computes (a TTC, a Reste dû) shows what it
        // computes from the row, never a person's edit: it is compared as at the last sync.
        var values = row.values
        if let old, !row.formulas.isEmpty {
          for column in row.formulas where column.isDerived || column.isComputed { values[column] = old.sheet[column] }
        }
        sheet[number] = values
      }
      if let values = projection.rows[number] { ledger[number] = values }
    }
    return (baseRows, ledger, sheet)
  }

  /// The three-way merge of the rows not settled (what the sheet's edits bring the ledger).
  func merge(projection: LedgerProjection) -> Merge.Result {
    let (base, ledger, sheet) = sides(projection: projection)
    return Merge.merge(base: base, ledger: ledger, sheet: sheet, columns: columns, strictRows: options.strictRows)
  }

  /// What the plan is made from, once the sheet's edits are in the ledger.
  func planInput(projection: LedgerProjection) -> SyncPlan.Input {
    var input = SyncPlan.Input()
    (input.base, input.ledger, input.sheet) = sides(projection: projection)
    input.columns = columns
    input.rows = sheetRows
    input.decisions = decisions
    input.inConflict = Set(conflicts.keys)
    input.factsWaiting = factsWaiting
    input.reexamine = reexamine
    input.declinedPayments = declinedPayments
    input.coveredCells = coveredCells
    input.numbered = Set(newNumbers.values)
    input.pulls = options.mode.pulls
    input.restoreDeleted = options.restoreDeleted
    input.strictRows = options.strictRows
    return input
  }

  func cellName(_ number: String, _ column: SyncColumn) -> String? {
    sheetRows[number].flatMap { table.cellName(column, row: $0.row) }
  }

  // MARK: Conflicts

  mutating func raise(_ cell: Merge.Cell, kind: SyncConflict.Kind, cell name: String? = nil) {
    let key = CellKey(cell.number, cell.column)
    guard conflicts[key] == nil else { return }
    // A conflict about what the sheet states (not a difference of both sides' changes) has
    // an id of the row and the sheet's value only, whichever step raises it, so that it is
    // the same conflict from run to run until the sheet's value changes.
    let stable = kind == .notApplicable || kind == .undatedPayment
    let id = stable ? Merge.Cell(number: cell.number, column: cell.column, base: nil, ledger: nil, sheet: cell.sheet).conflictID : cell.conflictID
    conflicts[key] = SyncConflict(
      id: id, number: cell.number, column: cell.column.rawValue, kind: kind, base: cell.base, ledger: cell.ledger,
      sheet: cell.sheet, cell: name ?? cellName(cell.number, cell.column), raisedAt: session.commandTime)
  }

  /// Decisions taken on open conflicts (by `suivi resolve`) become the values both sides
  /// must end with.
  private mutating func takeDecisions(_ open: [SyncConflict]) {
    for conflict in open {
      guard let resolution = conflict.resolution, let column = SyncColumn(rawValue: conflict.column) else { continue }
      // The ledger kept against what the sheet says is paid: the sheet's payment cells (its
      // status, day, method, amount) take the ledger's values.
      if resolution == .ledger, SyncColumn.paymentColumns.contains(column) { declinedPayments.insert(conflict.number) }
      if conflict.kind == .sameNumber {
        renumbering[conflict.number] = resolution
        continue
      }
      let value: String? =
        switch resolution {
        case .sheet: conflict.sheet
        case .ledger: conflict.ledger
        case .value: conflict.decided.flatMap { CellNormalizer.normalize(text: $0, kind: column.kind) }
        }
      decisions[CellKey(conflict.number, column)] = SyncPlan.Decision(conflict: conflict, value: value)
    }
  }

  /// Closes conflicts that were decided and applied, or that no longer hold (both sides
  /// agree now, or a newer conflict replaced them); stores the new ones.
  private mutating func settleConflicts(open: [SyncConflict], pushed: Bool, projection: LedgerProjection) throws {
    let raisedIDs = Set(conflicts.values.map(\.id))
    for conflict in open {
      if let column = SyncColumn(rawValue: conflict.column), let decision = decisions[CellKey(conflict.number, column)] {
        // Applied once both sides hold the decided value (the sheet side needs a push, the
        // ledger's a pull).
        let sheetDone = pushed || sheetRows[conflict.number]?.values[column] == decision.value
        let ledgerDone = options.mode.pulls || projection.rows[conflict.number]?[column] == decision.value
        // (A decision this run could not carry out raised the same conflict again, or left a
        // fact waiting, as the day of a payment the person said was made: it stays.)
        let waiting = !(factsWaiting[conflict.number]?.isEmpty ?? true)
        let refused = conflicts[CellKey(conflict.number, column)] != nil  // the ledger refused the row
        // (Nor one whose row this run did not read.)
        let read = sheetRows[conflict.number] != nil || conflict.kind == .sameNumber || conflict.kind == .deletedRow
        if sheetDone && ledgerDone && !raisedIDs.contains(conflict.id) && !waiting && !refused && read {
          try store.close(conflict, binding: binding)
          report.closed.append(conflict)
        }
      } else if !raisedIDs.contains(conflict.id), wasExamined(conflict.number), options.mode.pulls || !stillHolds(conflict, projection: projection) {
        // (A push does not read the sheet's edits: a conflict about one holds until the
        // sheet's cell changes or both sides agree.)
        try store.close(conflict, binding: binding)
        report.closed.append(conflict)
      }
    }
    let known = Set(open.map(\.id))
    for conflict in conflicts.values.sorted(by: { ($0.number, $0.column) < ($1.number, $1.column) }) where !known.contains(conflict.id) {
      try store.insert(conflict, binding: binding)
      report.raised.append(conflict)
    }
  }

  /// Whether this run looked at the row of invoice `number` (a row both sides hold as at
  /// the last sync is not looked at: its open conflicts hold as they are).
  func wasExamined(_ number: String) -> Bool { unsettled.contains(number) }

  /// Whether a conflict may still hold, for a push (which does not take the sheet's edits,
  /// so cannot tell): until both sides show the same value in its cell. (A payment with no
  /// day holds until a pull records it or a person decides.)
  private func stillHolds(_ conflict: SyncConflict, projection: LedgerProjection) -> Bool {
    guard let column = SyncColumn(rawValue: conflict.column) else { return false }
    if conflict.kind == .undatedPayment { return true }
    guard let row = sheetRows[conflict.number] else { return conflict.kind == .deletedRow || conflict.kind == .duplicateNumber }
    return row.values[column] != projection.rows[conflict.number]?[column]
  }

  /// Applies the decisions on numbers that named two invoices: kept for the sheet's row,
  /// the ledger's invoice takes the next number of its series (and is appended to the
  /// sheet); kept for the ledger's, the row is imported under the next number, which the
  /// push writes in it. Both invoices survive.
  private mutating func renumber(_ projection: inout LedgerProjection) throws {
    for (number, resolution) in renumbering.sorted(by: { $0.key < $1.key }) {
      guard let row = sheetRows[number], projection.rows[number] != nil, !Merge.sameInvoice(projection.rows[number]!, row.values) else { continue }
      switch resolution {
      case .sheet, .value:
        let new = try session.renumberInvoice(number).text
        projection.rows[number] = nil
        try projection.refresh([new], in: session)
        unsettled.insert(new)
        report.renumbered.append(.init(from: number, to: new, side: "ledger"))
      case .ledger:
        sheetRows[number] = nil
        var values = row.values
        values[.number] = nil
        typedRows.append(TrackerTable.Row(row: row.row, values: values, formulas: row.formulas))
        report.renumbered.append(.init(from: number, to: nil, side: "sheet"))
      }
    }
  }

  // MARK: Base and journal

  /// The new base: for every row in both, the values each side holds now, except in cells
  /// still in conflict or waiting to be written to the sheet (a pull), which keep their base.
  private mutating func updateBase(projection: LedgerProjection, pushed: Bool, appended: [String]) throws {
    let columns = columns.sorted()
    // Rows with a cell in conflict, not applied or to write: their cells are looked at one
    // by one; every other row's cells take both sides' values.
    var special: Set<String> = []
    for cell in conflicts.values { special.insert(cell.number) }
    for write in sheetWrites.values { special.insert(write.number) }
    for key in unappliedSheetEdits { special.insert(key.number) }
    for number in factsWaiting.keys { special.insert(number) }
    for key in factKeys { special.insert(key.number) }
    let numbered = Set(newNumbers.values)
    let empty = [String?](repeating: nil, count: SyncColumn.count)
    for number in unsettled where !settled.contains(number) && !sameNumberRows.contains(number) {
      guard let row = sheetRows[number], let ledgerValues = projection.rows[number] else { continue }
      var sheetValues = row.values.slots
      let ledgerSlots = ledgerValues.slots
      let old = base[number]
      var oldSheet = old?.sheet.slots ?? empty
      var oldLedger = old?.ledger.slots ?? empty
      if old == nil, numbered.contains(number) { oldSheet[SyncColumn.number.ordinal] = nil }
      let isSpecial = special.contains(number)
      for column in columns {
        let slot = column.ordinal
        if isSpecial {
          let key = CellKey(number, column)
          // A decided cell takes both sides' values as they are now (the sheet's word kept
          // where the ledger could not take it as a fact); so does a cell whose fact waits
          // for a person (its conflict stays open while the row is as it is, and is looked
          // at again with the row: ``reexamine``).
          let waiting = factsWaiting[number]?.contains(column) == true || factKeys.contains(key)
          if decisions[key] == nil && !waiting {
            if conflicts[key] != nil { continue }
            if unappliedSheetEdits.contains(key) { continue }
          }
          if let write = sheetWrites[key] {
            guard pushed else { continue }
            sheetValues[slot] = write.value
          }
        }
        oldSheet[slot] = sheetValues[slot]
        oldLedger[slot] = ledgerSlots[slot]
      }
      // What was paid, kept while no conflict on it is open (else the conflict would
      // seem settled by the next run).
      let payment = SyncColumn.paymentColumns
      if !columns.contains(.amountPaid), !payment.contains(where: { conflicts[CellKey(number, $0)] != nil || factsWaiting[number]?.contains($0) == true }) {
        oldLedger[SyncColumn.amountPaid.ordinal] = ledgerSlots[SyncColumn.amountPaid.ordinal]
      }
      base[number] = Merge.BaseRow(sheet: RowValues(slots: oldSheet), ledger: RowValues(slots: oldLedger))
    }
    // Typed rows that got a number: until it is written in the sheet, their base says the
    // sheet has none, so that the next push writes it.
    for (_, number) in newNumbers where !pushed || report.dryRun {
      base[number]?.sheet[.number] = nil
      base[number]?.ledger[.number] = nil
    }
    let kept = Set(columns)
    for number in appended {
      guard let values = projection.rows[number] else { continue }
      base[number] = Merge.BaseRow(sheet: values.restricted(to: kept), ledger: values.restricted(to: ledgerBaseColumns))
    }
    try Timing.measure("save base") { try store.saveBase(of: binding, base) }
  }

  private mutating func finish(projection: LedgerProjection) throws {
    let latest = try session.latestJournalID()
    let after = report.saved ? try SyncEngine.checksum(SyncEngine.readFile(path)) : checksum
    binding.checksum = after
    binding.journalID = latest
    binding.asOf = options.asOf.description
    // Work left for a later run: values for the sheet a pull did not write, sheet edits a
    // push did not apply, rows new in the sheet a push did not import.
    let flagsToClear = try !store.closedButFlagged(of: binding).isEmpty
    binding.pushPending = (!pushedThisRun && (!sheetWrites.isEmpty || !pendingAppends.isEmpty || !newNumbers.isEmpty || staleComputed
      || report.open.contains { !$0.flagged } || flagsToClear))
      || !unappliedSheetEdits.isEmpty || (!options.mode.pulls && (!pendingImports.isEmpty || hasTypedRows))
    try store.update(binding, at: session.commandTime)
    try Timing.measure("save digest") {
      // Changes from now on are the next run's.
      let tick = try session.advanceChangeClock()
      let digest = Timing.measure("next digest") { nextDigest(projection: projection, tick: tick) }
      try store.saveDigest(digest, of: binding)
    }
    let counts = "{\"to_ledger\":\(report.toLedger.count),\"to_sheet\":\(report.toSheet.count),\"imported\":\(report.imported.count),"
      + "\"appended\":\(report.appended.count),\"raised\":\(report.raised.count),\"closed\":\(report.closed.count)}"
    try store.recordRun(binding: binding, command: options.mode.rawValue, at: session.commandTime, before: checksum, after: after,
      counts: counts, open: report.open.count)
  }
}
