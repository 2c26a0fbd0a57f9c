/// Sends each event of one parse to two handlers, in order: one document read for two
/// purposes (a sheet's cells, and the index an editor splices it with).
package final class XMLTee: XMLContentHandler, XMLLocating {
  private let first: any XMLContentHandler
  private let second: any XMLContentHandler

  package init(_ first: any XMLContentHandler, _ second: any XMLContentHandler) {
    self.first = first
    self.second = second
  }

  package var locator: XMLParserState? {
    get { (first as? XMLLocating)?.locator ?? (second as? XMLLocating)?.locator }
    set {
      (first as? XMLLocating)?.locator = newValue
      (second as? XMLLocating)?.locator = newValue
    }
  }

  package func startElement(_ name: XMLName, attributes: XMLAttributes) throws {
    try first.startElement(name, attributes: attributes)
    try second.startElement(name, attributes: attributes)
  }

  package func endElement(_ name: XMLName) throws {
    try first.endElement(name)
    try second.endElement(name)
  }

  package func characters(_ text: UnsafeBufferPointer<UInt8>) throws {
    try first.characters(text)
    try second.characters(text)
  }
}
