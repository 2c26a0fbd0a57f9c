import GRDB
import OOXML

/// Loading the facts statuses are derived from, for one invoice or all of them, in a
/// few set queries (one per kind of fact, not one per invoice).
extension LedgerSession {
  /// The facts of every invoice (or of `invoiceId` only), by invoice id.
  ///
  /// - Complexity: O(invoices + allocations + reminders), three queries.
  public func facts(invoiceId: Int64? = nil) throws -> [Int64: InvoiceFacts] {
    let table = try loadFacts(invoiceId: invoiceId)
    return Dictionary(uniqueKeysWithValues: zip(table.ids, table.facts))
  }

  /// The facts of every invoice (or of `invoiceId` only) in id order, with each
  /// invoice's client: arrays rather than a dictionary of large values, so that 100,000
  /// invoices load without rehashing and copying their facts.
  func loadFacts(invoiceId: Int64? = nil) throws -> FactsTable {
    let only = invoiceId.map { " AND i.id = \($0)" } ?? ""
    var table = FactsTable()
    let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM invoice i WHERE 1\(only)") ?? 0
    table.reserve(count)
    let invoices = try Row.fetchCursor(
      db,
      sql: """
        SELECT i.id, i.kind, i.issueDate, i.dueDate, i.ttc, i.needsApproval, i.approvedOn, i.voidedOn, i.disputedOn, i.clientId
        FROM invoice i WHERE 1\(only) ORDER BY i.id
        """)
    while let row = try invoices.next() {
      table.append(
        id: row[0], clientId: row[9],
        InvoiceFacts(
          kind: (row[1] as String) == "credit_note" ? .creditNote : .invoice, issueDate: row[2], dueDate: row[3], ttc: Cents(row[4]),
          needsApproval: row[5], approvedOn: row[6], voidedOn: row[7], disputedOn: row[8]))
    }
    let settlements = try Row.fetchCursor(
      db,
      sql: """
        SELECT a.invoiceId, p.receivedOn, a.amount, 0 FROM allocation a JOIN payment p ON p.id = a.paymentId
          JOIN invoice i ON i.id = a.invoiceId WHERE 1\(only)
        UNION ALL
        SELECT c.creditedInvoiceId, c.issueDate, c.ttc, 1 FROM invoice c JOIN invoice i ON i.id = c.creditedInvoiceId
          WHERE c.voidedOn IS NULL\(only)
        """)
    while let row = try settlements.next() {
      guard let index = table.position[row[0]] else { continue }
      table.facts[index].settlements.append(.init(day: row[1], amount: Cents(row[2]), isCreditNote: row[3]))
    }
    let reminders = try Row.fetchCursor(
      db, sql: "SELECT r.invoiceId, r.level, r.sentOn FROM reminder r JOIN invoice i ON i.id = r.invoiceId WHERE 1\(only)")
    while let row = try reminders.next() {
      guard let index = table.position[row[0]] else { continue }
      table.facts[index].reminders.append(.init(level: row[1], sentOn: row[2]))
    }
    return table
  }

  /// The current balance of invoices (all recorded payments and credit notes, whatever
  /// their dates), as open invoices for the allocator. `filter` is an SQL condition on `i`.
  func openInvoices(where filter: String, arguments: StatementArguments = []) throws -> [Allocator.OpenInvoice] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT i.id, i.number, i.issueDate, i.dueDate,
          i.ttc - IFNULL((SELECT SUM(a.amount) FROM allocation a WHERE a.invoiceId = i.id), 0)
            - IFNULL((SELECT SUM(c.ttc) FROM invoice c WHERE c.creditedInvoiceId = i.id AND c.voidedOn IS NULL), 0)
        FROM invoice i WHERE i.kind = 'invoice' AND i.voidedOn IS NULL AND (\(filter))
        """, arguments: arguments
    ).map { row in
      Allocator.OpenInvoice(id: row[0], number: row[1], issueDate: row[2], dueDate: row[3], balance: Cents(row[4]))
    }
  }

  /// The current balance of one invoice.
  func currentBalance(of invoice: Invoice) throws -> Cents {
    if invoice.voidedOn != nil || invoice.isCreditNote { return .zero }
    return try openInvoices(where: "i.id = ?", arguments: [invoice.id!]).first?.balance ?? .zero
  }
}

/// Invoices' facts in parallel arrays, with the position of each id.
struct FactsTable {
  var ids: [Int64] = []
  var clientIds: [Int64] = []
  var facts: [InvoiceFacts] = []
  var position: [Int64: Int] = [:]

  mutating func reserve(_ count: Int) {
    ids.reserveCapacity(count)
    clientIds.reserveCapacity(count)
    facts.reserveCapacity(count)
    position.reserveCapacity(count)
  }

  mutating func append(id: Int64, clientId: Int64, _ invoice: InvoiceFacts) {
    position[id] = ids.count
    ids.append(id)
    clientIds.append(clientId)
    facts.append(invoice)
  }

  /// The facts of invoice `id`.
  subscript(id: Int64) -> InvoiceFacts? { position[id].map { facts[$0] } }
}
