import ArgumentParser
import Ledger
import Wording
import OOXML
import SheetSync

/// `suivi remind`: the dunning procedure.
struct RemindCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "remind", abstract: say("List today's reminders, and record those sent."),
    subcommands: [List.self, Record.self, Statement.self, Outcome.self], defaultSubcommand: List.self)

  /// `suivi remind [--date D]`.
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: say("List the reminders to send as of a day, with amount due, days late, and for levels 3–4 the L441-10 penalty."))

    @OptionGroup var ledger: LedgerOptions
    @Option(help: ArgumentHelp(say("The day (default: today)."))) var date: String?
    @Flag(help: ArgumentHelp(say("One statement per client listing every overdue invoice of the client (seed 003)."))) var byClient = false
    @Flag(help: ArgumentHelp(say("Print JSON."))) var json = false

    func run() throws {
      try reportingErrors {
        let day = try LedgerArgument.day(date)
        let opened = try ledger.open()
        // An invoice with an open conflict is held back: its sheet may say it was paid, or
        // disputed, which the ledger does not know yet. No reminder goes out on a guess.
        let conflicted = Set(try ConflictDesk(ledger: opened).openConflicts().map(\.number))
        let due = try opened.read { try $0.dueReminders(asOf: day) }
        let actions = due.filter { !conflicted.contains($0.number) }
        let heldBack = due.filter { conflicted.contains($0.number) }.map(\.number)
        defer {
          if !json, !heldBack.isEmpty {
            let listed = heldBack.prefix(5).joined(separator: ", ") + (heldBack.count > 5 ? ", …" : "")
            StandardError.write(say("held back: \(heldBack.count) invoice(s) with an open conflict (\(listed)): see `suivi conflicts`") + "\n")
          }
        }
        if byClient {
          let statements = ClientReminder.grouping(actions)
          if json { return try emit(LedgerJSON.array(statements.map(\.json)).rendered + "\n") }
          if statements.isEmpty { return try emit(say("No reminder to send on \(day)") + "\n") }
          let rows = statements.map { statement -> [Phrase] in
            [
              .verbatim(statement.client), "\(statement.level) \(Phrase.dunningStep(level: statement.level, name: statement.name))",
              statement.channel.name, "\(statement.amountDue)", "\(statement.daysLate)",
              statement.invoices.map { "\($0.number) (\($0.amountDue), \($0.daysLate) days)" as Phrase }.joined(),
            ]
          }
          return try emit(TextTable.say(header: ["Client", "Level", "Channel", "Amount due", "Days late", "Invoices"], rows: rows))
        }
        if json {
          try emit(LedgerJSON.array(actions.map(\.json)).rendered + "\n")
          return
        }
        if actions.isEmpty { return try emit(say("No reminder to send on \(day)") + "\n") }
        let rows = actions.map { action -> [Phrase] in
          // Each amount with its legal basis; a claim whose half-year rate is not in the
          // table yet is said provisional.
          let penalty: Phrase? = action.penalty.map { amount in
            let provisional = !(action.claim?.provisionalHalfYears.isEmpty ?? true)
            switch (action.claim?.basis == .legalInterest, provisional) {
            case (true, false): return "interest \(amount) (legal rate, C. civ. 1231-6)"
            case (true, true): return "interest \(amount) (legal rate, C. civ. 1231-6, provisional)"
            case (false, false): return "penalties \(amount) (C. com. L441-10)"
            case (false, true): return "penalties \(amount) (C. com. L441-10, provisional)"
            }
          }
          let indemnity: Phrase? = action.indemnity.map { "indemnity \($0) (C. com. D441-5)" }
          return [
            .verbatim(action.number), .verbatim(action.client), "\(action.level) \(Phrase.dunningStep(level: action.level, name: action.name))",
            action.channel.name, "\(action.amountDue)", "\(action.daysLate)", [penalty, indemnity].compactMap { $0 }.joined(separator: " + "),
          ]
        }
        try emit(TextTable.say(header: ["Invoice", "Client", "Level", "Channel", "Amount due", "Days late", "Claim"], rows: rows))
      }
    }
  }

  /// `suivi remind record NUMBER --level N --channel C`.
  struct Record: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: say("Record a reminder sent (never twice for one invoice and level)."))

    @OptionGroup var ledger: LedgerOptions
    @Argument(help: ArgumentHelp(say("The invoice number."))) var number: String
    @Option(help: ArgumentHelp(say("The level, 1 to 4."))) var level: Int
    @Option(help: ArgumentHelp(say("phone, email, letter, registered_letter, lrar, court (default: the level's)."))) var channel: String?
    @Option(help: ArgumentHelp(say("The day it was sent (default: today)."))) var date: String?
    @Option(help: ArgumentHelp(say("A note."))) var note: String?
    @Option(help: ArgumentHelp(say("What came of it: promise, disputed, no_answer, paid."))) var outcome: String?
    @Option(help: ArgumentHelp(say("With --outcome promise: the day the client promised to pay by."))) var promised: String?
    @Flag(help: ArgumentHelp(say("Record it even if a level is skipped or it is closer to the previous reminder than the spacing (noted in the journal).")))
    var force = false

    func run() throws {
      try reportingErrors {
        let day = try LedgerArgument.day(date)
        let outcome = try outcome.map(ReminderOutcome.parse)
        let reminder = try ledger.open().write(command: "remind record") { session in
          let policy = try session.settings().dunning
          let channel =
            try channel.map { try ReminderChannel.parse($0) }
            ?? policy.levels[max(0, min(level, policy.levels.count) - 1)].channel
          return try session.recordReminder(
            number, level: level, channel: channel, on: day, note: note, outcome: outcome,
            promisedOn: try promised.map { try Day.parse($0, field: "--promised") }, force: force)
        }
        try emit(say("Recorded reminder \(reminder.level) of \(number) on \(reminder.sentOn) by \(reminder.channel.name)") + "\n")
      }
    }
  }

  /// `suivi remind statement CLIENT`: one statement to a client for every overdue invoice.
  struct Statement: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: say("Record a statement sent to a client: a reminder of each overdue invoice it lists, each at its own next level."))

    @OptionGroup var ledger: LedgerOptions
    @Argument(help: ArgumentHelp(say("The client's name."))) var client: String
    @Option(help: ArgumentHelp(say("phone, email, letter, registered_letter, lrar, court (default: each level's)."))) var channel: String?
    @Option(help: ArgumentHelp(say("The day it was sent (default: today)."))) var date: String?
    @Option(help: ArgumentHelp(say("A note."))) var note: String?

    func run() throws {
      try reportingErrors {
        let day = try LedgerArgument.day(date)
        let channel = try channel.map { try ReminderChannel.parse($0) }
        let recorded = try ledger.open().write(command: "remind statement") {
          try $0.recordClientReminder(client, on: day, channel: channel, note: note)
        }
        try emit(say("Recorded a statement to \(client) on \(day): \(recorded.count) invoice(s)") + "\n")
      }
    }
  }

  /// `suivi remind outcome NUMBER --level N --outcome O`.
  struct Outcome: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: say("Record what came of a reminder."))

    @OptionGroup var ledger: LedgerOptions
    @Argument(help: ArgumentHelp(say("The invoice number."))) var number: String
    @Option(help: ArgumentHelp(say("The level."))) var level: Int
    @Option(help: ArgumentHelp(say("promise, disputed, no_answer, paid."))) var outcome: String
    @Option(help: ArgumentHelp(say("With promise: the day the client promised to pay by."))) var promised: String?
    @Option(help: ArgumentHelp(say("With disputed: since when (default: the reminder's day)."))) var date: String?

    func run() throws {
      try reportingErrors {
        let outcome = try ReminderOutcome.parse(outcome)
        let promisedOn = try promised.map { try Day.parse($0, field: "--promised") }
        let day = try date.map { try Day.parse($0, field: "--date") }
        _ = try ledger.open().write(command: "remind outcome") {
          try $0.setReminderOutcome(number, level: level, outcome: outcome, promisedOn: promisedOn, on: day)
        }
        try emit(say("Reminder \(level) of \(number): \(outcome.name)") + "\n")
      }
    }
  }
}
