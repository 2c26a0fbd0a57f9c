#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one reader and writer of `YYYY-MM-DD`: the ledger stores days so, SpreadsheetML's
/// `t="d"` cells and the command line write them so, and a tracker's text cells often do.
extension Day {
  /// Reads exactly `YYYY-MM-DD`, or `nil` when the text is another shape or the day does
  /// not exist (`2023-02-29`).
  public static func iso(_ text: String) -> Day? {
    var text = text
    return text.withUTF8 { iso(bytes: $0) }
  }

  /// A day as ``description`` writes it, years of any number of digits included
  /// (`10000-01-30`): how a ledger written before days were bounded may hold one, read so
  /// that the ledger stays readable and the day can be corrected.
  public static func stored(bytes: UnsafeBufferPointer<UInt8>) -> Day? {
    if let day = iso(bytes: bytes) { return day }
    guard bytes.count > 10, bytes.count <= 16, bytes[bytes.count - 3] == UInt8(ascii: "-"), bytes[bytes.count - 6] == UInt8(ascii: "-")
    else { return nil }
    var value = 0
    var fields: [Int] = []
    var digits = 0
    for byte in bytes {
      if byte == UInt8(ascii: "-") {
        guard digits > 0 else { return nil }
        fields.append(value)
        value = 0
        digits = 0
        continue
      }
      let digit = byte &- UInt8(ascii: "0")
      guard digit < 10 else { return nil }
      value = value * 10 + Int(digit)
      digits += 1
    }
    guard digits == 2 else { return nil }
    fields.append(value)
    guard fields.count == 3 else { return nil }
    return Day(year: fields[0], month: fields[1], day: fields[2])
  }

  /// ``iso(_:)`` of UTF-8 bytes.
  public static func iso(bytes: UnsafeBufferPointer<UInt8>) -> Day? {
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for index in range {
        let digit = bytes[index] &- UInt8(ascii: "0")
        guard digit < 10 else { return nil }
        value = value * 10 + Int(digit)
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
    return Day(year: year, month: month, day: day)
  }

  /// `YYYY-MM-DD` for years 0–9999, written without intermediate strings (the ledger
  /// writes and reads dates on every row).
  public var isoText: String {
    guard (0...9999).contains(year) else { return description }
    return String(unsafeUninitializedCapacity: 10) { buffer in
      func put(_ value: Int, at index: Int, width: Int) {
        var value = value
        for offset in stride(from: width - 1, through: 0, by: -1) {
          buffer[index + offset] = UInt8(ascii: "0") + UInt8(value % 10)
          value /= 10
        }
      }
      put(year, at: 0, width: 4)
      buffer[4] = UInt8(ascii: "-")
      put(month, at: 5, width: 2)
      buffer[7] = UInt8(ascii: "-")
      put(day, at: 8, width: 2)
      return 10
    }
  }

  /// The number of days from `other` to `self` (positive when `self` is later).
  public func days(since other: Day) -> Int { daysSinceEpoch - other.daysSinceEpoch }

  /// The last day of this day's month.
  public var endOfMonth: Day {
    let firstOfNext = month == 12 ? Day(year: year + 1, month: 1, day: 1)! : Day(year: year, month: month + 1, day: 1)!
    return firstOfNext.adding(days: -1)
  }

  /// Today in the local time zone of the machine.
  public static var today: Day {
    var now = time(nil)
    var parts = tm()
    localtime_r(&now, &parts)
    return Day(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))!
  }
}
