/// Part names and relationship targets inside an OPC package.
enum PartName {
  /// Resolves a relationship `target` found in the relationships of `source` (a part
  /// name such as `xl/workbook.xml`, or `""` for the package root). Absolute targets
  /// (`/xl/worksheets/sheet1.xml`) are taken from the root; `.` and `..` are resolved, and
  /// a target that climbs out of the package is refused (`nil`).
  static func resolve(_ target: String, from source: String) -> String? {
    let target = target.replacingBackslashes()
    var segments: [Substring]
    if target.hasPrefix("/") {
      segments = []
    } else {
      segments = source.split(separator: "/")
      if !segments.isEmpty { segments.removeLast() }
    }
    for segment in target.split(separator: "/", omittingEmptySubsequences: true) {
      switch segment {
      case ".": continue
      case "..":
        guard !segments.isEmpty else { return nil }
        segments.removeLast()
      default: segments.append(segment)
      }
    }
    return segments.isEmpty ? nil : segments.joined(separator: "/")
  }

  /// The relationships part of `part`: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`.
  static func relationships(of part: String) -> String {
    guard let slash = part.lastIndex(of: "/") else { return "_rels/\(part).rels" }
    return "\(part[..<slash])/_rels/\(part[part.index(after: slash)...]).rels"
  }

  /// `part` with its `%XX` escapes decoded as UTF-8, or `nil` when an escape is malformed.
  static func percentDecoded(_ part: String) -> String? {
    var bytes: [UInt8] = []
    var iterator = Array(part.utf8).makeIterator()
    while let byte = iterator.next() {
      guard byte == UInt8(ascii: "%") else {
        bytes.append(byte)
        continue
      }
      guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
      bytes.append(high << 4 | low)
    }
    return String(validating: bytes, as: UTF8.self)
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
