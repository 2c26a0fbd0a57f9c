/// A civil date: a day on the calendar, with no time and no time zone.
///
/// Spreadsheet dates are calendar days, not instants, so they are never turned into
/// `Date` values that a time zone could shift by a day.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let year: Int
  public let month: Int
  public let day: Int

  /// Creates a day, or `nil` when the date does not exist (`2023-02-29`).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year) else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// The day `daysSinceEpoch` days after 1970-01-01 (negative: before).
  ///
  /// The algorithm is Howard Hinnant's `civil_from_days`, exact over the whole
  /// proleptic Gregorian calendar.
  public init(daysSinceEpoch: Int) {
    let z = daysSinceEpoch + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  }

  /// The number of days since 1970-01-01 (Hinnant's `days_from_civil`).
  public var daysSinceEpoch: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The first day a ledger, a workbook and French law deal in: Excel's first date (its
  /// 1900 date system starts on 1900-01-01; no serial day is before it).
  public static let earliestSupported = Day(year: 1900, month: 1, day: 1)!
  /// The last day: Excel's last date, and the last one written with four digits.
  public static let latestSupported = Day(year: 9999, month: 12, day: 31)!
  /// The days Suivi takes, for every date it is given and every date it derives from one (a
  /// due date 30 days after 9999-12-31 is not a day it can keep).
  public static let supported = earliestSupported...latestSupported

  /// Whether the day is one Suivi takes (``supported``).
  public var isSupported: Bool { Self.supported.contains(self) }

  /// The day `count` days later.
  public func adding(days count: Int) -> Day { Day(daysSinceEpoch: daysSinceEpoch + count) }

  /// ISO 8601: `2024-11-02`.
  public var description: String {
    guard (0...9999).contains(year) else {
      let y = String(year)
      return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + Self.twoDigits(month) + "-" + Self.twoDigits(day)
    }
    // Ten ASCII bytes, without intermediate strings (a sync of 100,000 rows prints
    // several days a row).
    return String(unsafeUninitializedCapacity: 10) { buffer in
      func digit(_ value: Int) -> UInt8 { UInt8(truncatingIfNeeded: 0x30 + value % 10) }
      buffer[0] = digit(year / 1000)
      buffer[1] = digit(year / 100)
      buffer[2] = digit(year / 10)
      buffer[3] = digit(year)
      buffer[4] = 0x2D
      buffer[5] = digit(month / 10)
      buffer[6] = digit(month)
      buffer[7] = 0x2D
      buffer[8] = digit(day / 10)
      buffer[9] = digit(day)
      return 10
    }
  }

  public static func < (lhs: Day, rhs: Day) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

  /// Whether `year` is a leap year in the Gregorian calendar.
  public static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  public static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
