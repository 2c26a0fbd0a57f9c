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
      case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
      case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
      case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
      case UInt8(ascii: "\r"): out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
      case UInt8(ascii: "\t"): out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
      case 0..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        out += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
    return String(decoding: out, as: UTF8.self)
  }

  private static func needsEscape(_ byte: UInt8) -> Bool {
    byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
  }
}
