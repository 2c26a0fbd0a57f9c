import CivilDate
import Ledger
import Wording

/// An invoice still owed, as the matcher sees it.
public struct OpenInvoice: Sendable, Equatable {
  public var number: String
  public var client: String
  public var balance: Cents
  public var dueDate: Day

  public init(number: String, client: String, balance: Cents, dueDate: Day) {
    self.number = number
    self.client = client
    self.balance = balance
    self.dueDate = dueDate
  }
}

/// A client as the matcher sees it: its name, and the IBANs it has paid from.
public struct KnownClient: Sendable, Equatable {
  public var name: String
  public var ibans: [String]

  public init(name: String, ibans: [String] = []) {
    self.name = name
    self.ibans = ibans
  }
}

/// What links a credit to invoices.
public enum MatchEvidence: Sendable, Equatable, Hashable {
  /// The invoice numbers the label or the remittance names.
  case numbers([String])
  /// The payer's name is the client's (how close, 0–100).
  case payerName(Int)
  /// The payer's IBAN is one the client has paid from.
  case payerIBAN
  /// The amount is one open balance of the client.
  case amountEqualsBalance
  /// The amount is the sum of that many of the client's open balances, exactly.
  case amountEqualsCombination(Int)
  /// The amount is less than the balance: a partial payment.
  case partialPayment

  public var phrase: Phrase {
    switch self {
    case let .numbers(numbers): "invoice number in the label: \(numbers.joined(separator: ", "))"
    case let .payerName(closeness): "the payer's name is the client's (\(closeness) %)"
    case .payerIBAN: "the payer's IBAN is the client's"
    case .amountEqualsBalance: "the amount is the invoice's balance"
    case let .amountEqualsCombination(count): "the amount is the balance of \(count) invoices, exactly"
    case .partialPayment: "a partial payment"
    }
  }
}

/// A credit's link to invoices: applied as it is when it is certain, else proposed with its
/// evidence and a score.
public struct BankMatch: Sendable, Equatable {
  public var client: String
  /// The invoices and what the credit pays of each.
  public var allocations: [Allocation]
  public var certain: Bool
  /// How sure, from 0 to 100.
  public var score: Int
  public var evidence: [MatchEvidence]

  public struct Allocation: Sendable, Equatable {
    public var number: String
    public var amount: Cents

    public init(number: String, amount: Cents) {
      self.number = number
      self.amount = amount
    }
  }

  public init(client: String, allocations: [Allocation], certain: Bool, score: Int, evidence: [MatchEvidence]) {
    self.client = client
    self.allocations = allocations
    self.certain = certain
    self.score = score
    self.evidence = evidence
  }
}

/// Matches the credits of a statement to the open invoices, in this order of evidence: an
/// invoice number in the label or the remittance (any series, spaces, dashes and leading
/// zeros aside), the payer against the clients (its IBAN once seen, its name with accents,
/// case and legal forms aside), the amount against one balance or an exact combination of
/// one client's balances (a bounded search), a partial payment of one invoice.
///
/// Certain — applied without asking — only: one invoice named whose balance the amount does
/// not exceed; several named whose balances the amount settles exactly; a unique exact
/// combination for a payer known by its IBAN or its name. Everything else is a proposal: a
/// wrong payment is worse than none.
public struct Matcher: Sendable {
  /// The open invoices, their balances kept up to date as payments are applied.
  public private(set) var all: [OpenInvoice]
  public var clients: [KnownClient]
  /// Each invoice's number in compact form: its letters, and its digits (the index's key).
  private let letters: [String]
  private let byDigits: [String: [Int]]
  /// The same by all its digits in a row, only the whole's leading zeros dropped (a number cut
  /// between a label and its complement: `FA-2400` then `007`).
  private let byRawDigits: [String: [Int]]
  private let byClient: [String: [Int]]
  private var positions: [String: Int]
  /// The clients' names, indexed by their words' beginnings: only the clients sharing one
  /// with a payer are compared with it.
  private let names: PayerNames

  public init(invoices: [OpenInvoice], clients: [KnownClient]) {
    all = invoices.filter(\.balance.isPositive)
    self.clients = clients
    var letters: [String] = []
    var byDigits: [String: [Int]] = [:]
    var byRawDigits: [String: [Int]] = [:]
    var byClient: [String: [Int]] = [:]
    var positions: [String: Int] = [:]
    for (index, invoice) in all.enumerated() {
      let (prefix, digits) = Self.compact(invoice.number)
      letters.append(prefix)
      byDigits[digits, default: []].append(index)
      byRawDigits[Self.rawDigits(invoice.number), default: []].append(index)
      byClient[invoice.client, default: []].append(index)
      positions[invoice.number] = index
    }
    self.letters = letters
    self.byDigits = byDigits
    self.byRawDigits = byRawDigits
    self.byClient = byClient
    self.positions = positions
    names = PayerNames(clients.map(\.name))
  }

  /// The invoices still open.
  public var invoices: [OpenInvoice] { all.filter(\.balance.isPositive) }

  /// `amount` paid on invoice `number`: its balance goes down.
  public mutating func settle(_ number: String, _ amount: Cents) {
    guard let index = positions[number] else { return }
    all[index].balance = all[index].balance - amount
  }

  /// Learns that `client` pays from `iban` (a certain match said so).
  public mutating func learn(_ iban: String, client: String) {
    guard let index = clients.firstIndex(where: { $0.name == client }), !clients[index].ibans.contains(iban) else { return }
    clients[index].ibans.append(iban)
  }

  /// The open invoices of `client`.
  func open(of client: String) -> [OpenInvoice] { (byClient[client] ?? []).map { all[$0] }.filter(\.balance.isPositive) }

  /// A number's letters and its digits, each run of digits without its leading zeros:
  /// `FA-240001` → (`FA`, `240001`); `F-2026-00004441` → (`F`, `20264441`).
  static func compact(_ text: String) -> (letters: String, digits: String) {
    compact(folded: Spelling.key(text).uppercased())
  }

  /// The same, of a text already folded (accents aside, upper case).
  static func compact(folded text: String) -> (letters: String, digits: String) {
    var letters = ""
    var digits = ""
    var run = ""
    func flush() {
      let stripped = run.drop { $0 == "0" }
      digits += stripped.isEmpty && !run.isEmpty ? "0" : String(stripped)
      run = ""
    }
    for character in text {
      if character.isASCII, character.isNumber {
        run.append(character)
      } else {
        flush()
        if character.isLetter { letters.append(character) }
      }
    }
    flush()
    return (letters, digits)
  }

  /// All the digits of `text` in a row, without the leading zeros of the whole.
  static func rawDigits(_ text: String) -> String {
    let digits = text.filter { $0.isASCII && $0.isNumber }
    let stripped = digits.drop { $0 == "0" }
    return stripped.isEmpty && !digits.isEmpty ? "0" : String(stripped)
  }

  /// Words that say an invoice number follows.
  static let numberWords: Set<String> = ["FACTURE", "FACTURES", "FACT", "FAC", "FA", "F", "FCT", "INV", "INVOICE", "N", "NO", "NUM", "REF", "FACT."]

  /// The invoices the text names: a window of one to four tokens whose letters and digits
  /// are the number's (`FA 240001`, `F148`, `F 2026 4441`), or a number of digits said after a
  /// word that says so (`FACTURE 149`, `N° 240001`), or alone when it is long (six digits).
  func named(in text: String) -> [OpenInvoice] { namedWithEvidence(in: text).map(\.invoice) }

  /// The same, each with whether the text says it is an invoice's number (its letters, or a
  /// word before it): a long number alone may be something else (a cheque's seven digits).
  func namedWithEvidence(in text: String) -> [(invoice: OpenInvoice, said: Bool)] {
    let tokens = Spelling.labelWords(text)
    var found: [String: (invoice: OpenInvoice, said: Bool)] = [:]
    for start in tokens.indices {
      let before = start > 0 ? tokens[start - 1] : ""
      var glued = ""
      var hasDigits = false
      for end in start..<min(start + 4, tokens.count) {
        glued += tokens[end]
        hasDigits = hasDigits || tokens[end].utf8.contains { $0 >= 0x30 && $0 <= 0x39 }
        guard hasDigits else { continue }
        let (letters, digits) = Self.compact(folded: glued)
        guard !digits.isEmpty else { continue }
        // Digits alone: one long number, or a number after a word that says so — cut in
        // two or more (`FACTURE 2` at the end of a label, `404905` in its complement).
        let alone = letters.isEmpty && (end == start || Self.numberWords.contains(before))
        let candidates = Set((byDigits[digits] ?? []) + (byRawDigits[Self.rawDigits(glued)] ?? []))
        for index in candidates.sorted() where all[index].balance.isPositive {
          if !self.letters[index].isEmpty, letters == self.letters[index] {
            found[all[index].number] = (all[index], true)
          } else if alone, Self.numberWords.contains(before) || digits.count >= 6 {
            let said = Self.numberWords.contains(before) || found[all[index].number]?.said == true
            found[all[index].number] = (all[index], said)
          }
        }
      }
    }
    return found.values.sorted { $0.invoice.number < $1.invoice.number }
  }

  /// The clients the payer is, best first, with how close (an IBAN seen: 100).
  func payers(_ movement: BankMovement, iban: String?) -> [(client: String, closeness: Int, byIBAN: Bool)] {
    // An IBAN one client has paid from says the payer; one several have paid from (an
    // accountant's, a group's) says nothing.
    let byIBAN = iban.map { iban in clients.filter { $0.ibans.contains(iban) } } ?? []
    if byIBAN.count == 1 { return [(byIBAN[0].name, 100, true)] }
    return names.closest(to: PayerNames.Name(movement.payer ?? movement.label), threshold: 80).map { (clients[$0.index].name, $0.closeness, false) }
  }

  /// The subsets of `invoices` whose balances add up to `amount` exactly (at most `limit`,
  /// among the 16 oldest, of at most 5 invoices).
  static func combinations(of invoices: [OpenInvoice], summingTo amount: Cents, limit: Int = 2) -> [[OpenInvoice]] {
    let pool = Array(invoices.sorted { ($0.dueDate, $0.number) < ($1.dueDate, $1.number) }.prefix(16))
    var found: [[OpenInvoice]] = []
    func search(_ start: Int, _ chosen: [OpenInvoice], _ left: Int64) {
      if found.count >= limit { return }
      if left == 0, chosen.count >= 2 { found.append(chosen); return }
      guard chosen.count < 5, left > 0 else { return }
      for index in start..<pool.count where pool[index].balance.value <= left {
        search(index + 1, chosen + [pool[index]], left - pool[index].balance.value)
      }
    }
    search(0, [], amount.value)
    return found
  }

  /// The matches of a credit, best first; empty when nothing links it to an invoice.
  public func match(_ movement: BankMovement, payerIBAN: String? = nil) -> [BankMatch] {
    guard movement.amount.isPositive else { return [] }
    let amount = movement.amount
    let evidence = self.namedWithEvidence(in: movement.text)
    let named = evidence.map(\.invoice)
    // 1. Invoices named.
    if !named.isEmpty {
      let clients = Set(named.map(\.client))
      let total = named.map(\.balance).reduce(.zero, +)
      // A long number alone (no letters, no word saying it is an invoice's) names it only if
      // the amount is its balance exactly: else it may be a cheque's number, proposed.
      if named.count == 1, let invoice = named.first, amount <= invoice.balance, evidence[0].said || amount == invoice.balance {
        let evidence: [MatchEvidence] = [.numbers([invoice.number])] + (amount == invoice.balance ? [.amountEqualsBalance] : [.partialPayment])
        return [BankMatch(client: invoice.client, allocations: [.init(number: invoice.number, amount: amount)], certain: true, score: 100, evidence: evidence)]
      }
      if named.count > 1, clients.count == 1, amount == total {
        return [
          BankMatch(
            client: named[0].client, allocations: named.map { .init(number: $0.number, amount: $0.balance) }, certain: true, score: 100,
            evidence: [.numbers(named.map(\.number)), .amountEqualsCombination(named.count)])
        ]
      }
      // Named, but the amount is more than they owe, or they are several clients': proposed.
      let client = named[0].client
      var left = amount
      var allocations: [BankMatch.Allocation] = []
      for invoice in named where invoice.client == client && left.isPositive {
        let take = min(left, invoice.balance)
        allocations.append(.init(number: invoice.number, amount: take))
        left = left - take
      }
      return [BankMatch(client: client, allocations: allocations, certain: false, score: 70, evidence: [.numbers(named.map(\.number))])]
    }
    var matches: [BankMatch] = []
    let payers = self.payers(movement, iban: payerIBAN)
    // 2. The payer known: one balance, or a unique exact combination of its balances.
    for payer in payers {
      let open = self.open(of: payer.client)
      let nameEvidence: MatchEvidence = payer.byIBAN ? .payerIBAN : .payerName(payer.closeness)
      let single = open.filter { $0.balance == amount }
      let combinations = Self.combinations(of: open, summingTo: amount)
      let known = payer.byIBAN || payer.closeness >= 90
      if single.count == 1, combinations.isEmpty {
        matches.append(
          BankMatch(
            client: payer.client, allocations: [.init(number: single[0].number, amount: amount)], certain: known, score: known ? 95 : 80,
            evidence: [nameEvidence, .amountEqualsBalance]))
      } else if single.isEmpty, combinations.count == 1 {
        matches.append(
          BankMatch(
            client: payer.client, allocations: combinations[0].map { .init(number: $0.number, amount: $0.balance) }, certain: known,
            score: known ? 90 : 75, evidence: [nameEvidence, .amountEqualsCombination(combinations[0].count)]))
      } else if !single.isEmpty || !combinations.isEmpty {
        for invoice in single {
          matches.append(BankMatch(client: payer.client, allocations: [.init(number: invoice.number, amount: amount)], certain: false, score: 60, evidence: [nameEvidence, .amountEqualsBalance]))
        }
      } else if let oldest = open.min(by: { ($0.dueDate, $0.number) < ($1.dueDate, $1.number) }) {
        // The payer's oldest invoice, partly or wholly, for the assistant to confirm.
        matches.append(
          BankMatch(
            client: payer.client, allocations: [.init(number: oldest.number, amount: min(amount, oldest.balance))], certain: false, score: 40,
            evidence: [nameEvidence] + (amount < oldest.balance ? [.partialPayment] : [])))
      }
    }
    // Two payers each certain (two clients whose names are alike): neither is.
    if matches.filter(\.certain).count > 1 {
      matches = matches.map { var match = $0; match.certain = false; return match }
    }
    if !matches.isEmpty { return matches.sorted { $0.score > $1.score } }
    // 3. The amount alone: one balance in the whole ledger.
    let equal = all.filter { $0.balance == amount }
    if equal.count == 1 {
      return [BankMatch(client: equal[0].client, allocations: [.init(number: equal[0].number, amount: amount)], certain: false, score: 50, evidence: [.amountEqualsBalance])]
    }
    return equal.prefix(5).map { BankMatch(client: $0.client, allocations: [.init(number: $0.number, amount: amount)], certain: false, score: 30, evidence: [.amountEqualsBalance]) }
  }

  /// The method a label says (`VIR`, `CHQ`, `CB`, `PRLV`, `ESP`).
  public static func method(of label: String) -> PaymentMethod {
    let words = Set(Spelling.labelWords(label))
    if !words.isDisjoint(with: ["CHQ", "CHEQUE", "CHEQUES", "REMISE"]) { return .cheque }
    if !words.isDisjoint(with: ["ESP", "ESPECES", "VERSEMENT"]) && words.isDisjoint(with: ["VIR", "VIREMENT"]) { return .especes }
    if !words.isDisjoint(with: ["CB", "CARTE", "TPE"]) { return .carte }
    if !words.isDisjoint(with: ["VIR", "VIREMENT", "SEPA", "VIRT", "VRT"]) { return .virement }
    if !words.isDisjoint(with: ["PRLV", "PRELEVEMENT", "SDD"]) { return .other }
    return .virement
  }
}
