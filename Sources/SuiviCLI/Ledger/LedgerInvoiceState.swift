import ArgumentParser
import Ledger
import OOXML

/// The invoice subcommands that record one fact: void, approve, send, dispute.
enum InvoiceStateCommand {
  /// `suivi invoice void NUMBER`.
  struct Void: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Void an invoice: it keeps its number and counts for nothing.")
    @OptionGroup var ledger: LedgerOptions
    @Argument(help: "The invoice number.") var number: String
    @Option(help: "The day (default: today).") var date: String?

    func run() throws {
      try InvoiceStateCommand.record(ledger, "invoice void", "Voided") { try $0.void(number, on: LedgerArgument.day(date)) }
    }
  }

  /// `suivi invoice approve NUMBER`.
  struct Approve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Record the client's approval of a draft.")
    @OptionGroup var ledger: LedgerOptions
    @Argument(help: "The invoice number.") var number: String
    @Option(help: "The day (default: today).") var date: String?

    func run() throws {
      try InvoiceStateCommand.record(ledger, "invoice approve", "Approved") { try $0.approve(number, on: LedgerArgument.day(date)) }
    }
  }

  /// `suivi invoice submit NUMBER`.
  struct Submit: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Record that a draft was sent to the client for approval (approved 48 hours later without an answer).")
    @OptionGroup var ledger: LedgerOptions
    @Argument(help: "The invoice number.") var number: String
    @Option(help: "The day (default: today).") var date: String?

    func run() throws {
      try InvoiceStateCommand.record(ledger, "invoice submit", "Submitted for approval:") { try $0.submit(number, on: LedgerArgument.day(date)) }
    }
  }

  /// `suivi invoice reject NUMBER --reason TEXT`.
  struct Reject: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Record that the client rejected a draft, and why: it is a draft again, to edit and submit again.")
    @OptionGroup var ledger: LedgerOptions
    @Argument(help: "The invoice number.") var number: String
    @Option(help: "What the client said.") var reason: String
    @Option(help: "The day (default: today).") var date: String?

    func run() throws {
      try InvoiceStateCommand.record(ledger, "invoice reject", "Rejected, a draft again:") {
        try $0.reject(number, on: LedgerArgument.day(date), reason: reason)
      }
    }
  }

  /// `suivi invoice edit NUMBER`: a draft only.
  struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Correct a draft not yet submitted (or rejected); an issued invoice is corrected by a credit note.")
    @OptionGroup var ledger: LedgerOptions
    @Argument(help: "The invoice number.") var number: String
    @Option(parsing: .unconditional, help: "The amount before VAT (HT).") var amountHt: String?
    @Option(help: "The VAT rate in percent.") var vat: String?
    @Option(help: "The invoice date.") var date: String?
    @Option(help: "The due date.") var due: String?
    @Option(help: "The service invoiced.") var service: String?
    @Option(help: "Notes.") var notes: String?

    func run() throws {
      try InvoiceStateCommand.record(ledger, "invoice edit", "Corrected draft") { session in
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

  /// `suivi invoice send NUMBER`.
  struct Send: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Record that an invoice was sent (a draft must be approved first).")
    @OptionGroup var ledger: LedgerOptions
    @Argument(help: "The invoice number.") var number: String
    @Option(help: "The day (default: today).") var date: String?

    func run() throws {
      try InvoiceStateCommand.record(ledger, "invoice send", "Sent") { try $0.send(number, on: LedgerArgument.day(date)) }
    }
  }

  /// `suivi invoice dispute NUMBER [--resolved]`.
  struct Dispute: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Mark an invoice as contested (litige; never reminded), or --resolved to clear it.")
    @OptionGroup var ledger: LedgerOptions
    @Argument(help: "The invoice number.") var number: String
    @Option(help: "Since when, or with --resolved the day it ended (default: today).") var date: String?
    @Flag(help: "The dispute is over.") var resolved = false

    func run() throws {
      try InvoiceStateCommand.record(ledger, "invoice dispute", resolved ? "Dispute cleared on" : "In litige:") {
        try $0.setDispute(number, from: resolved ? nil : LedgerArgument.day(date), endedOn: resolved ? LedgerArgument.day(date) : nil)
      }
    }
  }

  static func record(_ options: LedgerOptions, _ command: String, _ verb: String, _ body: (LedgerSession) throws -> Invoice) throws {
    try reportingErrors {
      let invoice = try options.open().write(command: command, body)
      try emit("\(verb) \(invoice.number)\n")
    }
  }
}
