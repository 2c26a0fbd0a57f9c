import CivilDate

/// A half of a calendar year: January–June (`2025-H1`) or July–December (`2025-H2`), the
/// period French rates are fixed for (the ECB rate "in force on 1 January or 1 July" of
/// C. com. L441-10 II; the taux de l'intérêt légal, fixed each half-year by arrêté under
/// C. mon. fin. L313-2).
public struct HalfYear: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let year: Int
  /// 1 (January–June) or 2 (July–December).
  public let half: Int

  public init?(year: Int, half: Int) {
    guard half == 1 || half == 2 else { return nil }
    self.year = year
    self.half = half
  }

  /// The half-year `day` falls in.
  public init(containing day: Day) {
    year = day.year
    half = day.month <= 6 ? 1 : 2
  }

  /// Reads `2025-H1` or `2025-H2`.
  public init?(_ text: some StringProtocol) {
    let parts = text.split(separator: "-")
    guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), parts[1] == "H1" || parts[1] == "H2" else { return nil }
    self.init(year: year, half: parts[1] == "H1" ? 1 : 2)
  }

  /// Its first day: 1 January or 1 July.
  public var first: Day { Day(year: year, month: half == 1 ? 1 : 7, day: 1)! }
  /// Its last day: 30 June or 31 December.
  public var last: Day { half == 1 ? Day(year: year, month: 6, day: 30)! : Day(year: year, month: 12, day: 31)! }
  public var next: HalfYear { half == 1 ? HalfYear(year: year, half: 2)! : HalfYear(year: year + 1, half: 1)! }

  public var description: String { "\(year)-H\(half)" }

  public static func < (lhs: HalfYear, rhs: HalfYear) -> Bool { (lhs.year, lhs.half) < (rhs.year, rhs.half) }
}
