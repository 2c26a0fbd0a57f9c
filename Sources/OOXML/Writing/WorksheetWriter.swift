// One worksheet of a new workbook, written row by row.
//
// Rows are serialised as they are added (in ascending order, as SpreadsheetML requires),
// so a sheet of a hundred thousand rows costs its XML text and no cell objects. The
// parts around `sheetData` (views, columns, filter, conditional formats, validations,
// print set-up) are described by properties and written in the schema's order by
// ``xml``.

/// A cell of a new worksheet: its column, its format, and what it holds.
public struct NewCell: Sendable {
  /// What a new cell holds.
  public enum Content: Sendable {
    case text(String)
    case number(Double)
    case bool(Bool)
    /// A formula (without `=`) and the value it computes, when the writer knows it.
    case formula(String, cached: CachedValue?)
    /// Only a format.
    case empty
  }

  /// A formula's cached result.
  public enum CachedValue: Sendable, Equatable {
    case number(Double)
    case text(String)
  }

  /// The 1-based column.
  public var column: Int
  /// The index of the cell's format in the ``StyleSheet``.
  public var style: Int
  public var content: Content

  public init(column: Int, style: Int = 0, _ content: Content) {
    self.column = column
    self.style = style
    self.content = content
  }
}

/// A worksheet being written: rows, then what surrounds them.
public final class WorksheetWriter {
  /// The sheet's name as the tab shows it.
  public let name: String
  /// Column widths (in characters) and default formats, by 1-based column range.
  public var columns: [(columns: ClosedRange<Int>, width: Double, style: Int)] = []
  /// Rows and columns frozen at the top and left (a split pane).
  public var frozen: (rows: Int, columns: Int) = (0, 0)
  /// The range with filter buttons (`A1:Q501`), if any.
  public var autoFilter: String?
  public var conditionalFormats: [ConditionalFormat] = []
  public var validations: [DataValidation] = []
  public var page = PageSetup()
  /// The tab's colour (ARGB).
  public var tabARGB: String?
  public var showsGridLines = true
  /// The default height of a row, in points.
  public var defaultRowHeight = 15.0

  private let strings: SharedStringTable
  private var body = ""
  private var lastRow = 0
  private var lastColumn = 0

  init(name: String, strings: SharedStringTable) {
    self.name = name
    self.strings = strings
  }

  /// Adds row `number` holding `cells` (in any order).
  ///
  /// - Precondition: `number` is after the last row added.
  public func addRow(_ number: Int, _ cells: [NewCell], height: Double? = nil) {
    precondition(number > lastRow, "rows are written in ascending order")
    lastRow = number
    body += "<row r=\"\(number)\""
    if let height { body += " ht=\"\(CellXML.number(height))\" customHeight=\"1\"" }
    body += ">"
    for cell in cells.sorted(by: { $0.column < $1.column }) {
      lastColumn = max(lastColumn, cell.column)
      append(cell, row: number)
    }
    body += "</row>"
  }

  /// The last row added (0 when none).
  public var rowCount: Int { lastRow }

  private func append(_ cell: NewCell, row: Int) {
    let reference = CellReference.columnName(cell.column) + String(row)
    let style = cell.style != 0 ? " s=\"\(cell.style)\"" : ""
    switch cell.content {
    case .empty:
      body += "<c r=\"\(reference)\"\(style)/>"
    case let .text(text):
      body += "<c r=\"\(reference)\"\(style) t=\"s\"><v>\(strings.index(of: text))</v></c>"
    case let .number(value):
      body += "<c r=\"\(reference)\"\(style)><v>\(CellXML.number(value))</v></c>"
    case let .bool(flag):
      body += "<c r=\"\(reference)\"\(style) t=\"b\"><v>\(flag ? 1 : 0)</v></c>"
    case let .formula(formula, cached):
      let type = if case .text = cached { " t=\"str\"" } else { "" }
      body += "<c r=\"\(reference)\"\(style)\(type)><f>\(XMLEscaping.content(formula))</f>"
      switch cached {
      case let .number(value)?: body += "<v>\(CellXML.number(value))</v>"
      case let .text(text)?: body += "<v>\(XMLEscaping.content(text))</v>"
      case nil: break
      }
      body += "</c>"
    }
  }

  /// The worksheet part's XML.
  var xml: String {
    var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    out += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#
    out += #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
    out += sheetProperties
    let last = CellReference.columnName(max(lastColumn, 1)) + String(max(lastRow, 1))
    out += "<dimension ref=\"\(last == "A1" ? "A1" : "A1:" + last)\"/>"
    out += sheetViews
    out += "<sheetFormatPr defaultRowHeight=\"\(CellXML.number(defaultRowHeight))\"/>"
    if !columns.isEmpty {
      out += "<cols>"
      for column in columns {
        out += "<col min=\"\(column.columns.lowerBound)\" max=\"\(column.columns.upperBound)\" width=\"\(CellXML.number(column.width))\""
        if column.style != 0 { out += " style=\"\(column.style)\"" }
        out += " customWidth=\"1\"/>"
      }
      out += "</cols>"
    }
    out += body.isEmpty ? "<sheetData/>" : "<sheetData>" + body + "</sheetData>"
    if let autoFilter { out += "<autoFilter ref=\"\(autoFilter)\"/>" }
    out += ConditionalFormat.xml(conditionalFormats)
    out += DataValidation.xml(validations)
    return out + page.xml + "</worksheet>"
  }

  private var sheetProperties: String {
    var inner = tabARGB.map { "<tabColor rgb=\"\($0)\"/>" } ?? ""
    if page.fitsToWidth { inner += "<pageSetUpPr fitToPage=\"1\"/>" }
    return inner.isEmpty ? "" : "<sheetPr>" + inner + "</sheetPr>"
  }

  /// Whether this sheet's tab is the selected one (set by the workbook).
  var isSelected = false

  private var sheetViews: String {
    var view = "<sheetView"
    if !showsGridLines { view += " showGridLines=\"0\"" }
    if isSelected { view += " tabSelected=\"1\"" }
    view += " workbookViewId=\"0\">"
    let (rows, columns) = frozen
    guard rows > 0 || columns > 0, let topLeft = CellReference(column: columns + 1, row: rows + 1) else {
      return "<sheetViews>" + view + "<selection activeCell=\"A1\" sqref=\"A1\"/></sheetView></sheetViews>"
    }
    let pane = rows > 0 && columns > 0 ? "bottomRight" : (rows > 0 ? "bottomLeft" : "topRight")
    view += "<pane"
    if columns > 0 { view += " xSplit=\"\(columns)\"" }
    if rows > 0 { view += " ySplit=\"\(rows)\"" }
    view += " topLeftCell=\"\(topLeft)\" activePane=\"\(pane)\" state=\"frozen\"/>"
    if rows > 0 && columns > 0 {
      view += "<selection pane=\"topRight\"/><selection pane=\"bottomLeft\"/>"
    }
    view += "<selection pane=\"\(pane)\" activeCell=\"\(topLeft)\" sqref=\"\(topLeft)\"/>"
    return "<sheetViews>" + view + "</sheetView></sheetViews>"
  }
}

/// The strings of a new workbook, each stored once (`xl/sharedStrings.xml`) in the order
/// first used.
final class SharedStringTable {
  private var positions: [String: Int] = [:]
  private var strings: [String] = []
  private var references = 0

  func index(of text: String) -> Int {
    references += 1
    if let position = positions[text] { return position }
    strings.append(text)
    positions[text] = strings.count - 1
    return strings.count - 1
  }

  var isEmpty: Bool { strings.isEmpty }

  var xml: String {
    var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    out += "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"\(references)\" uniqueCount=\"\(strings.count)\">"
    for text in strings {
      let space = XMLEscaping.needsPreserve(text) ? " xml:space=\"preserve\"" : ""
      out += "<si><t\(space)>\(XMLEscaping.content(text))</t></si>"
    }
    return out + "</sst>"
  }
}
