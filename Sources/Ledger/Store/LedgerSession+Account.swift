import CivilDate
import GRDB

/// One invoice of a client's account as of a day: what it was, what is left, how late.
public struct AccountLine: Sendable, Equatable {
  public var number: String
  public var isCreditNote: Bool
  public var issueDate: Day
  public var dueDate: Day
  public var service: String?
  public var ttc: Cents
  public var paid: Cents
  public var credited: Cents
  public var balance: Cents
  public var daysLate: Int
  /// Contested (*litige*) as of the day: never claimed in a letter.
  public var isDisputed = false
  /// The reminders sent for it, by level.
  public var reminders: [(level: Int, sentOn: Day, channel: ReminderChannel)]
  /// Late-payment penalties and the recovery indemnity claimed for it (a level that claims
  /// them: the mise en demeure, the injonction de payer).
  public var claim: LatePaymentPenalty.Claim?

  public static func == (lhs: AccountLine, rhs: AccountLine) -> Bool {
    lhs.number == rhs.number && lhs.balance == rhs.balance && lhs.claim == rhs.claim && lhs.paid == rhs.paid
  }
}

/// A client's account as of a day: the invoices still owed (the overdue ones first), and
/// the totals a letter or a statement states.
public struct ClientAccount: Sendable {
  public var client: Client
  public var day: Day
  /// Every invoice with a balance, oldest due first.
  public var open: [AccountLine]
  /// The payments received, with what each settled.
  public var payments: [(payment: Payment, allocations: [(number: String, amount: Cents)])]
  /// Unallocated payments (*avoir client*).
  public var credit: Cents

  /// The overdue invoices a letter claims: late, not contested.
  public var overdue: [AccountLine] { open.filter { $0.daysLate > 0 && !$0.isDisputed } }
  public var owed: Cents { open.map(\.balance).reduce(.zero, +) }
  public var overdueTotal: Cents { overdue.map(\.balance).reduce(.zero, +) }
  public var penalties: Cents { overdue.compactMap { $0.claim?.interest }.reduce(.zero, +) }
  public var indemnities: Cents { overdue.compactMap { $0.claim?.indemnity }.reduce(.zero, +) }
  /// The day of the first mise en demeure sent, if any.
  public var miseEnDemeure: Day?
}

extension LedgerSession {
  /// `name`'s account as of `day`: each invoice with a balance, its payments, its reminders;
  /// with `claiming`, the L441-10 penalties and the D441-5 indemnity of each overdue
  /// invoice computed to `day` (as a mise en demeure claims them: interest at the legal rate
  /// from the mise en demeure for a consumer).
  public func account(of name: String, asOf day: Day, claiming: Bool = false) throws -> ClientAccount {
    let client = try client(named: name)
    let settings = try settings()
    let table = try loadFacts(only: " AND i.clientId = ?", arguments: [client.id!])
    let invoices = Dictionary(uniqueKeysWithValues: try Invoice.filter(Column("clientId") == client.id!).fetchAll(db).map { ($0.id!, $0) })
    let claimingLevels = Set(settings.dunning.activeLevels.filter(\.claimsPenalty).map(\.level))
    var lines: [AccountLine] = []
    var miseEnDemeure: Day?
    for (id, facts) in zip(table.ids, table.facts) where facts.isReceivable(asOf: day) {
      guard let invoice = invoices[id] else { continue }
      let sent = facts.reminders.filter { claimingLevels.contains($0.level) && $0.sentOn <= day }.map(\.sentOn).min()
      if let sent { miseEnDemeure = min(miseEnDemeure ?? sent, sent) }
      let balance = facts.balance(asOf: day)
      guard balance.isPositive else { continue }
      let late = facts.daysLate(asOf: day)
      let claim =
        claiming && late > 0
        ? LatePaymentPenalty.claim(facts, asOf: day, terms: settings.penaltyTerms(isConsumer: client.isConsumer, miseEnDemeure: sent ?? day))
        : nil
      let reminders = try Reminder.filter(Column("invoiceId") == id).order(Column("level")).fetchAll(db).filter { $0.sentOn <= day }
      lines.append(
        AccountLine(
          number: invoice.number, isCreditNote: false, issueDate: invoice.issueDate, dueDate: invoice.dueDate, service: invoice.service,
          ttc: invoice.ttc, paid: facts.paid(asOf: day), credited: facts.credited(asOf: day), balance: balance, daysLate: late,
          isDisputed: facts.isDisputed(asOf: day), reminders: reminders.map { ($0.level, $0.sentOn, $0.channel) }, claim: claim))
    }
    lines.sort { ($0.dueDate, $0.number) < ($1.dueDate, $1.number) }
    let payments = try payments(clientId: client.id!).filter { $0.payment.receivedOn <= day }
    let allocated = payments.flatMap(\.allocations).map(\.amount).reduce(.zero, +)
    let received = payments.map(\.payment.amount).reduce(.zero, +)
    return ClientAccount(
      client: client, day: day, open: lines, payments: payments, credit: received - allocated, miseEnDemeure: miseEnDemeure)
  }

  /// Every invoice and credit note of `name` dated from `from` to `day`, and every payment
  /// received then, in date order, with the balance before `from`: a statement's lines.
  public func statementEntries(of name: String, from: Day, to day: Day) throws -> (opening: Cents, entries: [StatementEntry]) {
    let client = try client(named: name)
    let table = try loadFacts(only: " AND i.clientId = ?", arguments: [client.id!])
    let invoices = Dictionary(uniqueKeysWithValues: try Invoice.filter(Column("clientId") == client.id!).fetchAll(db).map { ($0.id!, $0) })
    var entries: [StatementEntry] = []
    var opening = Cents.zero
    for (id, facts) in zip(table.ids, table.facts) {
      guard let invoice = invoices[id], !facts.isDraft(asOf: day), let issued = facts.issuedFrom, issued <= day else { continue }
      if facts.isVoided(asOf: day) { continue }
      let amount = facts.kind == .creditNote ? -facts.ttc : facts.ttc
      if issued < from { opening = opening + amount } else {
        entries.append(StatementEntry(day: issued, kind: facts.kind == .creditNote ? .creditNote : .invoice, reference: invoice.number, debit: amount))
      }
    }
    for (payment, _) in try payments(clientId: client.id!) where payment.receivedOn <= day {
      if payment.receivedOn < from { opening = opening - payment.amount } else {
        entries.append(StatementEntry(day: payment.receivedOn, kind: .payment(payment.method), reference: payment.reference ?? payment.payer, debit: -payment.amount))
      }
    }
    entries.sort { ($0.day, $0.order) < ($1.day, $1.order) }
    return (opening, entries)
  }
}

/// One line of a statement (*relevé de compte*): an invoice or a credit note (what the
/// client owes more or less), or a payment.
public struct StatementEntry: Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    case invoice, creditNote
    case payment(PaymentMethod)
  }

  public var day: Day
  public var kind: Kind
  public var reference: String
  /// What it adds to the balance (negative: a credit note or a payment).
  public var debit: Cents

  var order: Int {
    switch kind {
    case .invoice: 0
    case .creditNote: 1
    case .payment: 2
    }
  }
}
