/// The two ways a workbook counts days, and the one place where Excel serial numbers
/// become calendar dates.
///
/// In the 1900 system serial 1 is 1900-01-01 and serial 60 is 29 February 1900, a day
/// that never existed (Lotus 1-2-3's leap-year bug, kept by Excel): from serial 61 on, the
/// epoch is therefore 1899-12-30, and below 60 it is 1899-12-31 (so serial 0, a bare
/// time of day, falls on 1899-12-31). Serial 60 is read as 1900-02-28, as openpyxl does. In the 1904 system (old Mac workbooks, `date1904`), serial
/// 0 is 1904-01-01, 1,462 days later.
public enum DateSystem: Sendable, Equatable {
  case excel1900
  case excel1904

  /// The largest serial Excel shows as a date: 9999-12-31.
  static let maxSerialDay = 2_958_465

  private static let epoch1899 = Day(year: 1899, month: 12, day: 30)!.daysSinceEpoch
  private static let epoch1904 = Day(year: 1904, month: 1, day: 1)!.daysSinceEpoch

  /// The calendar date and time of a serial number, or `nil` when it is outside the
  /// range Excel can show as a date (negative, or after 9999-12-31).
  public func dateTime(fromSerial serial: Double) -> DateTime? {
    guard serial.isFinite, serial >= 0, serial < Double(Self.maxSerialDay + 1) else { return nil }
    var whole = Int(serial.rounded(.down))
    var millis = Int(((serial - Double(whole)) * 86_400_000).rounded())
    if millis >= 86_400_000 {
      whole += 1
      millis -= 86_400_000
    }
    return DateTime(day: day(fromSerialDay: whole), millisecondOfDay: millis)
  }

  /// The calendar date of a whole serial day number.
  func day(fromSerialDay serial: Int) -> Day {
    switch self {
    case .excel1904: Day(daysSinceEpoch: Self.epoch1904 + serial)
    case .excel1900: Day(daysSinceEpoch: Self.epoch1899 + serial + (serial < 60 ? 1 : 0))
    }
  }

  /// Whether Excel shows `day` as a date in this system: from its first day (1900-01-01,
  /// or 1904-01-01) to 9999-12-31.
  public func canShow(_ day: Day) -> Bool {
    let first = self == .excel1904 ? Day(year: 1904, month: 1, day: 1)! : Day.earliestSupported
    return day >= first && day <= Day.latestSupported
  }

  /// The serial number of a calendar date (the inverse of ``day(fromSerialDay:)`` for
  /// every date from 1900-03-01 in the 1900 system, and from 1904-01-01 in the 1904 one).
  public func serial(of day: Day) -> Int {
    switch self {
    case .excel1904: return day.daysSinceEpoch - Self.epoch1904
    case .excel1900:
      let serial = day.daysSinceEpoch - Self.epoch1899
      return serial < 61 ? serial - 1 : serial
    }
  }
}
