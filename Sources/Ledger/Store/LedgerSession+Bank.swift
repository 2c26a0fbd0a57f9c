import CivilDate
import GRDB

/// A bank movement the ledger keeps: what the statement said, and what became of it.
public struct StoredBankMovement: Sendable, Equatable {
  /// Where a movement stands.
  public enum State: String, Sendable, CaseIterable {
    /// A payment was recorded from it.
    case applied
    /// Proposals wait for the assistant (`suivi bank review`).
    case proposed
    /// Nothing links it to an invoice yet.
    case unmatched
    /// The assistant said it pays no invoice.
    case dismissed
    /// A debit or a fee: nothing to do.
    case ignored
    /// A credit whose payment a later debit undid (a returned cheque, a rejected debit).
    case reversed
    /// The debit that undid a credit.
    case reversal
  }

  public var id: Int64?
  /// What identifies it across statements: the FITID, or its account, day, amount, label,
  /// reference and rank among identical movements.
  public var identity: String
  public var account: String
  public var bookedOn: Day
  public var valueOn: Day?
  public var amount: Cents
  public var label: String
  public var remittance: [String]
  public var payer: String?
  public var payerIBAN: String?
  public var bankReference: String?
  public var file: String
  public var line: Int
  public var state: State
  public var paymentId: Int64?
  /// The proposals, best first, as lines the Bank module reads.
  public var proposals: String
  public var reverses: Int64?

  public init(
    identity: String, account: String, bookedOn: Day, valueOn: Day?, amount: Cents, label: String, remittance: [String], payer: String?,
    payerIBAN: String?, bankReference: String?, file: String, line: Int, state: State, paymentId: Int64? = nil, proposals: String = "",
    reverses: Int64? = nil
  ) {
    self.identity = identity
    self.account = account
    self.bookedOn = bookedOn
    self.valueOn = valueOn
    self.amount = amount
    self.label = label
    self.remittance = remittance
    self.payer = payer
    self.payerIBAN = payerIBAN
    self.bankReference = bankReference
    self.file = file
    self.line = line
    self.state = state
    self.paymentId = paymentId
    self.proposals = proposals
    self.reverses = reverses
  }
}

extension LedgerSession {
  /// The identities already imported, among `identities`.
  public func knownBankMovements(_ identities: [String]) throws -> Set<String> {
    var known = Set<String>()
    for start in stride(from: 0, to: identities.count, by: 500) {
      let slice = Array(identities[start..<min(start + 500, identities.count)])
      let marks = Array(repeating: "?", count: slice.count).joined(separator: ",")
      known.formUnion(try String.fetchAll(db, sql: "SELECT identity FROM bank_movement WHERE identity IN (\(marks))", arguments: StatementArguments(slice)))
    }
    return known
  }

  /// Records a movement; its id.
  @discardableResult
  public func recordBankMovement(_ movement: StoredBankMovement) throws -> Int64 {
    try db.cachedStatement(
      sql: """
        INSERT INTO bank_movement (identity, account, bookedOn, valueOn, amount, label, remittance, payer, payerIBAN, bankReference, file, line,
          importedAt, state, paymentId, proposals, reverses)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    ).execute(
      arguments: [
        movement.identity, movement.account, movement.bookedOn.description, movement.valueOn?.description, movement.amount.value, movement.label,
        movement.remittance.joined(separator: "\n"), movement.payer, movement.payerIBAN, movement.bankReference, movement.file, movement.line,
        commandTime, movement.state.rawValue, movement.paymentId, movement.proposals, movement.reverses,
      ])
    let id = db.lastInsertedRowID
    try journalChange(entity: "bank_movement", key: String(id), field: "state", old: nil, new: movement.state.rawValue)
    return id
  }

  /// A movement's new state (its payment, its proposals), journaled.
  public func updateBankMovement(_ id: Int64, state: StoredBankMovement.State, paymentId: Int64?, proposals: String? = nil) throws {
    let old = try bankMovement(id)
    try db.cachedStatement(sql: "UPDATE bank_movement SET state = ?, paymentId = ?, proposals = COALESCE(?, proposals) WHERE id = ?").execute(
      arguments: [state.rawValue, paymentId, proposals, id])
    try journalChange(entity: "bank_movement", key: String(id), field: "state", old: old.state.rawValue, new: state.rawValue)
  }

  /// Movement `id`.
  public func bankMovement(_ id: Int64) throws -> StoredBankMovement {
    guard let found = try bankMovements(where: "id = ?", [id]).first else {
      throw LedgerError.invalidValue(field: "ID", text: String(id), reason: "is not a bank movement of this ledger (suivi bank list)")
    }
    return found
  }

  /// The movements in `states` (all when empty), newest first.
  public func bankMovements(states: [StoredBankMovement.State] = []) throws -> [StoredBankMovement] {
    guard !states.isEmpty else { return try bankMovements(where: "1", []) }
    return try bankMovements(where: "state IN (\(states.map { _ in "?" }.joined(separator: ",")))", states.map(\.rawValue))
  }

  /// The newest applied credit of `amount` on `account` booked from `earliest` through
  /// `latest`: the one a returned payment of that amount undoes.
  public func appliedCredit(of amount: Cents, account: String, bookedFrom earliest: Day, through latest: Day) throws -> StoredBankMovement? {
    try bankMovements(
      where: "state = ? AND amount = ? AND account = ? AND bookedOn BETWEEN ? AND ?",
      [StoredBankMovement.State.applied.rawValue, amount.value, account, earliest.description, latest.description]
    ).first
  }

  private func bankMovements(where condition: String, _ values: [any DatabaseValueConvertible]) throws -> [StoredBankMovement] {
    try Row.fetchAll(
      db.cachedStatement(
        sql: """
          SELECT id, identity, account, bookedOn, valueOn, amount, label, remittance, payer, payerIBAN, bankReference, file, line, state, paymentId,
            proposals, reverses FROM bank_movement WHERE \(condition) ORDER BY bookedOn DESC, id DESC
          """), arguments: StatementArguments(values)
    ).map { row in
      var movement = StoredBankMovement(
        identity: row[1], account: row[2], bookedOn: Day.iso(row[3]) ?? Day(daysSinceEpoch: 0), valueOn: (row[4] as String?).flatMap(Day.iso),
        amount: Cents(row[5]), label: row[6], remittance: (row[7] as String).split(separator: "\n").map(String.init), payer: row[8],
        payerIBAN: row[9], bankReference: row[10], file: row[11], line: row[12], state: StoredBankMovement.State(rawValue: row[13]) ?? .unmatched,
        paymentId: row[14], proposals: row[15], reverses: row[16])
      movement.id = row[0]
      return movement
    }
  }

  /// The IBANs each client has paid from.
  public func clientIBANs() throws -> [String: [String]] {
    var ibans: [String: [String]] = [:]
    for row in try Row.fetchAll(db, sql: "SELECT c.name, i.iban FROM client_iban i JOIN client c ON c.id = i.clientId") {
      ibans[row[0], default: []].append(row[1])
    }
    return ibans
  }

  /// Learns that `client` pays from `iban`.
  public func learnIBAN(_ iban: String, client name: String) throws {
    let client = try client(named: name)
    try db.execute(sql: "INSERT OR IGNORE INTO client_iban (clientId, iban) VALUES (?, ?)", arguments: [client.id!, iban])
  }

  /// Every issued invoice with a balance as of `day`: (number, client, balance, due date).
  public func openBalances(asOf day: Day) throws -> [(number: String, client: String, balance: Cents, dueDate: Day)] {
    let table = try loadFacts()
    let numbers = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, number FROM invoice").map { ($0[0] as Int64, $0[1] as String) })
    let names = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, name FROM client").map { ($0[0] as Int64, $0[1] as String) })
    var open: [(String, String, Cents, Day)] = []
    for (index, facts) in table.facts.enumerated() where facts.isReceivable(asOf: day) {
      let balance = facts.balance(asOf: day)
      guard balance.isPositive, let number = numbers[table.ids[index]], let client = names[table.clientIds[index]] else { continue }
      open.append((number, client, balance, facts.dueDate))
    }
    return open
  }
}
