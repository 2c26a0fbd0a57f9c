import CivilDate
import Ledger
import Wording

/// A statement file taken in: each movement recorded once, each credit matched — certain
/// matches applied as payments, the others proposed —, debits ignored unless they undo a
/// credit (a returned cheque, a rejected direct debit). One transaction: all or nothing.
public enum BankImport {
  /// What an import did.
  public struct Report: Sendable {
    public var file: String
    public var statements = 0
    public var movements = 0
    /// Movements already imported (the same statement twice, or two that overlap).
    public var duplicates = 0
    public var applied: [(movement: Int64, client: String, allocations: [BankMatch.Allocation], payment: Int64, amount: Cents, day: Day)] = []
    public var proposed: [(movement: Int64, amount: Cents, label: String, best: BankMatch)] = []
    public var unmatched: [(movement: Int64, amount: Cents, label: String)] = []
    public var ignored = 0
    /// Credits whose payment a debit undid.
    public var reversed: [(movement: Int64, payment: Int64, amount: Cents)] = []
  }

  /// Reads `bytes` (the format recognised from the content).
  public static func statements(_ bytes: [UInt8], file: String, profile: BankCSV.Profile? = nil, account: String? = nil) throws -> [BankStatement] {
    var statements = try read(bytes, file: file, profile: profile)
    if let account { for index in statements.indices { statements[index].account = account } }
    return statements
  }

  /// The statements of `bytes`: a CSV when a profile is given, else the format the content says.
  static func read(_ bytes: [UInt8], file: String, profile: BankCSV.Profile?) throws -> [BankStatement] {
    if let profile { return try BankCSV.parse(bytes, file: file, profile: profile) }
    if CAMT053.recognises(bytes) { return try CAMT053.parse(bytes, file: file) }
    if CFONB120.recognises(bytes) { return try CFONB120.parse(bytes, file: file) }
    if OFX.recognises(bytes) { return try OFX.parse(bytes, file: file) }
    // A bank's CSV: text with a header naming its columns (or --columns).
    if !bytes.contains(0), bytes.contains(UInt8(ascii: ";")) || bytes.contains(UInt8(ascii: ",")) || bytes.contains(0x09) {
      do {
        return try BankCSV.parse(bytes, file: file)
      } catch BankFileError.malformed(_, 1, _) {
        throw BankFileError.unknownFormat(file: file)
      }
    }
    throw BankFileError.unknownFormat(file: file)
  }

  /// The identity of each movement: its account, day, amount, label and reference, and its
  /// rank among movements identical in all of these in its statement (two genuine payments of
  /// the same amount on one day stay two; the same statement imported twice is one).
  static func identities(_ statement: BankStatement) -> [String] {
    var seen: [String: Int] = [:]
    return statement.movements.map { movement in
      if let fitid = movement.fitid, !fitid.isEmpty { return "fitid|\(statement.account)|\(fitid)" }
      let key = [statement.account, movement.bookedOn.description, String(movement.amount.value), movement.label, movement.bankReference ?? ""].joined(separator: "|")
      seen[key, default: 0] += 1
      return key + "|#\(seen[key]!)"
    }
  }

  /// Words of a debit that undoes a credit.
  static let reversalWords: Set<String> = ["REJET", "REJETE", "IMPAYE", "IMPAYES", "RETOUR", "ANNULATION", "RETURN", "CONTREPASSATION"]

  /// Takes `statements` into the ledger.
  public static func run(_ statements: [BankStatement], file: String, session: LedgerSession, asOf day: Day) throws -> Report {
    var report = Report(file: file)
    report.statements = statements.count
    let ibans = try session.clientIBANs()
    var matcher = Matcher(
      invoices: try session.openBalances(asOf: day).map { OpenInvoice(number: $0.number, client: $0.client, balance: $0.balance, dueDate: $0.dueDate) },
      clients: try session.clients().map { KnownClient(name: $0.name, ibans: ibans[$0.name] ?? []) })
    for statement in statements {
      let identities = identities(statement)
      let known = try session.knownBankMovements(identities)
      for (movement, identity) in zip(statement.movements, identities) {
        report.movements += 1
        if known.contains(identity) {
          report.duplicates += 1
          continue
        }
        var stored = StoredBankMovement(
          identity: identity, account: statement.account, bookedOn: movement.bookedOn, valueOn: movement.valueOn, amount: movement.amount,
          label: movement.label, remittance: movement.remittance, payer: movement.payer, payerIBAN: movement.payerIBAN, bankReference: movement.bankReference,
          file: file, line: movement.line, state: .unmatched)
        if !movement.amount.isPositive {
          // A debit: a reversal of a credit paid, or nothing to do.
          let words = Set(Spelling.labelWords(movement.text))
          if movement.isReversal || !words.isDisjoint(with: reversalWords),
            let credit = try session.appliedCredit(
              of: -movement.amount, account: statement.account, bookedFrom: movement.bookedOn.adding(days: -90), through: movement.bookedOn),
            let payment = credit.paymentId
          {
            let journal = "bank reversal: \(movement.label)"
            _ = try session.cancelPayment(payment, reason: journal)
            try session.updateBankMovement(credit.id!, state: .reversed, paymentId: nil)
            stored.state = .reversal
            stored.reverses = credit.id
            report.reversed.append((credit.id!, payment, -movement.amount))
          } else {
            stored.state = .ignored
            report.ignored += 1
          }
          try session.recordBankMovement(stored)
          continue
        }
        let matches = matcher.match(movement, payerIBAN: stored.payerIBAN)
        if let best = matches.first, best.certain {
          let id = try session.recordBankMovement(stored)
          let payment = try apply(best, movement: movement, session: session, id: id)
          for allocation in best.allocations { matcher.settle(allocation.number, allocation.amount) }
          // The payer's IBAN, from a payment that could not be wrong: the next one from it is
          // known by it.
          if let iban = movement.payerIBAN, best.evidence.contains(where: { if case .numbers = $0 { true } else { false } }) {
            try session.learnIBAN(iban, client: best.client)
            matcher.learn(iban, client: best.client)
          }
          report.applied.append((id, best.client, best.allocations, payment, movement.amount, movement.bookedOn))
        } else if let best = matches.first {
          stored.state = .proposed
          stored.proposals = ProposalText.encode(matches)
          let id = try session.recordBankMovement(stored)
          report.proposed.append((id, movement.amount, movement.label, best))
        } else {
          let id = try session.recordBankMovement(stored)
          report.unmatched.append((id, movement.amount, movement.label))
        }
      }
    }
    return report
  }

  /// Records the payment `match` says, from the movement: the bank's day, the method its
  /// label says, its reference; the movement applied.
  @discardableResult
  public static func apply(_ match: BankMatch, movement: BankMovement, session: LedgerSession, id: Int64) throws -> Int64 {
    let reference = movement.bankReference ?? String(movement.label.prefix(60))
    let receipt: PaymentReceipt
    do {
      receipt = try session.addPayment(
      PaymentDraft(
        amount: movement.amount, receivedOn: movement.bookedOn, method: movement.method ?? Matcher.method(of: movement.label), payer: movement.payer ?? match.client,
        reference: reference, clientName: match.client, invoices: match.allocations.map { ($0.number, $0.amount) }, allowCredit: false,
        note: "relevé bancaire: \(movement.label)"))
    } catch LedgerError.duplicatePayment(let existing, _, _, _) {
      // Typed by hand already (the same payer, amount, day and reference): that payment is this one.
      try session.updateBankMovement(id, state: .applied, paymentId: existing)
      return existing
    }
    try session.updateBankMovement(id, state: .applied, paymentId: receipt.payment.id)
    return receipt.payment.id!
  }
}

/// Proposals kept with a movement, one per line: `score|client|number=cents,…|evidence`.
public enum ProposalText {
  public static func encode(_ matches: [BankMatch]) -> String {
    matches.prefix(5).map { match in
      let allocations = match.allocations.map { "\($0.number)=\($0.amount.value)" }.joined(separator: ",")
      let evidence = match.evidence.map(\.code).joined(separator: ",")
      return [String(match.score), match.client.replacingPipes, allocations, evidence].joined(separator: "|")
    }.joined(separator: "\n")
  }

  public static func decode(_ text: String) -> [BankMatch] {
    text.split(separator: "\n").compactMap { line in
      let parts = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
      guard parts.count == 4, let score = Int(parts[0]) else { return nil }
      let allocations = parts[2].split(separator: ",").compactMap { item -> BankMatch.Allocation? in
        let pair = item.split(separator: "=")
        guard pair.count == 2, let cents = Int64(pair[1]) else { return nil }
        return .init(number: String(pair[0]), amount: Cents(cents))
      }
      let evidence = parts[3].split(separator: ",").compactMap { MatchEvidence(code: String($0)) }
      return BankMatch(client: parts[1], allocations: allocations, certain: false, score: score, evidence: evidence)
    }
  }
}

extension String {
  var replacingPipes: String { replacing("|", with: "/").replacing("\n", with: " ") }
}

extension MatchEvidence {
  var code: String {
    switch self {
    case let .numbers(numbers): "numbers:" + numbers.joined(separator: ";")
    case let .payerName(closeness): "payer:\(closeness)"
    case .payerIBAN: "iban"
    case .amountEqualsBalance: "balance"
    case let .amountEqualsCombination(count): "combination:\(count)"
    case .partialPayment: "partial"
    }
  }

  init?(code: String) {
    let parts = code.split(separator: ":", maxSplits: 1).map(String.init)
    switch parts[0] {
    case "numbers": self = .numbers(parts.count > 1 ? parts[1].split(separator: ";").map(String.init) : [])
    case "payer": self = .payerName(Int(parts.count > 1 ? parts[1] : "") ?? 0)
    case "iban": self = .payerIBAN
    case "balance": self = .amountEqualsBalance
    case "combination": self = .amountEqualsCombination(Int(parts.count > 1 ? parts[1] : "") ?? 0)
    case "partial": self = .partialPayment
    default: return nil
    }
  }
}
