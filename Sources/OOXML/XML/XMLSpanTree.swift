import SafeXML

/// An element of a small part with where it stands in the part's bytes, so that an
/// editor can change one attribute or insert one child and leave every other byte alone.
final class SpanNode {
  let localName: String
  let namespace: String?
  /// The prefix as written (`x` in `<x:c>`), `nil` for the default namespace.
  let prefix: String?
  let attributes: [XMLAttribute]
  /// The offset of the `<` of the start tag.
  let start: Int
  /// The offset just after the start tag (after `>` or `/>`).
  let startTagEnd: Int
  /// Whether the element is written `<name/>`.
  let isSelfClosing: Bool
  /// The offset just after the end tag (equal to ``startTagEnd`` when self-closing).
  fileprivate(set) var end: Int
  fileprivate(set) var children: [SpanNode] = []
  fileprivate(set) var text = ""

  init(localName: String, namespace: String?, prefix: String?, attributes: [XMLAttribute], start: Int, startTagEnd: Int, isSelfClosing: Bool) {
    self.localName = localName
    self.namespace = namespace
    self.prefix = prefix
    self.attributes = attributes
    self.start = start
    self.startTagEnd = startTagEnd
    self.isSelfClosing = isSelfClosing
    self.end = startTagEnd
    self.endTagStart = startTagEnd
  }

  /// The name as written, with its prefix.
  var qualifiedName: String { prefix.map { "\($0):\(localName)" } ?? localName }

  /// The offset of the end tag's `<` (where a last child would be inserted), or
  /// ``startTagEnd`` for a self-closing element.
  fileprivate(set) var endTagStart: Int

  /// The value of the attribute with this local name and no namespace.
  func attribute(_ name: String) -> String? {
    attributes.first { $0.localName == name && $0.namespace == nil }?.value
  }

  /// The value of the attribute with this local name in one of these namespaces.
  func attribute(_ name: String, in namespaces: [String]) -> String? {
    attributes.first { $0.localName == name && $0.namespace.map(namespaces.contains) == true }?.value
  }

  /// Whether this element has this local name in one of these namespaces.
  func `is`(_ name: String, in namespaces: [String]) -> Bool {
    localName == name && namespace.map(namespaces.contains) == true
  }

  /// The children with this local name in one of these namespaces.
  func children(_ name: String, in namespaces: [String]) -> [SpanNode] {
    children.filter { $0.is(name, in: namespaces) }
  }

  /// The first child with this local name in one of these namespaces.
  func child(_ name: String, in namespaces: [String]) -> SpanNode? {
    children.first { $0.is(name, in: namespaces) }
  }

  /// Every element below this one, depth first.
  var descendants: [SpanNode] { children.flatMap { [$0] + $0.descendants } }
}

/// Builds a ``SpanNode`` tree while parsing.
final class XMLSpanTreeBuilder: XMLContentHandler, XMLLocating {
  // Unowned: the parser state owns the handler and outlives every callback; a weak
  // reference cost a locked load on each SAX event.
  unowned(unsafe) var locator: XMLParserState?
  private var stack: [SpanNode] = []
  private var texts: [[UInt8]] = []
  private(set) var root: SpanNode?

  func startElement(_ name: XMLName, attributes: XMLAttributes) throws {
    guard let locator else { return }
    let selfClosing = locator.isSelfClosing
    let node = SpanNode(
      localName: name.localNameString, namespace: name.namespaceString, prefix: name.prefix.map { String(cString: $0) },
      attributes: attributes.all(), start: locator.startTagOffset,
      startTagEnd: locator.currentOffset + (selfClosing ? 2 : 1), isSelfClosing: selfClosing)
    stack.append(node)
    texts.append([])
  }

  func endElement(_ name: XMLName) throws {
    guard let node = stack.popLast(), let text = texts.popLast() else { return }
    if !node.isSelfClosing, let locator {
      node.end = locator.currentOffset
      node.endTagStart = locator.endTagOffset
    }
    node.text = String(decoding: text, as: UTF8.self)
    if let parent = stack.last { parent.children.append(node) } else { root = node }
  }

  func characters(_ text: UnsafeBufferPointer<UInt8>) throws {
    if !texts.isEmpty { texts[texts.count - 1].append(contentsOf: text) }
  }
}

/// A small part held in memory with its element tree and spans.
struct SpannedPart {
  let name: String
  let bytes: [UInt8]
  let root: SpanNode

  /// Parses `bytes` (the part `name` of the workbook at `file`).
  /// - Throws: ``OOXMLError`` when the XML is malformed or hostile, or is not UTF-8
  ///   (offsets would not be byte offsets).
  init(name: String, bytes: [UInt8], file: String) throws {
    let builder = XMLSpanTreeBuilder()
    let parser = XMLPushParser(file: file, part: name, handler: builder)
    try bytes.withUnsafeBytes { try parser.parse($0) }
    try parser.finish()
    guard let root = builder.root else {
      throw OOXMLError.malformedXML(file: file, part: name, line: 0, message: "no root element")
    }
    guard parser.isUTF8 else {
      throw OOXMLError.invalidPackage(file: file, part: name, reason: "this part is not UTF-8; Suivi edits UTF-8 parts only")
    }
    self.name = name
    self.bytes = bytes
    self.root = root
  }

  /// The bytes of `node` as written.
  func text(of node: SpanNode) -> ArraySlice<UInt8> { bytes[node.start..<node.end] }
}
