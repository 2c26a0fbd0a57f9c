import GRDB
import OOXML
import Testing

@testable import Ledger

/// `adopt` (a tracker's rows taken all at once) against the same invoices and facts
/// recorded one command at a time, each in a savepoint: the same invoices, facts and
/// refusals, and a journal entry for everything written.
@Suite struct LedgerAdoptionTests {
  /// A small deterministic generator (SplitMix64), so that a failure can be replayed.
  struct Generator {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Int((z ^ (z >> 31)) % UInt64(bound))
    }
  }

  static let today = day("2024-12-01")

  /// Adoptions with facts of every kind, some of them breaking a rule: a number of the
  /// wrong year, a number used twice, an amount over the balance, a reminder before the
  /// due date, after the payment, twice at one level, or at a level the policy lacks.
  static func adoptions(seed: UInt64, count: Int) -> [InvoiceAdoption] {
    var generator = Generator(state: seed)
    let clients = ["Dumont SARL", "dumont sarl", "Boulangerie Lefèvre", "Atelier Roux", "Pharmacie du Centre"]
    var result: [InvoiceAdoption] = []
    for index in 0..<count {
      let issued = day("2024-01-01").adding(days: generator.next(330))
      var sequence = index + 1
      if generator.next(20) == 0 { sequence = max(1, index - 1) }  // used twice
      let year = generator.next(25) == 0 ? 23 : 24  // not the year of its date
      let number = fa(year, sequence)
      let draft = InvoiceDraft(
        clientName: clients[generator.next(clients.count)], issueDate: issued, ht: Cents(Int64(1_000 + generator.next(90_000))),
        vatRate: .standard, service: "Prestation \(index)", number: number, dueDate: generator.next(3) == 0 ? nil : issued.adding(days: 30),
        notes: nil)
      var facts: [InvoiceAdoption.Fact] = []
      let paidOn = issued.adding(days: generator.next(90))
      switch generator.next(6) {
      case 0: facts.append(.payment(amount: nil, receivedOn: paidOn, method: .virement, note: "Réglée"))
      case 1: facts.append(.payment(amount: Cents(Int64(100 + generator.next(150_000))), receivedOn: paidOn, method: .cheque, note: nil))
      case 2: facts.append(.dispute(from: today))
      default: break
      }
      for level in 1...4 where generator.next(3) == 0 {
        let sent = issued.adding(days: 20 + 15 * level + generator.next(40))
        facts.append(.reminder(level: generator.next(15) == 0 ? 5 : level, channel: .letter, on: sent, note: nil))
      }
      if generator.next(12) == 0, let first = facts.first { facts.append(first) }  // the same fact twice
      result.append(InvoiceAdoption(draft: draft, facts: facts))
    }
    return result
  }

  /// The adoptions recorded one command at a time, each whole or not at all, as the
  /// sync did before `adopt`: the indexes refused.
  static func oneAtATime(_ adoptions: [InvoiceAdoption], in session: LedgerSession) throws -> Set<Int> {
    var refused: Set<Int> = []
    for (index, adoption) in adoptions.enumerated() {
      do {
        try session.database.inSavepoint {
          let name = adoption.draft.clientName
          if try session.findClient(named: name) == nil { _ = try session.addClient(Client(name: name)) }
          let invoice = try session.addInvoice(adoption.draft, numberAsFound: true)  // (a tracker's number, as found)
          for fact in adoption.facts {
            switch fact {
            case let .payment(amount, day, method, note):
              let details = try session.details(of: invoice.number, asOf: day)
              let balance = try session.currentBalance(of: session.invoice(numbered: invoice.number))
              guard let take = amount ?? (balance.isPositive ? balance : nil) else { continue }
              // Above a positive balance, the rest is the client's credit.
              let allocated = balance.isPositive ? min(take, balance) : take
              _ = try session.addPayment(PaymentDraft(
                amount: take, receivedOn: day, method: method, clientName: details.client.name, invoices: [(invoice.number, allocated)],
                allowCredit: take > allocated, force: true, note: note))
            case .paymentWithCredit:
              Issue.record("an adoption is never given a payment with credit")
            case let .dispute(day):
              _ = try session.setDispute(invoice.number, from: day)
            case let .reminder(level, channel, day, note):
              _ = try session.recordReminder(invoice.number, level: level, channel: channel, on: day, note: note, force: true)
            }
          }
          return .commit
        }
      } catch is LedgerError {
        refused.insert(index)
      }
    }
    return refused
  }

  /// What a ledger holds, to compare two: every invoice line and the journal's entities.
  static func contents(_ session: LedgerSession) throws -> [String] {
    var lines = try session.invoiceLines(asOf: day("2025-06-30")).map { line in
      "\(line.number) \(line.client) \(line.issueDate) \(line.dueDate) \(line.ttc) \(line.status) paid \(line.paid) "
        + "last \(line.lastPayment.map { "\($0.day) \($0.method)" } ?? "-") reminders \(line.reminders.map { "\($0.level)@\($0.sentOn)" })"
    }
    lines += try Row.fetchAll(session.database, sql: "SELECT name FROM client ORDER BY name").map { "client \($0[0] as String)" }
    // (A reminder recorded one at a time with --force notes in the journal what was forced;
    // a tracker's reminders are adopted as found, nothing forced by a person.)
    lines += try Row.fetchAll(
      session.database, sql: "SELECT entity, COUNT(*) FROM journal WHERE field IS NOT 'forced' GROUP BY entity ORDER BY entity"
    ).map {
      "journal \($0[0] as String) \($0[1] as Int)"
    }
    return lines
  }

  @Test(arguments: [1, 2, 3] as [UInt64])
  func adoptingAllAtOnceIsAdoptingOneByOne(seed: UInt64) throws {
    let adoptions = Self.adoptions(seed: seed, count: 150)
    let bulk = try TemporaryLedger()
    let errors = try bulk.write("pull") { try $0.adopt(adoptions) }
    let single = try TemporaryLedger()
    let refused = try single.write("pull") { try Self.oneAtATime(adoptions, in: $0) }
    #expect(Set(errors.keys) == refused)
    #expect(!refused.isEmpty && refused.count < adoptions.count / 2, "the generator makes some adoptions fail, not most")
    let expected = try single.read(Self.contents)
    let actual = try bulk.read(Self.contents)
    #expect(actual == expected)
    #expect(actual.contains { $0.hasPrefix("journal reminder") } && actual.contains { $0.hasPrefix("journal payment") })
  }

  @Test func aRefusedAdoptionLeavesNothingAndSaysWhy() throws {
    let ledger = try TemporaryLedger()
    let issued = day("2024-03-01")
    let draft = InvoiceDraft(clientName: "Nouveau client", issueDate: issued, ht: euros("100.00"), vatRate: .standard,
      number: fa(24, 7))
    let errors = try ledger.write {
      try $0.adopt([
        InvoiceAdoption(
          draft: draft,
          facts: [
            .payment(amount: euros("50.00"), receivedOn: issued, method: .virement, note: nil),
            .reminder(level: 7, channel: .letter, on: issued.adding(days: 40), note: nil),
          ])
      ])
    }
    guard case .reminderRefused? = errors[0] else {
      Issue.record("expected a refused reminder, got \(String(describing: errors[0]))")
      return
    }
    #expect(try ledger.count("invoice") == 0)
    #expect(try ledger.count("client") == 0)
    #expect(try ledger.count("payment") == 0)
  }

  /// A tracker whose amount paid is above the total (500 paid on 120 TTC): the invoice is
  /// settled and the rest is the client's credit, as the sheet says; nothing is refused.
  @Test func paidAboveTheTotalSettlesTheInvoiceAndLeavesCredit() throws {
    let ledger = try TemporaryLedger()
    let issued = day("2024-03-01")
    let draft = InvoiceDraft(clientName: "Nouveau client", issueDate: issued, ht: euros("100.00"), vatRate: .standard, number: fa(24, 7))
    let errors = try ledger.write {
      try $0.adopt([InvoiceAdoption(draft: draft, facts: [.payment(amount: euros("500.00"), receivedOn: issued, method: .virement, note: nil)])])
    }
    #expect(errors.isEmpty)
    let details = try ledger.read { try $0.details(of: "FA-240007", asOf: issued) }
    #expect(details.balance == .zero)
    #expect(details.payments.map(\.amount) == [euros("120.00")])  // what settles this invoice
    #expect(try ledger.read { try $0.credits(clientId: details.client.id!) }.map(\.credit) == [euros("380.00")])
  }
}
