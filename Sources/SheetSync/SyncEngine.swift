import Wording
import Foundation
import GRDB
import Ledger
import OOXML

/// Options of a run.
public struct SyncOptions: Sendable {
  public var mode: SyncMode
  /// The tracker sheet; default the bound one, else the first with a tracker header.
  public var sheet: String?
  /// Compute and report, write nothing.
  public var dryRun = false
  /// The day statuses are computed for.
  public var asOf: Day
  /// Any row both sides changed is a conflict in every cell either changed.
  public var strictRows = false
  /// Write rows deleted from the sheet back (their invoices are still in the ledger).
  public var restoreDeleted = false
  public var saveOptions = SaveOptions()
  /// Told what a long run is doing (for a progress line on a terminal).
  public var progress: SyncProgress?
  /// Whether a run reads only the rows that changed since the last one (``SheetDigest``);
  /// `false` reads the whole sheet, with the same result (the tests check it), slower.
  public var usesDigest = true

  public init(mode: SyncMode, asOf: Day, sheet: String? = nil) {
    self.mode = mode
    self.asOf = asOf
    self.sheet = sheet
  }
}

/// A callback told, from time to time, what a run is doing.
public typealias SyncProgress = @Sendable (Phrase) -> Void

/// Binds a tracker file to the ledger and merges them: see ``Merge`` for the rules.
///
/// A run reads the sheet, then, in one ledger transaction: loads the base of the last sync,
/// applies the decisions taken on open conflicts, merges once to apply the sheet's edits
/// to the ledger (as facts: a *Réglée* becomes a payment), projects the ledger again and
/// merges a second time to find what the sheet must show and what conflicts; writes the
/// workbook (atomically, with a backup); and stores the new base. If writing the workbook
/// fails, the ledger transaction rolls back: the two never disagree about what was synced.
public final class SyncEngine {
  let ledger: Ledger

  public init(ledger: Ledger) { self.ledger = ledger }

  /// Runs `options.mode` on the tracker at `path` (`.xlsx`, or `.csv` for pull and status).
  /// - Throws: ``OOXMLError`` (the workbook), ``TrackerError`` (no tracker sheet),
  ///   ``LedgerError`` (the ledger), ``SyncError`` (a refusal).
  public func run(_ path: String, options given: SyncOptions) throws -> SyncReport {
    // A read-only ledger can still be asked what a sync would do: the run (rolled back
    // anyway) is made on a copy of it (fault run F-U8: `status` needed a writable ledger).
    if given.dryRun || given.mode == .status, ledger.isReadOnly {
      let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-status-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(at: folder) }
      let copy = folder.appendingPathComponent("ledger.sqlite").path
      try ledger.copy(to: copy)
      return try SyncEngine(ledger: try Ledger.open(at: copy)).run(path, options: given)
    }
    var options = given
    // The workbook is replaced inside the ledger's transaction: its previous version is
    // kept until the transaction commits, and put back if it does not.
    options.saveOptions.keepsPrevious = true
    let file = Self.canonicalPath(path)
    let isCSV = path.lowercased().hasSuffix(".csv")
    if isCSV && options.mode.pushes && options.mode != .status {
      throw SyncError.csvIsReadOnly(file: path)
    }
    Timing.mark("start")
    // The file's bytes are kept only for a CSV (its rows are read from them); a workbook
    // is read through its zip entries.
    let (checksum, csv) = try { () throws -> (String, [UInt8]?) in
      let bytes = try Self.readFile(path)
      return (Self.checksum(bytes), isCSV ? bytes : nil)
    }()
    Timing.mark("checksum")
    var report = SyncReport(command: options.mode, file: path)
    report.dryRun = options.dryRun || options.mode == .status

    if let report = try fastPath(file: file, path: path, checksum: checksum, options: options) { return report }

    Timing.mark("fastpath")
    let workbook: Workbook? = isCSV ? nil : try Workbook(path: path)
    Timing.mark("workbook open")
    var replaced: (path: String, previous: String)?
    do {
      defer { Timing.mark("committed") }
      let result = try ledger.write(command: options.mode.rawValue) { session in
        var run = try SyncRun(
          session: session, file: file, path: path, workbook: workbook, csv: csv, checksum: checksum,
          options: options, report: report)
        Timing.mark("run init (sheet read)")
        do {
          try run.execute()
        } catch {
          run.stopPreparingEditor()
          throw error
        }
        run.stopPreparingEditor()
        replaced = run.previousVersion
        Timing.mark("execute")
        let result = run.report
        // The run's rows are freed on another thread while the transaction commits.
        Retire.later(consume run)
        if report.dryRun { throw DryRun(report: result) }
        return result
      }
      if let replaced { SafeReplace.discard(previous: replaced.previous) }
      return result
    } catch let dry as DryRun {
      return dry.report
    } catch {
      // The workbook was replaced but the ledger did not record it (a full disk at the
      // commit): the previous workbook is put back, so that neither changed.
      guard let replaced else { throw error }
      do {
        try SafeReplace.restore(replaced.path, previous: replaced.previous)
      } catch let restoring {
        throw SyncError.workbookAheadOfLedger(file: path, kept: replaced.previous, ledger: "\(error)", restoring: "\(restoring)")
      }
      throw error
    }
  }

  /// A file that has not changed since the last sync, with nothing new in the ledger and the
  /// same day, needs no work.
  private func fastPath(file: String, path: String, checksum: String, options: SyncOptions) throws -> SyncReport? {
    let latest = try ledger.latestChange()
    return try ledger.read { session -> SyncReport? in
      let store = SyncStore(db: session.database)
      guard let binding = try store.binding(path: file), binding.checksum == checksum, binding.journalID == latest,
        binding.asOf == options.asOf.description, options.sheet == nil || options.sheet == binding.sheet,
        !binding.pushPending,
        try !store.hasPendingDecisions(binding)
      else { return nil }
      var report = SyncReport(command: options.mode, file: path, sheet: binding.sheet)
      report.unchanged = true
      report.dryRun = options.dryRun || options.mode == .status
      report.open = try store.conflicts(of: binding)
      return report
    }
  }

  /// A file's path as the sync names it (and its bindings record it): absolute, without
  /// `.` or `..`, symbolic links resolved.
  public static func canonicalPath(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
  }

  static func readFile(_ path: String) throws -> [UInt8] {
    try ZipArchive.refuseIfNotAFile(path)
    guard let data = FileManager.default.contents(atPath: path) else {
      throw OOXMLError.cannotOpen(file: path, reason: FileManager.default.fileExists(atPath: path) ? "cannot read it" : "no such file")
    }
    return [UInt8](data)
  }

  /// Each tracker bound to the ledger: whether its file changed since its last sync (its
  /// bytes are not those the sync left), or is gone.
  public func trackers() throws -> [(path: String, changed: Bool, missing: Bool)] {
    let bindings = try ledger.read { try SyncStore(db: $0.database).allBindings() }
    return bindings.map { binding in
      guard let bytes = try? Self.readFile(binding.path) else { return (binding.path, false, true) }
      return (binding.path, binding.checksum != Self.checksum(bytes), false)
    }
  }

  /// A checksum of the file's bytes (XXH64) and its size: to tell whether the file
  /// changed since the last sync.
  static func checksum(_ bytes: [UInt8]) -> String {
    "\(bytes.count)-x\(String(RowHash.hash(bytes), radix: 16))"
  }
}

/// A run that only reports: its transaction is rolled back.
struct DryRun: Error {
  let report: SyncReport
}

/// Why a run was refused.
public enum SyncError: Error, Phrased, Equatable {
  case csvIsReadOnly(file: String)
  case unknownConflict(id: String)
  case notBound(file: String)
  /// A file never synced with this ledger, not a copy of its tracker, whose invoice numbers
  /// are those of the tracker the ledger is bound to: nothing is written.
  case otherTracker(file: String, bound: String, numbers: [String])
  /// `suivi resolve --value`: a value that cannot be the conflict's column's.
  case badValue(id: String, column: String, value: String)
  /// A first pull that took no invoice from a sheet that has rows: nothing is kept (not
  /// even the binding), and the first reasons are given.
  case nothingAdopted(file: String, sheet: String?, skipped: Int, reasons: [Phrase])
  /// The workbook was replaced, the ledger could not record it, and the previous workbook
  /// could not be put back: said as it is, with where the previous version is.
  case workbookAheadOfLedger(file: String, kept: String, ledger: String, restoring: String)

  public var phrase: Phrase {
    switch self {
    case let .nothingAdopted(file, sheet, skipped, reasons):
      sheet.map { "\(file): sheet '\($0)': no invoice adopted, \(skipped) row(s) skipped (\(reasons.joined(separator: "; "))\(skipped > reasons.count ? "; …" : "")); nothing was kept" }
        ?? "\(file): no invoice adopted, \(skipped) row(s) skipped (\(reasons.joined(separator: "; "))\(skipped > reasons.count ? "; …" : "")); nothing was kept"
    case let .csvIsReadOnly(file): "\(file): a CSV export can be pulled or checked, not pushed to (push to the .xlsx)"
    case let .unknownConflict(id): "no open conflict has the id \(id) (see `suivi conflicts`)"
    case let .notBound(file): "\(file): this tracker was never pulled; run `suivi pull` first"
    case let .otherTracker(file, bound, numbers):
      "\(file): its invoices \(numbers.prefix(3).joined(separator: ", "))\(numbers.count > 3 ? " (+\(numbers.count - 3))" : "") are not those the ledger knows under these numbers from its tracker \(bound); nothing was written (another business's tracker takes its own ledger: --ledger)"
    case let .badValue(id, column, value): "--value: '\(value)' cannot be a \(column) (conflict \(id)); nothing was decided"
    case let .workbookAheadOfLedger(file, kept, ledger, restoring):
      "\(file): the workbook was written but the ledger could not record it (\(ledger)), and the previous workbook could not be put back (\(restoring)); it is kept as \(kept): put it back by hand before the next sync"
    }
  }
}
