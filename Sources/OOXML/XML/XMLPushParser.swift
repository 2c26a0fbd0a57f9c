import SafeXML

/// The safe XML parser (``XMLStreamParser``) over one part of a package: its errors say the
/// workbook and the part, as ``OOXMLError``s.
final class XMLPushParser {
  private let file: String
  private let part: String
  private let parser: XMLStreamParser

  /// Creates a parser that sends the events of `part` (of the workbook at `file`, both used
  /// in error messages) to `handler`.
  init(file: String, part: String, handler: any XMLContentHandler) {
    self.file = file
    self.part = part
    parser = XMLStreamParser(name: part, handler: handler)
  }

  /// Parses the next chunk of the part.
  func parse(_ bytes: UnsafeRawBufferPointer) throws {
    do { try parser.parse(bytes) } catch let error as XMLParseError { throw located(error) }
  }

  /// Whether the part was read as UTF-8 without transcoding (its offsets are byte offsets).
  var isUTF8: Bool { parser.isUTF8 }

  /// Ends the part, reporting an error if it is incomplete.
  func finish() throws {
    do { try parser.finish() } catch let error as XMLParseError { throw located(error) }
  }

  /// Parses a whole zip entry, streaming it through a fixed buffer.
  func parse(_ stream: ZipEntryStream) throws {
    var buffer = [UInt8](repeating: 0, count: 64 << 10)
    while true {
      let count = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
      if count == 0 { break }
      try buffer.withUnsafeBytes { try parse(UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }
    }
    try finish()
  }

  private func located(_ error: XMLParseError) -> OOXMLError {
    switch error {
    case let .malformed(line, message): .malformedXML(file: file, part: part, line: line, message: message)
    case let .forbiddenDoctype(line): .forbiddenDoctype(file: file, part: part, line: line)
    }
  }
}

extension XMLParserState {
  /// During a start element event: the document span of the value of the unprefixed
  /// attribute `name`, found in the start tag's own bytes (so escapes are as written).
  func attributeValueSpan(_ name: StaticString) -> Range<Int>? {
    let tagStart = startTagOffset
    guard let start = inputPointer(at: tagStart), let cur = currentPointer else { return nil }
    let tag = OpenTag(Array(UnsafeBufferPointer(start: start, count: cur - start)))
    return tag.valueSpan(name.description).map { (tagStart + $0.lowerBound)..<(tagStart + $0.upperBound) }
  }
}
