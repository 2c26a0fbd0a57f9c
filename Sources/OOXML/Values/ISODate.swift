/// ISO 8601 dates as SpreadsheetML's `t="d"` cells write them: `2024-11-02`,
/// `2024-11-02T10:30:00`, with optional fractional seconds and an ignored `Z` or offset
/// (a spreadsheet date has no time zone), or a bare time `10:30:00`, which falls on
/// 1899-12-30, Excel's day zero.
enum ISODate {
  static func parse(_ text: String) -> DateTime? {
    var bytes = Array(text.utf8)
    if bytes.count >= 8, bytes[2] == UInt8(ascii: ":") {
      bytes = Array("1899-12-30T".utf8) + bytes
    }
    guard bytes.count >= 10, let day = bytes[0..<10].withUnsafeBufferPointer(Day.iso(bytes:)) else { return nil }
    if bytes.count == 10 { return DateTime(day: day, millisecondOfDay: 0) }
    guard bytes.count >= 19, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
      bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
      let hour = number(bytes, 11, 13), let minute = number(bytes, 14, 16), let second = number(bytes, 17, 19),
      hour < 24, minute < 60, second < 60
    else { return nil }
    var index = 19
    var millis = 0
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      var scale = 100
      while index < bytes.count, let digit = number(bytes, index, index + 1) {
        millis += digit * scale
        scale /= 10
        index += 1
      }
    }
    let rest = bytes[index...]
    guard rest.isEmpty || rest == [UInt8(ascii: "Z")] || rest.first == UInt8(ascii: "+") || rest.first == UInt8(ascii: "-") else {
      return nil
    }
    return DateTime(day: day, millisecondOfDay: ((hour * 60 + minute) * 60 + second) * 1000 + min(millis, 999))
  }

  private static func number(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int? {
    guard end <= bytes.count else { return nil }
    var value = 0
    for byte in bytes[start..<end] {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return value
  }
}
