import Testing

@testable import OOXML
import TestSupport
import SafeXML

@Suite struct XMLPushParserTests {
  private func parse(_ xml: String, chunkSize: Int = 7) throws -> XMLElement? {
    let builder = XMLTreeBuilder()
    let parser = XMLPushParser(file: "book.xlsx", part: "xl/part.xml", handler: builder)
    let bytes = Array(xml.utf8)
    var start = 0
    while start < bytes.count {
      let end = min(start + chunkSize, bytes.count)
      try bytes[start..<end].withUnsafeBytes { try parser.parse($0) }
      start = end
    }
    try parser.finish()
    return builder.root
  }

  @Test func elementsAreMatchedByNamespaceNotPrefix() throws {
    let root = try #require(try parse("""
      <x:worksheet xmlns:x="\(WorkbookFixture.main)"><x:sheetData/></x:worksheet>
      """))
    #expect(root.is("worksheet", in: XMLNamespace.spreadsheetML))
    #expect(root.child("sheetData", in: XMLNamespace.spreadsheetML) != nil)
  }

  @Test func escapedAmpersandsInAttributesAndText() throws {
    let root = try #require(try parse("<a n=\"Dumont &amp; co &#38; &lt;fils&gt; &amp;#38;\">R&amp;D &#233;</a>"))
    #expect(root.attribute("n") == "Dumont & co & <fils> &#38;")
    #expect(root.text == "R&D é")
  }

  @Test func cdataIsText() throws {
    #expect(try parse("<t><![CDATA[a < b]]></t>")?.text == "a < b")
  }

  @Test func aDoctypeIsRefusedWithItsLine() {
    let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x \"boom\">]>\n<a>&x;</a>"
    #expect(throws: OOXMLError.forbiddenDoctype(file: "book.xlsx", part: "xl/part.xml", line: 2)) {
      try parse(xml, chunkSize: 1 << 16)
    }
  }

  @Test func billionLaughsIsRefusedBeforeAnyExpansion() {
    var xml = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
    for level in 1...9 { xml += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">" }
    xml += "]><lolz>&lol9;</lolz>"
    #expect(throws: OOXMLError.self) { try parse(xml, chunkSize: 1 << 16) }
  }

  @Test func externalEntitiesAreNeverFetched() {
    let xml = "<!DOCTYPE a SYSTEM \"http://127.0.0.1:1/evil.dtd\"><a>&ext;</a>"
    #expect(throws: OOXMLError.forbiddenDoctype(file: "book.xlsx", part: "xl/part.xml", line: 1)) {
      try parse(xml, chunkSize: 1 << 16)
    }
  }

  @Test func anUndeclaredEntityIsMalformed() {
    #expect {
      try parse("<a>&nbsp;</a>")
    } throws: { error in
      guard case let .malformedXML(file, part, line, _) = error as? OOXMLError else { return false }
      return file == "book.xlsx" && part == "xl/part.xml" && line == 1
    }
  }

  @Test(arguments: ["<a><b></a>", "<a>", "not xml", "<a x=\"1\" x=\"2\"/>", ""])
  func malformedXMLSaysWhere(xml: String) {
    #expect {
      try parse(xml)
    } throws: { error in
      guard case let .malformedXML(_, part, _, message) = error as? OOXMLError else { return false }
      return part == "xl/part.xml" && !message.isEmpty && !message.contains("\n")
    }
  }

  @Test func utf16IsDetected() throws {
    var bytes: [UInt8] = [0xFE, 0xFF]
    for unit in "<a>é</a>".utf16 { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
    let builder = XMLTreeBuilder()
    let parser = XMLPushParser(file: "f", part: "p", handler: builder)
    try bytes.withUnsafeBytes { try parser.parse($0) }
    try parser.finish()
    #expect(builder.root?.text == "é")
  }
}
