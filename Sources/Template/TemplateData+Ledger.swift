import Ledger
import OOXML

extension TemplateData {
  /// The ledger's invoices (not credit notes: they settle the invoice they credit),
  /// statuses, payments and reminders as of `day`, in number order; its clients with
  /// their terms.
  ///
  /// - Throws: ``LedgerError`` when the ledger cannot be read.
  /// - Complexity: O(invoices + payments + reminders), a few queries.
  public init(ledger: Ledger, asOf day: Day) throws {
    self = try ledger.read { session in
      let clients = try session.clients()
      let summaries = try session.summaries(asOf: day)
      let payments = try Self.paymentsByInvoice(session, asOf: day)
      let report = try session.report(asOf: day, from: Day(daysSinceEpoch: 0))
      var remindersByInvoice: [String: [Int: Day]] = [:]
      for reminder in report.reminders { remindersByInvoice[reminder.number, default: [:]][reminder.level] = reminder.sentOn }
      let credits = Dictionary(grouping: summaries.filter { $0.invoice.isCreditNote && $0.invoice.voidedOn == nil }) {
        $0.invoice.creditedInvoiceId ?? -1
      }
      var invoices: [InvoiceRow] = []
      for summary in summaries where !summary.invoice.isCreditNote && summary.invoice.issueDate <= day {
        let invoice = summary.invoice
        let last = payments[invoice.number]?.last
        invoices.append(
          InvoiceRow(
            number: invoice.number, issued: invoice.issueDate, client: summary.client, service: invoice.service,
            ht: invoice.ht, vatRate: invoice.vatRate, ttc: invoice.ttc, due: invoice.dueDate, status: summary.status.rawValue,
            paid: invoice.voidedOn != nil ? summary.paid : invoice.ttc - summary.balance, paidOn: last?.day,
            method: last?.method.rawValue, reminders: (1...4).map { remindersByInvoice[invoice.number]?[$0] }, notes: invoice.notes,
            creditNotes: (credits[invoice.id ?? -2] ?? []).map { CreditNote(number: $0.invoice.number, amount: $0.invoice.ttc) }))
      }
      let reminders = report.reminders.map { line in
        ReminderRow(
          date: line.sentOn, invoice: line.number, client: line.client, level: line.level, channel: line.channel.rawValue,
          outcome: line.outcome?.rawValue, note: nil)
      }
      return TemplateData(
        invoices: invoices, reminders: reminders,
        clients: clients.map { ClientRow(name: $0.name, termsDays: $0.termsDays, endOfMonth: $0.endOfMonth) })
    }
  }

  /// Each invoice's payments received on or before `day`, oldest first.
  private static func paymentsByInvoice(_ session: LedgerSession, asOf day: Day) throws -> [String: [(day: Day, method: PaymentMethod)]] {
    var result: [String: [(day: Day, method: PaymentMethod)]] = [:]
    for (payment, allocations) in try session.payments() where payment.receivedOn <= day {
      for allocation in allocations { result[allocation.number, default: []].append((payment.receivedOn, payment.method)) }
    }
    return result.mapValues { $0.sorted { $0.day < $1.day } }
  }
}
