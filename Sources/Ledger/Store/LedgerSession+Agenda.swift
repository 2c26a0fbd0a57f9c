import CivilDate
import GRDB

/// What a ledger asks of the assistant on a day, besides the reminders themselves.
public struct LedgerAgenda: Sendable, Equatable {
  /// A submitted draft that counts as approved on `approvedOn` (today or tomorrow) unless
  /// the client answers: it can be sent then.
  public struct Draft: Sendable, Equatable {
    public var number: String
    public var client: String
    public var approvedOn: Day
  }

  /// A promise to pay whose day has come or passed, the invoice still unpaid.
  public struct Promise: Sendable, Equatable {
    public var number: String
    public var client: String
    public var promisedOn: Day
    public var balance: Cents
  }

  /// The reminders due, one statement per client.
  public var statements: [ClientReminder]
  public var draftsEnding: [Draft]
  public var promisesDue: [Promise]
}

extension LedgerSession {
  /// The ledger's agenda as of `day`: the reminders due per client, the submitted drafts
  /// whose 48 hours end today or tomorrow, the promises to pay due and not kept.
  public func agenda(asOf day: Day) throws -> LedgerAgenda {
    let table = try loadFacts()
    let numbers = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, number FROM invoice").map { ($0[0] as Int64, $0[1] as String) })
    let names = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, name FROM client").map { ($0[0] as Int64, $0[1] as String) })
    var drafts: [LedgerAgenda.Draft] = []
    var promises: [LedgerAgenda.Promise] = []
    for (index, facts) in table.facts.enumerated() where facts.kind == .invoice && !facts.isVoided(asOf: day) {
      let (number, client) = (numbers[table.ids[index]] ?? "?", names[table.clientIds[index]] ?? "?")
      if facts.needsApproval, facts.approvedOn == nil, let submitted = facts.submittedOn {
        let approved = InvoiceFacts.autoApprovalDay(submitted: submitted)
        if approved == day || approved == day.adding(days: 1) { drafts.append(.init(number: number, client: client, approvedOn: approved)) }
      }
      let balance = facts.balance(asOf: day)
      if balance.isPositive, let promised = facts.latestPromise(asOf: day), promised <= day {
        promises.append(.init(number: number, client: client, promisedOn: promised, balance: balance))
      }
    }
    return LedgerAgenda(
      statements: ClientReminder.grouping(try dueReminders(asOf: day, facts: table)), draftsEnding: drafts.sorted { $0.number < $1.number },
      promisesDue: promises.sorted { ($0.promisedOn, $0.number) < ($1.promisedOn, $1.number) })
  }
}
