import ArgumentParser
import Ledger
import Wording
import OOXML

/// `suivi invoice`: issuing invoices and following them.
struct InvoiceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "invoice", abstract: say("Issue, list and follow invoices."),
    subcommands: [
      Add.self, List.self, Show.self, Next.self, InvoiceStateCommand.DayCommand<InvoiceStateCommand.Void>.self,
      InvoiceStateCommand.DayCommand<InvoiceStateCommand.Submit>.self, InvoiceStateCommand.DayCommand<InvoiceStateCommand.Approve>.self,
      InvoiceStateCommand.Reject.self, InvoiceStateCommand.Edit.self, InvoiceStateCommand.DayCommand<InvoiceStateCommand.Send>.self,
      InvoiceStateCommand.Dispute.self, Credit.self,
    ])

  /// `suivi invoice add`.
  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: say("Issue an invoice (numbered next in its series unless --number is given)."))

    @OptionGroup var ledger: LedgerOptions
    @Option(help: ArgumentHelp(say("The client's name."))) var client: String
    @Option(help: ArgumentHelp(say("The invoice date: 2024-11-02, 02/11/2024 or aujourd'hui."))) var date: String
    @Option(parsing: .unconditional, help: ArgumentHelp(say("The amount before VAT (HT), e.g. 500.00 or 1 234,50."))) var amountHt: String
    @Option(help: ArgumentHelp(say("The VAT rate in percent (default 20; none under the franchise en base, vat.franchise)."))) var vat: String?
    @Option(parsing: .unconditional, help: ArgumentHelp(say("The TTC you expect; refused unless it is HT + VAT to the cent."))) var amountTtc: String?
    @Option(help: ArgumentHelp(say("The service invoiced (prestation)."))) var service: String?
    @Option(help: ArgumentHelp(say("The number, e.g. FA-240001 (default: the next of the series)."))) var number: String?
    @Option(help: ArgumentHelp(say("The due date (default: from the client's terms)."))) var due: String?
    @Option(help: ArgumentHelp(say("Notes."))) var notes: String?
    @Flag(help: ArgumentHelp(say("The client validates a draft before it is sent (approved after 48 hours without answer).")))
    var needsApproval = false
    @Option(help: ArgumentHelp(say("Why a due date past 60 days or 45 days end of month is agreed (a sector agreement, C. com. L441-10 I), recorded.")))
    var derogation: String?
    @Flag(help: ArgumentHelp(say("Print JSON."))) var json = false

    func run() throws {
      try reportingErrors {
        let ht = try LedgerArgument.money(amountHt, field: "--amount-ht")
        var draft = InvoiceDraft(
          clientName: client, issueDate: try Day.parse(date, field: "--date"),
          ht: ht, vatRate: try vat.map { try VATRate.parse($0) } ?? .standard, service: service,
          number: try number.map(InvoiceNumber.parse), dueDate: try due.map { try Day.parse($0, field: "--due") }, notes: notes,
          needsApproval: needsApproval, expectedTTC: try amountTtc.map { try LedgerArgument.money($0, field: "--amount-ttc") })
        draft.termsDerogation = derogation
        let invoice = try ledger.open().write(command: "invoice add") { session in
          // Under the franchise en base, an invoice carries no VAT unless a rate is given
          // (which is then refused, unless 0).
          if vat == nil, try session.settings().vatFranchise { draft.amounts = .withoutVAT(ht) }
          return try session.addInvoice(draft)
        }
        if json {
          try emit(LedgerJSON.object(invoice.jsonFields(client: client)).rendered + "\n")
        } else {
          try emit(say("\(invoice.number)  \(client)  \(invoice.amounts.phrase)  due \(invoice.dueDate)") + "\n")
        }
      }
    }
  }

  /// `suivi invoice next`.
  struct Next: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: say("Print the next number of a series and any gaps in the series."),
      discussion: say("""
        New invoices continue the series of the latest invoice whose number ends with digits, \
        as the tracker writes them (after F-2026-00004441 comes F-2026-00004442, after 151 comes 152; \
        a year or a date in the number starts a new series each period), past every number seen in a \
        tracker. A ledger with no such invoice, or with the invoice.prefix setting set, uses FA-YYNNNN.
        """))

    @OptionGroup var ledger: LedgerOptions
    @Option(help: ArgumentHelp(say("The day the invoice will be dated (default: today)."))) var date: String?
    @Option(help: ArgumentHelp(say("A series PREFIX-YYNNNN instead of the invoices' own (see the discussion)."))) var prefix: String?

    func run() throws {
      try reportingErrors {
        let day = try LedgerArgument.day(date)
        let (next, gaps) = try ledger.open().read { session in
          (try prefix.map { try session.nextNumber(prefix: $0, on: day) } ?? session.nextNumber(on: day), try session.numberingGaps())
        }
        try emit("\(next)\n" + gaps.map { say($0.count == 1 ? "gap: \($0) is missing from its series" : "gap: \($0) are missing from its series") + "\n" }.joined())
      }
    }
  }

  /// `suivi invoice list`.
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: say("List invoices and credit notes with their status as of a day."))

    @OptionGroup var ledger: LedgerOptions
    @Option(help: ArgumentHelp(say("Only this client's."))) var client: String?
    @Option(help: ArgumentHelp(say("Only this status (en_attente, partiellement_reglee, reglee, en_retard, a_relancer, litige, annulee, draft).")))
    var status: String?
    @Option(help: ArgumentHelp(say("The day statuses are computed for (default: today)."))) var date: String?
    @Flag(help: ArgumentHelp(say("Print JSON."))) var json = false

    func run() throws {
      try reportingErrors {
        let day = try LedgerArgument.day(date)
        let wanted = try status.map(InvoiceStatus.parse)
        let summaries = try ledger.open().read { try $0.summaries(asOf: day, clientName: client, status: wanted) }
        if json {
          try emit(LedgerJSON.array(summaries.map(\.json)).rendered + "\n")
          return
        }
        let rows = summaries.map { summary -> [Phrase] in
          let invoice = summary.invoice
          // A credit note reads as one: its amount taken off, and what it is.
          let ttc: Phrase = invoice.isCreditNote ? "\(Cents.zero - invoice.ttc)" : "\(invoice.ttc)"
          return [
            .verbatim(invoice.number), "\(invoice.issueDate)", .verbatim(summary.client), .verbatim(invoice.service ?? ""), ttc,
            "\(summary.paid)", "\(summary.balance)", "\(invoice.dueDate)", invoice.isCreditNote ? "credit note" : summary.status.name,
          ]
        }
        try emit(TextTable.say(header: ["Number", "Date", "Client", "Service", "Incl. VAT", "Paid", "Balance", "Due", "Status"], rows: rows))
      }
    }
  }

  /// `suivi invoice credit`.
  struct Credit: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: say("Issue a credit note (avoir) against an invoice, numbered in the credit notes' series."))

    @OptionGroup var ledger: LedgerOptions
    @Argument(help: ArgumentHelp(say("The invoice corrected."))) var number: String
    @Option(parsing: .unconditional, help: ArgumentHelp(say("The amount credited before VAT (at the invoice's VAT rate)."))) var amountHt: String
    @Option(help: ArgumentHelp(say("The credit note's date (default: today)."))) var date: String?
    @Option(help: ArgumentHelp(say("Why."))) var reason: String?

    func run() throws {
      try reportingErrors {
        let day = try LedgerArgument.day(date)
        let ht = try LedgerArgument.money(amountHt, field: "--amount-ht")
        let note = try ledger.open().write(command: "invoice credit") {
          try $0.addCreditNote(against: number, on: day, ht: ht, reason: reason)
        }
        try emit(say("\(note.number)  credit note against \(number)  incl. VAT \(note.ttc)") + "\n")
      }
    }
  }
}

extension Invoice {
  func jsonFields(client: String) -> [(String, LedgerJSON)] {
    [
      ("number", .string(number)), ("kind", .string(kind.rawValue)), ("client", .string(client)), ("date", .day(issueDate)),
      ("due", .day(dueDate)), ("service", .text(service)), ("ht", ht.map(LedgerJSON.money) ?? .null),
      ("vat_rate", vatRate.map { .number($0.description) } ?? .null), ("vat", vat.map(LedgerJSON.money) ?? .null), ("ttc", .money(ttc)),
    ]
  }
}

extension InvoiceAmounts {
  /// `HT 100,00 € + TVA 20 % 20,00 € = TTC 120,00 €` in French; `TTC 120,00 €, TVA
  /// inconnue` when only the TTC is known.
  var phrase: Phrase {
    guard let ht, let vat else { return "\(ttc) incl. VAT, VAT unknown" }
    guard let vatRate else { return "\(ht) excl. VAT + VAT \(vat) = \(ttc) incl. VAT" }
    return "\(ht) excl. VAT + VAT \(vatRate) % \(vat) = \(ttc) incl. VAT"
  }
}

extension InvoiceSummary {
  var json: LedgerJSON {
    .object(
      invoice.jsonFields(client: client) + [
        ("paid", .money(paid)), ("balance", .money(balance)), ("status", .string(status.rawValue)),
        ("status_label", .string(status.label)),
      ])
  }
}
