import Foundation
import GRDB
import Ledger
import OOXML

/// Reading the sheet's side and loading the ledger's, at once: the sheet is read on another
/// core (whole, or only the rows that changed since the last run's digest: see
/// ``SheetDigest``) while this one loads the base and the ledger's projection; a file never
/// synced is recognised (a tracker moved, a copy, another business's tracker, or new).
///
/// In order: the file's binding (``binding(of:trackerID:store:)``); the sheet read with the
/// ledger's side loaded meanwhile (``readBothSides(_:)``); a file never synced bound
/// (``bindNewFile(_:ledgerSide:session:store:file:path:options:mapping:)``); what was read
/// said in the report.
extension SyncRun {
  /// The base and the ledger's projection (of every invoice, or of some: see
  /// ``ledgerChanged``).
  typealias LedgerSide = (base: BaseTable, projection: LedgerProjection)

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
    let trackerID = try workbook?.customProperties()[SyncRun.trackerIDProperty]
    let existing = try Self.binding(of: file, trackerID: trackerID, store: store)
    if let workbook {
      let read = try Self.readBothSides(
        SheetRequest(session: session, store: store, workbook: workbook, file: file, binding: existing, options: options, dryRun: report.dryRun))
      (table, preparedSheet, memory, mapping) = (read.table, read.prepared, read.memory, read.mapping)
      (preloaded, ledgerChanged) = (read.ledgerSide, read.ledgerChanged)
    } else {
      table = try TrackerTable.readCSV(csv ?? [], file: path)
    }
    if let existing {
      binding = existing
    } else {
      let bound = try Self.bindNewFile(
        table, ledgerSide: preloaded, session: session, store: store, file: file, path: path, options: options, mapping: mapping)
      (binding, preloaded) = (bound.binding, bound.ledgerSide)
      switch bound.recognised {
      case let .moved(original): self.report.movedFrom = original.path
      case let .copy(original): self.report.copyOf = original.path
      case .new: self.report.adopted = true
      case .other: break
      }
    }
    if let trackerID { try store.setTrackerID(trackerID, of: binding) }
    sayWhatWasRead()
  }

  /// The binding of `file`: by the id in the tracker's custom properties when it has one
  /// (wherever the file is now), else by its path; `nil` for a file never synced.
  static func binding(of file: String, trackerID: String?, store: SyncStore) throws -> SyncStore.Binding? {
    if let trackerID, let binding = try store.binding(trackerID: trackerID, path: file) { return binding }
    return try store.binding(path: file)
  }

  /// What a run asks of the workbook.
  struct SheetRequest {
    let session: LedgerSession
    let store: SyncStore
    let workbook: Workbook
    let file: String
    let binding: SyncStore.Binding?
    let options: SyncOptions
    let dryRun: Bool
  }

  /// The sheet's side as read, and the ledger's side loaded meanwhile.
  struct BothSides {
    var table: TrackerTable
    var prepared: PreparedSheet?
    var memory: SheetMemory?
    var mapping: TrackerMapping
    /// `nil` when it is loaded later (whole).
    var ledgerSide: LedgerSide?
    /// When the ledger's side holds some invoices only: those that may have changed since
    /// the digest (the others are those of the rows read).
    var ledgerChanged: Set<String>?
  }

  /// Reads the sheet on another core — only the rows that changed since the last run's
  /// digest when it can — while this one loads the ledger's side: only the invoices that
  /// may differ from their base when the digest allows it, completed with those of the
  /// rows read; else every invoice.
  static func readBothSides(_ request: SheetRequest) throws -> BothSides {
    let (workbook, options) = (request.workbook, request.options)
    // What a person said of the tracker (`suivi map`) comes first.
    let mapping = try request.store.mapping(path: request.file) ?? TrackerMapping()
    let sheetName = options.sheet ?? mapping.sheet ?? request.binding?.sheet
    // A run that writes the sheet or its digest has it indexed for the save in the same
    // parse.
    let preparingEdit = !request.dryRun
    func readWhole() throws -> SheetRead {
      try Self.readWhole(workbook, sheet: sheetName, mapping: mapping, preparingEdit: preparingEdit, progress: options.progress)
    }
    let last = try lastDigest(request, sheetName: sheetName, mapping: mapping)
    let reading = Concurrent { () -> SheetRead in
      try Timing.measure("sheet read") {
        // With a digest that fits, the sheet is scanned (its rows' bytes hashed) to find the
        // rows that changed.
        if last.contextNow != nil, let sheetName, let sheet = workbook.sheet(named: sheetName), sheet.kind == .worksheet,
          let scan = try workbook.scan(sheet)
        {
          return .scanned(scan, sheet: sheet.name)
        }
        return try readWhole()
      }
    }
    // Decoded while the sheet is scanned.
    let digest = Timing.measure("digest") { last.decode() }
    var ledger: LedgerLoad
    do {
      ledger = try loadLedgerSide(request, digest: digest)
    } catch {
      _ = try? reading.value()
      throw error
    }
    Timing.mark("ledger side loaded")
    var read = try reading.value()
    Timing.mark("waited for the sheet")
    if case let .scanned(scan, name) = read, let digest, let contextNow = last.contextNow {
      read = try readChangedRows(request, scan: scan, sheet: name, digest: digest, contextNow: contextNow, ledger: ledger) ?? readWhole()
    }
    if case .scanned = read { read = try readWhole() }
    guard case let .read(table, prepared, memory) = read else { preconditionFailure("the sheet was read") }
    if ledger.side == nil {
      // Completed with the rows read, when the base and the ledger account for every other
      // invoice (else every invoice is loaded).
      if let changed = ledger.changed, let early = ledger.early, let memory, memory.unparsedCount > 0, let binding = request.binding {
        ledger.side = try Timing.measure("ledger side (rows read)") {
          try Self.completeLedgerSide(
            early, session: request.session, store: request.store, binding: binding, changed: changed, table: table, memory: memory)
        }
        if ledger.side != nil { ledger.complete = changed }
      }
      if ledger.side == nil {
        ledger.side = try Self.loadLedgerSide(request.session, store: request.store, binding: request.binding, asOf: options.asOf)
      }
    }
    return BothSides(
      table: table, prepared: prepared, memory: memory, mapping: mapping, ledgerSide: ledger.side, ledgerChanged: ledger.complete)
  }

  /// The last run's digest as stored, and the context it was made in when the workbook is
  /// read the same way now.
  struct LastDigest {
    var stored: (context: [UInt8], facts: [UInt8], rows: [UInt8])?
    var context: SheetDigest.Context?
    var contextNow: SheetDigest.Context?

    func decode() -> SheetDigest? {
      guard let stored, contextNow != nil, let context else { return nil }
      return SyncStore.decodeDigest(stored, context: context)
    }
  }

  /// The last run's digest, when this run may use it: one that writes (a dry run leaves no
  /// digest), of a known sheet, not for a mapped tracker (its digest would not say how its
  /// header was read), and with the digest seam open (``SyncOptions/usesDigest``).
  static func lastDigest(_ request: SheetRequest, sheetName: String?, mapping: TrackerMapping) throws -> LastDigest {
    guard request.options.usesDigest, !request.dryRun, let sheetName, mapping.isEmpty, let binding = request.binding,
      let stored = try request.store.storedDigest(of: binding)
    else { return LastDigest() }
    let context = SheetDigest.decodeContext(stored.context)
    let contextNow = context.flatMap { context in request.workbook.sheet(named: sheetName).flatMap { context.fitting(request.workbook, sheet: $0) } }
    return LastDigest(stored: stored, context: context, contextNow: contextNow)
  }

  /// The ledger's side as loaded while the sheet is read.
  struct LedgerLoad {
    /// The invoices whose ledger values may differ from the base's since the digest.
    var changed: Set<String>?
    /// Their base rows and projections.
    var early: LedgerSide?
    /// The whole side, when it is known.
    var side: LedgerSide?
    /// Set when ``side`` is ``early`` completed with the rows read: the invoices that may
    /// have changed.
    var complete: Set<String>?
  }

  /// The invoices whose ledger values may differ from the base's since the digest (those
  /// the ledger changed since and, on another day, those whose status depends on it) with
  /// their base rows and projections; the other invoices show what they showed then. With
  /// no digest, or when most invoices may have changed, every invoice.
  static func loadLedgerSide(_ request: SheetRequest, digest: SheetDigest?) throws -> LedgerLoad {
    let (session, asOf) = (request.session, request.options.asOf)
    var load = LedgerLoad()
    if let context = digest?.context, let binding = request.binding, let since = try session.invoicesChanged(since: context.tick) {
      if context.asOf == asOf.description {
        load.changed = since
      } else if let day = Day.iso(context.asOf) {
        load.changed = since.union(try Timing.measure("day") { try session.invoicesDependingOnDay(between: day, and: asOf) })
      }
      // Many (most invoices still open on another day): loading them all at once is cheaper.
      if let some = load.changed, some.count * 8 > (try session.invoiceCount()) { load.changed = nil }
      if let changed = load.changed {
        load.early = try Timing.measure("ledger side (changed)") {
          (try request.store.base(of: binding, only: changed), try LedgerProjection(session, asOf: asOf, only: changed))
        }
      }
    }
    if load.early == nil { load.side = try Self.loadLedgerSide(session, store: request.store, binding: request.binding, asOf: asOf) }
    return load
  }

  /// The rows of a scanned sheet that may have changed, read: those whose bytes differ from
  /// the digest's, whose invoice the ledger changed, or that carry a decided conflict. `nil`
  /// when the sheet must be read whole.
  static func readChangedRows(
    _ request: SheetRequest, scan: SheetScan, sheet: String, digest: SheetDigest, contextNow: SheetDigest.Context, ledger: LedgerLoad
  ) throws -> SheetRead? {
    guard let columns = Self.columns(of: digest) else { return nil }
    // The rows of a decided conflict are read: the decision is applied to them.
    let decided = Set(try request.binding.map { try request.store.conflicts(of: $0).filter { $0.resolution != nil }.map(\.number) } ?? [])
    let ledgerUnchanged: (String) -> Bool
    if let changed = ledger.changed, let early = ledger.early {
      ledgerUnchanged = {
        !decided.contains($0) && (!changed.contains($0) || Self.ledgerHoldsBase($0, base: early.base, projection: early.projection, columns: columns))
      }
    } else if let side = ledger.side {
      ledgerUnchanged = { !decided.contains($0) && Self.ledgerHoldsBase($0, base: side.base, projection: side.projection, columns: columns) }
    } else {
      return nil
    }
    return try Timing.measure("partial read") {
      try Self.readPartially(
        request.workbook, sheet: sheet, scan: scan, digest: digest, contextNow: contextNow, ledgerUnchanged: ledgerUnchanged,
        progress: request.options.progress)
    }
  }

  /// A file never synced, bound: a tracker moved (its binding follows it), a copy of one
  /// (a binding of its own, from the original's last sync), or a new tracker (adopted).
  /// Another business's tracker under the ledger's numbers is refused before anything is
  /// written, as is a table of bills to pay.
  static func bindNewFile(
    _ table: TrackerTable, ledgerSide: LedgerSide?, session: LedgerSession, store: SyncStore, file: String, path: String,
    options: SyncOptions, mapping: TrackerMapping
  ) throws -> (binding: SyncStore.Binding, ledgerSide: LedgerSide, recognised: TrackerRecognition) {
    let projection = try ledgerSide?.projection ?? Self.loadLedgerSide(session, store: store, binding: nil, asOf: options.asOf).projection
    let recognised = try Self.recognise(table, projection: projection, store: store, fileExists: { FileManager.default.fileExists(atPath: $0) })
    let binding: SyncStore.Binding
    switch recognised {
    case let .moved(original):
      binding = try store.rebind(original, to: file)
    case let .copy(original):
      binding = try store.copy(original, to: file)
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
    }
    // The base of the binding found (a copy's is the original's).
    return (binding, (try store.base(of: binding), projection), recognised)
  }

  /// The sheet the binding follows, and what the report says of the read.
  private mutating func sayWhatWasRead() {
    binding.sheet = table.isPeriodic ? nil : table.sheet ?? binding.sheet
    report.sheet = table.isPeriodic ? table.periodSheets.joined(separator: ", ") : table.sheet
    report.rowsRead = memory.map { $0.rows.count - $0.unparsedCount } ?? table.rows.count
    report.ambiguousColumns = table.ambiguous
    report.otherTables = table.otherTables
  }
}
