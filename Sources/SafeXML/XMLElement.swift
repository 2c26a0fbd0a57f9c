/// A small in-memory XML element, for the small parts of a package (relationships,
/// content types, workbook, styles). Worksheets are never loaded this way.
public struct XMLElement: Equatable, Sendable {
  public var localName: String
  public var namespace: String?
  public var attributes: [XMLAttribute] = []
  public var children: [XMLElement] = []
  /// The character data directly inside this element, concatenated.
  public var text: String = ""

  /// The value of the attribute with this local name and no namespace.
  public func attribute(_ name: String) -> String? {
    attributes.first { $0.localName == name && $0.namespace == nil }?.value
  }

  /// The value of the attribute with this local name in one of these namespaces.
  public func attribute(_ name: String, in namespaces: [String]) -> String? {
    attributes.first { $0.localName == name && $0.namespace.map(namespaces.contains) == true }?.value
  }

  /// The child elements with this local name in one of these namespaces.
  public func children(_ name: String, in namespaces: [String]) -> [XMLElement] {
    children.filter { $0.localName == name && $0.namespace.map(namespaces.contains) == true }
  }

  /// The first child element with this local name in one of these namespaces.
  public func child(_ name: String, in namespaces: [String]) -> XMLElement? {
    children.first { $0.localName == name && $0.namespace.map(namespaces.contains) == true }
  }

  /// Whether this element has this local name in one of these namespaces.
  public func `is`(_ name: String, in namespaces: [String]) -> Bool {
    localName == name && namespace.map(namespaces.contains) == true
  }
}

/// Builds an ``XMLElement`` tree from parser events.
public final class XMLTreeBuilder: XMLContentHandler {
  private var stack: [XMLElement] = []
  private var textBytes: [[UInt8]] = []
  public private(set) var root: XMLElement?

  public init() {}

  public func startElement(_ name: XMLName, attributes: XMLAttributes) throws {
    stack.append(XMLElement(localName: name.localNameString, namespace: name.namespaceString, attributes: attributes.all()))
    textBytes.append([])
  }

  public func endElement(_ name: XMLName) throws {
    guard var element = stack.popLast(), let text = textBytes.popLast() else { return }
    element.text = String(decoding: text, as: UTF8.self)
    if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
  }

  public func characters(_ text: UnsafeBufferPointer<UInt8>) throws {
    guard !textBytes.isEmpty else { return }
    textBytes[textBytes.count - 1].append(contentsOf: text)
  }
}
