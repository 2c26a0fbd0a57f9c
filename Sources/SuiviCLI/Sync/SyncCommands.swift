import ArgumentParser
import Ledger
import Wording
import OOXML
import SheetSync

/// The options `pull`, `push`, `sync` and `status` share.
struct SyncArguments: ParsableArguments {
  @Argument(help: ArgumentHelp(say("The tracker: an .xlsx (or, for pull and status, a .csv export).")))
  var tracker: String?

  @Option(help: ArgumentHelp(say("The tracker sheet (default: the bound one, else the first with an invoice table).")))
  var sheet: String?

  @Option(help: ArgumentHelp(say("Compute statuses as of this day (2024-11-02, 02/11/2024 or aujourd'hui; default today).")))
  var date: String?

  @Flag(help: ArgumentHelp(say("Any row both sides changed is a conflict in every cell either changed.")))
  var strictRows = false

  @Flag(help: ArgumentHelp(say("Print the report as JSON.")))
  var json = false

  @OptionGroup var ledger: LedgerOptions

  /// The tracker, which every command but `sync --all` needs.
  func requiredTracker() throws -> String {
    guard let tracker else { throw ValidationError(say("Missing expected argument '<tracker>'")) }
    return tracker
  }
}

/// Runs one sync mode and prints its report; exit status 1 when conflicts remain open.
func runSync(_ mode: SyncMode, _ arguments: SyncArguments, dryRun: Bool, restoreDeleted: Bool = false) throws {
  let tracker = try arguments.requiredTracker()
  let ledgerPath = try reportingErrorsReturning { try arguments.ledger.existingPath() }
  if try runSync(mode, tracker: tracker, ledgerPath: ledgerPath, arguments, dryRun: dryRun, restoreDeleted: restoreDeleted) {
    throw ExitCode(ExitStatus.conflictsRemain.rawValue)
  }
}

/// `sync --all`: every tracker of every business of the workspace, one report each; exit 1
/// when conflicts remain in any, or the status of the first failure (the others are run).
func runSyncAll(_ arguments: SyncArguments, dryRun: Bool, restoreDeleted: Bool) throws {
  let workspace = Workspace.current()
  var conflictsRemain = false
  var failure: Int32?
  let businesses = try reportingErrorsReturning { try workspace.businesses() }
  for business in businesses {
    let ledger = business.ledgerPath(in: workspace)
    let trackers = try reportingErrorsReturning { try Ledger.open(at: ledger).read { try $0.boundTrackerPaths() } }
    for tracker in trackers {
      if !arguments.json { try emit("== \(business.name): \(tracker)\n") }
      do {
        conflictsRemain = try runSync(.sync, tracker: tracker, ledgerPath: ledger, arguments, dryRun: dryRun, restoreDeleted: restoreDeleted)
          || conflictsRemain
      } catch let code as ExitCode {
        failure = failure ?? code.rawValue
      }
    }
  }
  if let failure { throw ExitCode(failure) }
  if conflictsRemain { throw ExitCode(ExitStatus.conflictsRemain.rawValue) }
}

/// ``reportingErrors(_:)`` for a body that returns a value.
func reportingErrorsReturning<T>(_ body: () throws -> T) throws -> T {
  var value: T?
  try reportingErrors { value = try body() }
  return value!
}

/// Runs one sync of `tracker` with the ledger at `ledgerPath` and prints its report.
/// - Returns: whether conflicts remain open.
func runSync(
  _ mode: SyncMode, tracker: String, ledgerPath: String, _ arguments: SyncArguments, dryRun: Bool, restoreDeleted: Bool = false
) throws -> Bool {
  var conflictsRemain = false
  Timing.mark("main")
  try reportingErrors {
    let day = try LedgerArgument.day(arguments.date)
    var options = SyncOptions(mode: mode, asOf: day, sheet: arguments.sheet)
    options.dryRun = dryRun
    options.strictRows = arguments.strictRows
    options.restoreDeleted = restoreDeleted
    // A progress line on a terminal only: never in --json output, never when piped.
    let line = ProgressLine.forStandardError(enabled: !arguments.json)
    options.progress = line.map { line in { @Sendable text in line.show(text) } }
    defer { line?.clear() }
    // One tracker, one business: a tracker another business of the workspace has bound is
    // refused before anything is written.
    try Workspace.current().refuseTrackerOfAnotherBusiness(tracker, ledgerPath: ledgerPath)
    let report = try SyncEngine(ledger: Ledger.open(at: ledgerPath)).run(tracker, options: options)
    line?.clear()
    Timing.mark("returned")
    try emit(arguments.json ? SyncReportJSON.render(report) : SyncReportText.render(report))
    conflictsRemain = report.hasOpenConflicts
    Timing.mark("emitted")
  }
  Timing.mark("end")
  return conflictsRemain
}


struct Pull: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: say("Before a session: the sheet's edits go to the ledger (the first pull adopts the tracker)."),
    discussion: say("""
      The first pull adopts the tracker as it is. The invoice table is found on every visible sheet (the \
      one with the most invoices wins): a header row among the first 25 naming an invoice number and two \
      other columns, in French or English and any case style (N° facture, Invoice #, InvoiceID, \
      facture_id, nom du client, Tiers, CustomerName, Date de facture, Total TTC, montant_eur, Montant \
      TVA, Date de paiement, Montant payé, Solde, Statut…). Numbers are kept as written (F-2026-00004401, \
      151, INV-000001); amounts as stated (one amount is the TTC, its VAT unknown; never 20 % invented); \
      text amounts and dates are read; another currency is refused; rows sharing a number, client and \
      date are the lines of one invoice; a negative row is a credit note; a TOTAL row is not an invoice; \
      sheets named by a year or a month with the same header (2024, 2025; Janvier, Février…) are one \
      tracker, and a new invoice goes to the sheet of its period. \
      Oddities (a due date before the invoice's, paid above the total) are kept and listed as warnings.

      --dry-run before an adoption shows, row by row, what would be imported and skipped. When Suivi \
      cannot read the table, say how with `suivi map` (see `suivi help map`). A pull that adopts \
      nothing exits 52 and keeps nothing.
      """))
  @OptionGroup var arguments: SyncArguments
  @Flag(help: ArgumentHelp(say("Report what would change; write nothing."))) var dryRun = false
  func run() throws { try runSync(.pull, arguments, dryRun: dryRun) }
}

struct Push: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: say("After a session: the ledger's changes go to the sheet."))
  @OptionGroup var arguments: SyncArguments
  @Flag(help: ArgumentHelp(say("Report what would change; write nothing."))) var dryRun = false
  @Flag(help: ArgumentHelp(say("Write back rows deleted from the sheet (their invoices are still in the ledger)."))) var restoreDeleted = false
  func run() throws { try runSync(.push, arguments, dryRun: dryRun, restoreDeleted: restoreDeleted) }
}

struct Sync: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: say("Pull and push in one merge (--all: every tracker of every business)."))
  @OptionGroup var arguments: SyncArguments
  @Flag(help: ArgumentHelp(say("Report what would change; write nothing."))) var dryRun = false
  @Flag(help: ArgumentHelp(say("Write back rows deleted from the sheet (their invoices are still in the ledger)."))) var restoreDeleted = false
  @Flag(help: ArgumentHelp(say("Every tracker of every business of the workspace ($SUIVI_HOME), one report each."))) var all = false

  func validate() throws {
    if all && (arguments.tracker != nil || arguments.ledger.path != nil || arguments.ledger.business != nil) {
      throw ValidationError(say("--all syncs every business's trackers: give no tracker, --ledger or --business"))
    }
  }

  func run() throws {
    if all { return try runSyncAll(arguments, dryRun: dryRun, restoreDeleted: restoreDeleted) }
    try runSync(.sync, arguments, dryRun: dryRun, restoreDeleted: restoreDeleted)
  }
}

struct Status: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: say("What a sync would change each way; writes nothing."))
  @OptionGroup var arguments: SyncArguments
  func run() throws { try runSync(.status, arguments, dryRun: true) }
}

struct Conflicts: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: say("The open conflicts, with their ids."))
  @Flag(help: ArgumentHelp(say("Print them as JSON."))) var json = false
  @OptionGroup var ledger: LedgerOptions
  func run() throws {
    try reportingErrors {
      let conflicts = try ConflictDesk(ledger: ledger.open()).openConflicts()
      try emit(json ? SyncReportJSON.conflicts(conflicts) : SyncReportText.conflicts(conflicts))
    }
  }
}

struct Resolve: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: say("Decide a conflict (or every open conflict of a kind): keep the sheet's value, the ledger's, or a value of your own; the next sync applies it."))
  @Argument(help: ArgumentHelp(say("The conflict's id (see `suivi conflicts`)."))) var id: String?
  @Option(help: ArgumentHelp(say("Decide every open conflict of this kind instead (e.g. undated_payment)."))) var kind: String?
  @Flag(help: ArgumentHelp(say("Keep the sheet's value."))) var keepSheet = false
  @Flag(help: ArgumentHelp(say("Keep the ledger's value."))) var keepLedger = false
  @Option(help: ArgumentHelp(say("Use this value on both sides (a day: dd/mm/yyyy or yyyy-mm-dd)."))) var value: String?
  // `--ledger` is the ledger file, as for every command.
  @OptionGroup var ledger: LedgerOptions

  func validate() throws {
    guard [keepSheet, keepLedger, value != nil].filter({ $0 }).count == 1 else {
      throw ValidationError(say("Give exactly one of --keep-sheet, --keep-ledger or --value V."))
    }
    guard (id == nil) != (kind == nil) else { throw ValidationError(say("Give a conflict's id, or --kind KIND, not both.")) }
    if let kind, SyncConflict.Kind(rawValue: kind) == nil {
      throw ValidationError(say("--kind: '\(kind)' is not a kind of conflict (\(SyncConflict.Kind.allCases.map(\.rawValue).joined(separator: ", ")))."))
    }
  }

  func run() throws {
    try reportingErrors {
      let resolution: SyncConflict.Resolution = keepSheet ? .sheet : keepLedger ? .ledger : .value
      let desk = try ConflictDesk(ledger: ledger.open())
      let decided =
        if let id { [try desk.resolve(id, resolution, value: value)] } else {
          try desk.resolve(kind: SyncConflict.Kind(rawValue: kind!)!, resolution, value: value)
        }
      for conflict in decided {
        try emit(say("conflict \(conflict.id) (\(conflict.number), \(SyncReportText.label(of: conflict))): \(resolution.label) kept; the next sync applies it") + "\n")
      }
      if decided.isEmpty { try emit(say("no open conflict of kind \(kind ?? "?")") + "\n") }
    }
  }
}
