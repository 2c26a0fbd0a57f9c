import Wording
import Foundation
import GRDB
import CivilDate

/// One invoice taken from an existing tracker, with the facts its row records, in the
/// order they are applied.
public struct InvoiceAdoption: Sendable {
  /// A fact recorded in the row.
  public enum Fact: Sendable {
    /// A payment allocated to this invoice alone: `amount`, or its whole balance when
    /// `nil` (nothing is recorded when nothing is left to pay).
    case payment(amount: Cents?, receivedOn: Day, method: PaymentMethod, note: String?)
    /// The invoice is disputed from `day`.
    case dispute(from: Day)
    /// A reminder sent (recorded as `remind record --force` would: its spacing is not
    /// checked, every other rule is).
    case reminder(level: Int, channel: ReminderChannel, on: Day, note: String?)
    /// A payment of `amount` of which `allocated` settles the invoice, the rest left as the
    /// client's credit (a tracker whose amount paid is above the total): made by the
    /// adoption from ``payment(amount:receivedOn:method:note:)``, never given.
    case paymentWithCredit(amount: Cents, allocated: Cents, receivedOn: Day, method: PaymentMethod, note: String?)
  }

  /// The invoice; its number must be given.
  public var draft: InvoiceDraft
  public var facts: [Fact]

  public init(draft: InvoiceDraft, facts: [Fact] = []) {
    self.draft = draft
    self.facts = facts
  }
}

extension LedgerSession {
  /// Adopts many invoices at once, each with its facts: what ``addClient(_:)``,
  /// ``addInvoice(_:)``, ``addPayment(_:)``, ``setDispute(_:from:)`` and
  /// ``recordReminder(_:level:channel:on:note:outcome:force:)`` would do one by one, with
  /// the same rules and journal, but checked in memory and written with prepared
  /// statements (a tracker of 100,000 rows is adopted in seconds, not minutes).
  ///
  /// An adoption that breaks a rule (its invoice or any of its facts) is left out whole,
  /// and its error returned at its index; the others are written. Unknown clients are
  /// created (with the default terms) for the adoptions written. Payments are not checked
  /// against earlier ones for duplicates: each is the payment of one invoice's row.
  ///
  /// - Returns: the errors, by index in `adoptions`.
  public func adopt(_ adoptions: [InvoiceAdoption]) throws -> [Int: LedgerError] {
    try widenCacheForBulk(adoptions.count)
    let settings = try settings()
    let policy = settings.dunning
    var clients: [String: Client] = [:]  // by lowercased trimmed name
    var used = Set(try String.fetchAll(db, sql: "SELECT upper(number) FROM invoice"))
    var errors: [Int: LedgerError] = [:]
    var valid: [(invoice: Invoice, clientKey: String, facts: [InvoiceAdoption.Fact], credits: String?)] = []

    for (index, adoption) in adoptions.enumerated() {
      let draft = adoption.draft
      // (Composed, as names are kept; a name the ledger cannot keep leaves the row out.)
      let name = draft.clientName.trimmingCharacters(in: " ").precomposedStringWithCanonicalMapping
      let key = name.lowercased()
      do {
        _ = try LedgerText.name(name, field: "client")
      } catch let error as LedgerError {
        errors[index] = error
        continue
      }
      if clients[key] == nil { clients[key] = try findClient(named: name) ?? Client(name: name) }
      let client = clients[key]!
      do {
        guard let number = draft.number else {
          throw LedgerError.invalidInvoiceNumber(text: "", reason: "an adopted invoice keeps its number")
        }
        guard draft.amounts.ttc.isPositive else { throw LedgerError.nonPositiveAmount(field: "amount TTC", text: draft.amounts.ttc.description) }
        // (As for an amount typed on the command line: sums over the ledger stay far from overflow.)
        guard draft.amounts.ttc <= Cents.maximum, (draft.amounts.ht ?? .zero) <= Cents.maximum else {
          throw LedgerError.invalidAmount(field: "amount TTC", text: draft.amounts.ttc.description, reason: "more than \(Cents.maximum)")
        }
        let isCreditNote = draft.kind == .creditNote
        try Self.checkSeries(number, issued: draft.issueDate, settings: settings, isCreditNote: isCreditNote)
        if used.contains(number.key) { throw LedgerError.duplicateInvoiceNumber(number: number.text) }
        if isCreditNote, !adoption.facts.isEmpty {
          throw LedgerError.invalidState(number: number.text, reason: "a credit note records no payment, dispute or reminder")
        }
        // A due date before the invoice's is kept as the tracker says (the sync lists it).
        let due = isCreditNote ? draft.issueDate : draft.dueDate ?? client.terms.dueDate(issued: draft.issueDate)
        try draft.issueDate.requireSupported(field: "date")
        _ = try draft.service.map { try LedgerText.note($0, field: "service") }
        _ = try draft.notes.map { try LedgerText.note($0, field: "notes") }
        try due.requireSupported(field: draft.dueDate == nil ? "due date (from the client's terms)" : "due date")
        let invoice = Invoice(
          number: number, kind: draft.kind, clientId: client.id ?? 0, issueDate: draft.issueDate, dueDate: due, service: draft.service,
          amounts: draft.amounts, notes: draft.notes, needsApproval: draft.needsApproval)
        var facts = InvoiceFacts(invoice)
        let resolved = try adoption.facts.compactMap { try Self.check($0, on: &facts, invoice: invoice, policy: policy) }
        used.insert(number.key)
        valid.append((invoice, key, resolved, isCreditNote ? draft.credits : nil))
      } catch let error as LedgerError {
        errors[index] = error
      }
    }

    let writer = try AdoptionWriter(self)
    // Invoices first, then the credit notes, each linked to the invoice its row names when
    // that invoice can take it: the batch's invoices by number (id, client, what they owe).
    var owing: [String: (id: Int64, clientKey: String, issued: Day, balance: Cents)] = [:]
    for (invoice, key, facts, _) in valid where !invoice.isCreditNote {
      if clients[key]!.id == nil { clients[key] = try addClient(clients[key]!) }
      var invoice = invoice
      invoice.clientId = clients[key]!.id!
      let id = try writer.write(invoice, facts: facts, client: clients[key]!)
      let settled = facts.map { fact -> Cents in
        switch fact {
        case let .payment(amount?, _, _, _): amount
        case let .paymentWithCredit(_, allocated, _, _, _): allocated
        default: .zero
        }
      }.sum()
      owing[invoice.number.uppercased()] = (id, key, invoice.issueDate, invoice.ttc - settled)
    }
    for (invoice, key, facts, credits) in valid where invoice.isCreditNote {
      if clients[key]!.id == nil { clients[key] = try addClient(clients[key]!) }
      var invoice = invoice
      invoice.clientId = clients[key]!.id!
      if let credits {
        let target = credits.uppercased()
        if owing[target] == nil, let found = try self.invoice(ifNumbered: credits), !found.isCreditNote, found.voidedOn == nil,
          found.clientId == invoice.clientId
        {
          owing[target] = (found.id!, key, found.issueDate, try currentBalance(of: found))
        }
        if let credited = owing[target], credited.clientKey == key, credited.issued <= invoice.issueDate, invoice.ttc <= credited.balance {
          invoice.creditedInvoiceId = credited.id
          owing[target]!.balance = credited.balance - invoice.ttc
        }
      }
      try writer.write(invoice, facts: facts, client: clients[key]!)
    }
    return errors
  }

  /// Checks `fact` against the invoice's facts so far, as the one-at-a-time operation
  /// would, and adds it to them; the fact to write (a payment of the balance with its
  /// amount), or `nil` when there is nothing to write.
  private static func check(
    _ fact: InvoiceAdoption.Fact, on facts: inout InvoiceFacts, invoice: Invoice, policy: DunningPolicy
  ) throws -> InvoiceAdoption.Fact? {
    switch fact {
    case let .payment(amount, day, method, note):
      try day.requireSupported(field: "payment date")
      let balance = max(facts.ttc - facts.settlements.map(\.amount).sum(), .zero)
      let take = amount ?? balance
      guard take.isPositive else {
        if amount != nil { throw LedgerError.nonPositiveAmount(field: "--amount", text: take.description) }
        return nil
      }
      if take > balance {
        // Paid above the total, as the tracker says: the rest is the client's credit (a
        // payment of an invoice settled already is refused).
        guard balance.isPositive else { throw LedgerError.overpayment(amount: take, due: balance, detail: invoice.number) }
        facts.settlements.append(.init(day: day, amount: balance))
        return .paymentWithCredit(amount: take, allocated: balance, receivedOn: day, method: method, note: note)
      }
      facts.settlements.append(.init(day: day, amount: take))
      return .payment(amount: take, receivedOn: day, method: method, note: note)
    case .paymentWithCredit:
      return fact
    case let .dispute(day):
      if facts.disputedOn == day { return nil }
      facts.disputedOn = day
      return fact
    case let .reminder(level, _, day, _):
      try day.requireSupported(field: "reminder \(level) date")
      func refuse(_ reason: Phrase) -> LedgerError { .reminderRefused(number: invoice.number, level: level, reason: reason) }
      guard (1...policy.levelCount).contains(level) else { throw refuse("the dunning policy has levels 1 to \(policy.levelCount)") }
      if let refusal = refusal(facts, asOf: day) { throw refuse(refusal) }
      if let same = facts.reminders.first(where: { $0.level == level }) { throw refuse("already recorded on \(same.sentOn)") }
      if let last = facts.reminders.max(by: { $0.level < $1.level }) {
        if last.level > level { throw refuse("level \(last.level) was already sent on \(last.sentOn)") }
        if day < last.sentOn { throw refuse("it is dated before level \(last.level) (\(last.sentOn))") }
      }
      facts.reminders.append(.init(level: level, sentOn: day))
      return fact
    }
  }
}

/// The prepared statements an adoption writes with (see ``LedgerSession/adopt(_:)``).
private struct AdoptionWriter {
  let session: LedgerSession
  let invoice: BulkInsert
  let payment: BulkInsert
  let allocation: BulkInsert
  let reminder: BulkInsert
  let dispute: BulkInsert
  let journal: BulkInsert
  let change: BulkInsert

  init(_ session: LedgerSession) throws {
    self.session = session
    let db = session.db
    invoice = try BulkInsert.invoices(db)
    payment = try BulkInsert.payments(db)
    allocation = try BulkInsert.allocations(db)
    reminder = try BulkInsert(db, sql: "INSERT INTO reminder (invoiceId, level, channel, sentOn, note) VALUES (?, ?, ?, ?, ?)")
    dispute = try BulkInsert(db, sql: "UPDATE invoice SET disputedOn = ? WHERE id = ?")
    journal = try session.journalStatement()
    change = try BulkInsert(db, sql: "INSERT INTO journal (entity, key, field, old, new, at, command) VALUES (?, ?, ?, NULL, ?, ?, ?)")
  }

  /// A payment of `amount`, `allocated` of it to `invoice` (the rest is credit).
  private func writePayment(
    _ amount: Cents, allocated: Cents, on day: Day, method: PaymentMethod, note: String?, invoice value: Invoice, client: Client
  ) throws {
    var record = Payment(clientId: client.id!, receivedOn: day, amount: amount, method: method, payer: client.name, reference: nil, note: note)
    record.id = try payment.insertPayment(record)
    try session.journal(journal, "payment", String(record.id!), record)
    guard allocated.isPositive else { return }
    var line = Allocation(paymentId: record.id!, invoiceId: value.id!, amount: allocated)
    line.id = try allocation.insertAllocation(line)
    try session.journal(journal, "allocation", "\(record.id!)→\(value.number)", line)
  }

  /// Writes an invoice checked by ``LedgerSession/adopt(_:)`` and its facts, as checked.
  @discardableResult
  func write(_ value: Invoice, facts: [InvoiceAdoption.Fact], client: Client) throws -> Int64 {
    var value = value
    value.id = try invoice.insertInvoice(value)
    try session.journal(journal, "invoice", value.number, value)
    for fact in facts {
      switch fact {
      case let .payment(amount?, day, method, note):
        try writePayment(amount, allocated: amount, on: day, method: method, note: note, invoice: value, client: client)
      case let .paymentWithCredit(amount, allocated, day, method, note):
        try writePayment(amount, allocated: allocated, on: day, method: method, note: note, invoice: value, client: client)
      case .payment(nil, _, _, _):
        continue
      case let .dispute(day):
        dispute.bind(1, day)
        dispute.bind(2, value.id!)
        try dispute.run()
        change.bind(1, "invoice")
        change.bind(2, value.number)
        change.bind(3, "disputedOn")
        change.bind(4, day.description)
        change.bind(5, session.timestamp)
        change.bind(6, session.command)
        try change.run()
      case let .reminder(level, channel, day, note):
        let record = Reminder(invoiceId: value.id!, level: level, channel: channel, sentOn: day, note: note)
        reminder.bind(1, record.invoiceId)
        reminder.bind(2, record.level)
        reminder.bind(3, record.channel.rawValue)
        reminder.bind(4, record.sentOn)
        reminder.bind(5, record.note)
        var inserted = record
        inserted.id = try reminder.run()
        try session.journal(journal, "reminder", "\(value.number)#\(level)", inserted)
      }
    }
    return value.id!
  }
}
