import CivilDate

/// A series of invoice numbers as a business writes them: a fixed head, an optional
/// period part (the year, the month or the day of issue), a separator, and a counter of
/// at least ``width`` digits.
///
/// | number (issued on) | series | stem | counter |
/// | --- | --- | --- | --- |
/// | `FA-240001` (2024-01-02) | `FA-{YY}{NNNN}` | `FA-24` | 1 |
/// | `F-2026-00004401` (2026-01-05) | `F-{YYYY}-{NNNNNNNN}` | `F-2026-` | 4401 |
/// | `20260121-001` (2026-01-21) | `{YYYYMMDD}-{NNN}` | `20260121-` | 1 |
/// | `INV-000001` | `INV-{NNNNNN}` | `INV-` | 1 |
/// | `151` | `{NNN}` | (empty) | 151 |
///
/// A series with a period starts again at 1 in each period (the law allows a series per
/// year); one without goes on. The *stem* is a series' text for one period: numbers with
/// the same stem are one continuous sequence (their gaps are reported).
public struct NumberSeries: Hashable, Sendable, CustomStringConvertible {
  /// The part of a number that says when it was issued.
  public enum Period: String, Sendable, CaseIterable {
    case year4 = "YYYY", year2 = "YY", month = "YYYYMM", day = "YYYYMMDD"

    /// The period's digits for `day` (`2026`, `26`, `202601`, `20260121`).
    public func digits(_ day: Day) -> String {
      let year = InvoiceNumber.pad(day.year, 4)
      switch self {
      case .year4: return year
      case .year2: return InvoiceNumber.pad(day.year % 100, 2)
      case .month: return year + InvoiceNumber.pad(day.month, 2)
      case .day: return year + InvoiceNumber.pad(day.month, 2) + InvoiceNumber.pad(day.day, 2)
      }
    }
  }

  /// Where a number sits in its series.
  public struct Position: Hashable, Sendable {
    public var series: NumberSeries
    /// The series' text for the number's period (see ``NumberSeries``).
    public var stem: String
    public var counter: Int
  }

  /// The text before the period (or before the counter, when there is no period).
  public var head: String
  public var period: Period?
  /// The text between the period and the counter.
  public var separator: String
  /// The counter's fewest digits (zeros on the left).
  public var width: Int

  public init(head: String, period: Period?, separator: String = "", width: Int) {
    self.head = head
    self.period = period
    self.separator = separator
    self.width = max(1, width)
  }

  /// Suivi's own series for a business with no numbers yet: `PREFIX-YYNNNN`.
  public static func standard(prefix: String) -> NumberSeries {
    NumberSeries(head: prefix + "-", period: .year2, width: 4)
  }

  /// Whether `text` is a prefix of Suivi's own series: 1 to 8 capital letters.
  public static func isStandardPrefix(_ text: String) -> Bool {
    (1...8).contains(text.count) && text.allSatisfy { $0.isASCII && $0.isUppercase }
  }

  /// `F-{YYYY}-{NNNNNNNN}`.
  public var description: String {
    head + (period.map { "{\($0.rawValue)}" } ?? "") + separator + "{" + String(repeating: "N", count: width) + "}"
  }

  /// The series' text for the period of `day`.
  public func stem(on day: Day) -> String { head + (period?.digits(day) ?? "") + separator }

  /// The number `counter` of this series for a day of `day`'s period.
  public func number(_ counter: Int, on day: Day) -> InvoiceNumber {
    InvoiceNumber.issued(stem: stem(on: day), counter: counter, width: width)
  }

  /// The series `number` belongs to, read with the day it was issued: its last run of
  /// digits is the counter, and a group of digits just before it (or the counter's first
  /// digits, as in `FA-240001`) that spells the year, month or day of issue is the period.
  /// `nil` for a number that does not end with digits, or a UUID.
  public static func position(of number: InvoiceNumber, issued day: Day) -> Position? {
    guard !isUUID(number.text), let (stem, digits) = number.trailingDigits, digits.count <= 18 else { return nil }
    // A period group before a separator: `F-2026-`, `20260121-`, `INV/26/`.
    var separatorStart = stem.endIndex
    while separatorStart > stem.startIndex {
      let before = stem.index(before: separatorStart)
      guard !stem[before].isLetter, !stem[before].isNumber else { break }
      separatorStart = before
    }
    let separator = stem[separatorStart...]
    let beforeSeparator = stem[..<separatorStart]
    var groupStart = beforeSeparator.endIndex
    while groupStart > beforeSeparator.startIndex, beforeSeparator[beforeSeparator.index(before: groupStart)].isASCIIDigit {
      groupStart = beforeSeparator.index(before: groupStart)
    }
    let group = beforeSeparator[groupStart...]
    let counter = Int(digits)!
    if !separator.isEmpty, !group.isEmpty, let period = Period.allCases.first(where: { $0.digits(day) == group }) {
      let series = NumberSeries(head: String(beforeSeparator[..<groupStart]), period: period, separator: String(separator), width: digits.count)
      return Position(series: series, stem: String(stem), counter: counter)
    }
    // The year at the start of the counter: `FA-240001`, `2026001`.
    for (period, length, minimum) in [(Period.year4, 4, 7), (.year2, 2, 6)] where digits.count >= minimum {
      guard period == .year4 || !stem.isEmpty, digits.prefix(length) == period.digits(day) else { continue }
      let rest = digits.dropFirst(length)
      let series = NumberSeries(head: String(stem), period: period, width: rest.count)
      return Position(series: series, stem: String(stem) + period.digits(day), counter: Int(rest)!)
    }
    return Position(series: NumberSeries(head: String(stem), period: nil, width: digits.count), stem: String(stem), counter: counter)
  }

  /// Whether `text` is a UUID (`001e54d0-29e4-45f7-afff-590147e161c1`): an identifier, not
  /// a position in a series.
  static func isUUID(_ text: String) -> Bool {
    let groups = text.split(separator: "-", omittingEmptySubsequences: false)
    return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
  }
}
