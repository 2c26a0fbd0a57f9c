/// A start tag as written (`<xf numFmtId="14" fontId="0"/>`), edited attribute by
/// attribute so that everything else in it stays as the producer wrote it.
struct OpenTag {
  private(set) var bytes: [UInt8]

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  var text: String { String(decoding: bytes, as: UTF8.self) }

  /// Whether the tag closes itself.
  var isSelfClosing: Bool { bytes.count >= 2 && bytes[bytes.count - 2] == UInt8(ascii: "/") }

  /// The raw value of an unprefixed attribute, as written.
  func attribute(_ name: String) -> String? {
    valueSpan(name).map { String(decoding: bytes[$0], as: UTF8.self) }
  }

  /// The tag with the attribute set (replaced in place, or added before the end).
  func settingAttribute(_ name: String, to value: String) -> OpenTag {
    var copy = bytes
    let escaped = Array(XMLEscaping.attribute(value).utf8)
    if let span = valueSpan(name) {
      copy.replaceSubrange(span, with: escaped)
    } else {
      let insertAt = isSelfClosing ? copy.count - 2 : copy.count - 1
      copy.insert(contentsOf: Array(" \(name)=\"".utf8) + escaped + [UInt8(ascii: "\"")], at: insertAt)
    }
    return OpenTag(copy)
  }

  /// The tag without the attribute.
  func removingAttribute(_ name: String) -> OpenTag {
    guard let span = valueSpan(name) else { return self }
    var start = span.lowerBound - 1  // the quote
    while start > 0, bytes[start] != UInt8(ascii: " ") && bytes[start] != 0x09 && bytes[start] != 0x0A && bytes[start] != 0x0D {
      start -= 1
    }
    var copy = bytes
    copy.removeSubrange(start..<(span.upperBound + 1))
    return OpenTag(copy)
  }

  /// The tag made self-closing or not.
  func closed(_ selfClosing: Bool) -> OpenTag {
    guard selfClosing != isSelfClosing else { return self }
    var copy = bytes
    if selfClosing {
      copy.removeLast()
      while let last = copy.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D { copy.removeLast() }
      copy += Array("/>".utf8)
    } else {
      copy.removeLast(2)
      copy.append(UInt8(ascii: ">"))
    }
    return OpenTag(copy)
  }

  /// The span of an unprefixed attribute's value (between its quotes).
  func valueSpan(_ name: String) -> Range<Int>? {
    let target = Array(name.utf8)
    var index = 1
    var quote: UInt8?
    while index < bytes.count {
      let byte = bytes[index]
      if let open = quote {
        if byte == open { quote = nil }
        index += 1
        continue
      }
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        quote = byte
        index += 1
        continue
      }
      let previous = bytes[index - 1]
      let isBoundary = previous == 0x20 || previous == 0x09 || previous == 0x0A || previous == 0x0D
      if isBoundary, index + target.count < bytes.count, bytes[index..<index + target.count].elementsEqual(target) {
        var cursor = index + target.count
        while cursor < bytes.count, Self.isSpace(bytes[cursor]) { cursor += 1 }
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") {
          cursor += 1
          while cursor < bytes.count, Self.isSpace(bytes[cursor]) { cursor += 1 }
          guard cursor < bytes.count else { return nil }
          let open = bytes[cursor]
          var close = cursor + 1
          while close < bytes.count, bytes[close] != open { close += 1 }
          return close < bytes.count ? (cursor + 1)..<close : nil
        }
      }
      index += 1
    }
    return nil
  }

  private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
}
