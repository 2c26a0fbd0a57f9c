import Wording
import GRDB
import CivilDate

/// Dunning: what to send as of a day, and recording what was sent.
extension LedgerSession {
  /// The reminders due as of `day`, the latest first by days late then by number.
  ///
  /// - Complexity: O(invoices + allocations + reminders).
  public func dueReminders(asOf day: Day) throws -> [ReminderAction] { try dueReminders(asOf: day, facts: loadFacts()) }

  /// ``dueReminders(asOf:)`` from facts already loaded.
  func dueReminders(asOf day: Day, facts table: FactsTable) throws -> [ReminderAction] {
    let settings = try settings()
    var steps: [(id: Int64, facts: InvoiceFacts, step: DunningStep)] = []
    for (id, facts) in zip(table.ids, table.facts) {
      if let step = settings.dunning.nextStep(for: facts, asOf: day) { steps.append((id, facts, step)) }
    }
    var invoices: [Int64: Invoice] = [:]
    for start in stride(from: 0, to: steps.count, by: 500) {  // SQLite caps the number of bound values
      for invoice in try Invoice.filter(keys: steps[start..<min(start + 500, steps.count)].map(\.id)).fetchAll(db) {
        invoices[invoice.id!] = invoice
      }
    }
    let clients = try Dictionary(uniqueKeysWithValues: Client.fetchAll(db).map { ($0.id!, $0) })
    var actions: [ReminderAction] = []
    for (id, facts, step) in steps {
      // Only the clients selected for follow-up are reminded.
      guard let invoice = invoices[id], let client = clients[invoice.clientId], client.followed else { continue }
      actions.append(action(invoice, client: client, facts: facts, step: step, asOf: day, settings: settings))
    }
    return actions.sorted { ($1.daysLate, $0.number) < ($0.daysLate, $1.number) }
  }

  /// The reminders due as of `day`, one action per client (seed 003: a statement lists
  /// every overdue invoice of the client): its invoices, each at its own next level, the
  /// action at the highest of them; the latest clients first. A client whose invoices are
  /// all within their terms has no action.
  public func dueRemindersByClient(asOf day: Day) throws -> [ClientReminder] {
    ClientReminder.grouping(try dueReminders(asOf: day))
  }

  /// Records the reminder a client's statement sent on `day`: for each invoice it listed
  /// (``dueRemindersByClient(asOf:)``), its own next level.
  @discardableResult
  public func recordClientReminder(_ name: String, on day: Day, channel: ReminderChannel? = nil, note: String? = nil) throws -> [Reminder] {
    let client = try client(named: name)
    guard let due = try dueRemindersByClient(asOf: day).first(where: { $0.client == client.name }) else {
      throw LedgerError.reminderRefused(number: client.name, level: 0, reason: "no invoice of \(client.name) is due a reminder on \(day)")
    }
    return try due.invoices.map { action in
      try recordReminder(action.number, level: action.level, channel: channel ?? action.channel, on: day, note: note)
    }
  }

  /// Records that reminder `level` of invoice `number` was sent on `day` by `channel`.
  ///
  /// Refused for an invoice still within its terms, paid, in litige, voided, a draft
  /// or a credit note; for a level outside the policy; for a level already recorded (the
  /// same reminder is never recorded twice) or lower than one already sent; and, unless
  /// `force` (then noted in the journal), for a level whose previous level was not sent
  /// (levels go in order: no mise en demeure without the registered letter) or a reminder
  /// closer to the previous one than the policy's spacing. An `outcome` is recorded as
  /// ``setReminderOutcome(_:level:outcome:promisedOn:on:)`` records it.
  ///
  /// - Throws: ``LedgerError/reminderRefused(number:level:reason:)``.
  @discardableResult
  public func recordReminder(
    _ number: String, level: Int, channel: ReminderChannel, on day: Day, note: String? = nil,
    outcome: ReminderOutcome? = nil, promisedOn: Day? = nil, force: Bool = false
  ) throws -> Reminder {
    let invoice = try invoice(numbered: number)
    let policy = try settings().dunning
    func refuse(_ reason: Phrase) -> LedgerError { .reminderRefused(number: invoice.number, level: level, reason: reason) }
    guard (1...policy.levelCount).contains(level) else { throw refuse("the dunning policy has levels 1 to \(policy.levelCount)") }
    let facts = try facts(invoiceId: invoice.id!)[invoice.id!]!
    if let refusal = Self.refusal(facts, asOf: day) { throw refuse(refusal) }
    if let same = facts.reminders.first(where: { $0.level == level }) { throw refuse("already recorded on \(same.sentOn)") }
    var forced: [String] = []
    let last = facts.reminders.max(by: { $0.level < $1.level })
    if let last {
      if last.level > level { throw refuse("level \(last.level) was already sent on \(last.sentOn)") }
      let earliest = last.sentOn.adding(days: policy.delay(of: level))
      if day < last.sentOn { throw refuse("it is dated before level \(last.level) (\(last.sentOn))") }
      if day < earliest {
        guard force else { throw refuse("level \(last.level) was sent on \(last.sentOn); the next is due on \(earliest) (use --force)") }
        forced.append("sent before \(earliest), the policy's spacing after level \(last.level)")
      }
    }
    let expected = (last?.level ?? 0) + 1
    if level > expected {
      guard force else {
        throw refuse("level \(expected) was not sent: the levels go in order (--force records it anyway, noted in the journal)")
      }
      forced.append("level \(level) without level \(expected)")
    }
    var reminder = Reminder(invoiceId: invoice.id!, level: level, channel: channel, sentOn: day, note: note)
    try reminder.insert(db)
    let key = "\(invoice.number)#\(level)"
    try journalCreation(entity: "reminder", key: key, reminder)
    if !forced.isEmpty { try journalChange(entity: "reminder", key: key, field: "forced", old: nil, new: forced.joined(separator: "; ")) }
    if let outcome { reminder = try setReminderOutcome(invoice.number, level: level, outcome: outcome, promisedOn: promisedOn, on: day) }
    return reminder
  }

  /// Records what came of reminder `level` of invoice `number`, and what it means:
  /// `disputed` puts the invoice in litige (from `day`, by default the reminder's day: no
  /// more reminders); `paid` needs the payments that settle it recorded first; `promise`
  /// needs the day promised, before which no reminder is proposed.
  ///
  /// - Throws: ``LedgerError/reminderRefused(number:level:reason:)``.
  @discardableResult
  public func setReminderOutcome(
    _ number: String, level: Int, outcome: ReminderOutcome, promisedOn: Day? = nil, on day: Day? = nil
  ) throws -> Reminder {
    let invoice = try invoice(numbered: number)
    func refuse(_ reason: Phrase) -> LedgerError { .reminderRefused(number: invoice.number, level: level, reason: reason) }
    guard var reminder = try Reminder.filter(Column("invoiceId") == invoice.id! && Column("level") == level).fetchOne(db) else {
      throw refuse("no such reminder was recorded")
    }
    let key = "\(invoice.number)#\(level)"
    switch outcome {
    case .promise:
      guard let promisedOn else { throw refuse("a promise to pay needs the day promised (--promised DATE)") }
      try promisedOn.requireSupported(field: "--promised")
      guard promisedOn >= reminder.sentOn else { throw refuse("the day promised, \(promisedOn), is before the reminder (\(reminder.sentOn))") }
      try journalChange(entity: "reminder", key: key, field: "promisedOn", old: reminder.promisedOn?.description, new: promisedOn.description)
      reminder.promisedOn = promisedOn
    case .paid:
      let balance = try currentBalance(of: invoice)
      guard !balance.isPositive else {
        throw refuse("it is not paid: \(balance) is still due (record the payment that settles it first: suivi payment add)")
      }
    case .disputed:
      if invoice.disputedOn == nil { _ = try setDispute(invoice.number, from: day ?? reminder.sentOn) }
    case .noAnswer:
      break
    }
    let old = reminder.outcome
    reminder.outcome = outcome
    try reminder.update(db)
    try journalChange(entity: "reminder", key: key, field: "outcome", old: old?.rawValue, new: outcome.rawValue)
    return reminder
  }

  /// Why no reminder may be sent for an invoice as of `day`, or `nil` when one may.
  static func refusal(_ facts: InvoiceFacts, asOf day: Day) -> Phrase? {
    if facts.kind == .creditNote { return "it is a credit note" }
    if let voided = facts.voidedOn, voided <= day { return "the invoice was voided on \(voided)" }
    if facts.isDraft(asOf: day) { return "the invoice is a draft awaiting approval" }
    if !facts.balance(asOf: day).isPositive { return "the invoice is paid" }
    if let disputed = facts.disputedOn, disputed <= day { return "the invoice is in litige since \(disputed)" }
    if day <= facts.dueDate { return "the invoice is within its terms until \(facts.dueDate)" }
    return nil
  }

  func action(
    _ invoice: Invoice, client: Client, facts: InvoiceFacts, step: DunningStep, asOf day: Day, settings: LedgerSettings
  ) -> ReminderAction {
    let due = facts.balance(asOf: day)
    let late = facts.daysLate(asOf: day)
    // The claim of a step that makes one: a consumer's interest runs from the mise en
    // demeure (the first reminder of a level that claims).
    let claimingLevels = Set(settings.dunning.activeLevels.filter(\.claimsPenalty).map(\.level))
    let miseEnDemeure = facts.reminders.filter { claimingLevels.contains($0.level) && $0.sentOn <= day }.map(\.sentOn).min()
    let claim =
      step.level.claimsPenalty
      ? LatePaymentPenalty.claim(facts, asOf: day, terms: settings.penaltyTerms(isConsumer: client.isConsumer, miseEnDemeure: miseEnDemeure))
      : nil
    return ReminderAction(
      number: invoice.number, client: client.name, level: step.level.level, name: step.level.name, channel: step.level.channel,
      amountDue: due, dueDate: invoice.dueDate, daysLate: late, since: step.since, payWithinDays: step.level.payWithinDays,
      penalty: claim?.interest, penaltyRateBasisPoints: claim.map { $0.currentRateBasisPoints ?? settings.penaltyTerms(isConsumer: client.isConsumer).rate(in: HalfYear(containing: day)).basisPoints },
      indemnity: claim?.indemnity, claim: claim)
  }
}
