import CivilDate
import Foundation
import GRDB
import Testing
import TestSupport

@testable import Ledger

/// Late-payment claims as French law computes them, each test citing its rule: C. com.
/// L441-10 II (penalties, their rate), D441-5 (the 40 € indemnity), C. civ. 1231-6 (a
/// consumer's legal interest), C. mon. fin. L313-2 (the legal rate, by half-year).
@Suite struct LatePaymentLawTests {
  static func invoice(ttc: Int64, due: String, payments: [(String, Int64)] = [], credits: [(String, Int64)] = []) -> InvoiceFacts {
    InvoiceFacts(
      issueDate: day(due).adding(days: -30), dueDate: day(due), ttc: Cents(ttc),
      settlements: payments.map { .init(day: day($0.0), amount: Cents($0.1)) } + credits.map { .init(day: day($0.0), amount: Cents($0.1), isCreditNote: true) })
  }

  /// L441-10 II: "le taux d'intérêt appliqué par la BCE … en vigueur au 1er janvier pour le
  /// premier semestre … au 1er juillet pour le second, majoré de 10 points": days in H2 2024
  /// bear 14.25 %, days in H1 2025 13.15 %, days in H2 2025 12.15 % — not one flat rate.
  @Test func eachDayBearsTheECBRateOfItsHalfYearPlusTenPoints() {
    let claim = LatePaymentPenalty.claim(Self.invoice(ttc: 100_000, due: "2024-12-31"), asOf: day("2025-07-10"), terms: .init())
    #expect(claim.periods.map(\.rateBasisPoints) == [1315, 1215])
    #expect(claim.periods.map(\.days) == [181, 10])
    // 1000.00 × (13.15 % × 181 + 12.15 % × 10) / 365 = 68.5370… → 68.54
    #expect(claim.interest == Cents(6_854))
    let h2 = LatePaymentPenalty.claim(Self.invoice(ttc: 100_000, due: "2024-11-30"), asOf: day("2024-12-31"), terms: .init())
    #expect(h2.periods.map(\.rateBasisPoints) == [1425])
    #expect(h2.interest == Cents(1_210))  // 1000.00 × 14.25 % × 31 / 365 = 12.1027…
  }

  /// L441-10 II: penalties run on every amount paid late until the day it was paid —
  /// 1,200 TTC of which 1,100 was paid 274 days late: 274 days on 1,200, then 100.
  @Test func anAmountPaidLateBearsPenaltiesUntilTheDayItWasPaid() {
    let facts = Self.invoice(ttc: 120_000, due: "2025-01-31", payments: [("2025-11-01", 110_000)])
    let claim = LatePaymentPenalty.claim(facts, asOf: day("2025-12-01"), terms: .init())
    #expect(claim.periods.map(\.amount) == [Cents(120_000), Cents(120_000), Cents(10_000)])
    #expect(claim.periods.map(\.days) == [150, 124, 30])
    // (1200 × 13.15 % × 150 + 1200 × 12.15 % × 124 + 100 × 12.15 % × 30) / 365 = 115.3799…
    #expect(claim.interest == Cents(11_538))
    // Paid in full, late: the claim stays, to the day of the payment.
    let settled = Self.invoice(ttc: 120_000, due: "2025-01-31", payments: [("2025-11-01", 120_000)])
    let done = LatePaymentPenalty.claim(settled, asOf: day("2025-12-01"), terms: .init())
    #expect(done.periods.last?.to == day("2025-11-01"))
    #expect(done.indemnity == Cents(4_000))
  }

  /// L441-10 II: penalties are due "sans qu'un rappel soit nécessaire", from the day after
  /// the due date; an invoice paid in time owes nothing, and a payment before the due date
  /// reduces what bears them.
  @Test func anInvoicePaidOnItsDueDateOwesNothing() {
    let onTime = LatePaymentPenalty.claim(Self.invoice(ttc: 50_000, due: "2025-03-31", payments: [("2025-03-31", 50_000)]), asOf: day("2025-12-01"), terms: .init())
    #expect(onTime.interest == .zero && onTime.indemnity == nil && onTime.periods.isEmpty)
    let part = LatePaymentPenalty.claim(Self.invoice(ttc: 50_000, due: "2025-03-31", payments: [("2025-03-01", 30_000)]), asOf: day("2025-04-30"), terms: .init())
    #expect(part.periods.map(\.amount) == [Cents(20_000)])
    #expect(part.indemnity == Cents(4_000))
  }

  /// D441-5: the 40 € recovery indemnity, once per invoice paid late, from professionals.
  @Test func theIndemnityIsFortyEurosPerLateInvoiceFromProfessionalsOnly() {
    let facts = Self.invoice(ttc: 50_000, due: "2025-03-31")
    #expect(LatePaymentPenalty.claim(facts, asOf: day("2025-03-31"), terms: .init()).indemnity == nil)  // not late yet
    #expect(LatePaymentPenalty.claim(facts, asOf: day("2025-04-01"), terms: .init()).indemnity == Cents(4_000))
    #expect(LatePaymentPenalty.claim(facts, asOf: day("2025-04-01"), terms: .init(isConsumer: true)).indemnity == nil)
    #expect(LatePaymentPenalty.claim(facts, asOf: day("2025-04-01"), terms: .init()).basis.rawValue == "L441-10")
  }

  /// C. civ. 1231-6 (and L441-10 being for professionals): a consumer owes interest at the
  /// legal rate, from the mise en demeure — nothing before, no indemnity.
  @Test func aConsumerOwesLegalInterestFromTheMiseEnDemeureOnly() {
    let facts = Self.invoice(ttc: 100_000, due: "2025-03-31")
    #expect(LatePaymentPenalty.claim(facts, asOf: day("2025-09-30"), terms: .init(isConsumer: true)).interest == .zero)
    let claim = LatePaymentPenalty.claim(facts, asOf: day("2025-09-30"), terms: .init(isConsumer: true, miseEnDemeure: day("2025-06-20")))
    #expect(claim.basis == .legalInterest)
    #expect(claim.periods.map(\.rateBasisPoints) == [371, 276])  // 3.71 % (H1 2025), 2.76 % (H2 2025)
    #expect(claim.periods.first?.from == day("2025-06-21"))
    // 1000.00 × (3.71 % × 10 + 2.76 % × 92) / 365 = 7.9727… → 7.97
    #expect(claim.interest == Cents(797))
  }

  /// L441-10 II: a contractual rate "ne peut être inférieur à trois fois le taux d'intérêt
  /// légal": refused when set, and never applied below that floor.
  @Test func aContractualRateBelowThreeTimesTheLegalRateIsRefused() throws {
    let store = try TemporaryLedger(clock: { Date(timeIntervalSince1970: 1_768_000_000) })  // 2026-01-09: 2026-H1, legal 2.62 %
    #expect(throws: LedgerError.self) { try store.write { try $0.setSetting(key: "penalty.rate", value: "7.5") } }  // < 7.86
    try store.write { try $0.setSetting(key: "penalty.rate", value: "8") }
    #expect(try store.read { try $0.settings() }.contractualRateBasisPoints == 800)
    // In a half-year whose legal rate was higher (H1 2024: 5.07 %), the floor applies.
    let terms = LatePaymentPenalty.Terms(contractualBasisPoints: 800)
    #expect(terms.rate(in: HalfYear("2024-H1")!).basisPoints == 1521)
    #expect(terms.rate(in: HalfYear("2026-H1")!).basisPoints == 800)
  }

  /// A half-year the shipped table does not know yet uses the last known rate, and says so
  /// (provisional) until the assistant adds it (`suivi config set rate.ecb.2026-H2 …`).
  @Test func aHalfYearMissingFromTheTableIsProvisionalUntilItsRateIsSet() throws {
    let facts = Self.invoice(ttc: 100_000, due: "2026-05-31")
    var settings = LedgerSettings()
    let before = LatePaymentPenalty.claim(facts, asOf: day("2026-07-31"), terms: settings.penaltyTerms())
    #expect(before.provisionalHalfYears == [HalfYear("2026-H2")!])
    try settings.apply(key: "rate.ecb.2026-H2", value: "2.40")
    let after = LatePaymentPenalty.claim(facts, asOf: day("2026-07-31"), terms: settings.penaltyTerms())
    #expect(after.provisionalHalfYears.isEmpty)
    #expect(after.periods.map(\.rateBasisPoints) == [1215, 1240])
  }

  /// The claim is the sum, day by day, of what was unpaid that day times that day's rate
  /// (a reference computed one day at a time): across half-year boundaries, partial
  /// payments, credit notes, and consumers after a mise en demeure. Seeded.
  @Test(arguments: 0..<200)
  func theClaimIsTheSumOfEachDaysInterest(seed: UInt64) {
    var random = SplitMix64(state: seed)
    let due = Day(year: 2019 + random.below(7), month: 1 + random.below(12), day: 1 + random.below(28))!
    let ttc = Int64(1 + random.below(5_000_000))
    var settlements: [InvoiceFacts.Settlement] = []
    for _ in 0..<random.below(4) {
      settlements.append(.init(day: due.adding(days: random.below(900) - 60), amount: Cents(Int64(random.below(Int(ttc) / 2 + 1))), isCreditNote: random.below(5) == 0))
    }
    let facts = InvoiceFacts(issueDate: due.adding(days: -30), dueDate: due, ttc: Cents(ttc), settlements: settlements)
    let asOf = due.adding(days: random.below(1_200))
    var terms = LatePaymentPenalty.Terms(isConsumer: random.below(3) == 0)
    if terms.isConsumer, random.below(2) == 0 { terms.miseEnDemeure = due.adding(days: random.below(400)) }
    if !terms.isConsumer, random.below(4) == 0 { terms.contractualBasisPoints = Int64(random.below(2_000)) }
    // The reference, one day at a time.
    let owed = ttc - settlements.filter { $0.isCreditNote && $0.day <= asOf }.map(\.amount.value).reduce(0, +)
    var numerator: Int128 = 0
    var unpaidAtDue = owed
    for s in settlements where !s.isCreditNote && s.day <= due { unpaidAtDue -= s.amount.value }
    if unpaidAtDue > 0, !(terms.isConsumer && terms.miseEnDemeure == nil) {
      var d = due.adding(days: 1)
      if let sent = terms.miseEnDemeure, terms.isConsumer { d = max(d, sent.adding(days: 1)) }
      while d <= asOf {
        let unpaid = owed - settlements.filter { !$0.isCreditNote && $0.day < d }.map(\.amount.value).reduce(0, +)
        if unpaid > 0 { numerator += Int128(unpaid) * Int128(terms.rate(in: HalfYear(containing: d)).basisPoints) }
        d = d.adding(days: 1)
      }
    }
    let expected = Cents(Rounding.divideHalfUp(wide: numerator, by: 10_000 * 365))
    let claim = LatePaymentPenalty.claim(facts, asOf: asOf, terms: terms)
    #expect(claim.interest == expected, "seed \(seed): due \(due), as of \(asOf), \(settlements), \(terms.isConsumer)")
    // Periods never cross a half-year, never overlap, and follow each other.
    for (a, b) in zip(claim.periods, claim.periods.dropFirst()) {
      #expect(a.to < b.from, "seed \(seed)")
    }
    for period in claim.periods { #expect(HalfYear(containing: period.from) == HalfYear(containing: period.to), "seed \(seed)") }
  }
}
