import SafeXML

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
