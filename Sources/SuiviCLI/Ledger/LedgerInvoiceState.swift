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
