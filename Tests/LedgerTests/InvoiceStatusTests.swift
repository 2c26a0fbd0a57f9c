import OOXML
import Testing

@testable import Ledger

/// The status is a pure function of the facts and the day: one test per rule.
@Suite struct InvoiceStatusTests {
  let policy = DunningPolicy.standard
  /// FA-240001 of the seed: 500 €, 2024-11-02, due 2024-12-02.
  let facts = InvoiceFacts(issueDate: day("2024-11-02"), dueDate: day("2024-12-02"), ttc: Cents(50_000))

  func status(_ facts: InvoiceFacts, _ text: String) -> InvoiceStatus { InvoiceStatus.derive(facts, asOf: day(text), policy: policy) }

  @Test func pendingWithinTermsThenToRemindThenLate() {
    #expect(status(facts, "2024-11-02") == .pending)
    #expect(status(facts, "2024-12-02") == .pending)  // the due date itself is within terms
    #expect(status(facts, "2024-12-03") == .toRemind)
    var reminded = facts
    reminded.reminders = [.init(level: 1, sentOn: day("2024-12-03"))]
    #expect(status(reminded, "2024-12-10") == .late)  // reminded, next one not due yet
    #expect(status(reminded, "2024-12-18") == .toRemind)  // 15 days later: level 2
  }

  @Test func partialPaymentLeavesARemainder() {
    var partial = facts
    partial.settlements = [.init(day: day("2024-11-20"), amount: Cents(10_000))]
    #expect(status(partial, "2024-11-19") == .pending)  // the payment has not arrived yet
    #expect(status(partial, "2024-11-20") == .partiallyPaid)
    #expect(partial.balance(asOf: day("2024-11-20")) == Cents(40_000))
    #expect(status(partial, "2024-12-05") == .toRemind)  // past due, a remainder is owed
  }

  @Test func paidWhenNothingIsLeft() {
    var paid = facts
    paid.settlements = [.init(day: day("2024-11-15"), amount: Cents(30_000)), .init(day: day("2024-11-20"), amount: Cents(20_000))]
    #expect(status(paid, "2024-11-16") == .partiallyPaid)
    #expect(status(paid, "2024-11-20") == .paid)
    #expect(status(paid, "2025-06-01") == .paid)
  }

  /// A credit note settles too; one that leaves nothing owed with nothing paid cancels the
  /// invoice (*annulée par avoir*): it is said cancelled, not paid.
  @Test func aCreditNoteSettlesToo() {
    var credited = facts
    credited.settlements = [.init(day: day("2024-11-10"), amount: Cents(50_000), isCreditNote: true)]
    #expect(status(credited, "2024-11-10") == .voided)
    #expect(credited.credited(asOf: day("2024-11-10")) == Cents(50_000))
    #expect(credited.paid(asOf: day("2024-11-10")) == .zero)
    var partly = facts
    partly.settlements = [
      .init(day: day("2024-11-10"), amount: Cents(10_000), isCreditNote: true), .init(day: day("2024-11-12"), amount: Cents(40_000)),
    ]
    #expect(status(partly, "2024-11-11") == .partiallyPaid)
    #expect(status(partly, "2024-11-12") == .paid)
  }

  @Test func litigeIsNeverReminded() {
    var disputed = facts
    disputed.disputedOn = day("2024-12-01")
    #expect(status(disputed, "2024-11-30") == .pending)
    #expect(status(disputed, "2024-12-20") == .disputed)
    #expect(policy.nextStep(for: disputed, asOf: day("2025-06-01")) == nil)
  }

  @Test func voidedKeepsNothingOwed() {
    var voided = facts
    voided.voidedOn = day("2024-11-05")
    #expect(status(voided, "2024-11-04") == .pending)
    #expect(status(voided, "2024-11-05") == .voided)
    #expect(voided.balance(asOf: day("2025-01-01")) == .zero)
    #expect(policy.nextStep(for: voided, asOf: day("2025-01-01")) == nil)
  }

  @Test func draftUntilApprovedOrFortyEightHoursPass() {
    var draft = facts
    draft.needsApproval = true
    #expect(status(draft, "2024-11-04") == .draft)  // not submitted to the client yet
    draft.submittedOn = day("2024-11-02")
    #expect(status(draft, "2024-11-02") == .draft)
    #expect(status(draft, "2024-11-03") == .draft)
    #expect(status(draft, "2024-11-04") == .pending)  // 48 hours after its submission without answer
    draft.approvedOn = day("2024-11-03")
    #expect(status(draft, "2024-11-03") == .pending)
    #expect(status(facts, "2024-11-01") == .draft)  // not issued yet
  }

  @Test func creditNotesAreSettled() {
    var note = facts
    note.kind = .creditNote
    #expect(status(note, "2025-01-01") == .paid)
    #expect(note.balance(asOf: day("2025-01-01")) == .zero)
  }
}

@Suite struct DunningPolicyTests {
  let policy = DunningPolicy.standard
  let facts = InvoiceFacts(issueDate: day("2024-11-02"), dueDate: day("2024-12-02"), ttc: Cents(50_000))

  func sent(_ levels: [(Int, String)]) -> InvoiceFacts {
    var facts = facts
    facts.reminders = levels.map { .init(level: $0.0, sentOn: day($0.1)) }
    return facts
  }

  @Test func theFourStepsOfTheSeeds() {
    let levels = policy.activeLevels
    #expect(levels.map(\.channel) == [.phone, .registeredLetter, .registeredLetterAR, .court])
    #expect(levels.map(\.payWithinDays) == [nil, 8, 2, nil])
    #expect(levels.map(\.claimsPenalty) == [false, false, true, true])
    #expect(policy.spacingDays == 15)
  }

  @Test func neverWithinTerms() {
    #expect(policy.nextStep(for: facts, asOf: day("2024-12-02")) == nil)
    #expect(policy.nextStep(for: facts, asOf: day("2024-12-03"))?.level.level == 1)
    var generous = policy
    generous.firstDelayDays = 0  // even a zero delay never fires on the due date
    #expect(generous.nextStep(for: facts, asOf: day("2024-12-02")) == nil)
  }

  @Test func levelsAreSpacedFromThePreviousReminder() {
    let one = sent([(1, "2024-12-10")])
    #expect(policy.nextStep(for: one, asOf: day("2024-12-24")) == nil)
    #expect(policy.nextStep(for: one, asOf: day("2024-12-25"))?.level.level == 2)
    let three = sent([(1, "2024-12-10"), (2, "2024-12-25"), (3, "2025-01-09")])
    #expect(policy.nextStep(for: three, asOf: day("2025-01-24"))?.level.name == "injonction de payer")
    let four = sent([(1, "2024-12-10"), (2, "2024-12-25"), (3, "2025-01-09"), (4, "2025-01-24")])
    #expect(policy.nextStep(for: four, asOf: day("2026-01-01")) == nil)
  }

  @Test func remindersAfterTheDayDoNotCount() {
    let later = sent([(1, "2024-12-20")])
    #expect(policy.nextStep(for: later, asOf: day("2024-12-10"))?.level.level == 1)
  }

  @Test func configurableLevelsAndSpacing() throws {
    var settings = LedgerSettings()
    try settings.apply(key: "dunning.spacing_days", value: "7")
    try settings.apply(key: "dunning.levels", value: "2")
    try settings.apply(key: "dunning.level.1.channel", value: "email")
    let one = sent([(1, "2024-12-10")])
    #expect(settings.dunning.nextStep(for: one, asOf: day("2024-12-17"))?.level.level == 2)
    #expect(settings.dunning.nextStep(for: sent([(1, "2024-12-10"), (2, "2024-12-17")]), asOf: day("2025-06-01")) == nil)
    #expect(settings.dunning.levels[0].channel == .email)
    #expect(throws: LedgerError.self) { try settings.apply(key: "dunning.levels", value: "5") }
    #expect(throws: LedgerError.self) { try settings.apply(key: "dunning.colour", value: "red") }
  }
}

@Suite struct LatePaymentPenaltyTests {
  /// C. com. L441-10 II: the ECB rate in force on 1 January or 1 July of the half-year,
  /// plus 10 points; a contractual rate instead, never below three times the legal rate.
  @Test func defaultRateIsTheHalfYearsECBRatePlusTenPoints() throws {
    var settings = LedgerSettings()
    let (h2024, h2025) = (HalfYear("2024-H2")!, HalfYear("2025-H1")!)
    #expect(settings.penaltyRate(in: h2024) == DatedRates.Applied(basisPoints: 1425, isKnown: true))
    #expect(settings.penaltyRate(in: h2025) == DatedRates.Applied(basisPoints: 1315, isKnown: true))
    try settings.apply(key: "rate.ecb.2025-H1", value: "4.5")
    #expect(settings.penaltyRate(in: h2025).basisPoints == 1450)
    try settings.apply(key: "penalty.rate", value: "15")
    #expect(settings.penaltyRate(in: h2025).basisPoints == 1500)
    try settings.apply(key: "penalty.rate", value: "")
    #expect(settings.penaltyRate(in: h2025).basisPoints == 1450)
    #expect(throws: LedgerError.self) { try settings.apply(key: "penalty.ecb_rate", value: "2.15") }
    #expect(throws: LedgerError.self) { try settings.apply(key: "rate.ecb.2025-H3", value: "2.15") }
  }

  @Test func unpaidTimesRateTimesDaysOver365() {
    // 1000.00 × 12.15 % × 30 / 365 = 9.9863… → 9.99
    #expect(LatePaymentPenalty.interest(unpaid: Cents(100_000), rateBasisPoints: 1215, daysLate: 30) == Cents(999))
    // 400.00 × 12.15 % × 73 / 365 = 9.72 exactly
    #expect(LatePaymentPenalty.interest(unpaid: Cents(40_000), rateBasisPoints: 1215, daysLate: 73) == Cents(972))
    #expect(LatePaymentPenalty.interest(unpaid: Cents(40_000), rateBasisPoints: 1215, daysLate: 0) == .zero)
    #expect(LatePaymentPenalty.interest(unpaid: .zero, rateBasisPoints: 1215, daysLate: 10) == .zero)
  }
}

@Suite struct AgedBalanceTests {
  @Test(arguments: [(-5, 0), (0, 0), (1, 1), (30, 1), (31, 2), (60, 2), (61, 3), (90, 3), (91, 4), (400, 4)])
  func bucketsByDaysPastDue(daysLate: Int, bucket: Int) {
    var aged = AgedBalance()
    aged.add(Cents(100), daysLate: daysLate)
    #expect(aged.buckets[bucket].amount == Cents(100))
    #expect(aged.total == Cents(100))
  }
}
