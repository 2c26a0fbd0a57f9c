import SafeXML

/// The workbook's shared-string table: the text of each `<si>`, in order.
///
/// Rich-text items (`<r>` runs with their own formatting) are read as the concatenation
/// of their runs' text; phonetic guides (`<rPh>`) are left out. Which items were rich is
/// kept, since overwriting one loses its formatting.
public struct SharedStrings: Sendable {
  /// The text of each item, `_xHHHH_` escapes decoded.
  public let strings: [String]
  /// The indexes of the items written as rich-text runs.
  public let richTextIndexes: Set<Int>

  /// No shared-strings part.
  public static let empty = SharedStrings(strings: [], richTextIndexes: [])

  /// The number of items.
  public var count: Int { strings.count }

  /// The text of item `index`, or `nil` when the index is out of range.
  @inline(__always)
  public subscript(index: Int) -> String? {
    index >= 0 && index < strings.count ? strings[index] : nil
  }
}

/// Streams a shared-strings part into a ``SharedStrings`` table. The `count` and
/// `uniqueCount` attributes are never used to preallocate: they come from outside.
final class SharedStringsReader: XMLContentHandler {
  private let main = XMLNamespaceMatcher(XMLNamespace.spreadsheetML)
  private var strings: [String] = []
  private var rich: Set<Int> = []
  private var text: [UInt8] = []
  private var inItem = false
  private var isRich = false
  private var phoneticDepth = 0
  private var inText = false

  var table: SharedStrings { SharedStrings(strings: strings, richTextIndexes: rich) }

  func startElement(_ name: XMLName, attributes: XMLAttributes) throws {
    guard main.matches(name.namespace) else { return }
    if name.hasLocalName("si") {
      inItem = true
      isRich = false
      text.removeAll(keepingCapacity: true)
    } else if name.hasLocalName("rPh") {
      phoneticDepth += 1
    } else if name.hasLocalName("r") {
      isRich = true
    } else if name.hasLocalName("t") {
      inText = inItem && phoneticDepth == 0
    }
  }

  func endElement(_ name: XMLName) throws {
    guard main.matches(name.namespace) else { return }
    if name.hasLocalName("si") {
      if isRich { rich.insert(strings.count) }
      strings.append(ExcelEscaping.decode(String(decoding: text, as: UTF8.self)))
      inItem = false
    } else if name.hasLocalName("rPh") {
      phoneticDepth -= 1
    } else if name.hasLocalName("t") {
      inText = false
    }
  }

  func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws {
    if inText { text.append(contentsOf: bytes) }
  }
}
