/// Tells whether a namespace pointer is one of a set of URIs, remembering the last
/// pointer that matched: libxml2 interns namespace URIs per parse, so after the first
/// element the check is one pointer comparison.
public final class XMLNamespaceMatcher {
  @usableFromInline let uris: [[UInt8]]
  @usableFromInline var lastMatch: UnsafePointer<UInt8>?

  public init(_ uris: [String]) {
    self.uris = uris.map { Array($0.utf8) + [0] }
  }

  @inlinable
  public func matches(_ namespace: UnsafePointer<UInt8>?) -> Bool {
    guard let namespace else { return false }
    if namespace == lastMatch { return true }
    for uri in uris where uri.withUnsafeBufferPointer({ cStringEquals(namespace, $0.baseAddress!) }) {
      lastMatch = namespace
      return true
    }
    return false
  }

  /// Whether `uri` is one of the set.
  public func matches(_ uri: String?) -> Bool {
    guard let uri else { return false }
    return uris.contains { $0.dropLast().elementsEqual(uri.utf8) }
  }
}
