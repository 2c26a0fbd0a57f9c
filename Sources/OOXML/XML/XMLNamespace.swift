/// The namespace URIs Suivi reads, each in its Transitional and Strict (ISO 29500) spelling.
///
/// Elements are matched by URI, never by prefix: `<x:c>` and `<c>` are the same element
/// when both prefixes are bound to SpreadsheetML.
enum XMLNamespace {
  static let spreadsheetML = [
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",
  ]
  static let officeRelationships = [
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
  ]
  static let packageRelationships = ["http://schemas.openxmlformats.org/package/2006/relationships"]
  static let contentTypes = ["http://schemas.openxmlformats.org/package/2006/content-types"]
}

/// Tells whether a namespace pointer is one of a set of URIs, remembering the last
/// pointer that matched: libxml2 interns namespace URIs per parse, so after the first
/// element the check is one pointer comparison.
final class XMLNamespaceMatcher {
  private let uris: [[UInt8]]
  private var lastMatch: UnsafePointer<UInt8>?

  init(_ uris: [String]) {
    self.uris = uris.map { Array($0.utf8) + [0] }
  }

  @inline(__always)
  func matches(_ namespace: UnsafePointer<UInt8>?) -> Bool {
    guard let namespace else { return false }
    if namespace == lastMatch { return true }
    for uri in uris where uri.withUnsafeBufferPointer({ cStringEquals(namespace, $0.baseAddress!) }) {
      lastMatch = namespace
      return true
    }
    return false
  }

  /// Whether `uri` is one of the set.
  func matches(_ uri: String?) -> Bool {
    guard let uri else { return false }
    return uris.contains { $0.dropLast().elementsEqual(uri.utf8) }
  }
}
