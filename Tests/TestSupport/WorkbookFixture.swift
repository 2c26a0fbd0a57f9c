import Foundation

/// Builds minimal but complete `.xlsx` packages from a few XML strings, so each test
/// shows exactly the markup it is about.
public struct WorkbookFixture: Sendable {
  public static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
  public static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

  public var sheets: [(name: String, xml: String)]
  public var sharedStrings: String?
  public var styles: String?
  public var workbookProperties = ""
  public var sheetStates: [String?] = []
  public var worksheetTarget: @Sendable (Int) -> String = { "worksheets/sheet\($0).xml" }
  public var worksheetEntry: @Sendable (Int) -> String = { "xl/worksheets/sheet\($0).xml" }
  public var extraEntries: [(String, String)] = []

  /// A workbook with one sheet whose `<sheetData>` holds `rows`.
  public static func sheetData(_ rows: String, sharedStrings: [String] = [], styles: String? = nil) -> WorkbookFixture {
    let sst = sharedStrings.isEmpty ? nil : "<sst xmlns=\"\(main)\" count=\"\(sharedStrings.count)\" uniqueCount=\"\(sharedStrings.count)\">"
      + sharedStrings.map { "<si><t>\($0)</t></si>" }.joined() + "</sst>"
    return WorkbookFixture(
      sheets: [("Feuil1", "<worksheet xmlns=\"\(main)\"><sheetData>\(rows)</sheetData></worksheet>")],
      sharedStrings: sst, styles: styles)
  }

  /// A `styles.xml` whose `cellXfs` use these number formats (id → code for custom ones).
  public static func styles(numberFormats: [Int: String], cellFormats: [Int]) -> String {
    let formats = numberFormats.sorted { $0.key < $1.key }.map { "<numFmt numFmtId=\"\($0.key)\" formatCode=\"\($0.value)\"/>" }
    return "<styleSheet xmlns=\"\(main)\"><numFmts count=\"\(formats.count)\">\(formats.joined())</numFmts>"
      + "<cellXfs count=\"\(cellFormats.count)\">" + cellFormats.map { "<xf numFmtId=\"\($0)\"/>" }.joined()
      + "</cellXfs></styleSheet>"
  }

  public var entries: [(String, String)] {
    var parts: [(String, String)] = [
      ("[Content_Types].xml", contentTypes),
      ("_rels/.rels", """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="\(Self.relationships)/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """),
    ]
    var rels = ""
    var sheetList = ""
    for (index, sheet) in sheets.enumerated() {
      rels += "<Relationship Id=\"rId\(index + 1)\" Type=\"\(Self.relationships)/worksheet\" Target=\"\(worksheetTarget(index + 1))\"/>"
      let state = index < sheetStates.count ? sheetStates[index].map { " state=\"\($0)\"" } ?? "" : ""
      sheetList += "<sheet name=\"\(sheet.name.xmlEscaped)\" sheetId=\"\(index + 1)\"\(state) r:id=\"rId\(index + 1)\"/>"
      parts.append((worksheetEntry(index + 1), sheet.xml))
    }
    if let sharedStrings {
      rels += "<Relationship Id=\"rIdS\" Type=\"\(Self.relationships)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
      parts.append(("xl/sharedStrings.xml", sharedStrings))
    }
    if let styles {
      rels += "<Relationship Id=\"rIdT\" Type=\"\(Self.relationships)/styles\" Target=\"styles.xml\"/>"
      parts.append(("xl/styles.xml", styles))
    }
    parts.append(("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(rels)</Relationships>"))
    parts.append(("xl/workbook.xml", """
      <workbook xmlns="\(Self.main)" xmlns:r="\(Self.relationships)">\(workbookProperties)<sheets>\(sheetList)</sheets></workbook>
      """))
    return parts + extraEntries
  }

  /// `[Content_Types].xml`, with an override for each part (LibreOffice needs them).
  var contentTypes: String {
    let base = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    var overrides = "<Override PartName=\"/xl/workbook.xml\" ContentType=\"\(base).sheet.main+xml\"/>"
    for index in sheets.indices {
      overrides += "<Override PartName=\"/xl/worksheets/sheet\(index + 1).xml\" ContentType=\"\(base).worksheet+xml\"/>"
    }
    if sharedStrings != nil { overrides += "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"\(base).sharedStrings+xml\"/>" }
    if styles != nil { overrides += "<Override PartName=\"/xl/styles.xml\" ContentType=\"\(base).styles+xml\"/>" }
    return """
      <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
      <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
      <Default Extension="xml" ContentType="application/xml"/>\(overrides)</Types>
      """
  }

  /// Writes the package to a temporary file and returns its path.
  public func write(_ name: String = "fixture.xlsx") throws -> String {
    let path = ZipFixture.temporaryPath(name)
    try ZipFixture.write(entries, to: path)
    return path
  }
}

extension String {
  public var xmlEscaped: String {
    replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: "\"", with: "&quot;")
  }
}
