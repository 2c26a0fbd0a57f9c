import ArgumentParser
import Ledger
import Wording
import OOXML

/// The invoice subcommands that record one fact: void, submit, approve, reject, edit, send, dispute.
enum InvoiceStateCommand {
  /// A fact of an invoice recorded on a day: `suivi invoice NAME NUMBER [--date D]`.
  protocol DayFact {
    /// The subcommand's name, its help, and what it prints before the number.
    static var about: (name: String, abstract: Phrase, done: Phrase) { get }
    static func record(_ session: LedgerSession, _ number: String, on day: Day) throws -> Invoice
  }

  /// The command of a ``DayFact``.
  struct DayCommand<Fact: DayFact>: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(commandName: Fact.about.name, abstract: say(Fact.about.abstract)) }
    @OptionGroup var ledger: LedgerOptions
    @Argument(help: ArgumentHelp(say("The invoice number."))) var number: String
    @Option(help: ArgumentHelp(say("The day (default: today)."))) var date: String?

    func run() throws {
      try InvoiceStateCommand.record(ledger, "invoice \(Fact.about.name)", Fact.about.done) {
        try Fact.record($0, number, on: LedgerArgument.day(date))
      }
    }
  }

  enum Void: DayFact {
    static let about: (name: String, abstract: Phrase, done: Phrase) = (name: "void", abstract: "Void an invoice: it keeps its number and counts for nothing.", done: "Voided")
    static func record(_ session: LedgerSession, _ number: String, on day: Day) throws -> Invoice { try session.void(number, on: day) }
  }

  enum Approve: DayFact {
    static let about: (name: String, abstract: Phrase, done: Phrase) = (name: "approve", abstract: "Record the client's approval of a draft.", done: "Approved")
    static func record(_ session: LedgerSession, _ number: String, on day: Day) throws -> Invoice { try session.approve(number, on: day) }
  }

  enum Submit: DayFact {
    static let about: (name: String, abstract: Phrase, done: Phrase) = (
      name: "submit", abstract: "Record that a draft was sent to the client for approval (approved 48 hours later without an answer).",
      done: "Submitted for approval:"
    )
    static func record(_ session: LedgerSession, _ number: String, on day: Day) throws -> Invoice { try session.submit(number, on: day) }
  }

  enum Send: DayFact {
    static let about: (name: String, abstract: Phrase, done: Phrase) = (name: "send", abstract: "Record that an invoice was sent (a draft must be approved first).", done: "Sent")
    static func record(_ session: LedgerSession, _ number: String, on day: Day) throws -> Invoice { try session.send(number, on: day) }
  }

  /// `suivi invoice reject NUMBER --reason TEXT`.
  struct Reject: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: say("Record that the client rejected a draft, and why: it is a draft again, to edit and submit again."))
    @OptionGroup var ledger: LedgerOptions
    @Argument(help: ArgumentHelp(say("The invoice number."))) var number: String
    @Option(help: ArgumentHelp(say("What the client said."))) var reason: String
    @Option(help: ArgumentHelp(say("The day (default: today)."))) var date: String?

    func run() throws {
      try InvoiceStateCommand.record(ledger, "invoice reject", "Rejected, a draft again:" as Phrase) {
        try $0.reject(number, on: LedgerArgument.day(date), reason: reason)
      }
    }
  }

  /// `suivi invoice edit NUMBER`: a draft only.
  struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: say("Correct a draft not yet submitted (or rejected); an issued invoice is corrected by a credit note."))
    @OptionGroup var ledger: LedgerOptions
    @Argument(help: ArgumentHelp(say("The invoice number."))) var number: String
    @Option(parsing: .unconditional, help: ArgumentHelp(say("The amount before VAT (HT)."))) var amountHt: String?
    @Option(help: ArgumentHelp(say("The VAT rate in percent."))) var vat: String?
    @Option(help: ArgumentHelp(say("The invoice date."))) var date: String?
    @Option(help: ArgumentHelp(say("The due date."))) var due: String?
    @Option(help: ArgumentHelp(say("The service invoiced."))) var service: String?
    @Option(help: ArgumentHelp(say("Notes."))) var notes: String?

    func run() throws {
      try InvoiceStateCommand.record(ledger, "invoice edit", "Corrected draft" as Phrase) { session in
        var correction = InvoiceCorrection()
        correction.ht = try amountHt.map { try LedgerArgument.money($0, field: "--amount-ht") }
        correction.vatRate = try vat.map { try VATRate.parse($0) }
        correction.issueDate = try date.map { try Day.parse($0, field: "--date") }
        correction.dueDate = try due.map { try Day.parse($0, field: "--due") }
        if let service { correction.service = .some(service) }
        if let notes { correction.notes = .some(notes) }
        guard !correction.isEmpty else { throw LedgerError.invalidValue(field: "--amount-ht", text: "", reason: "nothing to correct: give what changes") }
        return try session.editDraft(number, correction)
      }
    }
  }

  /// `suivi invoice dispute NUMBER [--resolved]`.
  struct Dispute: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: say("Mark an invoice as contested (litige; never reminded), or --resolved to clear it."))
    @OptionGroup var ledger: LedgerOptions
    @Argument(help: ArgumentHelp(say("The invoice number."))) var number: String
    @Option(help: ArgumentHelp(say("Since when, or with --resolved the day it ended (default: today)."))) var date: String?
    @Flag(help: ArgumentHelp(say("The dispute is over."))) var resolved = false

    func run() throws {
      try InvoiceStateCommand.record(ledger, "invoice dispute", resolved ? "Dispute cleared:" : "Disputed (litige):" as Phrase) {
        try $0.setDispute(number, from: resolved ? nil : LedgerArgument.day(date), endedOn: resolved ? LedgerArgument.day(date) : nil)
      }
    }
  }

  static func record(_ options: LedgerOptions, _ command: String, _ verb: Phrase, _ body: (LedgerSession) throws -> Invoice) throws {
    try reportingErrors {
      let invoice = try options.open().write(command: command, body)
      try emit(say("\(verb) \(invoice.number)") + "\n")
    }
  }
}
