import CLibXML2

/// What the C callbacks of ``XMLPushParser`` reach through libxml2's user-data pointer:
/// the handler, and the first failure, which stops the parse.
final class XMLParserState {
  let handler: any XMLContentHandler
  var context: xmlParserCtxtPtr?
  var failure: (any Error)?
  var doctypeLine: Int?

  init(handler: any XMLContentHandler) {
    self.handler = handler
  }

  /// Records the first failure and asks libxml2 to stop.
  func stop(_ error: (any Error)?) {
    if failure == nil, doctypeLine == nil { failure = error }
    if let context { xmlStopParser(context) }
  }

  @inline(__always)
  static func from(_ pointer: UnsafeMutableRawPointer?) -> XMLParserState {
    Unmanaged<XMLParserState>.fromOpaque(pointer!).takeUnretainedValue()
  }

  /// The SAX2 callbacks; everything not set here is left to libxml2's defaults being off.
  static var saxHandler: xmlSAXHandler {
    var sax = xmlSAXHandler()
    sax.initialized = UInt32(XML_SAX2_MAGIC)
    sax.startElementNs = { user, localName, _, uri, _, _, attributeCount, _, attributes in
      let state = XMLParserState.from(user)
      guard state.failure == nil, let localName else { return }
      do {
        try state.handler.startElement(
          XMLName(localName: localName, namespace: uri),
          attributes: XMLAttributes(raw: attributes, count: Int(attributeCount)))
      } catch { state.stop(error) }
    }
    sax.endElementNs = { user, localName, _, uri in
      let state = XMLParserState.from(user)
      guard state.failure == nil, let localName else { return }
      do { try state.handler.endElement(XMLName(localName: localName, namespace: uri)) } catch { state.stop(error) }
    }
    sax.characters = { user, bytes, count in
      let state = XMLParserState.from(user)
      guard state.failure == nil, let bytes else { return }
      do { try state.handler.characters(UnsafeBufferPointer(start: bytes, count: Int(count))) } catch { state.stop(error) }
    }
    sax.cdataBlock = sax.characters
    sax.ignorableWhitespace = sax.characters
    sax.internalSubset = { user, _, _, _ in
      let state = XMLParserState.from(user)
      state.doctypeLine = Int(state.context?.pointee.input?.pointee.line ?? 0)
      state.stop(nil)
    }
    sax.entityDecl = { user, _, _, _, _, _ in
      XMLParserState.from(user).stop(nil)
    }
    sax.serror = { _, _ in }
    return sax
  }
}
