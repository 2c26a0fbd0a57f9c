import GRDB
import CivilDate

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
    try loadFacts(only: invoiceId.map { " AND i.id = \($0)" } ?? "")
  }

  /// The facts of the invoices `only` keeps (an SQL condition on `i`, starting with
  /// `AND`, with `arguments` for its parameters; empty for all).
  func loadFacts(only: String, arguments: StatementArguments = []) throws -> FactsTable {
    var table = FactsTable()
    let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM invoice i WHERE 1\(only)", arguments: arguments) ?? 0
    table.reserve(count)
    let invoices = try RawRows(
      db,
      sql: """
        SELECT i.id, i.kind, i.issueDate, i.dueDate, i.ttc, i.needsApproval, i.approvedOn, i.voidedOn, i.disputedOn, i.clientId, i.submittedOn
        FROM invoice i WHERE 1\(only) ORDER BY i.id
        """, arguments: arguments)
    while try invoices.next() {
      table.append(
        id: invoices.int64(0), clientId: invoices.int64(9),
        InvoiceFacts(
          kind: invoices.text(1) == "credit_note" ? .creditNote : .invoice, issueDate: try invoices.requiredDay(2),
          dueDate: try invoices.requiredDay(3), ttc: Cents(invoices.int64(4)), needsApproval: invoices.bool(5),
          approvedOn: invoices.day(6), submittedOn: invoices.day(10), voidedOn: invoices.day(7), disputedOn: invoices.day(8)))
    }
    let settlements = try RawRows(
      db,
      sql: """
        SELECT a.invoiceId, p.receivedOn, a.amount, 0 FROM allocation a JOIN payment p ON p.id = a.paymentId
          JOIN invoice i ON i.id = a.invoiceId WHERE 1\(only)
        UNION ALL
        SELECT c.creditedInvoiceId, c.issueDate, c.ttc, 1 FROM invoice c JOIN invoice i ON i.id = c.creditedInvoiceId
          WHERE c.voidedOn IS NULL\(only)
        """, arguments: arguments + arguments)
    while try settlements.next() {
      guard let index = table.position[settlements.int64(0)] else { continue }
      table.facts[index].settlements.append(
        .init(day: try settlements.requiredDay(1), amount: Cents(settlements.int64(2)), isCreditNote: settlements.bool(3)))
    }
    let reminders = try RawRows(
      db, sql: "SELECT r.invoiceId, r.level, r.sentOn, r.promisedOn FROM reminder r JOIN invoice i ON i.id = r.invoiceId WHERE 1\(only)",
      arguments: arguments)
    while try reminders.next() {
      guard let index = table.position[reminders.int64(0)] else { continue }
      table.facts[index].reminders.append(.init(level: reminders.int(1), sentOn: try reminders.requiredDay(2), promisedOn: reminders.day(3)))
    }
    let disputes = try RawRows(
      db, sql: "SELECT d.invoiceId, d.fromDay, d.toDay FROM dispute_period d JOIN invoice i ON i.id = d.invoiceId WHERE 1\(only)",
      arguments: arguments)
    while try disputes.next() {
      guard let index = table.position[disputes.int64(0)] else { continue }
      let (from, to) = (try disputes.requiredDay(1), try disputes.requiredDay(2))
      table.facts[index].pastDisputes.append(from...max(from, to))
    }
    return table
  }

  /// The current balance of invoices (all recorded payments and credit notes, whatever
  /// their dates), as open invoices for the allocator. `filter` is an SQL condition on `i`.
  func openInvoices(where filter: String, arguments: StatementArguments = []) throws -> [Allocator.OpenInvoice] {
    // (Prepared once per filter: a bank import asks the same for thousands of invoices.)
    try Row.fetchAll(
      db.cachedStatement(
        sql: """
        SELECT i.id, i.number, i.issueDate, i.dueDate,
          i.ttc - IFNULL((SELECT SUM(a.amount) FROM allocation a WHERE a.invoiceId = i.id), 0)
            - IFNULL((SELECT SUM(c.ttc) FROM invoice c WHERE c.creditedInvoiceId = i.id AND c.voidedOn IS NULL), 0),
          i.needsApproval, i.approvedOn, i.submittedOn
        FROM invoice i WHERE i.kind = 'invoice' AND i.voidedOn IS NULL AND (\(filter))
        """), arguments: arguments
    ).map { row in
      let issued: Day = row[2]
      // A draft awaiting approval is allocatable once approved, or once it counts as
      // approved (``InvoiceFacts/isDraft(asOf:)``).
      let facts = InvoiceFacts(issueDate: issued, dueDate: row[3], ttc: .zero, needsApproval: row[5], approvedOn: row[6], submittedOn: row[7])
      // (A draft never submitted is never settled automatically.)
      let allocatable = facts.issuedFrom ?? Day.latestSupported
      return Allocator.OpenInvoice(id: row[0], number: row[1], issueDate: issued, dueDate: row[3], balance: Cents(row[4]), allocatableFrom: allocatable)
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
