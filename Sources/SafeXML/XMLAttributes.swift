/// The attributes of an element being parsed: a view over libxml2's SAX2 array of
/// five pointers per attribute (local name, prefix, URI, value start, value end).
public struct XMLAttributes {
  @usableFromInline let raw: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
  /// The number of attributes.
  public let count: Int

  package init(raw: UnsafeMutablePointer<UnsafePointer<UInt8>?>?, count: Int) {
    self.raw = raw
    self.count = raw == nil ? 0 : count
  }

  /// The raw value bytes of the attribute with this local name and no namespace.
  @inlinable
  public func bytes(_ localName: StaticString) -> UnsafeBufferPointer<UInt8>? {
    guard let raw else { return nil }
    for index in 0..<count {
      let base = index * 5
      guard let name = raw[base], raw[base + 2] == nil, cStringEquals(name, localName.utf8Start) else { continue }
      return Self.value(raw, at: base)
    }
    return nil
  }

  /// Calls `body` with the local name and raw value of each attribute in no namespace:
  /// one pass, for elements whose attributes are all wanted.
  @inlinable
  public func forEachUnqualified(_ body: (UnsafePointer<UInt8>, UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
    guard let raw else { return }
    for index in 0..<count {
      let base = index * 5
      guard let name = raw[base], raw[base + 2] == nil else { continue }
      try body(name, Self.value(raw, at: base))
    }
  }

  /// The value of the attribute with this local name and no namespace.
  public func string(_ localName: StaticString) -> String? {
    bytes(localName).map(Self.decode)
  }

  /// The value of the attribute with this local name in one of these namespaces.
  public func string(_ localName: StaticString, in namespace: XMLNamespaceMatcher) -> String? {
    guard let raw else { return nil }
    for index in 0..<count {
      let base = index * 5
      guard let name = raw[base], namespace.matches(raw[base + 2]),
        cStringEquals(name, localName.utf8Start)
      else { continue }
      return Self.decode(Self.value(raw, at: base))
    }
    return nil
  }

  /// Every attribute as (local name, namespace URI, value).
  public func all() -> [XMLAttribute] {
    guard let raw else { return [] }
    return (0..<count).compactMap { index in
      let base = index * 5
      guard let name = raw[base] else { return nil }
      return XMLAttribute(
        localName: String(cString: name), namespace: raw[base + 2].map { String(cString: $0) },
        value: Self.decode(Self.value(raw, at: base)))
    }
  }

  @usableFromInline static func value(_ raw: UnsafeMutablePointer<UnsafePointer<UInt8>?>, at base: Int) -> UnsafeBufferPointer<UInt8> {
    guard let start = raw[base + 3], let end = raw[base + 4] else { return UnsafeBufferPointer(start: nil, count: 0) }
    return UnsafeBufferPointer(start: start, count: end - start)
  }

  /// Turns attribute bytes into a string. Without entity substitution, libxml2 hands an
  /// escaped `&` to SAX2 as the text `&#38;` (for the tree builder to re-parse): undo that.
  public static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
    let marker = Array("&#38;".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
      if bytes[index] == UInt8(ascii: "&"), index + marker.count <= bytes.count,
        bytes[index..<index + marker.count].elementsEqual(marker)
      {
        out.append(UInt8(ascii: "&"))
        index += marker.count
      } else {
        out.append(bytes[index])
        index += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}

/// An attribute copied out of the parser.
public struct XMLAttribute: Equatable, Sendable {
  public let localName: String
  public let namespace: String?
  public let value: String
}
