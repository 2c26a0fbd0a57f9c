import Foundation
import GRDB
import Ledger
import OOXML

/// Reading the sheet's side and loading the ledger's, at once: the sheet is read on another
/// core (whole, or only the rows that changed since the last run's digest: see
/// ``SheetDigest``) while this one loads the base and the ledger's projection; a file never
/// synced is recognised (a tracker moved, a copy, another business's tracker, or new).
extension SyncRun {
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
      let stored = try existing.flatMap { options.usesDigest && preparingEdit && sheetName != nil && mapping.isEmpty ? try syncStore.storedDigest(of: $0) : nil }
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
}
