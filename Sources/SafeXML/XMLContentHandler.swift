#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Receives the events of a streaming XML parse.
///
/// Names, attributes and text are views into libxml2's buffers, valid only during the
/// call: copy what you keep. A handler that throws stops the parse; the error is
/// rethrown by ``XMLPushParser``.
public protocol XMLContentHandler: AnyObject {
  /// An element starts.
  func startElement(_ name: XMLName, attributes: XMLAttributes) throws
  /// An element ends.
  func endElement(_ name: XMLName) throws
  /// Character data (text or CDATA), possibly in several calls for one text node.
  func characters(_ text: UnsafeBufferPointer<UInt8>) throws
}

/// A handler that needs to know where events happen in the document's bytes (to splice
/// it later). The parser sets ``locator`` before the first event.
package protocol XMLLocating: AnyObject {
  var locator: XMLParserState? { get set }
}

/// A namespace-qualified element name as libxml2 reports it.
public struct XMLName {
  /// The local name, NUL-terminated UTF-8.
  public let localName: UnsafePointer<UInt8>
  /// The namespace URI, NUL-terminated UTF-8, or `nil` for no namespace.
  public let namespace: UnsafePointer<UInt8>?
  /// The prefix as written, or `nil` for the default namespace.
  public var prefix: UnsafePointer<UInt8>? = nil

  /// Whether the local name is `name`.
  @inlinable
  public func hasLocalName(_ name: StaticString) -> Bool {
    cStringEquals(localName, name.utf8Start)
  }

  /// The local name as a string.
  public var localNameString: String { String(cString: localName) }

  /// The namespace URI as a string.
  public var namespaceString: String? { namespace.map { String(cString: $0) } }
}

/// Compares two NUL-terminated byte strings.
@inlinable
package func cStringEquals(_ lhs: UnsafePointer<UInt8>, _ rhs: UnsafePointer<UInt8>) -> Bool {
  var index = 0
  while true {
    let left = lhs[index]
    if left != rhs[index] { return false }
    if left == 0 { return true }
    index += 1
  }
}

/// Whether `bytes` are exactly the bytes of `literal`.
@inlinable
package func bytesEqual(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
  guard bytes.count == literal.utf8CodeUnitCount, let base = bytes.baseAddress else {
    return bytes.isEmpty && literal.utf8CodeUnitCount == 0
  }
  return memcmp(base, literal.utf8Start, bytes.count) == 0
}
