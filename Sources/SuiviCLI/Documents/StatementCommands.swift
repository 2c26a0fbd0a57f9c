import ArgumentParser
import CivilDate
import Documents
import Foundation
import Ledger
import Wording

/// `suivi statement CLIENT [--from D]`: the client's statement of account.
struct StatementCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "statement",
    abstract: say("Write a client's statement of account: invoices, credit notes and payments over a period, running balance, what is due and overdue, aged."))

  @OptionGroup var options: DocumentOptions
  @Argument(help: ArgumentHelp(say("The client."))) var client: String
  @Option(help: ArgumentHelp(say("The first day (default: the oldest unpaid invoice's date, else 90 days before)."))) var from: String?

  func run() throws {
    try options.make("statement") { session, context in
      let day = context.day
      let account = try session.account(of: client, asOf: day)
      let start = try DocumentOptions.from(from, day: day) ?? account.open.map(\.issueDate).min() ?? day.adding(days: -89)
      let (opening, entries) = try session.statementEntries(of: account.client.name, from: start, to: day)
      return [try Statement.make(account, entries: entries, opening: opening, from: start, context: context)]
    }
  }
}

/// `suivi receipt INVOICE`: the facture acquittée, or the solde actualisé.
struct ReceiptCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "receipt",
    abstract: say("Write the receipted invoice (facture acquittée) of a settled invoice, or the updated balance (solde actualisé) of a partly paid one."))

  @OptionGroup var options: DocumentOptions
  @Argument(help: ArgumentHelp(say("The invoice number."))) var number: String

  func run() throws {
    try options.make("receipt") { session, context in [try Receipt.make(session.details(of: number, asOf: context.day), context: context)] }
  }
}

/// `suivi recap [--from D]`: the owner's summary table, PDF and workbook.
struct RecapCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "recap",
    abstract: say("Write the owner's summary table over a period: reminders and their outcomes, payments received, what is still owed and aged (PDF and .xlsx)."))

  @OptionGroup var options: DocumentOptions
  @Option(help: ArgumentHelp(say("The first day (default: 89 days before the document's day, a 90-day period)."))) var from: String?

  func run() throws {
    try options.make("recap") { session, context in
      let day = context.day
      let report = try session.report(asOf: day, from: try DocumentOptions.from(from, day: day))
      let names = Dictionary(uniqueKeysWithValues: try session.clients().map { ($0.id!, $0.name) })
      let payments = try session.payments().filter { (report.from...day).contains($0.payment.receivedOn) }.map {
        (payment: $0.payment, client: names[$0.payment.clientId] ?? "?", allocations: $0.allocations)
      }
      let data = Recap.Data(report: report, payments: payments)
      let pdf = try Recap.make(data, context: context)
      return [pdf, try Recap.workbook(data, context: context, pdf: pdf)]
    }
  }
}

/// `suivi documents [CLIENT]`: the documents made, with their fingerprints.
struct DocumentsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "documents", abstract: say("List the documents made (of a client), where they are, and check them against their SHA-256."))

  @OptionGroup var ledger: LedgerOptions
  @Argument(help: ArgumentHelp(say("Only this client's."))) var client: String?
  @Flag(help: ArgumentHelp(say("Print JSON."))) var json = false

  func run() throws {
    try reportingErrors {
      let documents = try ledger.open().read { try $0.documents(client: client) }
      func state(_ document: DocumentRecord) -> String {
        guard let data = FileManager.default.contents(atPath: document.path) else { return "missing" }
        return DocumentFingerprint.sha256([UInt8](data)) == document.sha256 ? "intact" : "changed"
      }
      if json {
        let items = documents.map { document -> LedgerJSON in
          .object([
            ("kind", .string(document.kind)), ("title", .string(document.title)), ("path", .string(document.path)),
            ("sha256", .string(document.sha256)), ("date", .day(document.madeOn)), ("keep_until", .day(document.keepUntil)),
            ("client", .text(document.client)), ("level", document.level.map { .int($0) } ?? .null), ("amount", .money(document.amount)),
            ("invoices", .array(document.invoices.map { .string($0) })), ("state", .string(state(document))),
          ])
        }
        return try emit(LedgerJSON.array(items).rendered + "\n")
      }
      if documents.isEmpty { return try emit(say("No document made yet") + "\n") }
      let rows = documents.map { document -> [Phrase] in
        let said: Phrase =
          switch state(document) {
          case "intact": "intact"
          case "changed": "changed since it was made"
          default: "missing"
          }
        return ["\(document.madeOn)", .verbatim(document.title), .verbatim(document.client ?? ""), said, .verbatim(document.path)]
      }
      try emit(TextTable.say(header: ["Date", "Document", "Client", "State", "File"], rows: rows))
    }
  }
}
