import GRDB
import CivilDate

/// One invoice as a tracker row shows it: its own fields and the figures derived from its
/// facts as of a day.
public struct InvoiceLine: Sendable {
  public var number: String
  /// An invoice, or a credit note (adopted from a tracker's negative row, it is a row of
  /// the tracker too).
  public var kind: Invoice.Kind = .invoice
  public var client: String
  public var issueDate: Day
  public var dueDate: Day
  public var service: String?
  public var notes: String?
  /// `nil` when unknown (see ``InvoiceAmounts``).
  public var ht: Cents?
  /// `nil` when unknown.
  public var vatRate: VATRate?
  /// `nil` when unknown.
  public var vat: Cents?
  public var ttc: Cents
  public var status: InvoiceStatus
  public var paid: Cents
  public var balance: Cents
  /// The day and method of the latest payment allocated to it, if any.
  public var lastPayment: (day: Day, method: PaymentMethod)?
  /// The reminders recorded, in the order they were recorded.
  public var reminders: [InvoiceFacts.SentReminder]
  /// For a credit note: whether it is deducted from an invoice (a credit note issued by
  /// `suivi invoice credit` is one, and is not a row of a tracker that does not list it).
  public var creditsAnInvoice = false
}

extension LedgerSession {
  /// Every invoice and credit note, or only those numbered `numbers`, in series order, as
  /// of `day`.
  ///
  /// - Complexity: a fixed number of set queries, whatever the count: the sync projects
  ///   100,000 invoices with it, and again the few a run changed.
  public func invoiceLines(asOf day: Day, only numbers: [String]? = nil) throws -> [InvoiceLine] {
    var lines: [InvoiceLine] = []
    try forEachInvoiceLine(asOf: day, only: numbers) { lines.append($0) }
    return lines
  }

  /// ``invoiceLines(asOf:only:)`` one line at a time, without holding them all (the
  /// sync turns each into a row as it comes).
  public func forEachInvoiceLine(asOf day: Day, only numbers: [String]? = nil, _ body: (InvoiceLine) throws -> Void) throws {
    let only = numbers == nil ? "" : " AND i.number IN (SELECT value FROM json_each(?))"
    let arguments: StatementArguments = numbers.map { [Self.jsonArray($0)] } ?? []
    let settings = try settings()
    let facts = try loadFacts(only: only, arguments: arguments)
    var lastPayments: [Int64: (day: Day, method: PaymentMethod)] = [:]
    let payments = try RawRows(
      db,
      sql: """
        SELECT a.invoiceId, p.receivedOn, p.method FROM allocation a JOIN payment p ON p.id = a.paymentId
          JOIN invoice i ON i.id = a.invoiceId WHERE a.amount > 0\(only) ORDER BY p.receivedOn, p.id
        """, arguments: arguments)
    while try payments.next() {
      lastPayments[payments.int64(0)] = (try payments.requiredDay(1), payments.text(2).flatMap(PaymentMethod.init(rawValue:)) ?? .other)
    }
    let invoices = try RawRows(
      db,
      sql: """
        SELECT i.id, i.number, c.name, i.issueDate, i.dueDate, i.service, i.notes, i.ht, i.vatRate, i.ttc, i.clientId, i.vat, i.kind,
          i.creditedInvoiceId IS NOT NULL
        FROM invoice i JOIN client c ON c.id = i.clientId WHERE 1\(only) ORDER BY \(Invoice.numberOrderSQL("i"))
        """, arguments: arguments)
    // Clients' names repeat on every row: one string each.
    var names: [Int64: String] = [:]
    while try invoices.next() {
      let id = invoices.int64(0)
      guard let fact = facts[id] else { continue }
      let clientId = invoices.int64(10)
      let client = names[clientId] ?? invoices.text(2) ?? ""
      names[clientId] = client
      try body(
        InvoiceLine(
          number: invoices.text(1) ?? "", kind: invoices.text(12) == "credit_note" ? .creditNote : .invoice, client: client, issueDate: fact.issueDate, dueDate: fact.dueDate,
          service: invoices.text(5), notes: invoices.text(6), ht: invoices.isNull(7) ? nil : Cents(invoices.int64(7)),
          vatRate: invoices.isNull(8) ? nil : VATRate(basisPoints: invoices.int64(8)),
          vat: invoices.isNull(11) ? nil : Cents(invoices.int64(11)), ttc: Cents(invoices.int64(9)), status: InvoiceStatus.derive(fact, asOf: day, policy: settings.dunning),
          paid: fact.paid(asOf: day), balance: fact.balance(asOf: day), lastPayment: lastPayments[id], reminders: fact.reminders,
          creditsAnInvoice: invoices.int64(13) != 0))
    }
  }

  /// How many invoices (not credit notes) the ledger holds.
  public func invoiceCount() throws -> Int {
    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM invoice WHERE kind = 'invoice'") ?? 0
  }

  /// `texts` as a JSON array of strings (for `json_each`).
  public static func jsonArray(_ texts: [String]) -> String {
    "[" + texts.map(JSONLiteral.string).joined(separator: ",") + "]"
  }
}
