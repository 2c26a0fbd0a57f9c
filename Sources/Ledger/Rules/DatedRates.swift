/// Rates fixed by half-year, each with its source: shipped for the half-years known when
/// this version was made (``ecbMainRefinancing``, ``legalInterestProfessional``), and
/// completed or corrected in a ledger's settings (`rate.ecb.2026-H2 = 2.15`,
/// `rate.legal.2026-H2 = 2.60`: ``LedgerSettings``).
public struct DatedRates: Sendable, Equatable {
  /// One half-year's rate.
  public struct Rate: Sendable, Equatable {
    /// Hundredths of a percent (215 = 2.15 %).
    public var basisPoints: Int64
    /// Where it comes from: the text that fixed it, or the ledger's setting.
    public var source: String
  }

  /// The rate a computation uses for a half-year, and whether it is that half-year's own.
  public struct Applied: Sendable, Equatable {
    public var basisPoints: Int64
    /// `false` when the table has no rate for the half-year: the last one before it is used,
    /// and the result is provisional until the rate is added.
    public var isKnown: Bool
  }

  public private(set) var rates: [HalfYear: Rate]

  public init(_ rates: [HalfYear: Rate]) { self.rates = rates }

  /// The rate of `half`: its own, or (not known) the last one before it; `nil` before the
  /// first half-year the table knows.
  public func rate(in half: HalfYear) -> Applied? {
    if let rate = rates[half] { return Applied(basisPoints: rate.basisPoints, isKnown: true) }
    guard let last = rates.keys.filter({ $0 < half }).max() else { return nil }
    return Applied(basisPoints: rates[last]!.basisPoints, isKnown: false)
  }

  public mutating func set(_ half: HalfYear, basisPoints: Int64, source: String) {
    rates[half] = Rate(basisPoints: basisPoints, source: source)
  }

  /// The half-years known, in order.
  public var halfYears: [HalfYear] { rates.keys.sorted() }

  private static func table(_ source: String, _ entries: [(String, Int64)]) -> DatedRates {
    DatedRates(Dictionary(uniqueKeysWithValues: entries.map { (HalfYear($0.0)!, Rate(basisPoints: $0.1, source: source)) }))
  }

  /// The ECB's main refinancing operations rate in force on 1 January (H1) or 1 July (H2):
  /// with 10 points added, the late-payment penalty rate of C. com. L441-10 II when no other
  /// is agreed. (Changes: 0.05 % from 10 September 2014; 0.00 % from 16 March 2016; 0.50 %
  /// from 27 July 2022, 1.25 % 14 September, 2.00 % 2 November, 2.50 % 21 December 2022;
  /// 3.00 % 8 February, 3.50 % 22 March, 3.75 % 10 May, 4.00 % 21 June, 4.25 % 2 August,
  /// 4.50 % 20 September 2023; 4.25 % 12 June, 3.65 % 18 September, 3.40 % 23 October,
  /// 3.15 % 18 December 2024; 2.90 % 5 February, 2.65 % 12 March, 2.40 % 23 April, 2.15 %
  /// 11 June 2025; unchanged at the decisions of 18 December 2025 and 5 February 2026.)
  public static let ecbMainRefinancing = table(
    "BCE, taux des opérations principales de refinancement au 1er janvier / 1er juillet",
    [
      ("2015-H1", 5), ("2015-H2", 5), ("2016-H1", 5), ("2016-H2", 0), ("2017-H1", 0), ("2017-H2", 0), ("2018-H1", 0), ("2018-H2", 0),
      ("2019-H1", 0), ("2019-H2", 0), ("2020-H1", 0), ("2020-H2", 0), ("2021-H1", 0), ("2021-H2", 0), ("2022-H1", 0), ("2022-H2", 0),
      ("2023-H1", 250), ("2023-H2", 400), ("2024-H1", 450), ("2024-H2", 425), ("2025-H1", 315), ("2025-H2", 215), ("2026-H1", 215),
    ])

  /// The taux de l'intérêt légal "pour tous les autres cas" (a creditor acting for its
  /// business: C. mon. fin. L313-2, D313-1-A), fixed each half-year by arrêté: the rate a
  /// consumer owes from the mise en demeure (C. civ. 1231-6), and three times it the
  /// lowest contractual penalty rate (C. com. L441-10 II). (Arrêtés of December and June
  /// each year; 2026-H1: arrêté du 15 décembre 2025, JORF du 26 décembre 2025.)
  public static let legalInterestProfessional = table(
    "taux de l'intérêt légal (créancier professionnel), arrêté semestriel",
    [
      ("2019-H1", 86), ("2019-H2", 87), ("2020-H1", 87), ("2020-H2", 84), ("2021-H1", 79), ("2021-H2", 76), ("2022-H1", 76), ("2022-H2", 77),
      ("2023-H1", 206), ("2023-H2", 422), ("2024-H1", 507), ("2024-H2", 492), ("2025-H1", 371), ("2025-H2", 276), ("2026-H1", 262),
    ])
}
