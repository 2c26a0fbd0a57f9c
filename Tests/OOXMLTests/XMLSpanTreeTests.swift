import Testing

@testable import OOXML

@Suite struct XMLSpanTreeTests {
  @Test func spansPointAtTheMarkupAsWritten() throws {
    let xml = "\u{FEFF}<?xml version=\"1.0\"?>\n<x:a xmlns:x=\"urn:x\" k=\"1\">\n  <x:b/><x:c  n=\"&amp;\">text</x:c >\n</x:a>"
    let bytes = Array(xml.utf8)
    let part = try SpannedPart(name: "p.xml", bytes: bytes, file: "f.xlsx")
    func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
    let root = part.root
    #expect(root.qualifiedName == "x:a")
    #expect(text(root.start..<root.startTagEnd) == "<x:a xmlns:x=\"urn:x\" k=\"1\">")
    #expect(text(root.endTagStart..<root.end) == "</x:a>")
    let b = root.children[0]
    #expect(b.isSelfClosing)
    #expect(text(b.start..<b.end) == "<x:b/>")
    let c = root.children[1]
    #expect(text(c.start..<c.startTagEnd) == "<x:c  n=\"&amp;\">")
    #expect(text(c.endTagStart..<c.end) == "</x:c >")
    #expect(c.attribute("n") == "&")
    #expect(c.text == "text")
  }

  @Test func spansHoldAcrossParserChunks() throws {
    var xml = "<root>"
    for index in 0..<20_000 { xml += "<row r=\"\(index)\"><v>\(index)</v></row>" }
    xml += "</root>"
    let bytes = Array(xml.utf8)
    let part = try SpannedPart(name: "p.xml", bytes: bytes, file: "f.xlsx")
    let last = try #require(part.root.children.last)
    #expect(String(decoding: bytes[last.start..<last.end], as: UTF8.self) == "<row r=\"19999\"><v>19999</v></row>")
  }
}
