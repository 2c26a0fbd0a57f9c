import ArgumentParser
import Foundation
import Ledger
import OOXML
import SheetSync
import Wording

/// `suivi today`: the assistant's agenda across every business, in priority order, each
/// line with the command that does it.
struct TodayCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "today",
    abstract: say("The day's agenda across every business: conflicts, trackers changed, promises due, reminders per client, drafts whose 48 hours end."),
    discussion: say("""
      Across the businesses of the workspace ($SUIVI_HOME), or the one ledger of --ledger / --business. \
      In priority order: open conflicts (they hold reminders back), trackers changed since their last sync \
      or gone, bank credits not yet reconciled (a client who paid is not reminded), promises to pay due and not kept, reminders due (one line per client, its level), submitted \
      drafts whose 48 hours end today or tomorrow. Each line ends with the command that does it.
      """))

  @OptionGroup var ledger: LedgerOptions
  @Option(help: ArgumentHelp(say("The day (default: today)."))) var date: String?
  @Flag(help: ArgumentHelp(say("Print JSON."))) var json = false

  /// One thing to do.
  struct Item {
    var business: String?
    var kind: String
    var what: Phrase
    var command: String
  }

  func run() throws {
    try reportingErrors {
      let day = try LedgerArgument.day(date)
      let workspace = Workspace.current()
      // Every business, or the one ledger named.
      var ledgers: [(business: String?, path: String)] = []
      if !ledger.namesOneLedger {
        ledgers = try workspace.businesses().map { ($0.name, $0.ledgerPath(in: workspace)) }
      }
      if ledgers.isEmpty { ledgers = [(try ledger.business.map { try workspace.business(named: $0).name }, try ledger.resolvedPath())] }
      var items: [Item] = []
      for (business, path) in ledgers {
        items += try Self.items(business: business, ledger: Ledger.open(at: path), asOf: day)
      }
      let order = ["conflict", "tracker_missing", "tracker_changed", "bank_review", "send_rejected", "promise_due", "reminder", "document_to_send", "draft_ending"]
      items.sort { (order.firstIndex(of: $0.kind) ?? 99, $0.business ?? "") < (order.firstIndex(of: $1.kind) ?? 99, $1.business ?? "") }
      if json {
        return try emit(
          LedgerJSON.array(
            items.map {
              .object([("business", .text($0.business)), ("kind", .string($0.kind)), ("what", .string($0.what.description)), ("command", .string($0.command))])
            }
          ).rendered + "\n")
      }
      if items.isEmpty { return try emit(say("Nothing to do on \(day)") + "\n") }
      try emit(items.map { "\($0.business.map { "[\($0)] " } ?? "")\(say($0.what))\n    → \($0.command)\n" }.joined())
    }
  }

  static func items(business: String?, ledger: Ledger, asOf day: Day) throws -> [Item] {
    let option = business.map { " --business \(shellQuoted($0))" } ?? ""
    var items: [Item] = []
    func add(_ kind: String, _ what: Phrase, _ command: String) {
      items.append(Item(business: business, kind: kind, what: what, command: command + option))
    }
    let conflicts = try ConflictDesk(ledger: ledger).openConflicts()
    if !conflicts.isEmpty {
      let numbers = Array(Set(conflicts.map(\.number))).sorted()
      let listed = numbers.prefix(5).joined(separator: ", ") + (numbers.count > 5 ? ", …" : "")
      add("conflict", "\(conflicts.count) open conflict(s) on \(listed) (their reminders are held back)", "suivi conflicts")
    }
    for tracker in try SyncEngine(ledger: ledger).trackers() {
      if tracker.missing {
        add("tracker_missing", "the tracker \(tracker.path) is gone (moved or renamed? a tracker moved keeps its history)", "suivi sync NEW-PATH")
      } else if tracker.changed {
        add("tracker_changed", "\(tracker.path) changed since its last sync", "suivi sync \(shellQuoted(tracker.path))")
      }
    }
    // Credits the bank received and no invoice took yet: reconciled before anyone is reminded.
    let credits = try ledger.read { try $0.bankMovements(states: [.proposed, .unmatched]) }
    if !credits.isEmpty {
      add(
        "bank_review", "\(credits.count) bank credit(s) of \(credits.map(\.amount).reduce(.zero, +)) to reconcile before reminding anyone",
        "suivi bank review")
    }
    let agenda = try ledger.read { try $0.agenda(asOf: day) }
    for promise in agenda.promisesDue {
      add(
        "promise_due", "\(promise.client) promised to pay \(promise.number) by \(promise.promisedOn): \(promise.balance) still due",
        "suivi invoice show \(promise.number)")
    }
    for statement in agenda.statements {
      let invoices = statement.invoices.map(\.number).joined(separator: ", ")
      let step = Phrase.dunningStep(level: statement.level, name: statement.name)
      add(
        "reminder", "\(statement.client): level \(statement.level), \(step) by \(statement.channel.name), \(statement.amountDue) on \(invoices)",
        "suivi remind statement \(shellQuoted(statement.client))")
    }
    let (toSend, sendings) = try ledger.read { (try $0.documentsToSend(), try $0.sendings()) }
    for document in toSend {
      let what: Phrase = document.client.map { "\(document.title) for \($0), made on \(document.madeOn), is not sent" } ?? "\(document.title), made on \(document.madeOn), is not sent"
      let registered = document.kind == "letter" && (document.level ?? 0) >= 2
      add(
        "document_to_send", what,
        registered
          ? "suivi sent record \(shellQuoted(document.path)) --channel lrar --tracking NUMBER"
          : "suivi send \(shellQuoted(document.path))")
    }
    let corrected = Set(sendings.compactMap(\.replaces))
    for sending in sendings where sending.status == .rejected && !corrected.contains(sending.id) {
      let reason = sending.history.last?.reason ?? ""
      add(
        "send_rejected", "\(sending.title ?? sending.path) sent to \(sending.recipient) was rejected on \(sending.history.last?.day ?? sending.sentOn): \(reason)",
        "suivi send CORRECTED.pdf --replaces \(sending.id)")
    }
    for draft in agenda.draftsEnding {
      add(
        "draft_ending", "\(draft.number) of \(draft.client) counts as approved on \(draft.approvedOn) without an answer",
        "suivi invoice send \(draft.number) --date \(draft.approvedOn)")
    }
    return items
  }

  /// A word as a shell reads it: quoted when it holds anything but letters, digits and `-._/`.
  static func shellQuoted(_ text: String) -> String {
    text.allSatisfy { $0.isLetter || $0.isNumber || "-._/".contains($0) } ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
