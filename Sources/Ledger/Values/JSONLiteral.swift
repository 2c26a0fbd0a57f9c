/// JSON spelled by hand, for text built without an encoder (the journal, the command
/// line's streamed output, SQLite's `json_each` arguments).
public enum JSONLiteral {
  /// `text` as a JSON string literal, quotes included.
  ///
  /// Works on the UTF-8 bytes: a text with nothing to escape is copied whole (the common
  /// case), otherwise each byte that must be escaped is replaced in one pass.
  ///
  /// - Complexity: O(*n*) in the text's UTF-8 length.
  public static func string(_ text: String) -> String {
    var text = text
    let clean = text.withUTF8 { bytes in
      for byte in bytes where needsEscape(byte) { return false }
      return true
    }
    if clean { return "\"" + text + "\"" }
    let utf8 = text.utf8
    var out: [UInt8] = [UInt8(ascii: "\"")]
    out.reserveCapacity(utf8.count + 16)
    for byte in utf8 {
      switch byte {
      case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
      case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
      case UInt8(ascii: "\n"): out.append(contentsOf: #"\n"#.utf8)
      case UInt8(ascii: "\r"): out.append(contentsOf: #"\r"#.utf8)
      case UInt8(ascii: "\t"): out.append(contentsOf: #"\t"#.utf8)
      case 0..<0x20: out.append(contentsOf: #"\u00"#.utf8 + [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 15)]])
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
    return String(decoding: out, as: UTF8.self)
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  private static func needsEscape(_ byte: UInt8) -> Bool {
    byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
  }
}
