import CLibXML2

/// A streaming XML parser over libxml2's SAX2 push interface, owning its parser context.
///
/// Documents come from outside (a workbook's parts, a bank's statement), so the parser is
/// set up defensively: no network (`XML_PARSE_NONET`), no entity substitution (no
/// `XML_PARSE_NOENT`), no DTD loading, no huge-text mode, errors kept in the context rather
/// than printed, and any DOCTYPE or entity declaration is an error, which also shuts out
/// entity expansion attacks. Bytes are fed in chunks, so memory does not grow with the
/// document. Errors are ``XMLParseError``s (with their line) or the handler's own.
public final class XMLStreamParser {
  private let name: String
  private let state: XMLParserState
  private var context: xmlParserCtxtPtr?
  private var isFinished = false

  /// libxml2's parser must be initialised once per process before use from any thread.
  private static let initialized: Void = { xmlInitParser() }()

  /// Creates a parser that sends the events of the document `name` (libxml2's name for
  /// it) to `handler`.
  public init(name: String, handler: any XMLContentHandler) {
    _ = Self.initialized
    self.name = name
    self.state = XMLParserState(handler: handler)
    (handler as? XMLLocating)?.locator = state
  }

  deinit {
    if let context { xmlFreeParserCtxt(context) }
  }

  /// Parses the next chunk of the document.
  ///
  /// The corresponding libxml2 functions are `xmlCreatePushParserCtxt` (first call) and
  /// `xmlParseChunk`.
  public func parse(_ bytes: UnsafeRawBufferPointer) throws {
    precondition(!isFinished, "parse(_:) after finish()")
    var chunk = bytes
    if context == nil {
      // The first bytes go to the context's creation, so it can detect the encoding.
      let head = UnsafeRawBufferPointer(rebasing: chunk.prefix(4))
      try createContext(head)
      chunk = UnsafeRawBufferPointer(rebasing: chunk.dropFirst(head.count))
    }
    // libxml2 refuses to look ahead through more than 10 MB at once (without the
    // unsafe XML_PARSE_HUGE), so large documents are fed in slices.
    while !chunk.isEmpty {
      let slice = UnsafeRawBufferPointer(rebasing: chunk.prefix(1 << 16))
      let status = xmlParseChunk(context, slice.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(slice.count), 0)
      try check(status)
      chunk = UnsafeRawBufferPointer(rebasing: chunk.dropFirst(slice.count))
    }
  }

  /// Whether the document was read as UTF-8 without transcoding (its offsets are byte
  /// offsets).
  public var isUTF8: Bool { state.isUTF8 }

  /// Ends the document, reporting an error if it is incomplete.
  public func finish() throws {
    guard !isFinished else { return }
    isFinished = true
    if context == nil { try createContext(UnsafeRawBufferPointer(start: nil, count: 0)) }
    try check(xmlParseChunk(context, nil, 0, 1))
  }

  private func createContext(_ head: UnsafeRawBufferPointer) throws {
    var sax = XMLParserState.saxHandler
    let userData = Unmanaged.passUnretained(state).toOpaque()
    guard
      let context = xmlCreatePushParserCtxt(
        &sax, userData, head.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(head.count), name)
    else {
      throw XMLParseError.malformed(line: 0, message: "cannot start the XML parser")
    }
    self.context = context
    state.context = context
    let options = XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
    xmlCtxtUseOptions(context, Int32(options))
  }

  /// Turns the parse's outcome into a Swift error: the handler's own error first, then a
  /// DOCTYPE refusal, then libxml2's well-formedness error with its line.
  private func check(_ status: Int32) throws {
    if let limit = state.failure as? XMLLimitError {
      throw XMLParseError.malformed(line: Int(context?.pointee.input?.pointee.line ?? 0), message: "refused: \(limit.message)")
    }
    if let failure = state.failure { throw failure }
    if let line = state.doctypeLine {
      throw XMLParseError.forbiddenDoctype(line: line)
    }
    guard status != 0 || (context?.pointee.wellFormed ?? 1) == 0 else { return }
    var line = 0
    var message = "not well-formed"
    if let error = xmlCtxtGetLastError(context) {
      line = Int(error.pointee.line)
      if let text = error.pointee.message {
        message = String(cString: text).split(whereSeparator: \.isNewline).joined(separator: " ")
          .trimmingCharacters(in: [" ", "."])
      }
    }
    throw XMLParseError.malformed(line: line, message: message)
  }
}

/// Why a document was refused, and at which line: it is not well-formed XML (or breaks a
/// limit of the parser), or it declares a DOCTYPE.
public enum XMLParseError: Error, Equatable, Sendable {
  case malformed(line: Int, message: String)
  case forbiddenDoctype(line: Int)
}

extension String {
  package func trimmingCharacters(in set: Set<Character>) -> String {
    var slice = Substring(self)
    while let first = slice.first, set.contains(first) { slice.removeFirst() }
    while let last = slice.last, set.contains(last) { slice.removeLast() }
    return String(slice)
  }
}
