import Testing

@testable import OOXML

@Suite struct PartNameTests {
  @Test(arguments: [
    ("worksheets/sheet1.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"),
    ("/xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"),
    ("../media/image1.png", "xl/drawings/drawing1.xml", "xl/media/image1.png"),
    ("./styles.xml", "xl/workbook.xml", "xl/styles.xml"),
    ("xl/workbook.xml", "", "xl/workbook.xml"),
    ("worksheets\\sheet1.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"),
  ])
  func resolvesTargets(target: String, source: String, part: String) {
    #expect(PartName.resolve(target, from: source) == part)
  }

  @Test func targetsThatClimbOutOfThePackageAreRefused() {
    #expect(PartName.resolve("../../etc/passwd", from: "xl/workbook.xml") == nil)
  }

  @Test func relationshipsPartNames() {
    #expect(PartName.relationships(of: "xl/workbook.xml") == "xl/_rels/workbook.xml.rels")
    #expect(PartName.relationships(of: "workbook.xml") == "_rels/workbook.xml.rels")
  }

  @Test func percentEncodedTargetsAreDecoded() {
    #expect(PartName.percentDecoded("xl/worksheets/sheet%201.xml") == "xl/worksheets/sheet 1.xml")
    #expect(PartName.percentDecoded("xl/%C3%A9t%C3%A9.xml") == "xl/été.xml")
    #expect(PartName.percentDecoded("xl/bad%2.xml") == nil)
  }
}
