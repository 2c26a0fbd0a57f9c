/// Excel's `_xHHHH_` escapes, which SpreadsheetML uses for characters XML cannot carry
/// (control characters such as `_x000D_`), and `_x005F_` for a literal underscore that
/// would otherwise start an escape.
public enum ExcelEscaping {
  /// Decodes the escapes in UTF-8 `bytes` into a string; a text without `_x` (nearly
  /// every text) is turned into a string directly.
  static func decode(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String {
    var index = 0
    let last = bytes.count - 1
    while index < last {
      if bytes[index] == UInt8(ascii: "_"), bytes[index + 1] == UInt8(ascii: "x") {
        return decode(String(decoding: bytes, as: UTF8.self))
      }
      index += 1
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Decodes every `_xHHHH_` in `text` (four hex digits, either case) into its UTF-16
  /// code unit; a surrogate pair written as two escapes becomes one character, and a
  /// lone surrogate is left as it was written.
  public static func decode(_ text: String) -> String {
    guard text.utf8.contains(UInt8(ascii: "_")) else { return text }
    let units = Array(text.utf16)
    var out: [UInt16] = []
    out.reserveCapacity(units.count)
    var index = 0
    var changed = false
    while index < units.count {
      if let unit = escapedUnit(units, at: index) {
        if UTF16.isLeadSurrogate(unit) {
          if let trail = escapedUnit(units, at: index + 7), UTF16.isTrailSurrogate(trail) {
            out.append(unit)
            out.append(trail)
            index += 14
            changed = true
            continue
          }
        } else if !UTF16.isTrailSurrogate(unit) {
          out.append(unit)
          index += 7
          changed = true
          continue
        }
      }
      out.append(units[index])
      index += 1
    }
    return changed ? String(decoding: out, as: UTF16.self) : text
  }

  /// The code unit of an escape starting at `index`, if one does.
  private static func escapedUnit(_ units: [UInt16], at index: Int) -> UInt16? {
    guard index + 7 <= units.count, units[index] == 0x5F, units[index + 1] == 0x78, units[index + 6] == 0x5F else {
      return nil
    }
    var value: UInt16 = 0
    for offset in 2..<6 {
      guard let digit = hexValue(units[index + offset]) else { return nil }
      value = value << 4 | digit
    }
    return value
  }

  private static func hexValue(_ unit: UInt16) -> UInt16? {
    switch unit {
    case 0x30...0x39: unit - 0x30
    case 0x41...0x46: unit - 0x41 + 10
    case 0x61...0x66: unit - 0x61 + 10
    default: nil
    }
  }
}
