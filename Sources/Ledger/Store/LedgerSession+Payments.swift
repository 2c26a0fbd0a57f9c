import Wording

import GRDB
import CivilDate

/// Payments: recording them with their allocations, refusing likely duplicates, and
/// client credits.
extension LedgerSession {
  /// Records a payment and allocates it, explicitly or oldest due first.
  ///
  /// - Throws: ``LedgerError/unknownClient(name:)``, ``LedgerError/unknownInvoice(number:)``,
  ///   ``LedgerError/overpayment(amount:due:detail:)`` (more than due without `allowCredit`),
  ///   ``LedgerError/duplicatePayment(existing:payer:amount:date:)`` (unless `force`),
  ///   ``LedgerError/invalidState(number:reason:)`` (a voided invoice, a credit note, an
  ///   invoice of another client), ``LedgerError/invalidValue(field:text:reason:)``.
  @discardableResult
  public func addPayment(_ draft: PaymentDraft) throws -> PaymentReceipt {
    guard draft.amount.isPositive else { throw LedgerError.nonPositiveAmount(field: "--amount", text: draft.amount.description) }
    let targets = try draft.invoices.map { (invoice: try invoice(numbered: $0.number), amount: $0.amount) }
    let client = try payingClient(draft, targets: targets.map(\.invoice))
    let payer = try draft.payer?.trimmingCharacters(in: " ").nonEmpty.map { try LedgerText.name($0, field: "--payer") } ?? client.name
    let reference = try draft.reference?.trimmingCharacters(in: " ").nonEmpty.map { try LedgerText.name($0, field: "--reference") }
    let note = try draft.note.map { try LedgerText.note($0, field: "--note") }
    if !draft.force, let existing = try duplicate(payer: payer, amount: draft.amount, on: draft.receivedOn, reference: reference) {
      throw LedgerError.duplicatePayment(existing: existing, payer: payer, amount: draft.amount, date: draft.receivedOn.description)
    }
    let request = try allocationRequest(targets, client: client, on: draft.receivedOn)
    let plan = try Allocator.plan(amount: draft.amount, request: request, allowCredit: draft.allowCredit)
    var payment = Payment(
      clientId: client.id!, receivedOn: draft.receivedOn, amount: draft.amount, method: draft.method, payer: payer,
      reference: reference, note: note)
    try payment.insert(db)
    try journalCreation(entity: "payment", key: String(payment.id!), payment)
    try allocate(payment.id!, plan.lines)
    return PaymentReceipt(payment: payment, clientName: client.name, lines: plan.lines, credit: plan.credit)
  }

  /// Cancels a payment recorded by mistake: what it settled is owed again, the payment is
  /// removed, and the journal keeps it whole with the reason.
  ///
  /// - Throws: ``LedgerError/invalidValue(field:text:reason:)`` for an unknown payment or
  ///   an empty reason.
  @discardableResult
  public func cancelPayment(_ id: Int64, reason: String) throws -> Payment {
    let payment = try payment(id: id)
    let why = try reasonGiven(reason)
    try undoAllocations(of: payment)
    _ = try Payment.deleteOne(db, key: id)
    try journalChange(entity: "payment", key: String(id), field: "cancelled", old: payment.journalJSON, new: why)
    return payment
  }

  /// Allocates a payment again, as it should have been: its allocations undone, then to
  /// `invoices` (or automatically, as ``addPayment(_:)`` does), journaled with the reason.
  ///
  /// - Throws: as ``addPayment(_:)`` for the new allocation, and
  ///   ``LedgerError/invalidValue(field:text:reason:)`` for an unknown payment or an empty
  ///   reason. Nothing is changed then.
  @discardableResult
  public func reallocatePayment(
    _ id: Int64, invoices: [(number: String, amount: Cents?)], allowCredit: Bool, reason: String
  ) throws -> PaymentReceipt {
    let payment = try payment(id: id)
    let why = try reasonGiven(reason)
    let client = try self.client(id: payment.clientId)
    let targets = try invoices.map { (invoice: try invoice(numbered: $0.number), amount: $0.amount) }
    try refuseTargets(targets.map(\.invoice), owner: payment.clientId)
    try undoAllocations(of: payment)
    let request = try allocationRequest(targets, client: client, on: payment.receivedOn)
    let plan = try Allocator.plan(amount: payment.amount, request: request, allowCredit: allowCredit)
    try allocate(id, plan.lines)
    try journalChange(entity: "payment", key: String(id), field: "reallocated", old: nil, new: why)
    return PaymentReceipt(payment: payment, clientName: client.name, lines: plan.lines, credit: plan.credit)
  }

  private func payment(id: Int64) throws -> Payment {
    guard let payment = try Payment.fetchOne(db, key: id) else {
      throw LedgerError.invalidValue(field: "ID", text: String(id), reason: "is not a payment of this ledger (suivi payment list)")
    }
    return payment
  }

  private func reasonGiven(_ reason: String) throws -> String {
    let why = try LedgerText.note(reason.trimmingCharacters(in: " "), field: "--reason")
    guard !why.isEmpty else { throw LedgerError.invalidValue(field: "--reason", text: reason, reason: "is empty: say why") }
    return why
  }

  /// Undoes every allocation of `payment`, each journaled.
  private func undoAllocations(of payment: Payment) throws {
    for allocation in try Allocation.filter(Column("paymentId") == payment.id!).fetchAll(db) {
      let number = try Invoice.fetchOne(db, key: allocation.invoiceId)?.number ?? "#\(allocation.invoiceId)"
      _ = try allocation.delete(db)
      try journalChange(entity: "allocation", key: "\(payment.id!)→\(number)", field: "amount", old: allocation.amount.description, new: nil)
    }
  }

  /// Allocates the unallocated part of `client`'s payments (their credit) to the
  /// client's open invoices, oldest payment first and oldest due invoice first.
  ///
  /// - Returns: the allocations made, by payment id.
  public func applyCredit(clientName: String) throws -> [(paymentId: Int64, lines: [Allocator.Line])] {
    let client = try client(named: clientName)
    var applied: [(paymentId: Int64, lines: [Allocator.Line])] = []
    for (payment, credit) in try credits(clientId: client.id!) {
      let open = try openInvoices(
        where: "i.clientId = ? AND i.disputedOn IS NULL", arguments: [client.id!])
      let plan = try Allocator.plan(amount: credit, request: .automatic(open), allowCredit: true)
      guard !plan.lines.isEmpty else { break }
      try allocate(payment.id!, plan.lines)
      applied.append((payment.id!, plan.lines))
    }
    return applied
  }

  /// The payments of `clientId`, or all, by date then id, each with its allocations.
  public func payments(clientId: Int64? = nil) throws -> [(payment: Payment, allocations: [(number: String, amount: Cents)])] {
    var request = Payment.all()
    if let clientId { request = request.filter(Column("clientId") == clientId) }
    let payments = try request.order(Column("receivedOn"), Column("id")).fetchAll(db)
    var byPayment: [Int64: [(number: String, amount: Cents)]] = [:]
    for row in try Row.fetchAll(
      db, sql: "SELECT a.paymentId, i.number, a.amount FROM allocation a JOIN invoice i ON i.id = a.invoiceId ORDER BY a.id")
    {
      byPayment[row[0], default: []].append((row[1], Cents(row[2])))
    }
    return payments.map { ($0, byPayment[$0.id!] ?? []) }
  }

  /// The payments of `clientId` with money not allocated, and how much, oldest first.
  public func credits(clientId: Int64) throws -> [(payment: Payment, credit: Cents)] {
    try payments(clientId: clientId).compactMap { entry in
      let credit = entry.payment.amount - entry.allocations.map(\.amount).sum()
      return credit.isPositive ? (entry.payment, credit) : nil
    }
  }

  private func payingClient(_ draft: PaymentDraft, targets: [Invoice]) throws -> Client {
    let named = try draft.clientName.map { try client(named: $0) }
    if let owner = named?.id ?? targets.first?.clientId { try refuseTargets(targets, owner: owner) }
    if let named { return named }
    if let first = targets.first { return try client(id: first.clientId) }
    if let payer = draft.payer, let client = try findClient(named: payer) { return client }
    throw LedgerError.invalidValue(
      field: "--client", text: "", reason: "is missing: name the client (--client) or the invoices (--invoice)")
  }

  /// Refuses invoices a payment of `owner` cannot settle: a credit note, a voided invoice,
  /// another client's invoice.
  private func refuseTargets(_ targets: [Invoice], owner: Int64) throws {
    for invoice in targets {
      if invoice.isCreditNote { throw LedgerError.invalidState(number: invoice.number, reason: "a credit note cannot receive a payment") }
      if let voidedOn = invoice.voidedOn { throw LedgerError.invalidState(number: invoice.number, reason: "voided on \(voidedOn)") }
      if invoice.clientId != owner {
        let name = try client(id: invoice.clientId).name
        throw LedgerError.invalidState(number: invoice.number, reason: "it is \(name)'s invoice, not the paying client's")
      }
    }
  }

  private func allocationRequest(_ targets: [(invoice: Invoice, amount: Cents?)], client: Client, on day: Day) throws -> Allocator.Request {
    if targets.isEmpty {
      return .automatic(
        try openInvoices(
          where: "i.clientId = ? AND i.issueDate <= ? AND (i.disputedOn IS NULL OR i.disputedOn > ?)",
          arguments: [client.id!, day, day]
        ).filter { $0.allocatableFrom <= day })
    }
    let balances = Dictionary(
      try targets.flatMap { try openInvoices(where: "i.id = ?", arguments: [$0.invoice.id!]) }.map { ($0.id, $0) },
      uniquingKeysWith: { first, _ in first })
    return .explicit(targets.map { (balances[$0.invoice.id!]!, $0.amount) })
  }

  /// A payment recorded already with the same payer, amount and day, and the same
  /// reference or none on either side (a bank reference typed once and not the other time
  /// does not make two payments); two different references are two payments.
  private func duplicate(payer: String, amount: Cents, on day: Day, reference: String?) throws -> Int64? {
    try Int64.fetchOne(
      db.cachedStatement(
        sql: """
          SELECT id FROM payment WHERE payer = ? COLLATE NOCASE AND amount = ? AND receivedOn = ?
            AND (reference IS NULL OR ?4 IS NULL OR reference = ?4) LIMIT 1
          """),
      arguments: [payer, amount.value, day, reference])
  }

  func allocate(_ paymentId: Int64, _ lines: [Allocator.Line]) throws {
    for line in lines {
      if var existing = try Allocation.fetchOne(
        db.cachedStatement(sql: "SELECT * FROM allocation WHERE paymentId = ? AND invoiceId = ?"), arguments: [paymentId, line.invoiceId])
      {
        let old = existing.amount
        existing.amount = existing.amount + line.amount
        try existing.update(db)
        try journalChange(
          entity: "allocation", key: "\(paymentId)→\(line.number)", field: "amount", old: old.description,
          new: existing.amount.description)
        continue
      }
      var allocation = Allocation(paymentId: paymentId, invoiceId: line.invoiceId, amount: line.amount)
      try allocation.insert(db)
      try journalCreation(entity: "allocation", key: "\(paymentId)→\(line.number)", allocation)
    }
  }
}

extension String {
  var nonEmpty: String? { isEmpty ? nil : self }
}
