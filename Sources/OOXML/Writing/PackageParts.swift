// The parts of a new workbook's package other than its sheets and styles: content
// types, relationships, the workbook part, and the document properties.

/// The fixed parts of a new package, for sheets named in order.
struct PackageParts {
  let sheetNames: [String]
  let hasSharedStrings: Bool
  let properties: DocumentProperties
  var definedNames: [DefinedName] = []
  var activeSheet = 0

  init(sheetNames: [String], hasSharedStrings: Bool, properties: DocumentProperties) {
    self.sheetNames = sheetNames
    self.hasSharedStrings = hasSharedStrings
    self.properties = properties
  }

  private static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
  private static let spreadsheetML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
  private static let relationshipTypes = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

  var contentTypes: String {
    var out = Self.declaration + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
    out += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
    out += #"<Default Extension="xml" ContentType="application/xml"/>"#
    out += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"\(Self.spreadsheetML).sheet.main+xml\"/>"
    for index in sheetNames.indices {
      out += "<Override PartName=\"/xl/worksheets/sheet\(index + 1).xml\" ContentType=\"\(Self.spreadsheetML).worksheet+xml\"/>"
    }
    out += "<Override PartName=\"/xl/styles.xml\" ContentType=\"\(Self.spreadsheetML).styles+xml\"/>"
    if hasSharedStrings {
      out += "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"\(Self.spreadsheetML).sharedStrings+xml\"/>"
    }
    out += #"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#
    out += #"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#
    return out + "</Types>"
  }

  var rootRelationships: String {
    Self.declaration + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
      + "<Relationship Id=\"rId1\" Type=\"\(Self.relationshipTypes)/officeDocument\" Target=\"xl/workbook.xml\"/>"
      + #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#
      + "<Relationship Id=\"rId3\" Type=\"\(Self.relationshipTypes)/extended-properties\" Target=\"docProps/app.xml\"/>"
      + "</Relationships>"
  }

  var workbookRelationships: String {
    var out = Self.declaration + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
    for index in sheetNames.indices {
      out += "<Relationship Id=\"rId\(index + 1)\" Type=\"\(Self.relationshipTypes)/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
    }
    let next = sheetNames.count + 1
    out += "<Relationship Id=\"rId\(next)\" Type=\"\(Self.relationshipTypes)/styles\" Target=\"styles.xml\"/>"
    if hasSharedStrings {
      out += "<Relationship Id=\"rId\(next + 1)\" Type=\"\(Self.relationshipTypes)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    }
    return out + "</Relationships>"
  }

  var workbook: String {
    var out = Self.declaration
    out += #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#
    out += #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
    out += "<workbookPr/>"
    out += "<bookViews><workbookView xWindow=\"0\" yWindow=\"0\" windowWidth=\"28800\" windowHeight=\"16000\""
    out += (activeSheet > 0 ? " activeTab=\"\(activeSheet)\"" : "") + "/></bookViews><sheets>"
    for (index, name) in sheetNames.enumerated() {
      out += "<sheet name=\"\(XMLEscaping.attribute(name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
    }
    out += "</sheets>"
    if !definedNames.isEmpty {
      out += "<definedNames>"
      // Excel lists them sorted by name (then sheet); keep that order.
      for name in definedNames.sorted(by: { ($0.name.lowercased(), $0.sheet ?? -1) < ($1.name.lowercased(), $1.sheet ?? -1) }) {
        out += "<definedName name=\"\(XMLEscaping.attribute(name.name))\""
        if let sheet = name.sheet { out += " localSheetId=\"\(sheet)\"" }
        if name.isHidden { out += " hidden=\"1\"" }
        out += ">\(XMLEscaping.content(name.formula))</definedName>"
      }
      out += "</definedNames>"
    }
    // Formulas are computed when the workbook is opened: the writer caches only what it
    // can compute exactly.
    return out + #"<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>"#
  }

  var core: String {
    var out = Self.declaration
    out += #"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#
    out += #"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#
    out += #"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
    if let title = properties.title { out += "<dc:title>\(XMLEscaping.content(title))</dc:title>" }
    if let subject = properties.subject { out += "<dc:subject>\(XMLEscaping.content(subject))</dc:subject>" }
    if let creator = properties.creator { out += "<dc:creator>\(XMLEscaping.content(creator))</dc:creator>" }
    if let keywords = properties.keywords { out += "<cp:keywords>\(XMLEscaping.content(keywords))</cp:keywords>" }
    if let language = properties.language { out += "<dc:language>\(XMLEscaping.content(language))</dc:language>" }
    if let created = properties.created {
      out += "<dcterms:created xsi:type=\"dcterms:W3CDTF\">\(XMLEscaping.content(created))</dcterms:created>"
    }
    return out + "</cp:coreProperties>"
  }

  var app: String {
    var out = Self.declaration
    out += #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" "#
    out += #"xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#
    out += "<Application>Suivi</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    out += "<HeadingPairs><vt:vector size=\"2\" baseType=\"variant\"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>"
    out += "<vt:variant><vt:i4>\(sheetNames.count)</vt:i4></vt:variant></vt:vector></HeadingPairs>"
    out += "<TitlesOfParts><vt:vector size=\"\(sheetNames.count)\" baseType=\"lpstr\">"
    out += sheetNames.map { "<vt:lpstr>\(XMLEscaping.content($0))</vt:lpstr>" }.joined() + "</vt:vector></TitlesOfParts>"
    if let company = properties.company { out += "<Company>\(XMLEscaping.content(company))</Company>" }
    return out + "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
      + "</Properties>"
  }
}
