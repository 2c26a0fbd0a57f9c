import CivilDate
import Ledger
import Testing
import TestSupport

@testable import Bank

/// Which credit pays which invoice, on the evidence a bank gives: a number in the label, the
/// payer, the amount. Certain only when it cannot be wrong.
@Suite struct MatcherTests {
  static let day = Day(year: 2024, month: 12, day: 2)!
  static let invoices = [
    OpenInvoice(number: "FA-240001", client: "Dumont & Fils", balance: Cents(120_000), dueDate: Day(year: 2024, month: 10, day: 2)!),
    OpenInvoice(number: "FA-240002", client: "Dumont & Fils", balance: Cents(48_000), dueDate: Day(year: 2024, month: 10, day: 20)!),
    OpenInvoice(number: "FA-240003", client: "Boulangerie Lefèvre", balance: Cents(35_000), dueDate: Day(year: 2024, month: 11, day: 4)!),
    OpenInvoice(number: "151", client: "Café « Le Zinc »", balance: Cents(9_990), dueDate: Day(year: 2024, month: 11, day: 10)!),
    OpenInvoice(number: "F-2026-00004441", client: "Garage Renaud", balance: Cents(50_000), dueDate: Day(year: 2024, month: 11, day: 15)!),
    OpenInvoice(number: "FA-240004", client: "Garage Renaud", balance: Cents(35_000), dueDate: Day(year: 2024, month: 11, day: 20)!),
  ]
  static let clients = ["Dumont & Fils", "Boulangerie Lefèvre", "Café « Le Zinc »", "Garage Renaud"].map { KnownClient(name: $0) }
  let matcher = Matcher(invoices: invoices, clients: clients)

  func credit(_ cents: Int64, _ label: String, payer: String? = nil, remittance: [String] = []) -> BankMovement {
    BankMovement(bookedOn: Self.day, amount: Cents(cents), label: label, payer: payer, remittance: remittance, line: 1)
  }

  @Test func aNumberInTheLabelIsFoundHoweverItIsWritten() {
    for label in ["VIR SEPA DUMONT FA-240001", "VIREMENT FA 240001", "FACTURE FA240001", "REGLEMENT FA-0240001", "FACTURE 240001"] {
      let best = matcher.match(credit(120_000, label)).first
      #expect(best?.certain == true && best?.allocations == [.init(number: "FA-240001", amount: Cents(120_000))], "\(label)")
    }
    #expect(matcher.match(credit(9_990, "VIR FACTURE 151 ZINC")).first?.allocations.first?.number == "151")
    #expect(matcher.match(credit(50_000, "VIR RENAUD F 2026 4441")).first?.allocations.first?.number == "F-2026-00004441")
    // A number cut by the bank's 31 characters: `FACTURE 2` in the label, `40001` in its complement.
    let cut = matcher.match(credit(120_000, "VIR SEPA GARAGE FACTURE 2", remittance: ["40001"])).first
    #expect(cut?.certain == true && cut?.allocations.first?.number == "FA-240001", "\(String(describing: cut))")
    // A cheque's number that happens to be an invoice's digits: a proposal, unless the amount is
    // that invoice's balance exactly.
    #expect(matcher.match(credit(50_000, "REMISE CHEQUE 240001")).first?.certain == false)
    #expect(matcher.match(credit(120_000, "REMISE CHEQUE 240001")).first?.certain == true)
    // Digits in two pieces with no word saying an invoice follows are not one.
    #expect(matcher.match(credit(120_000, "CB 24 0001 STATION")).first?.certain != true)
    // A number of three digits alone is not taken for an invoice: it may be anything.
    #expect(matcher.match(credit(9_990, "CB 151 BOUTIQUE")).first?.certain != true)
  }

  @Test func aPartialPaymentOfANamedInvoiceIsCertainAnOverpaymentIsNot() {
    let partial = matcher.match(credit(50_000, "VIR DUMONT FA-240001")).first
    #expect(partial?.certain == true && partial?.evidence.contains(.partialPayment) == true && partial?.allocations.first?.amount == Cents(50_000))
    #expect(matcher.match(credit(130_000, "VIR DUMONT FA-240001")).first?.certain == false, "more than the balance: proposed")
  }

  @Test func severalNamedInvoicesSettledExactlyAreCertain() {
    let both = matcher.match(credit(168_000, "VIR DUMONT FACTURES FA-240001 FA-240002")).first
    #expect(both?.certain == true && both?.allocations.map(\.number) == ["FA-240001", "FA-240002"])
    #expect(matcher.match(credit(160_000, "VIR DUMONT FACTURES FA-240001 FA-240002")).first?.certain == false)
  }

  @Test func aKnownPayersExactAmountIsCertainAGuessIsProposed() {
    let byName = matcher.match(credit(35_000, "VIR SEPA BOULANGERIE LEFEVRE")).first
    #expect(byName?.certain == true && byName?.allocations.first?.number == "FA-240003", "\(String(describing: byName))")
    // A typo in the name: a proposal.
    let typo = matcher.match(credit(35_000, "VIR BOULANGRIE LEFEBVRE")).first
    #expect(typo?.certain == false && typo?.allocations.first?.number == "FA-240003", "\(String(describing: typo))")
    // Garage Renaud owes 500 and 350: 850 is their sum, a unique combination.
    let sum = matcher.match(credit(85_000, "VIR GARAGE RENAUD SARL")).first
    #expect(sum?.certain == true && Set(sum?.allocations.map(\.number) ?? []) == ["F-2026-00004441", "FA-240004"])
    // 350 is one balance of Garage Renaud and another client's: the payer decides.
    #expect(matcher.match(credit(35_000, "VIR GARAGE RENAUD")).first?.allocations.first?.number == "FA-240004")
    // An amount alone, owed by two clients: proposals, never applied.
    let alone = matcher.match(credit(35_000, "VIR SEPA INCONNU"))
    #expect(alone.count == 2 && alone.allSatisfy { !$0.certain })
    // The IBAN learnt makes it certain.
    let learnt = Matcher(invoices: Self.invoices, clients: [KnownClient(name: "Boulangerie Lefèvre", ibans: ["FR7630006000011234567890189"])])
    #expect(learnt.match(credit(35_000, "VIR SEPA B.L."), payerIBAN: "FR7630006000011234567890189").first?.certain == true)
  }

  @Test func anIBANSeveralClientsPayFromOrTwoAlikeNamesMakeNothingCertain() {
    // An accountant's IBAN both clients have paid from: it says nothing.
    let shared = Matcher(
      invoices: Self.invoices,
      clients: [KnownClient(name: "Boulangerie Lefèvre", ibans: ["FR76X"]), KnownClient(name: "Garage Renaud", ibans: ["FR76X"])])
    #expect(shared.match(credit(35_000, "VIR SEPA CABINET COMPTABLE"), payerIBAN: "FR76X").allSatisfy { !$0.certain })
    // Two clients whose names are alike, each owing the amount: neither is applied.
    let alike = Matcher(
      invoices: [
        OpenInvoice(number: "A1", client: "Garage Renaud", balance: Cents(10_000), dueDate: Self.day),
        OpenInvoice(number: "B1", client: "Garage Renaud Fils", balance: Cents(10_000), dueDate: Self.day),
      ], clients: [KnownClient(name: "Garage Renaud"), KnownClient(name: "Garage Renaud Fils")])
    let both = alike.match(credit(10_000, "VIR GARAGE RENAUD FILS"))
    #expect(!both.isEmpty && both.allSatisfy { !$0.certain }, "\(both)")
  }

  @Test func debitsAndUnknownCreditsAreLeftAlone() {
    #expect(matcher.match(credit(-790, "COMMISSION D INTERVENTION")).isEmpty)
    #expect(matcher.match(credit(12_345, "VIR SEPA INCONNU")).isEmpty)
  }

  @Test func theMethodIsReadFromTheLabel() {
    #expect(Matcher.method(of: "VIR SEPA DUMONT") == .virement)
    #expect(Matcher.method(of: "REMISE CHEQUE 1234567") == .cheque)
    #expect(Matcher.method(of: "CB ZINC 02/12") == .carte)
    #expect(Matcher.method(of: "VERSEMENT ESPECES") == .especes)
  }

  /// The closeness said with a threshold (the distance cut short past it) is the one computed
  /// in full whenever it reaches the threshold, and 0 only when it does not.
  @Test func aThresholdCutsTheWorkNeverTheAnswer() {
    var random = SplitMix64(state: 80)
    let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ ")
    var scratch: [Int] = []
    for round in 0..<5_000 {
      let a = String((0..<(1 + random.below(30))).map { _ in letters[random.below(letters.count)] })
      var b = Array(a)
      for _ in 0..<random.below(8) where !b.isEmpty { b[random.below(b.count)] = letters[random.below(letters.count)] }
      if random.below(3) == 0 { b.append(contentsOf: "XY") }
      let (x, y) = (PayerNames.Name(a), PayerNames.Name(String(b)))
      let full = PayerNames.closeness(x, y, scratch: &scratch)
      for threshold in [50, 80, 90] {
        let cut = PayerNames.closeness(x, y, atLeast: threshold, scratch: &scratch)
        #expect(full >= threshold ? cut == full : cut < threshold, "seed 80, round \(round): '\(a)' '\(String(b))' \(full) vs \(cut) at \(threshold)")
      }
    }
  }
}
