/// Writing text into SpreadsheetML: XML escaping, and Excel's `_xHHHH_` escaping for the
/// characters XML 1.0 cannot carry (control characters, `U+FFFE`, `U+FFFF`) and for a
/// literal `_xHHHH_` in the text, whose underscore becomes `_x005F_` so that a reader does
/// not decode it.
enum XMLEscaping {
  /// `text` as element content.
  static func content(_ text: String) -> String {
    escape(text, quotes: false)
  }

  /// `text` as an attribute value (for double quotes).
  static func attribute(_ text: String) -> String {
    escape(text, quotes: true)
  }

  /// Whether the text needs `xml:space="preserve"` to keep its white space.
  static func needsPreserve(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
    return isSpace(first) || isSpace(last) || text.unicodeScalars.contains { $0 == "\n" || $0 == "\t" || $0 == "\r" }
  }

  private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
  }

  private static func escape(_ text: String, quotes: Bool) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    let scalars = Array(text.unicodeScalars)
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"" where quotes: out += "&quot;"
      case "\n" where quotes: out += "&#10;"
      case "\t" where quotes: out += "&#9;"
      case "\n", "\t": out.unicodeScalars.append(scalar)
      case "_" where startsExcelEscape(scalars, at: index):
        out += "_x005F_"
      case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
        let hex = String(scalar.value, radix: 16, uppercase: true)
        out += "_x" + String(repeating: "0", count: 4 - hex.count) + hex + "_"
      default: out.unicodeScalars.append(scalar)
      }
      index += 1
    }
    return out
  }

  /// Whether `_xHHHH_` starts at `index`.
  private static func startsExcelEscape(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
    guard index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_" else { return false }
    return scalars[index + 2...index + 5].allSatisfy { $0.properties.isASCIIHexDigit }
  }
}
