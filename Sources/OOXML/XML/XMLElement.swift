/// A small in-memory XML element, for the small parts of a package (relationships,
/// content types, workbook, styles). Worksheets are never loaded this way.
struct XMLElement: Equatable, Sendable {
  var localName: String
  var namespace: String?
  var attributes: [XMLAttribute] = []
  var children: [XMLElement] = []
  /// The character data directly inside this element, concatenated.
  var text: String = ""

  /// The value of the attribute with this local name and no namespace.
  func attribute(_ name: String) -> String? {
    attributes.first { $0.localName == name && $0.namespace == nil }?.value
  }

  /// The value of the attribute with this local name in one of these namespaces.
  func attribute(_ name: String, in namespaces: [String]) -> String? {
    attributes.first { $0.localName == name && $0.namespace.map(namespaces.contains) == true }?.value
  }

  /// The child elements with this local name in one of these namespaces.
  func children(_ name: String, in namespaces: [String]) -> [XMLElement] {
    children.filter { $0.localName == name && $0.namespace.map(namespaces.contains) == true }
  }

  /// The first child element with this local name in one of these namespaces.
  func child(_ name: String, in namespaces: [String]) -> XMLElement? {
    children.first { $0.localName == name && $0.namespace.map(namespaces.contains) == true }
  }

  /// Whether this element has this local name in one of these namespaces.
  func `is`(_ name: String, in namespaces: [String]) -> Bool {
    localName == name && namespace.map(namespaces.contains) == true
  }
}

/// Builds an ``XMLElement`` tree from parser events.
final class XMLTreeBuilder: XMLContentHandler {
  private var stack: [XMLElement] = []
  private var textBytes: [[UInt8]] = []
  private(set) var root: XMLElement?

  func startElement(_ name: XMLName, attributes: XMLAttributes) throws {
    stack.append(XMLElement(localName: name.localNameString, namespace: name.namespaceString, attributes: attributes.all()))
    textBytes.append([])
  }

  func endElement(_ name: XMLName) throws {
    guard var element = stack.popLast(), let text = textBytes.popLast() else { return }
    element.text = String(decoding: text, as: UTF8.self)
    if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
  }

  func characters(_ text: UnsafeBufferPointer<UInt8>) throws {
    guard !textBytes.isEmpty else { return }
    textBytes[textBytes.count - 1].append(contentsOf: text)
  }
}
