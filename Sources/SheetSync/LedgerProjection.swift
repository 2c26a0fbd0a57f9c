import Ledger
import OOXML

/// The ledger's invoices as a tracker's rows: what each column should show, computed
/// from the facts as of a day, in canonical form (see ``CellNormalizer``).
public struct LedgerProjection {
  /// Invoice number → its row's values.
  public var rows: [String: Merge.Values] = [:]
  /// Invoice number → its status (to write it in the sheet's words).
  public var statuses: [String: InvoiceStatus] = [:]
  /// The numbers in series order (to append new rows in order).
  public var order: [String] = []

  /// Projects every invoice (credit notes are not tracker rows) as of `day`.
  public init(_ session: LedgerSession, asOf day: Day) throws {
    let summaries = try session.summaries(asOf: day)
    let facts = try session.facts()
    var lastPayment: [String: (day: Day, method: PaymentMethod)] = [:]
    for (payment, allocations) in try session.payments() {
      for allocation in allocations where allocation.amount.isPositive {
        if let known = lastPayment[allocation.number], known.day > payment.receivedOn { continue }
        lastPayment[allocation.number] = (payment.receivedOn, payment.method)
      }
    }
    for summary in summaries where !summary.invoice.isCreditNote {
      let invoice = summary.invoice
      var values: Merge.Values = [
        .number: invoice.number, .issueDate: invoice.issueDate.description, .client: summary.client,
        .status: summary.status.rawValue, .amountHT: CentsText.text(invoice.ht.value), .vat: String(invoice.vatRate.basisPoints),
        .amountTTC: CentsText.text(invoice.ttc.value), .dueDate: invoice.dueDate.description,
        .amountPaid: CentsText.text(summary.paid.value), .balance: CentsText.text(summary.balance.value),
      ]
      if summary.paid == .zero { values[.amountPaid] = nil }
      if let service = invoice.service, !service.isEmpty { values[.service] = CellNormalizer.collapsed(service) }
      if let notes = invoice.notes, !notes.isEmpty { values[.notes] = CellNormalizer.collapsed(notes) }
      if summary.status == .paid, let payment = lastPayment[invoice.number] {
        values[.paidOn] = payment.day.description
        values[.paymentMethod] = payment.method.rawValue
      }
      for reminder in facts[invoice.id!]?.reminders ?? [] {
        if let column = SyncColumn.allCases.first(where: { $0.reminderLevel == reminder.level }) {
          values[column] = reminder.sentOn.description
        }
      }
      rows[invoice.number] = values
      statuses[invoice.number] = summary.status
      order.append(invoice.number)
    }
  }
}
