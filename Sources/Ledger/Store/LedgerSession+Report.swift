import GRDB
import CivilDate

/// The report: owed, aged balance, DSO, collected, reminders — computed from the facts
/// in memory after a few set queries.
///
/// DSO uses the accounting method: `owed at the end ÷ TTC invoiced over the period ×
/// days in the period`, rounded half up to a tenth of a day (20 000 € owed on 45 000 €
/// invoiced over 90 days is 40.0 days). Only issued invoices count as invoiced: a draft
/// awaiting approval is not owed yet, nor invoiced. Over the whole history, the totals
/// reconcile: owed = invoiced − (collected − client credit).
extension LedgerSession {
  /// The report as of `day` over the period `from`…`day` (90 days by default).
  ///
  /// - Complexity: O(invoices + allocations + reminders + payments).
  public func report(asOf day: Day, from: Day? = nil) throws -> LedgerReport {
    let from = from ?? day.adding(days: -89)
    let settings = try settings()
    let table = try loadFacts()
    let names = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, name FROM client").map { ($0[0] as Int64, $0[1] as String) })

    var aged = AgedBalance()
    var perClient: [Int64: LedgerReport.ClientLine] = [:]
    var invoiced = Cents.zero
    var counts: [InvoiceStatus: Int] = [:]
    for (index, fact) in table.facts.enumerated() {
      let clientId = table.clientIds[index]
      if fact.kind == .invoice, fact.issueDate >= from, fact.issueDate <= day, fact.isReceivable(asOf: day) { invoiced = invoiced + fact.ttc }
      if fact.kind == .creditNote, fact.issueDate >= from, fact.issueDate <= day, !fact.isVoided(asOf: day) { invoiced = invoiced - fact.ttc }
      guard fact.kind == .invoice, fact.issueDate <= day else { continue }
      counts[InvoiceStatus.derive(fact, asOf: day, policy: settings.dunning), default: 0] += 1
      guard fact.isReceivable(asOf: day) else { continue }
      let balance = fact.balance(asOf: day)
      guard balance.isPositive else { continue }
      let late = day.days(since: fact.dueDate)
      aged.add(balance, daysLate: late)
      var line = perClient[clientId] ?? .init(client: names[clientId] ?? "?", aged: AgedBalance(), credit: .zero, overdueInvoices: 0)
      line.aged.add(balance, daysLate: late)
      if late > 0 { line.overdueInvoices += 1 }
      perClient[clientId] = line
    }
    let (collected, credits) = try paymentTotals(from: from, to: day)
    for (clientId, credit) in credits where credit.isPositive {
      perClient[clientId, default: .init(client: names[clientId] ?? "?", aged: AgedBalance(), credit: .zero, overdueInvoices: 0)].credit = credit
    }
    let periodDays = day.days(since: from) + 1
    let owed = aged.total
    return LedgerReport(
      date: day, from: from, owed: owed, aged: aged,
      clients: perClient.values.sorted { ($1.aged.total, $0.client) < ($0.aged.total, $1.client) },
      invoiced: invoiced, collected: collected, credit: credits.values.sum(),
      dsoTenths: invoiced.isPositive
        ? Rounding.productHalfUp(owed.value, Int64(periodDays), 10, dividedBy: invoiced.value) : nil,
      periodDays: periodDays, statusCounts: counts,
      reminders: try reminderLines(from: from, to: day, facts: table, policy: settings.dunning, names: names),
      numberingGaps: try numberingGaps(), numberingDisorders: try numberingDisorders())
  }

  /// Payments received over the period, and each client's credit as of `day`.
  private func paymentTotals(from: Day, to day: Day) throws -> (collected: Cents, credits: [Int64: Cents]) {
    let collected = try Int64.fetchOne(
      db, sql: "SELECT IFNULL(SUM(amount), 0) FROM payment WHERE receivedOn >= ? AND receivedOn <= ?", arguments: [from, day]) ?? 0
    var credits: [Int64: Cents] = [:]
    for row in try Row.fetchAll(
      db, sql: "SELECT clientId, SUM(amount) FROM payment WHERE receivedOn <= ? GROUP BY clientId", arguments: [day])
    {
      credits[row[0]] = Cents(row[1])
    }
    for row in try Row.fetchAll(
      db,
      sql: """
        SELECT p.clientId, SUM(a.amount) FROM allocation a JOIN payment p ON p.id = a.paymentId
        WHERE p.receivedOn <= ? GROUP BY p.clientId
        """, arguments: [day])
    {
      credits[row[0], default: .zero] = credits[row[0], default: .zero] - Cents(row[1])
    }
    return (Cents(collected), credits)
  }

  private func reminderLines(
    from: Day, to day: Day, facts: FactsTable, policy: DunningPolicy, names: [Int64: String]
  ) throws -> [LedgerReport.ReminderLine] {
    let numbers = Dictionary(
      uniqueKeysWithValues: try Row.fetchAll(
        db, sql: "SELECT DISTINCT i.id, i.number FROM reminder r JOIN invoice i ON i.id = r.invoiceId WHERE r.sentOn >= ? AND r.sentOn <= ?",
        arguments: [from, day]
      ).map { ($0[0] as Int64, $0[1] as String) })
    let reminders = try Reminder.filter(Column("sentOn") >= from && Column("sentOn") <= day)
      .order(Column("sentOn"), Column("invoiceId"), Column("level")).fetchAll(db)
    return reminders.map { reminder in
      let index = facts.position[reminder.invoiceId]!
      let fact = facts.facts[index]
      return LedgerReport.ReminderLine(
        number: numbers[reminder.invoiceId]!, client: names[facts.clientIds[index]] ?? "?", level: reminder.level,
        channel: reminder.channel, sentOn: reminder.sentOn, outcome: reminder.outcome, note: reminder.note, promisedOn: reminder.promisedOn,
        status: InvoiceStatus.derive(fact, asOf: day, policy: policy), balance: fact.balance(asOf: day))
    }
  }
}
