import Wording
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
  /// The workbook this run replaced and the previous version kept beside it, put back if
  /// the ledger's transaction does not commit (``SyncEngine``).
  var previousVersion: (path: String, previous: String)?
  /// Conflicts whose row moved (``relocateConflicts()``): flagged again where it is now.
  var movedConflicts: Set<String> = []
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
  var warned: Set<Phrase> = []
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
  var preparedSheet: PreparedSheet?
  /// The base and the projection, loaded while the sheet was read.
  var preloaded: (base: BaseTable, projection: LedgerProjection)?
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
  var finalProjection: LedgerProjection?

  /// The run, in order: the base (and a header a person renamed), the sheet's rows
  /// indexed, the open conflicts and their decisions, the sheet's edits taken into the
  /// ledger (a pull), the plan of what each side must show (``SyncPlan``), the ledger's
  /// side recorded, then the workbook written (a push) and the run recorded. The ledger's
  /// side is complete before the workbook is written: a failure there leaves the file
  /// untouched (and a failed save rolls the ledger back).
  mutating func execute() throws {
    try loadBase()
    Timing.mark("base+renamed")
    try indexRows()
    Timing.mark("index")
    let open = try openConflicts()
    prepareWorkbookEditor()
    options.progress?("merging \(sheetRows.count) rows with the ledger")
    var projection = try preloaded?.projection ?? LedgerProjection(session, asOf: options.asOf)
    preloaded = nil
    fitCreditNotes(&projection)
    Timing.mark("projection")
    findSettledRows(projection: projection)
    Timing.mark("settled")
    if options.mode.pulls {
      try takeSheetEdits(&projection)
    } else {
      try reserveSheetNumbers(projection: projection)
    }
    try refuseAnEmptyAdoption(projection: projection)
    let plan = Timing.measure("plan") { SyncPlan(planInput(projection: projection)) }
    let pushed = options.mode.pushes && workbook != nil
    take(plan, pushed: pushed)
    try settleConflicts(open: open, pushed: pushed, projection: projection)
    try updateBase(projection: projection, pushed: pushed, appended: pushed ? plan.appended : [])
    Timing.mark("updateBase")
    if pushed, !report.dryRun {
      options.progress?("writing the workbook")
      try writeWorkbook(projection: projection, appended: plan.appended)
      Timing.mark("write")
    }
    try leaveMovedConflictsToTheNextSave()
    report.open = try store.conflicts(of: binding)
    try finish(projection: projection)
    finalProjection = projection
    Timing.mark("finish")
  }

  /// The base of the binding; a header a person renamed is found by its values, against it
  /// (the sheet is read again with it).
  private mutating func loadBase() throws {
    base = try preloaded?.base ?? store.base(of: binding)
    guard let workbook, !base.isEmpty, !table.isPeriodic else { return }
    let renamed = try TrackerTable.renamedColumns(workbook, table: table, base: base)
    guard !renamed.isEmpty else { return }
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

  /// The sheet's rows by number, typed rows matched to the numbers an earlier pull gave
  /// them, and open conflicts moved to where their rows are now.
  private mutating func indexRows() throws {
    typedRows = table.rows.filter(Self.isTyped)
    try indexSheetRows()
    matchTypedRows()
    try relocateConflicts()
  }

  /// Pass 1 (a pull): the sheet's edits and new rows go to the ledger; the invoices this
  /// run changed are projected again (every change a run makes is to the invoice of one
  /// row), and an imported row starts its history here.
  private mutating func takeSheetEdits(_ projection: inout LedgerProjection) throws {
    try renumber(&projection)
    let first = Timing.measure("first merge") { merge(projection: projection) }
    sameNumberRows.formUnion(first.sameNumber)
    try Timing.measure("import rows") { try importRows(first.newInSheet, projection: projection) }
    try Timing.measure("reserve numbers") { try reserveSheetNumbers(projection: projection) }
    try importTypedRows()
    try Timing.measure("apply to ledger") { try applyToLedger(first.toLedger, projection: projection) }
    try applyDecisionsToLedger(projection: projection)
    Timing.mark("first merge+apply")
    try projection.refresh(touched, in: session)
    fitCreditNotes(&projection)
    Timing.mark("refresh")
    startImportedRowsHistory(projection: projection)
  }

  /// The credit notes as the tracker has them: those deducted from an invoice are rows when
  /// the tracker lists them, and a credit note's status or payment cells are the sheet's.
  private func fitCreditNotes(_ projection: inout LedgerProjection) {
    let (rows, base) = (sheetRows, base)
    projection.showCreditNotes { rows[$0] != nil || base.contains($0) }
    projection.mirrorCreditNotes(rows)
  }

  /// An imported row starts its history here: what each side holds now is its base, so
  /// adopting a tracker raises no conflict and writes nothing to it.
  private mutating func startImportedRowsHistory(projection: LedgerProjection) {
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

  /// An adoption that took nothing from a sheet that has rows (none imported, none the
  /// ledger already knows) is an error: the run's transaction is undone, binding included.
  /// (A dry run shows why, row by row.)
  private func refuseAnEmptyAdoption(projection: LedgerProjection) throws {
    guard report.adopted, !report.dryRun, report.imported.isEmpty, !report.skipped.isEmpty,
      !sheetRows.keys.contains(where: { projection.rows[$0] != nil })
    else { return }
    throw SyncError.nothingAdopted(
      file: path, sheet: table.sheet, skipped: report.skipped.count, reasons: report.skipped.prefix(3).map(\.reason))
  }

  /// Takes the plan: its conflicts raised, its writes (said in the report when they are
  /// made), what it leaves for a later run.
  private mutating func take(_ plan: SyncPlan, pushed: Bool) {
    sameNumberRows.formUnion(plan.sameNumber)
    for raised in plan.raises { raise(raised.cell, kind: raised.kind) }
    unappliedSheetEdits = plan.unapplied
    pendingImports = plan.newInSheet
    sheetWrites = plan.writes
    report.deletedRows = plan.deleted
    if pushed {
      for (_, write) in sheetWrites.sorted(by: { $0.key < $1.key }) {
        report.toSheet.append(.init(number: write.number, column: write.column, cell: cellName(write.number, write.column),
          from: sheetRows[write.number]?.values[write.column]?.canonical, to: write.value?.canonical))
      }
      report.appended = plan.appended
    }
    pushedThisRun = pushed
    pendingAppends = plan.appended
    hasTypedRows = !typedRows.isEmpty
  }

  var columns: Set<SyncColumn> { Set(table.columns.keys) }

  /// Whether a status the sheet shows is one the ledger computes from the days alone (not
  /// a fact the sheet states, as *Réglée* or *Litige*, nor a word of its own).
  static func isProjectedStatus(_ value: SyncValue?) -> Bool {
    switch value?.status {
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

}
