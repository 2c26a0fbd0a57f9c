import ArgumentParser
import Ledger
import Wording
import OOXML

extension InvoiceCommand {
  /// `suivi invoice show NUMBER`.
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: say("Show an invoice as of a day: amounts, payments, balance (reste dû), status, reminders."))

    @OptionGroup var ledger: LedgerOptions
    @Argument(help: ArgumentHelp(say("The invoice number."))) var number: String
    @Option(help: ArgumentHelp(say("The day (default: today)."))) var date: String?
    @Flag(help: ArgumentHelp(say("Print JSON."))) var json = false

    func run() throws {
      try reportingErrors {
        let day = try LedgerArgument.day(date)
        let (details, settings) = try ledger.open().read { (try $0.details(of: number, asOf: day), try $0.settings()) }
        // An invoice without VAT of a business under the franchise en base says why.
        let mention = settings.vatFranchise && details.invoice.vatRate == nil ? VATRate.franchiseMention : nil
        if json {
          try emit(details.json(asOf: day, vatMention: mention).rendered + "\n")
        } else {
          try emit(details.text + (mention.map { "  \(say(.verbatim($0)))\n" } ?? ""))
        }
      }
    }
  }
}

extension InvoiceDetails {
  func json(asOf day: Day, vatMention: String? = nil) -> LedgerJSON {
    let payments = payments.map { payment -> LedgerJSON in
      .object([
        ("payment", .number(String(payment.id))), ("date", .day(payment.receivedOn)), ("method", .string(payment.method.rawValue)),
        ("payer", .string(payment.payer)), ("amount", .money(payment.amount)),
      ])
    }
    let reminders = reminders.map { reminder -> LedgerJSON in
      .object([
        ("level", .int(reminder.level)), ("channel", .string(reminder.channel.rawValue)), ("date", .day(reminder.sentOn)),
        ("note", .text(reminder.note)), ("outcome", .text(reminder.outcome?.rawValue)),
      ])
    }
    return .object(
      invoice.jsonFields(client: client.name) + [
        ("as_of", .day(day)), ("paid", .money(paid)), ("credited", .money(credited)), ("balance", .money(balance)),
        ("status", .string(status.rawValue)), ("status_label", .string(status.label)), ("days_late", .int(daysLate)),
        ("needs_approval", .bool(invoice.needsApproval)), ("approved_on", .day(invoice.approvedOn)),
        ("sent_on", .day(invoice.sentOn)), ("voided_on", .day(invoice.voidedOn)), ("disputed_on", .day(invoice.disputedOn)),
        ("notes", .text(invoice.notes)), ("payments", .array(payments)),
        (invoice.isCreditNote ? "credits_invoice" : "credit_notes",
          invoice.isCreditNote ? .text(related.first) : .array(related.map { .string($0) })),
        ("reminders", .array(reminders)), ("next_reminder", nextReminder.map(\.json) ?? .null), ("vat_mention", .text(vatMention)),
      ])
  }

  var text: String {
    var lines: [Phrase] = [
      invoice.isCreditNote ? "Credit note \(invoice.number) — \(client.name)" : "Invoice \(invoice.number) — \(client.name)",
      invoice.service.map { "date \(invoice.issueDate), due \(invoice.dueDate), \($0)" } ?? "date \(invoice.issueDate), due \(invoice.dueDate)",
      "\(invoice.amounts.phrase)",
      "paid \(paid), credited \(credited), balance due \(balance)",
      daysLate > 0 ? "status: \(status.name), \(daysLate) days late" : "status: \(status.name)",
    ]
    for payment in payments {
      lines.append("payment \(payment.id): \(payment.amount) on \(payment.receivedOn) by \(payment.method.name) (\(payment.payer))")
    }
    for number in related { lines.append(invoice.isCreditNote ? "credits \(number)" : "credit note \(number)") }
    for reminder in reminders {
      let said: Phrase = "reminder \(reminder.level) on \(reminder.sentOn) by \(reminder.channel.name)"
      lines.append(reminder.outcome.map { said.followed(by: ": \($0.name)") } ?? said)
    }
    if let next = nextReminder {
      lines.append("to do: level \(next.level), \(Phrase.dunningStep(level: next.level, name: next.name)) by \(next.channel.name)")
    }
    return say(lines[0]) + "\n" + lines.dropFirst().map { "  " + say($0) + "\n" }.joined()
  }
}

extension ReminderAction {
  var json: LedgerJSON {
    .object([
      ("number", .string(number)), ("client", .string(client)), ("level", .int(level)), ("name", .string(name)),
      ("channel", .string(channel.rawValue)), ("amount_due", .money(amountDue)), ("due", .day(dueDate)),
      ("days_late", .int(daysLate)), ("since", .day(since)), ("pay_within_days", .int(payWithinDays)),
      ("penalty", .money(penalty)), ("penalty_rate", penaltyRateBasisPoints.map { .number(VATRate(basisPoints: $0).description) } ?? .null),
      ("indemnity", .money(indemnity)),
      ("penalty_basis", claim.map { .string($0.basis.rawValue) } ?? .null),
      ("indemnity_basis", indemnity == nil ? .null : .string("D441-5")),
      ("penalty_provisional", .array((claim?.provisionalHalfYears ?? []).map { .string($0.description) })),
      ("penalty_periods", .array((claim?.periods ?? []).map(\.json))),
    ])
  }
}

extension ClientReminder {
  var json: LedgerJSON {
    .object([
      ("client", .string(client)), ("level", .int(level)), ("name", .string(name)), ("channel", .string(channel.rawValue)),
      ("amount_due", .money(amountDue)), ("days_late", .int(daysLate)), ("invoices", .array(invoices.map(\.json))),
    ])
  }
}

extension LatePaymentPenalty.Period {
  var json: LedgerJSON {
    .object([
      ("from", .day(from)), ("to", .day(to)), ("days", .int(days)), ("amount", .money(amount)),
      ("rate", .number(VATRate(basisPoints: rateBasisPoints).description)), ("rate_known", .bool(rateIsKnown)),
    ])
  }
}
