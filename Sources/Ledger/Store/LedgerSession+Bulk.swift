import GRDB
import CivilDate

/// Bulk import: many invoices or payments in one command, with the same rules as one
/// at a time (numbering, duplicates, oldest-due-first allocation, overpayments, journal)
/// but with prepared statements and the ledger's state held in memory instead of
/// queried per record. The sync and the benchmark use it.
extension LedgerSession {
  /// Gives the connection a 64 MiB page cache for a write of `count` records, when they
  /// are many: inserting them touches every page of the indexes.
  func widenCacheForBulk(_ count: Int) throws {
    guard count > 1_000 else { return }
    try db.execute(sql: "PRAGMA cache_size = -65536")
  }

  /// Issues every draft, in order.
  ///
  /// - Throws: the first error of ``addInvoice(_:)``'s kinds; nothing is kept then
  ///   (the command's transaction rolls back).
  /// - Complexity: O(n + existing invoices).
  public func importInvoices(_ drafts: [InvoiceDraft]) throws -> Int {
    try widenCacheForBulk(drafts.count)
    let settings = try settings()
    let clients = try clientsByName()
    let series = try invoiceSeries()
    var used = Set(try String.fetchAll(db, sql: "SELECT upper(number) FROM invoice UNION SELECT upper(number) FROM reserved_number"))
    var highest: [String: Int] = [:]
    // The last number of each series and its date (a number issued comes after it).
    var last: [String: (number: String, counter: Int, issued: Day)] = [:]
    for row in try Row.fetchAll(
      db,
      sql: """
        SELECT series, number, counter, issueDate FROM invoice i WHERE series IS NOT NULL
          AND counter = (SELECT MAX(counter) FROM invoice WHERE series = i.series)
        """)
    {
      highest[row[0]] = row[2]
      if let day = Day.iso(row[3] as String) { last[row[0]] = (row[1], row[2], day) }
    }
    let insert = try BulkInsert.invoices(db)
    let journalInsert = try journalStatement()
    for draft in drafts {
      guard let client = clients[draft.clientName.lowercased()] else { throw LedgerError.unknownClient(name: draft.clientName) }
      guard draft.amounts.ttc.isPositive else { throw LedgerError.nonPositiveAmount(field: "amount TTC", text: draft.amounts.ttc.description) }
      let number: InvoiceNumber
      if let given = draft.number {
        number = given
      } else {
        let stem = series.stem(on: draft.issueDate)
        var counter = (highest[stem] ?? 0) + 1
        while used.contains(series.number(counter, on: draft.issueDate).key) { counter += 1 }
        number = series.number(counter, on: draft.issueDate)
      }
      try Self.checkSeries(number, issued: draft.issueDate, settings: settings, isCreditNote: false)
      if used.contains(number.key) {
        try checkNumber(number, issued: draft.issueDate, settings: settings, isCreditNote: false)
        throw LedgerError.duplicateInvoiceNumber(number: number.text)
      }
      used.insert(number.key)
      let due = draft.dueDate ?? client.terms.dueDate(issued: draft.issueDate)
      try draft.issueDate.requireSupported(field: "date of \(number.text)")
      try due.requireSupported(field: "due date of \(number.text)")
      var invoice = Invoice(
        number: number, clientId: client.id!, issueDate: draft.issueDate,
        dueDate: due, service: draft.service,
        amounts: draft.amounts, notes: draft.notes, needsApproval: draft.needsApproval)
      if let stem = invoice.series, let counter = invoice.counter {
        try InvoiceNumbering.checkIssued(number, counter: counter, issued: draft.issueDate, last: last[stem])
        highest[stem] = max(highest[stem] ?? 0, counter)
        if counter >= last[stem]?.counter ?? 0 { last[stem] = (number.text, counter, draft.issueDate) }
      }
      invoice.id = try insert.insertInvoice(invoice)
      try journal(journalInsert, "invoice", invoice.number, invoice)
    }
    return drafts.count
  }

  /// Records every payment, in order, each allocated like ``addPayment(_:)`` does.
  ///
  /// - Throws: the first error of ``addPayment(_:)``'s kinds; nothing is kept then.
  /// - Complexity: O(n + open invoices + allocations made).
  public func importPayments(_ drafts: [PaymentDraft]) throws -> Int {
    try widenCacheForBulk(drafts.count)
    if drafts.contains(where: { !$0.invoices.isEmpty }) {
      for draft in drafts { try addPayment(draft) }
      return drafts.count
    }
    let clients = try clientsByName()
    var open: [Int64: [Allocator.OpenInvoice]] = [:]
    let owners = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, clientId FROM invoice").map { ($0[0] as Int64, $0[1] as Int64) })
    for invoice in try openInvoices(where: "i.disputedOn IS NULL") where invoice.balance.isPositive {
      open[owners[invoice.id]!, default: []].append(invoice)
    }
    for key in open.keys { open[key]!.sort(by: Allocator.oldestDueFirst) }
    var cursors: [Int64: Int] = [:]
    // The references of the payments of each payer, amount and day (a likely duplicate:
    // the same reference, or none on either side).
    var seen: [PaymentKey: [String?]] = [:]
    for row in try Row.fetchAll(db, sql: "SELECT payer, amount, receivedOn, reference FROM payment") {
      seen[PaymentKey(payer: (row[0] as String).lowercased(), amount: row[1], day: row[2]), default: []].append(row[3])
    }
    let insertPayment = try BulkInsert.payments(db)
    let insertAllocation = try BulkInsert.allocations(db)
    let journalInsert = try journalStatement()
    for draft in drafts {
      guard draft.amount.isPositive else { throw LedgerError.nonPositiveAmount(field: "--amount", text: draft.amount.description) }
      let name = draft.clientName ?? draft.payer ?? ""
      guard let client = clients[name.lowercased()] else { throw LedgerError.unknownClient(name: name) }
      var payment = Payment(
        clientId: client.id!, receivedOn: draft.receivedOn, amount: draft.amount, method: draft.method,
        payer: draft.payer?.nonEmpty ?? client.name, reference: draft.reference?.nonEmpty, note: draft.note)
      let key = PaymentKey(payer: payment.payer.lowercased(), amount: payment.amount.value, day: payment.receivedOn)
      let references = seen[key, default: []]
      seen[key, default: []].append(payment.reference)
      if !draft.force, references.contains(where: { $0 == nil || payment.reference == nil || $0 == payment.reference }) {
        throw LedgerError.duplicatePayment(existing: 0, payer: payment.payer, amount: payment.amount, date: payment.receivedOn.description)
      }
      var cursor = cursors[client.id!] ?? 0
      let settled = Allocator.settle(draft.amount, oldestFirst: &open[client.id!, default: []], from: &cursor, on: draft.receivedOn)
      cursors[client.id!] = cursor
      if settled.left.isPositive && !draft.allowCredit {
        let due = draft.amount - settled.left
        throw LedgerError.overpayment(amount: draft.amount, due: due, detail: client.name)
      }
      payment.id = try insertPayment.insertPayment(payment)
      try journal(journalInsert, "payment", String(payment.id!), payment)
      for line in settled.lines {
        var allocation = Allocation(paymentId: payment.id!, invoiceId: line.invoiceId, amount: line.amount)
        allocation.id = try insertAllocation.insertAllocation(allocation)
        try journal(journalInsert, "allocation", "\(payment.id!)→\(line.number)", allocation)
      }
    }
    return drafts.count
  }

  private func clientsByName() throws -> [String: Client] {
    Dictionary(try Client.fetchAll(db).map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
  }

  func journalStatement() throws -> BulkInsert {
    try BulkInsert(db, sql: "INSERT INTO journal (entity, key, field, old, new, at, command) VALUES (?, ?, NULL, NULL, ?, ?, ?)")
  }

  func journal(_ insert: BulkInsert, _ entity: String, _ key: String, _ value: some Journaled) throws {
    insert.bind(1, entity)
    insert.bind(2, key)
    insert.bind(3, value.journalJSON)
    insert.bind(4, timestamp)
    insert.bind(5, command)
    try insert.run()
  }
}

/// What makes two payments look like the same one (with their references).
private struct PaymentKey: Hashable {
  var payer: String
  var amount: Int64
  var day: Day
}

extension BulkInsert {
  /// The statement that inserts invoices (and adopted credit notes), for ``insertInvoice(_:)``.
  static func invoices(_ db: Database) throws -> BulkInsert {
    try BulkInsert(
      db,
      sql: """
        INSERT INTO invoice (number, series, counter, clientId, issueDate, dueDate, service, ht, vatRate, vat, ttc,
          notes, needsApproval, kind, creditedInvoiceId) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
  }

  /// The statement that inserts payments, for ``insertPayment(_:)``.
  static func payments(_ db: Database) throws -> BulkInsert {
    try BulkInsert(db, sql: "INSERT INTO payment (clientId, receivedOn, amount, method, payer, reference, note) VALUES (?, ?, ?, ?, ?, ?, ?)")
  }

  /// Inserts `payment` with the statement of ``payments(_:)``; its id.
  func insertPayment(_ payment: Payment) throws -> Int64 {
    bind(1, payment.clientId)
    bind(2, payment.receivedOn)
    bind(3, payment.amount.value)
    bind(4, payment.method.rawValue)
    bind(5, payment.payer)
    bind(6, payment.reference)
    bind(7, payment.note)
    return try run()
  }

  /// The statement that inserts allocations, for ``insertAllocation(_:)``.
  static func allocations(_ db: Database) throws -> BulkInsert {
    try BulkInsert(db, sql: "INSERT INTO allocation (paymentId, invoiceId, amount) VALUES (?, ?, ?)")
  }

  /// Inserts `allocation` with the statement of ``allocations(_:)``; its id.
  func insertAllocation(_ allocation: Allocation) throws -> Int64 {
    bind(1, allocation.paymentId)
    bind(2, allocation.invoiceId)
    bind(3, allocation.amount.value)
    return try run()
  }

  /// Inserts `invoice` with the statement of ``invoices(_:)``; its id.
  func insertInvoice(_ invoice: Invoice) throws -> Int64 {
    bind(1, invoice.number)
    bind(2, invoice.series)
    bind(3, invoice.counter.map(Int64.init))
    bind(4, invoice.clientId)
    bind(5, invoice.issueDate)
    bind(6, invoice.dueDate)
    bind(7, invoice.service)
    bind(8, invoice.ht?.value)
    bind(9, invoice.vatRate?.basisPoints)
    bind(10, invoice.vat?.value)
    bind(11, invoice.ttc.value)
    bind(12, invoice.notes)
    bind(13, invoice.needsApproval)
    bind(14, invoice.kind.rawValue)
    bind(15, invoice.creditedInvoiceId)
    return try run()
  }
}
