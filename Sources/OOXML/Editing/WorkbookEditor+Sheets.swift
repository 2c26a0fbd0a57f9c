import Wording
import SafeXML
/// Whole sheets Suivi writes itself (its "Conflits" report): added, or replaced whole.
extension WorkbookEditor {
  /// Adds a worksheet named `name` holding `content` after the last sheet, or replaces the
  /// cells of the worksheet of that name when it exists (its other parts stay).
  /// - Throws: ``OOXMLError/editRefused(file:sheet:cell:reason:)`` when the name is not a
  ///   valid sheet name, or names a chart sheet, or a sheet also edited cell by cell.
  public func putSheet(_ name: String, _ content: SheetContent) throws {
    try SheetContent.checkName(name, file: path)
    if let sheet = workbook.sheet(named: name) {
      guard sheet.kind == .worksheet else {
        throw OOXMLError.editRefused(file: path, sheet: sheet.name, cell: nil, reason: "it is a \(sheet.kind.rawValue), not a worksheet")
      }
      puts.removeAll { $0.name.lowercased() == name.lowercased() }
      puts.append((sheet.name, content))
    } else {
      puts.removeAll { $0.name.lowercased() == name.lowercased() }
      puts.append((name, content))
    }
  }
}

/// The cells of a small sheet written whole: rows of values from A1, the first row a
/// header (shaded and frozen), or, made like another sheet (``layout``), its header row
/// with its formats, widths, validations and conditional formats.
public struct SheetContent: Sendable, Equatable {
  /// The rows, from row 1; each row's values in columns A, B, C…
  public var rows: [[CellInput]]
  /// Column widths in characters, from column A; missing ones keep the default.
  public var columnWidths: [Double]
  /// Drop-down lists: a column (1 for A) and its choices, offered in the rows below the
  /// header (and a hundred more, for rows people add).
  public var lists: [(column: Int, choices: [String])]
  /// The look of the sheet this one is made like (its widths and validations replace
  /// ``columnWidths`` and ``lists``).
  public var layout: SheetLayout?

  public init(rows: [[CellInput]], columnWidths: [Double] = [], lists: [(column: Int, choices: [String])] = []) {
    self.rows = rows
    self.columnWidths = columnWidths
    self.lists = lists
  }

  /// Rows written like the sheet `layout` describes: the header on its row, each cell in
  /// its column's format.
  public init(rows: [[CellInput]], like layout: SheetLayout) {
    self.init(rows: rows, columnWidths: layout.columnWidths)
    self.layout = layout
  }

  public static func == (lhs: SheetContent, rhs: SheetContent) -> Bool {
    lhs.rows == rhs.rows && lhs.columnWidths == rhs.columnWidths && lhs.layout == rhs.layout
      && lhs.lists.map(\.column) == rhs.lists.map(\.column) && lhs.lists.map(\.choices) == rhs.lists.map(\.choices)
  }

  /// The cell formats a date may be written in (each data column's; the plain one).
  var dataStyles: Set<Int> { Set(layout?.dataStyles.values.map { $0 } ?? []).union([0]) }

  /// Refuses a name Excel would refuse: empty, longer than 31 characters, with one of
  /// `[]:*?/\`, or starting or ending with an apostrophe.
  static func checkName(_ name: String, file: String) throws {
    let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
    let reason: Phrase? =
      if name.isEmpty { "a sheet name cannot be empty" }
      else if name.count > 31 { "a sheet name has at most 31 characters" }
      else if name.contains(where: forbidden.contains) { "a sheet name cannot hold any of [ ] : * ? / \\" }
      else if name.hasPrefix("'") || name.hasSuffix("'") { "a sheet name cannot start or end with an apostrophe" }
      else { nil }
    if let reason { throw OOXMLError.editRefused(file: file, sheet: name, cell: nil, reason: reason) }
  }

  /// The worksheet part's XML.
  /// `dateStyles`: each of ``dataStyles`` → a format like it that shows dates.
  func xml(headerStyle: Int, dateStyles: [Int: Int], dateSystem: DateSystem) -> [UInt8] {
    let writer = CellXML(prefix: nil)
    let headerIndex = (layout?.headerRow ?? 1) - 1
    var text = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
      + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    let width = rows.map(\.count).max() ?? 0
    if !rows.isEmpty, width > 0, let last = CellReference(column: width, row: rows.count) {
      text += "<dimension ref=\"A1:\(last)\"/>"
    }
    text += "<sheetViews><sheetView workbookViewId=\"0\">"
    text += rows.count > headerIndex + 1
      ? "<pane ySplit=\"\(headerIndex + 1)\" topLeftCell=\"A\(headerIndex + 2)\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
      : "</sheetView></sheetViews>"
    text += "<sheetFormatPr defaultRowHeight=\"15\"/>"
    if !columnWidths.isEmpty {
      // A width of 0 (or less) keeps the column's default.
      let sized = columnWidths.enumerated().filter { $0.element > 0 }
      if !sized.isEmpty {
        text += "<cols>" + sized.map { "<col min=\"\($0.offset + 1)\" max=\"\($0.offset + 1)\" width=\"\(CellXML.number($0.element))\" customWidth=\"1\"/>" }.joined() + "</cols>"
      }
    }
    text += "<sheetData>"
    for (rowOffset, values) in rows.enumerated() {
      text += "<row r=\"\(rowOffset + 1)\">"
      for (column, value) in values.enumerated() {
        guard let reference = CellReference(column: column + 1, row: rowOffset + 1) else { continue }
        var style = 0
        if rowOffset == headerIndex {
          style = layout?.headerStyles[column + 1] ?? headerStyle
        } else if rowOffset > headerIndex {
          style = layout?.dataStyles[column + 1] ?? 0
          if case .date = value { style = dateStyles[style] ?? style }
        }
        if value == .empty && style == 0 { continue }
        text += writer.cell(reference, style: style, value: value, dateSystem: dateSystem)
      }
      text += "</row>"
    }
    text += "</sheetData>"
    for format in layout?.conditionalFormats ?? [] { text += format }
    if let copied = layout?.validations { text += copied }
    let validations = layout?.validations != nil ? [] : lists.compactMap { list -> String? in
      guard let first = CellReference(column: list.column, row: headerIndex + 2),
        let last = CellReference(column: list.column, row: max(rows.count, 1) + 100),
        !list.choices.isEmpty
      else { return nil }
      let choices = XMLEscaping.content("\"" + list.choices.map { $0.replacingAll("\"", with: "\"\"") }.joined(separator: ",") + "\"")
      return "<dataValidation type=\"list\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\" sqref=\"\(first):\(last)\"><formula1>\(choices)</formula1></dataValidation>"
    }
    if !validations.isEmpty { text += "<dataValidations count=\"\(validations.count)\">" + validations.joined() + "</dataValidations>" }
    text += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>"
    return Array(text.utf8)
  }
}

extension SavePlan {
  static let worksheetContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"

  /// Writes the sheets put whole: replaced parts, or new parts with their `<sheet>`,
  /// relationship and content type.
  mutating func applyPutSheets(styles: StylesEditor) throws {
    guard !editor.puts.isEmpty else { return }
    // (A workbook without cell formats gets them: see StylesEditor.)
    let headerStyle = editor.puts.contains { $0.1.layout == nil } ? try styles.highlightStyle(basedOn: 0, argb: "FFD9D9D9") : 0
    var added: [(name: String, id: String)] = []
    for (name, content) in editor.puts {
      if editor.edits[name].map({ !$0.isEmpty }) ?? false {
        throw OOXMLError.editRefused(file: package.file, sheet: name, cell: nil, reason: "a sheet is either written whole or edited by cell, not both")
      }
      var dateStyles: [Int: Int] = [:]
      for style in content.dataStyles { dateStyles[style] = try styles.dateStyle(basedOn: style) }
      let xml = content.xml(headerStyle: headerStyle, dateStyles: dateStyles, dateSystem: editor.workbook.dateSystem)
      if let sheet = editor.workbook.sheet(named: name) {
        package.replace(sheet.partName, with: xml)
        continue
      }
      let part = package.unusedName("xl/worksheets/sheet", ".xml")
      package.add(part, xml)
      added.append((name, try package.addRelationship(from: editor.workbook.workbookPart, to: part, kind: "worksheet")))
      try package.declareContentType(Self.worksheetContentType, part: part)
    }
    guard !added.isEmpty else { return }
    guard let workbookPart = try package.part(editor.workbook.workbookPart),
      let sheets = workbookPart.root.child("sheets", in: XMLNamespace.spreadsheetML), !sheets.isSelfClosing
    else {
      throw OOXMLError.invalidPackage(file: package.file, part: editor.workbook.workbookPart, reason: "the workbook lists no sheets")
    }
    let rootTag = String(decoding: workbookPart.bytes[workbookPart.root.start..<workbookPart.root.startTagEnd], as: UTF8.self)
    let p = workbookPart.root.prefix.map { "\($0):" } ?? ""
    var nextID = (sheets.children.compactMap { $0.attribute("sheetId").flatMap(Int.init) }.max() ?? 0) + 1
    var elements = ""
    for (name, id) in added {
      let relationship = Self.prefix(declaring: XMLNamespace.officeRelationships, in: rootTag).map { "\($0):id=\"\(id)\"" }
        ?? "xmlns:r=\"\(XMLNamespace.officeRelationships[0])\" r:id=\"\(id)\""
      elements += "<\(p)sheet name=\"\(XMLEscaping.attribute(name))\" sheetId=\"\(nextID)\" \(relationship)/>"
      nextID += 1
    }
    package.splice(workbookPart, [Splice(sheets.endTagStart..<sheets.endTagStart, elements)])
  }
}
