import ArgumentParser
import Foundation
import Ledger
import Wording
import OOXML
import SheetSync

/// `suivi business`: the businesses an assistant serves, in her workspace.
struct BusinessCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "business", abstract: say("Add, list and show the businesses of the workspace ($SUIVI_HOME)."),
    discussion: say("""
      The workspace is a folder ($SUIVI_HOME, default ~/.local/share/suivi) with a folder per business: its \
      ledger (suivi.sqlite), its trackers and its archive. Every command takes --business NAME, or runs on the \
      business whose folder it is run in; --ledger PATH still names a single ledger.
      """),
    subcommands: [Add.self, List.self, Show.self])

  /// `suivi business add NAME [--tracker FILE]`.
  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: say("Add a business: its folder, its ledger; and with --tracker, adopt its tracker."))
    @Argument(help: ArgumentHelp(say("The business's name, as the assistant calls it."))) var name: String
    @Option(help: ArgumentHelp(say("Its tracker (.xlsx or .csv), adopted now by a first pull."))) var tracker: String?
    @Option(help: ArgumentHelp(say("With --tracker: the day statuses are computed as of (default: today)."))) var date: String?

    func run() throws {
      try reportingErrors {
        let workspace = Workspace.current()
        // The tracker is checked first: no business is added for a tracker another one has.
        if let tracker, let other = try workspace.owner(ofTracker: tracker, except: nil) {
          throw WorkspaceError.trackerOfAnotherBusiness(file: tracker, business: name, boundTo: other.name)
        }
        let business = try workspace.add(name)
        let ledger = business.ledgerPath(in: workspace)
        try emit(say("Added the business \(business.name) (\(business.folder(in: workspace).path))") + "\n")
        guard let tracker else { return }
        let report = try SyncEngine(ledger: Ledger.open(at: ledger)).run(
          tracker, options: SyncOptions(mode: .pull, asOf: try LedgerArgument.day(date)))
        try emit(say("\(tracker): \(report.imported.count) invoice(s) adopted, \(report.open.count) open conflict(s)") + "\n")
      }
    }
  }

  /// `suivi business list`.
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: say("List the businesses: trackers, amount owed."))
    @Option(help: ArgumentHelp(say("The day (default: today)."))) var date: String?
    @Flag(help: ArgumentHelp(say("Print JSON."))) var json = false

    func run() throws {
      try reportingErrors {
        let workspace = Workspace.current()
        let day = try LedgerArgument.day(date)
        let lines = try workspace.businesses().map { try BusinessLine(business: $0, workspace: workspace, asOf: day) }
        if json { return try emit(LedgerJSON.array(lines.map(\.json)).rendered + "\n") }
        if lines.isEmpty { return try emit(say("No business in \(workspace.root.path) (suivi business add NAME)") + "\n") }
        let rows = lines.map { line -> [Phrase] in [.verbatim(line.business.name), "\(line.trackers.count)", "\(line.owed)", "\(line.remindersDue)"] }
        try emit(TextTable.say(header: ["Business", "Trackers", "Owed", "Reminders due"], rows: rows))
      }
    }
  }

  /// `suivi business show NAME`.
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: say("Show a business: its folder, ledger, trackers, amount owed."))
    @Argument(help: ArgumentHelp(say("The business's name."))) var name: String
    @Option(help: ArgumentHelp(say("The day (default: today)."))) var date: String?
    @Flag(help: ArgumentHelp(say("Print JSON."))) var json = false

    func run() throws {
      try reportingErrors {
        let workspace = Workspace.current()
        let line = try BusinessLine(business: workspace.business(named: name), workspace: workspace, asOf: LedgerArgument.day(date))
        if json { return try emit(line.json.rendered + "\n") }
        var text = "\(line.business.name)\n  " + say("folder \(line.folder)") + "\n  " + say("ledger \(line.ledger)") + "\n"
        text += "  " + say("owed \(line.owed), \(line.remindersDue) reminder(s) due") + "\n"
        for tracker in line.trackers { text += "  " + say("tracker \(tracker)") + "\n" }
        try emit(text)
      }
    }
  }
}

/// What the business commands say of one business.
struct BusinessLine {
  var business: Workspace.Business
  var folder: String
  var ledger: String
  var trackers: [String]
  var owed: Cents
  var remindersDue: Int

  init(business: Workspace.Business, workspace: Workspace, asOf day: Day) throws {
    self.business = business
    folder = business.folder(in: workspace).path
    ledger = business.ledgerPath(in: workspace)
    (trackers, owed, remindersDue) = try Ledger.open(at: ledger).read { session in
      (try session.boundTrackerPaths(), try session.report(asOf: day).owed, try session.dueReminders(asOf: day).count)
    }
  }

  var json: LedgerJSON {
    .object([
      ("name", .string(business.name)), ("folder", .string(folder)), ("ledger", .string(ledger)),
      ("trackers", .array(trackers.map { .string($0) })), ("owed", .money(owed)), ("reminders_due", .int(remindersDue)),
    ])
  }
}
