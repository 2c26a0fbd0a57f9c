/// A civil date and time of day, with no time zone, to the millisecond.
public struct DateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let day: Day
  /// Milliseconds since midnight, `0..<86_400_000`.
  public let millisecondOfDay: Int

  public init(day: Day, millisecondOfDay: Int) {
    precondition((0..<86_400_000).contains(millisecondOfDay), "millisecond of day out of range")
    self.day = day
    self.millisecondOfDay = millisecondOfDay
  }

  /// ISO 8601: `2024-11-02T10:30:00`, with `.mmm` when the milliseconds are not zero.
  public var description: String {
    let seconds = millisecondOfDay / 1000
    let millis = millisecondOfDay % 1000
    var text = "\(day)T\(Day.twoDigits(seconds / 3600)):\(Day.twoDigits(seconds / 60 % 60)):\(Day.twoDigits(seconds % 60))"
    if millis != 0 { text += "." + String(String(millis + 1000).dropFirst()) }
    return text
  }

  public static func < (lhs: DateTime, rhs: DateTime) -> Bool {
    (lhs.day, lhs.millisecondOfDay) < (rhs.day, rhs.millisecondOfDay)
  }
}
