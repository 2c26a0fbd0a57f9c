/// Text files as French offices write them: UTF-8 (with or without a byte-order mark),
/// UTF-16 with its mark (Excel's "Unicode text"), or Windows-1252 (Excel's and the banks'
/// "ANSI", a superset of Latin-1 for French letters and €).
public enum TextDecoding {
  /// The text of `bytes`, in the first of those encodings that reads them.
  /// - Throws: ``DelimitedTextError`` for bytes none of them reads (a byte Windows-1252
  ///   leaves undefined, UTF-16 without its mark), naming the line.
  public static func decode(_ bytes: [UInt8]) throws -> String {
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    if body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF]) {
      let little = body.first == 0xFF
      let units = stride(from: body.startIndex + 2, to: body.endIndex - 1, by: 2).map { index -> UInt16 in
        little ? UInt16(body[index]) | UInt16(body[index + 1]) << 8 : UInt16(body[index]) << 8 | UInt16(body[index + 1])
      }
      guard body.count % 2 == 0, let text = String(validating: units, as: UTF16.self) else {
        throw DelimitedTextError(line: nil, "its UTF-16 text is damaged (a byte is missing or a character is split)")
      }
      return text
    }
    if let text = String(validating: body, as: UTF8.self) {
      if let zero = body.firstIndex(of: 0), body.filter({ $0 == 0 }).count * 4 > body.count {
        throw DelimitedTextError(line: line(of: zero, in: body), "it looks like UTF-16 without its byte-order mark; save it again as CSV (UTF-8)")
      }
      return text
    }
    if let undefined = body.firstIndex(where: { [0x81, 0x8D, 0x8F, 0x90, 0x9D].contains($0) || $0 == 0 }) {
      throw DelimitedTextError(
        line: line(of: undefined, in: body),
        "byte 0x\(.verbatim(String(body[undefined], radix: 16, uppercase: true))) is neither UTF-8 nor Windows-1252 text; save it again as CSV (UTF-8)")
    }
    return windows1252(body)
  }

  /// `bytes` read as Windows-1252 (its five undefined bytes kept as the control characters
  /// of the same value, as Latin-1 reads them).
  public static func windows1252(_ bytes: some Sequence<UInt8>) -> String {
    String(String.UnicodeScalarView(bytes.map(scalar)))
  }

  private static let high: [UInt32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
    0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
  ]

  private static func scalar(_ byte: UInt8) -> Unicode.Scalar {
    (0x80...0x9F).contains(byte) ? Unicode.Scalar(high[Int(byte - 0x80)])! : Unicode.Scalar(byte)
  }

  /// The 1-based line of the byte at `index` (line breaks: LF, CR LF or CR).
  static func line(of index: Int, in bytes: ArraySlice<UInt8>) -> Int {
    var line = 1
    var previous: UInt8 = 0
    for byte in bytes[..<index] {
      if byte == 0x0A && previous != 0x0D || byte == 0x0D { line += 1 }
      previous = byte
    }
    return line
  }
}
