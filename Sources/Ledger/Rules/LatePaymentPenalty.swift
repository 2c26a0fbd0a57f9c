import CivilDate

/// What a late invoice lets the business claim, computed day by day (C. com. L441-10 II,
/// D441-5; C. civ. 1231-6).
///
/// - **Penalties run on every amount paid late, until the day it was paid**: each day from
///   the day after the due date, the amount still unpaid that day (TTC less what credit
///   notes took off, less the payments received before that day) bears the rate of the
///   day's half-year: 1,200 TTC of which 1,100 was paid 274 days late bears 274 days on
///   1,200, then on 100 only. Interest is `amount × rate × days / 365`, summed over the
///   stretches of days and rounded once, to the cent, half up.
/// - **The rate is the half-year's**: for a professional client, the ECB main refinancing
///   rate in force on 1 January or 1 July of the half-year each day falls in, plus 10
///   points (``LedgerSettings/penaltyMarginBasisPoints``), or a contractual rate, never
///   below three times that half-year's legal interest rate.
/// - **A consumer owes no L441-10 penalty and no indemnity**: the legal interest rate (a
///   professional creditor's) runs from the day after the mise en demeure (C. civ.
///   1231-6); none before one is sent.
/// - **The 40 € recovery indemnity** (D441-5) is due once per invoice paid late, or unpaid
///   past its due date, by a professional.
public enum LatePaymentPenalty {
  /// What the claim depends on besides the invoice: who the client is, the rates, and the
  /// day of the mise en demeure.
  public struct Terms: Sendable, Equatable {
    public var isConsumer: Bool
    /// Points added to the ECB rate (1000 = 10 points).
    public var marginBasisPoints: Int64
    /// A rate agreed with the client, instead of ECB + margin.
    public var contractualBasisPoints: Int64?
    public var ecb: DatedRates
    public var legal: DatedRates
    public var indemnity: Cents
    /// The day the mise en demeure was sent (a consumer's interest runs from the next day).
    public var miseEnDemeure: Day?

    public init(
      isConsumer: Bool = false, marginBasisPoints: Int64 = 1000, contractualBasisPoints: Int64? = nil, ecb: DatedRates = .ecbMainRefinancing,
      legal: DatedRates = .legalInterestProfessional, indemnity: Cents = Cents(euros: 40), miseEnDemeure: Day? = nil
    ) {
      self.isConsumer = isConsumer
      self.marginBasisPoints = marginBasisPoints
      self.contractualBasisPoints = contractualBasisPoints
      self.ecb = ecb
      self.legal = legal
      self.indemnity = indemnity
      self.miseEnDemeure = miseEnDemeure
    }

    /// The annual rate for the days of `half`.
    public func rate(in half: HalfYear) -> DatedRates.Applied {
      let legalRate = legal.rate(in: half) ?? DatedRates.Applied(basisPoints: 0, isKnown: false)
      if isConsumer { return legalRate }
      if let contractual = contractualBasisPoints {
        let floor = 3 * legalRate.basisPoints
        return contractual >= floor
          ? DatedRates.Applied(basisPoints: contractual, isKnown: true) : DatedRates.Applied(basisPoints: floor, isKnown: legalRate.isKnown)
      }
      let ecbRate = ecb.rate(in: half) ?? DatedRates.Applied(basisPoints: 0, isKnown: false)
      return DatedRates.Applied(basisPoints: ecbRate.basisPoints + marginBasisPoints, isKnown: ecbRate.isKnown)
    }
  }

  /// The legal ground of a claim.
  public enum Basis: String, Sendable, Equatable {
    /// C. com. L441-10 II: a professional client's penalties (ECB + 10 points, or the
    /// contractual rate), due without a reminder.
    case commercialPenalty = "L441-10"
    /// C. civ. 1231-6: a consumer's interest at the legal rate, from the mise en demeure.
    case legalInterest = "1231-6"
  }

  /// The days of one amount at one rate.
  public struct Period: Sendable, Equatable {
    /// First and last day (both counted).
    public var from: Day
    public var to: Day
    /// What was unpaid on those days.
    public var amount: Cents
    /// The annual rate, in basis points.
    public var rateBasisPoints: Int64
    /// `false` when the half-year's rate is not in the table (the last known is used).
    public var rateIsKnown: Bool

    public var days: Int { to.days(since: from) + 1 }
    /// The interest of the period before rounding, in 1/(10,000 × 365) of a cent.
    var numerator: Int128 { Int128(amount.value) * Int128(rateBasisPoints) * Int128(days) }
  }

  /// A claim: the interest by period, its total and the indemnity.
  public struct Claim: Sendable, Equatable {
    public var basis: Basis
    public var periods: [Period]
    /// The total interest, rounded once to the cent, half up.
    public var interest: Cents
    /// The D441-5 indemnity (professionals, once per late invoice); `nil` when not due.
    public var indemnity: Cents?

    /// Half-years whose rate is not in the table yet: the claim is provisional.
    public var provisionalHalfYears: [HalfYear] {
      Array(Set(periods.filter { !$0.rateIsKnown }.map { HalfYear(containing: $0.from) })).sorted()
    }

    /// The rate of the last day counted.
    public var currentRateBasisPoints: Int64? { periods.last?.rateBasisPoints }

    public static func none(_ basis: Basis) -> Claim { Claim(basis: basis, periods: [], interest: .zero, indemnity: nil) }
  }

  /// What `facts` let the business claim as of `day` under `terms`.
  public static func claim(_ facts: InvoiceFacts, asOf day: Day, terms: Terms) -> Claim {
    let basis: Basis = terms.isConsumer ? .legalInterest : .commercialPenalty
    guard facts.kind == .invoice, !facts.isVoided(asOf: day), !facts.isDraft(asOf: day) else { return .none(basis) }
    // The amount owed: TTC less what credit notes took off.
    let owed = facts.ttc - facts.credited(asOf: day)
    let payments = facts.settlements.filter { !$0.isCreditNote && $0.day <= day }.sorted { $0.day < $1.day }
    // Late: unpaid after the due date, or paid after it.
    var unpaidAtDue = owed
    for payment in payments where payment.day <= facts.dueDate { unpaidAtDue = unpaidAtDue - payment.amount }
    let isLate = day > facts.dueDate && unpaidAtDue.isPositive
    var start = facts.dueDate.adding(days: 1)
    if terms.isConsumer {
      guard let sent = terms.miseEnDemeure else { return .none(basis) }
      start = max(start, sent.adding(days: 1))
    }
    var periods: [Period] = []
    if isLate, start <= day {
      var cursor = start
      var next = 0  // the first payment not yet taken off
      var unpaid = owed
      while cursor <= day {
        // Payments received before `cursor` no longer bear interest.
        while next < payments.count, payments[next].day < cursor {
          unpaid = unpaid - payments[next].amount
          next += 1
        }
        let half = HalfYear(containing: cursor)
        var end = min(day, half.last)
        if next < payments.count { end = min(end, payments[next].day) }
        if unpaid.isPositive {
          let rate = terms.rate(in: half)
          periods.append(Period(from: cursor, to: end, amount: unpaid, rateBasisPoints: rate.basisPoints, rateIsKnown: rate.isKnown))
        }
        cursor = end.adding(days: 1)
      }
    }
    let numerator = periods.reduce(Int128(0)) { $0 + $1.numerator }
    let interest = Cents(Rounding.divideHalfUp(wide: numerator, by: 10_000 * 365))
    return Claim(basis: basis, periods: periods, interest: interest, indemnity: isLate && !terms.isConsumer ? terms.indemnity : nil)
  }

  /// The penalty on `unpaid` at `rateBasisPoints` (1215 = 12.15 % a year) for `daysLate`
  /// days: one stretch at one rate (``claim(_:asOf:terms:)`` splits by half-year and
  /// payment).
  public static func interest(unpaid: Cents, rateBasisPoints: Int64, daysLate: Int) -> Cents {
    guard unpaid.isPositive, daysLate > 0, rateBasisPoints > 0 else { return .zero }
    return Cents(Rounding.productHalfUp(unpaid.value, rateBasisPoints, Int64(daysLate), dividedBy: 10_000 * 365))
  }
}
