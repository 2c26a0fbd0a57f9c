import GRDB
import CivilDate

/// One invoice with everything known about it as of a day (`invoice show`).
public struct InvoiceDetails: Sendable {
  public var invoice: Invoice
  public var client: Client
  public var status: InvoiceStatus
  public var paid: Cents
  public var credited: Cents
  public var balance: Cents
  public var daysLate: Int
  /// The payments allocated to it: payment id, date, method, payer, amount.
  public var payments: [(id: Int64, receivedOn: Day, method: PaymentMethod, payer: String, amount: Cents)]
  /// Credit notes against it (for an invoice) or the invoice it credits (for a credit note).
  public var related: [String]
  public var reminders: [Reminder]
  /// The reminder to send as of the day, if any.
  public var nextReminder: ReminderAction?
}

/// One invoice in a list, with its derived figures.
public struct InvoiceSummary: Sendable {
  public var invoice: Invoice
  public var client: String
  public var status: InvoiceStatus
  public var paid: Cents
  public var balance: Cents
}

extension LedgerSession {
  /// Invoice `number` as of `day`.
  public func details(of number: String, asOf day: Day) throws -> InvoiceDetails {
    let invoice = try invoice(numbered: number)
    let client = try client(id: invoice.clientId)
    let settings = try settings()
    let facts = try facts(invoiceId: invoice.id!)[invoice.id!]!
    let payments = try Row.fetchAll(
      db,
      sql: """
        SELECT p.id, p.receivedOn, p.method, p.payer, a.amount FROM allocation a JOIN payment p ON p.id = a.paymentId
        WHERE a.invoiceId = ? ORDER BY p.receivedOn, p.id
        """, arguments: [invoice.id!]
    ).map { row in
      (id: row[0] as Int64, receivedOn: row[1] as Day, method: PaymentMethod(rawValue: row[2]) ?? .other, payer: row[3] as String,
        amount: Cents(row[4]))
    }
    let related =
      invoice.isCreditNote
      ? try String.fetchAll(db, sql: "SELECT number FROM invoice WHERE id = ?", arguments: [invoice.creditedInvoiceId])
      : try String.fetchAll(db, sql: "SELECT number FROM invoice WHERE creditedInvoiceId = ? ORDER BY id", arguments: [invoice.id!])
    let reminders = try Reminder.filter(Column("invoiceId") == invoice.id!).order(Column("level")).fetchAll(db)
    let next = settings.dunning.nextStep(for: facts, asOf: day).map {
      action(invoice, client: client, facts: facts, step: $0, asOf: day, settings: settings)
    }
    return InvoiceDetails(
      invoice: invoice, client: client, status: InvoiceStatus.derive(facts, asOf: day, policy: settings.dunning),
      paid: facts.paid(asOf: day), credited: facts.credited(asOf: day), balance: facts.balance(asOf: day),
      daysLate: facts.isReceivable(asOf: day) && facts.balance(asOf: day).isPositive ? facts.daysLate(asOf: day) : 0,
      payments: payments, related: related, reminders: reminders, nextReminder: next)
  }

  /// Invoices and credit notes as of `day`, by number, optionally of one client and
  /// with one status.
  public func summaries(asOf day: Day, clientName: String? = nil, status: InvoiceStatus? = nil) throws -> [InvoiceSummary] {
    let clientId = try clientName.map { try client(named: $0).id! }
    let settings = try settings()
    let facts = try facts()
    let names = Dictionary(uniqueKeysWithValues: try Client.fetchAll(db).map { ($0.id!, $0.name) })
    var request = Invoice.order(Invoice.numberOrder)
    if let clientId { request = request.filter(Column("clientId") == clientId) }
    return try request.fetchAll(db).compactMap { invoice in
      let fact = facts[invoice.id!]!
      let derived = InvoiceStatus.derive(fact, asOf: day, policy: settings.dunning)
      if let status, status != derived { return nil }
      return InvoiceSummary(
        invoice: invoice, client: names[invoice.clientId] ?? "?", status: derived, paid: fact.paid(asOf: day),
        balance: fact.balance(asOf: day))
    }
  }
}
