import CLibXML2

/// What the C callbacks of ``XMLPushParser`` reach through libxml2's user-data pointer:
/// the handler, and the first failure, which stops the parse.
package final class XMLParserState {
  let handler: any XMLContentHandler
  @usableFromInline package var context: xmlParserCtxtPtr?
  var failure: (any Error)?
  var doctypeLine: Int?

  /// How deep the parse is, and how long the current run of text is: bounded so that a
  /// hostile part (200 MB of nested tags, one 200 MB text) is refused early, in linear time
  /// and little memory, far above what a workbook holds (OOXML nests a dozen levels; a
  /// cell holds 32,767 characters).
  var depth = 0
  var textRun = 0
  package static let maximumDepth = 256
  package static let maximumTextRun = 4 << 20

  init(handler: any XMLContentHandler) {
    self.handler = handler
  }

  /// The byte offset in the document of the parser's current position: during a start
  /// element event, the `>` or `/>` that ends the start tag; during an end element event,
  /// just after the end tag's `>`. Offsets count the bytes of a UTF-8 document as given
  /// (see ``isUTF8``).
  @inlinable
  package var currentOffset: Int {
    guard let input = context?.pointee.input?.pointee, let cur = input.cur, let base = input.base else { return 0 }
    return Int(input.consumed) + (cur - base)
  }

  /// During a start element event: the offset of the `<` that opens the start tag (the
  /// last `<` before the current position, since `<` cannot appear inside a tag).
  @inlinable
  package var startTagOffset: Int {
    guard let input = context?.pointee.input?.pointee, var cur = input.cur, let base = input.base else { return 0 }
    while cur > base, cur.pointee != UInt8(ascii: "<") { cur -= 1 }
    return Int(input.consumed) + (cur - base)
  }

  /// A pointer into libxml2's input buffer at document offset `offset`, if that part of
  /// the document is still in the buffer.
  @inlinable
  package func inputPointer(at offset: Int) -> UnsafePointer<UInt8>? {
    guard let input = context?.pointee.input?.pointee, let base = input.base, let end = input.end else { return nil }
    let relative = offset - Int(input.consumed)
    guard relative >= 0, relative <= end - base else { return nil }
    return base + relative
  }

  /// The line the parser is at (1 for the first).
  package var currentLine: Int { Int(context?.pointee.input?.pointee.line ?? 0) }

  /// The parser's current position in its input buffer.
  @inlinable
  package var currentPointer: UnsafePointer<UInt8>? { context?.pointee.input?.pointee.cur }

  /// During an end element event: the offset of the `<` that opens the end tag (the
  /// current position is just after its `>`).
  @inlinable
  package var endTagOffset: Int {
    guard let input = context?.pointee.input?.pointee, var cur = input.cur, let base = input.base, cur > base else { return 0 }
    cur -= 1
    while cur > base, cur.pointee != UInt8(ascii: "<") { cur -= 1 }
    return Int(input.consumed) + (cur - base)
  }

  /// During a start element event: whether the tag closes itself (`<c/>`).
  @inlinable
  package var isSelfClosing: Bool {
    context?.pointee.input?.pointee.cur?.pointee == UInt8(ascii: "/")
  }

  /// Whether the document is read as UTF-8 as it is (no transcoding), so that offsets are
  /// offsets in its bytes.
  package var isUTF8: Bool {
    context?.pointee.input?.pointee.buf?.pointee.encoder == nil
  }

  /// Records the first failure and asks libxml2 to stop.
  func stop(_ error: (any Error)?) {
    if failure == nil, doctypeLine == nil { failure = error }
    if let context { xmlStopParser(context) }
  }

  /// Calls `body` with the state behind libxml2's user-data pointer, without retaining
  /// it: the parser owns the state for as long as libxml2 can call back.
  @inline(__always)
  static func with(_ pointer: UnsafeMutableRawPointer?, _ body: (XMLParserState) -> Void) {
    Unmanaged<XMLParserState>.fromOpaque(pointer!)._withUnsafeGuaranteedRef(body)
  }

  /// The SAX2 callbacks; everything not set here is left to libxml2's defaults being off.
  static var saxHandler: xmlSAXHandler {
    var sax = xmlSAXHandler()
    sax.initialized = UInt32(XML_SAX2_MAGIC)
    sax.startElementNs = { user, localName, prefix, uri, _, _, attributeCount, _, attributes in
      XMLParserState.with(user) { state in
        guard state.failure == nil, let localName else { return }
        state.depth += 1
        state.textRun = 0
        if state.depth > XMLParserState.maximumDepth {
          state.stop(XMLLimitError(message: "elements nested more than \(XMLParserState.maximumDepth) deep"))
          return
        }
        do {
          try state.handler.startElement(
            XMLName(localName: localName, namespace: uri, prefix: prefix),
            attributes: XMLAttributes(raw: attributes, count: Int(attributeCount)))
        } catch { state.stop(error) }
      }
    }
    sax.endElementNs = { user, localName, _, uri in
      XMLParserState.with(user) { state in
        guard state.failure == nil, let localName else { return }
        state.depth -= 1
        state.textRun = 0
        do { try state.handler.endElement(XMLName(localName: localName, namespace: uri)) } catch { state.stop(error) }
      }
    }
    sax.characters = { user, bytes, count in
      XMLParserState.with(user) { state in
        guard state.failure == nil, let bytes else { return }
        // (White space between elements is not kept by any handler, and a zip bomb of it is
        // the zip layer's to refuse.)
        let text = UnsafeBufferPointer(start: bytes, count: Int(count))
        if text.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) { state.textRun += Int(count) }
        if state.textRun > XMLParserState.maximumTextRun {
          state.stop(XMLLimitError(message: "a text of more than \(XMLParserState.maximumTextRun >> 20) MiB in one element"))
          return
        }
        do { try state.handler.characters(text) } catch { state.stop(error) }
      }
    }
    sax.cdataBlock = sax.characters
    sax.ignorableWhitespace = sax.characters
    sax.internalSubset = { user, _, _, _ in
      XMLParserState.with(user) { state in
        state.doctypeLine = Int(state.context?.pointee.input?.pointee.line ?? 0)
        state.stop(nil)
      }
    }
    sax.entityDecl = { user, _, _, _, _, _ in
      XMLParserState.with(user) { $0.stop(nil) }
    }
    sax.serror = { _, _ in }
    return sax
  }
}

/// A limit of ``XMLParserState`` a part broke: reported by ``XMLPushParser`` with the part
/// and line, as malformed XML.
struct XMLLimitError: Error {
  let message: String
}
