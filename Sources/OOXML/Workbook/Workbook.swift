import SafeXML

/// An `.xlsx` workbook opened for reading.
///
/// Opening reads the small parts (relationships, `workbook.xml`, `styles.xml`,
/// `sharedStrings.xml`); the cells of each sheet are streamed on demand by
/// ``cells(of:)``, so memory does not grow with a sheet's size.
///
/// ```swift
/// let workbook = try Workbook(path: "suivi.xlsx")
/// let reader = try workbook.cells(of: workbook.sheets[0])
/// while let cell = try reader.next() { print(cell.reference, cell.value) }
/// ```
public final class Workbook {
  /// The path the workbook was opened from.
  public var path: String { package.file }
  /// The sheets, in tab order.
  public let sheets: [Sheet]
  /// How the workbook counts days (`date1904`).
  public let dateSystem: DateSystem
  /// The shared-string table.
  public let sharedStrings: SharedStrings
  /// Number formats and cell formats.
  public let styles: Styles
  /// The name of the workbook part (usually `xl/workbook.xml`).
  public let workbookPart: String

  let package: OPCPackage
  /// What the file was on disk when it was opened (a save refuses if it changed since).
  let openedIdentity: FileIdentity?

  /// Opens and checks the workbook at `path`.
  ///
  /// - Throws: ``OOXMLError``, naming the file and the part at fault.
  public init(path: String, limits: ZipLimits = .default) throws {
    openedIdentity = FileIdentity(path: path)
    package = try OPCPackage(path: path, limits: limits)
    workbookPart = try Self.findWorkbookPart(package)
    guard let root = try package.element(workbookPart) else {
      throw OOXMLError.invalidPackage(file: path, part: workbookPart, reason: "the workbook part is missing")
    }
    guard root.is("workbook", in: XMLNamespace.spreadsheetML) else {
      throw OOXMLError.invalidPackage(file: path, part: workbookPart, reason: "not a SpreadsheetML workbook (root <\(root.localName)>)")
    }
    let relationships = try package.relationships(of: workbookPart)
    guard let relationships else {
      throw OOXMLError.invalidPackage(
        file: path, part: PartName.relationships(of: workbookPart), reason: "the workbook's relationships part is missing")
    }
    dateSystem = Self.dateSystem(root)
    sheets = try Self.sheets(root, relationships: relationships, package: package, workbookPart: workbookPart)
    styles = try Self.styles(relationships, package: package)
    sharedStrings = try Self.sharedStrings(relationships, package: package)
  }

  /// The sheet with this name (compared as Excel does, case-insensitively).
  public func sheet(named name: String) -> Sheet? {
    sheets.first { $0.name == name } ?? sheets.first { $0.name.lowercased() == name.lowercased() }
  }

  /// The sheet with this name.
  /// - Throws: ``OOXMLError/sheetNotFound(file:sheet:available:)``.
  public func requireSheet(named name: String) throws -> Sheet {
    guard let sheet = sheet(named: name) else {
      throw OOXMLError.sheetNotFound(file: path, sheet: name, available: sheets.map(\.name))
    }
    return sheet
  }

  /// Starts streaming the cells of `sheet`, in the order the file stores them.
  /// A chart sheet has no cells.
  /// - Throws: ``OOXMLError/invalidPackage(file:part:reason:)`` when the sheet's part is missing.
  public func cells(of sheet: Sheet) throws -> CellReader {
    try cells(of: sheet, preparingEdit: false)
  }

  /// A reader of the cells of `sheet` that, when `preparingEdit`, also indexes the sheet
  /// for an editor and keeps its bytes (see ``CellReader/preparedForEditing()``): one
  /// parse instead of two when a run reads a sheet and then edits it.
  public func cells(of sheet: Sheet, preparingEdit: Bool) throws -> CellReader {
    guard let entry = package.entry(sheet.partName) else {
      throw OOXMLError.invalidPackage(file: path, part: sheet.partName, reason: "the part of sheet '\(sheet.name)' is missing")
    }
    return try CellReader(workbook: self, sheet: sheet, entry: entry, preparingEdit: preparingEdit)
  }

  /// The bytes of `sheet`'s part (inflated within the archive's limits) and their scan
  /// (``SheetScan``; `nil` when the scan does not trust the part's shape).
  public func scan(_ sheet: Sheet) throws -> SheetScan? {
    guard let entry = package.entry(sheet.partName) else {
      throw OOXMLError.invalidPackage(file: path, part: sheet.partName, reason: "the part of sheet '\(sheet.name)' is missing")
    }
    return SheetScan.scan(try package.archive.contents(of: entry))
  }

  /// A reader of the cells of the rows at `indexes` (ascending positions in
  /// `scan.rows`) only: the part is parsed with every other row left out. The rows left
  /// out must have `facts` (taken from an earlier read of the sheet, with the same bytes:
  /// see ``SheetFacts``); with them, ``CellReader/preparedForEditing()`` gives the index of
  /// the whole sheet, or `nil` when the facts do not fit the rows parsed (then read the
  /// sheet whole).
  public func cells(of sheet: Sheet, scan: SheetScan, reading indexes: [Int], reusing facts: SheetFacts) -> CellReader {
    let (document, map) = scan.sparseDocument(rows: indexes)
    let partial = PartialRead(scan: scan, map: map, parsed: Set(indexes.map { scan.rows[$0].number }), facts: facts)
    return CellReader(workbook: self, sheet: sheet, part: sheet.partName, document: document, partial: partial)
  }
}

extension Workbook {
  private static func findWorkbookPart(_ package: OPCPackage) throws -> String {
    if let relationships = try package.relationships(of: ""),
      let office = relationships.first(where: { $0.kind == "officeDocument" }), let part = office.partName
    {
      guard let entry = package.entry(part) else {
        throw OOXMLError.invalidPackage(file: package.file, part: part, reason: "the workbook part is missing")
      }
      return entry.normalizedName
    }
    // No package relationships: accept the conventional place, as Excel does.
    guard let entry = package.entry("xl/workbook.xml") else {
      throw OOXMLError.invalidPackage(file: package.file, part: "_rels/.rels", reason: "no workbook part (not a spreadsheet package)")
    }
    return entry.normalizedName
  }

  private static func dateSystem(_ root: XMLElement) -> DateSystem {
    let flag = root.child("workbookPr", in: XMLNamespace.spreadsheetML)?.attribute("date1904")
    return flag == "1" || flag?.lowercased() == "true" ? .excel1904 : .excel1900
  }

  private static func sheets(
    _ root: XMLElement, relationships: [Relationship], package: OPCPackage, workbookPart: String
  ) throws -> [Sheet] {
    let ns = XMLNamespace.spreadsheetML
    let elements = root.child("sheets", in: ns)?.children("sheet", in: ns) ?? []
    guard !elements.isEmpty else {
      throw OOXMLError.invalidPackage(file: package.file, part: workbookPart, reason: "the workbook lists no sheets")
    }
    var seen: Set<String> = []
    // The workbook's other parts (itself, its shared strings, styles, theme…): a sheet that
    // points to one is not a sheet, and an edit must never splice into it as if it were.
    let sheetKinds: Set<String> = ["worksheet", "chartsheet", "dialogsheet", "xlMacrosheet"]
    let notSheets = Set(
      ([workbookPart] + relationships.filter { !sheetKinds.contains(String($0.kind)) }.compactMap(\.partName)).map {
        (package.entry($0)?.normalizedName ?? $0).lowercased()
      })
    var parts: Set<String> = []
    return try elements.map { element in
      guard let name = element.attribute("name"), !name.isEmpty else {
        throw OOXMLError.invalidPackage(file: package.file, part: workbookPart, reason: "a sheet has no name")
      }
      guard seen.insert(name.lowercased()).inserted else {
        throw OOXMLError.invalidPackage(file: package.file, part: workbookPart, reason: "two sheets are named '\(name)'")
      }
      guard let id = element.attribute("id", in: XMLNamespace.officeRelationships),
        let relationship = relationships.first(where: { $0.id == id }), let target = relationship.partName
      else {
        throw OOXMLError.invalidPackage(file: package.file, part: workbookPart, reason: "sheet '\(name)' points to no part")
      }
      let part = package.entry(target)?.normalizedName ?? target
      guard !notSheets.contains(part.lowercased()) else {
        throw OOXMLError.invalidPackage(file: package.file, part: workbookPart, reason: "sheet '\(name)' points to \(part), which is not a sheet")
      }
      guard parts.insert(part.lowercased()).inserted else {
        throw OOXMLError.invalidPackage(file: package.file, part: workbookPart, reason: "sheet '\(name)' points to \(part), which another sheet points to")
      }
      let state = element.attribute("state").flatMap(Sheet.State.init(rawValue:)) ?? .visible
      let kind = Sheet.Kind(rawValue: String(relationship.kind)) ?? (relationship.kind == "xlMacrosheet" ? .macrosheet : .worksheet)
      return Sheet(name: name, state: state, kind: kind, partName: package.entry(target)?.normalizedName ?? target, relationshipID: id)
    }
  }

  private static func styles(_ relationships: [Relationship], package: OPCPackage) throws -> Styles {
    guard let part = relationships.first(where: { $0.kind == "styles" })?.partName, let root = try package.element(part) else {
      return .empty
    }
    return Styles(root: root)
  }

  private static func sharedStrings(_ relationships: [Relationship], package: OPCPackage) throws -> SharedStrings {
    guard let part = relationships.first(where: { $0.kind == "sharedStrings" })?.partName, let entry = package.entry(part) else {
      return .empty
    }
    let reader = SharedStringsReader()
    try package.stream(entry, to: reader)
    return reader.table
  }
}
