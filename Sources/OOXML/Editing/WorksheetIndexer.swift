import SafeXML

/// Builds a ``WorksheetIndex`` in one streaming pass over a worksheet part.
final class WorksheetIndexer: XMLContentHandler, XMLLocating {
  // Unowned: the parser state owns the handler and outlives every callback; a weak
  // reference cost a locked load on each SAX event.
  unowned(unsafe) var locator: XMLParserState?
  private(set) var index = WorksheetIndex()
  private let main = XMLNamespaceMatcher(XMLNamespace.spreadsheetML)
  private let excelMain = XMLNamespaceMatcher(["http://schemas.microsoft.com/office/excel/2006/main"])
  private let file: String
  private let sheetName: String

  private var depth = 0
  private var sheetDataDepth = 0
  private var rowStart = 0
  private var rowNumber = 0
  private var rowIsNumbered = false
  private var rowHasData = false
  /// Whether the row holds a typed value, or a formula whose cached result is not blank.
  private var rowHasContent = false
  private var cellHasFormula = false
  private var inFormulaValue = false
  private var formulaValueText: [UInt8] = []
  /// For a formula cell: whether its cached result is blank ("" or 0); nil until seen.
  private var formulaResultIsBlank: Bool?
  private var inCell = false
  private var cellReference = CellReference(column: 1, row: 1)!
  private var nextColumn = 1
  private var formula: (type: FormulaAttributes.Kind, ref: String?, si: Int?)?
  private var formulaText: [UInt8] = []
  private var capturingFormula = false
  private var sqrefStart: Int?
  private var sqrefText: [UInt8] = []
  private var inRow = false

  /// The changes formulas are checked against as they are read; `nil` keeps every
  /// formula in ``WorksheetIndex/deferredFormulas`` to check once the changes are known.
  private let changes: ChangeSet?

  init(file: String, sheetName: String, changes: ChangeSet? = ChangeSet()) {
    self.file = file
    self.sheetName = sheetName
    self.changes = changes
    if changes == nil { index.deferredFormulas = [] }
  }

  /// Shared-formula masters known before the parse (of rows left out of a document read
  /// in part), so that their followers' formulas are worked out.
  func seed(masters: [Int: WorksheetIndex.SharedMaster]) {
    index.sharedMasters = masters
  }

  func startElement(_ name: XMLName, attributes: XMLAttributes) throws {
    depth += 1
    guard let locator else { return }
    if depth == 1 {
      index.rootQualifiedName = Self.qualifiedName(name)
      index.rootStartTag = locator.startTagOffset..<(locator.currentOffset + (locator.isSelfClosing ? 2 : 1))
      return
    }
    if depth == 2 { index.topLevelElements.append((name.localNameString, locator.startTagOffset)) }
    if excelMain.matches(name.namespace), name.hasLocalName("sqref") {
      sqrefStart = locator.currentOffset + 1
      sqrefText.removeAll(keepingCapacity: true)
      return
    }
    guard main.matches(name.namespace) else { return }
    if sheetDataDepth > 0 {
      try startInsideSheetData(name, attributes: attributes, locator: locator)
      return
    }
    if name.hasLocalName("sheetData") {
      sheetDataDepth = depth
      index.sheetDataPrefix = name.prefix.map { String(cString: $0) }
      let selfClosing = locator.isSelfClosing
      index.sheetDataStartTag = locator.startTagOffset..<(locator.currentOffset + (selfClosing ? 2 : 1))
      index.sheetDataIsSelfClosing = selfClosing
      if selfClosing { index.sheetDataEnd = locator.currentOffset }
    } else if name.hasLocalName("dimension") {
      recordRangeAttribute("ref", kind: .dimension, attributes: attributes, locator: locator)
    } else if name.hasLocalName("autoFilter"), depth == 2 {
      recordRangeAttribute("ref", kind: .autoFilter, attributes: attributes, locator: locator)
    } else if name.hasLocalName("conditionalFormatting") {
      recordRangeAttribute("sqref", kind: .conditionalFormatting, attributes: attributes, locator: locator)
    } else if name.hasLocalName("dataValidation") {
      recordRangeAttribute("sqref", kind: .dataValidation, attributes: attributes, locator: locator)
    } else if name.hasLocalName("col") {
      let first = attributes.bytes("min").flatMap(WorksheetHandler.parseInt)
      let last = attributes.bytes("max").flatMap(WorksheetHandler.parseInt)
      if let first, let last, first <= last, let style = attributes.bytes("style").flatMap(WorksheetHandler.parseInt) {
        index.columnStyles.append((first...last, style))
      }
    } else if name.hasLocalName("legacyDrawing"), depth == 2 {
      index.legacyDrawingID = attributes.string("id", in: XMLNamespaceMatcher(XMLNamespace.officeRelationships))
    } else if name.hasLocalName("tablePart"), let id = attributes.string("id", in: XMLNamespaceMatcher(XMLNamespace.officeRelationships)) {
      index.tableRelationshipIDs.append(id)
    }
  }

  func endElement(_ name: XMLName) throws {
    defer { depth -= 1 }
    guard let locator else { return }
    if depth == 1 { index.rootEndTagStart = locator.endTagOffset }
    if let start = sqrefStart, excelMain.matches(name.namespace), name.hasLocalName("sqref") {
      index.rangeSites.append(
        .init(kind: .extensionSqref, valueSpan: start..<locator.endTagOffset, value: String(decoding: sqrefText, as: UTF8.self)))
      sqrefStart = nil
      return
    }
    guard main.matches(name.namespace) else { return }
    if depth == sheetDataDepth, name.hasLocalName("sheetData") {
      sheetDataDepth = 0
      if !index.sheetDataIsSelfClosing { index.sheetDataEnd = locator.endTagOffset }
    } else if sheetDataDepth > 0 {
      if name.hasLocalName("row"), inRow {
        inRow = false
        if rowHasData { index.lastDataRow = max(index.lastDataRow, rowNumber) }
        if rowHasContent { index.lastContentRow = max(index.lastContentRow, rowNumber) }
        index.rows.append(
          .init(number: rowNumber, span: rowStart..<locator.currentOffset, isNumbered: rowIsNumbered, hasData: rowHasData, hasContent: rowHasContent))
      } else if name.hasLocalName("c") {
        inCell = false
        endCell()
      } else if name.hasLocalName("f") {
        capturingFormula = false
      } else if name.hasLocalName("v"), inFormulaValue {
        inFormulaValue = false
        formulaResultIsBlank = formulaValueText.isEmpty || formulaValueText == [UInt8(ascii: "0")]
      }
    }
  }

  func characters(_ text: UnsafeBufferPointer<UInt8>) throws {
    if capturingFormula { formulaText.append(contentsOf: text) }
    if inFormulaValue { formulaValueText.append(contentsOf: text) }
    if sqrefStart != nil { sqrefText.append(contentsOf: text) }
  }

  private func startInsideSheetData(_ name: XMLName, attributes: XMLAttributes, locator: XMLParserState) throws {
    if name.hasLocalName("row") {
      inRow = true
      rowStart = locator.startTagOffset
      rowHasData = false
      rowHasContent = false
      if let bytes = attributes.bytes("r") {
        // (As the reader: a row Excel's grid has no room for is not edited around.)
        guard let number = WorksheetHandler.parseInt(bytes), number >= 1, number <= CellReference.maxRow else {
          throw OOXMLError.invalidCell(
            file: file, sheet: sheetName, cell: "row \(String(decoding: bytes, as: UTF8.self))", reason: "row number outside Excel's 1…1,048,576")
        }
        rowNumber = number
        rowIsNumbered = true
      } else {
        rowNumber += 1
        guard rowNumber <= CellReference.maxRow else {
          throw OOXMLError.invalidCell(file: file, sheet: sheetName, cell: "row \(rowNumber)", reason: "more rows than Excel's 1,048,576")
        }
        rowIsNumbered = false
        index.hasUnnumberedRows = true
      }
      if let last = index.rows.last, rowNumber <= last.number {
        throw OOXMLError.invalidCell(
          file: file, sheet: sheetName, cell: "row \(rowNumber)", reason: "rows are out of order; Suivi will not edit this sheet")
      }
      nextColumn = 1
    } else if name.hasLocalName("c") {
      inCell = true
      formula = nil
      cellHasFormula = false
      formulaResultIsBlank = nil
      if let bytes = attributes.bytes("r") {
        switch CellReference.parse(bytes) {
        case let .valid(reference):
          if rowIsNumbered, reference.row != rowNumber || reference.column < nextColumn {
            throw OOXMLError.invalidCell(
              file: file, sheet: sheetName, cell: reference.description,
              reason: reference.row != rowNumber
                ? "is inside row \(rowNumber): a cell's reference must name its own row"
                : "comes after a cell at or right of it in its row (a duplicate or out of order reference)")
          }
          cellReference = reference
        case .outOfRange:
          throw OOXMLError.invalidCell(
            file: file, sheet: sheetName, cell: String(decoding: bytes, as: UTF8.self), reason: "reference outside Excel's grid (A1:XFD1048576)")
        case .malformed:
          throw OOXMLError.invalidCell(file: file, sheet: sheetName, cell: String(decoding: bytes, as: UTF8.self), reason: "not a cell reference")
        }
      } else if let reference = CellReference(column: nextColumn, row: max(rowNumber, 1)) {
        cellReference = reference
      }
      nextColumn = cellReference.column + 1
    } else if inCell {
      if name.hasLocalName("v") || name.hasLocalName("is") {
        rowHasData = true
        if cellHasFormula {
          inFormulaValue = !locator.isSelfClosing
          formulaValueText.removeAll(keepingCapacity: true)
        } else {
          rowHasContent = true
        }
      } else if name.hasLocalName("f") {
        rowHasData = true
        cellHasFormula = true
        let attributes = FormulaAttributes(attributes)
        formula = (attributes.type, attributes.ref, attributes.sharedIndex)
        formulaText.removeAll(keepingCapacity: true)
        capturingFormula = attributes.type != .dataTable
      }
    }
  }

  private func endCell() {
    guard let formula else { return }
    // A formula counts as content unless its result is blank or zero and it reads its own
    // row, as the formulas of a model sheet's rows waiting for their entry do
    // (`=ROUND(E5*(1+F5),2)` → 0). A total (`=SUM(J9:J28)` → 0) is content.
    if !rowHasContent, formulaResultIsBlank ?? true, !formulaReadsOwnRow(formula) { rowHasContent = true }
    if formulaResultIsBlank == false { rowHasContent = true }
    var text: String?
    switch formula.type {
    case .array:
      if let ref = formula.ref, let range = CellRange(ref) { index.arrayFormulas.append(range) }
    case .shared:
      guard let si = formula.si else { return }
      if !formulaText.isEmpty {
        let master = WorksheetIndex.SharedMaster(
          cell: cellReference, text: String(decoding: formulaText, as: UTF8.self), range: formula.ref.flatMap(CellRange.init))
        index.sharedMasters[si] = master
        text = master.text
      } else {
        if index.firstSharedFollower[si] == nil { index.firstSharedFollower[si] = cellReference }
        text = followerText(si)
      }
    case .normal:
      text = String(decoding: formulaText, as: UTF8.self)
    case .dataTable:
      break
    }
    if let text { check(text) }
  }

  /// Whether the cell's formula reads a cell of its own row.
  private func formulaReadsOwnRow(_ formula: (type: FormulaAttributes.Kind, ref: String?, si: Int?)) -> Bool {
    let text: String
    switch formula.type {
    case .normal: text = String(decoding: formulaText, as: UTF8.self)
    case .shared:
      if !formulaText.isEmpty {
        text = String(decoding: formulaText, as: UTF8.self)
      } else if let si = formula.si, let master = index.sharedMasters[si] {
        text = FormulaShifter.shift(master.text, rows: cellReference.row - master.cell.row, columns: cellReference.column - master.cell.column)
      } else {
        return false
      }
    case .array, .dataTable: return false
    }
    let row = cellReference.row
    return FormulaReferences.references(in: text).contains { $0.sheet == nil && !$0.isExternal && $0.rows == row...row }
  }

  /// A follower's formula, worked out only when it may depend on a change: in a
  /// one-column group, shifting rows never changes the letters the cheap test looks at.
  private func followerText(_ si: Int) -> String? {
    guard changes?.isEmpty != true, let master = index.sharedMasters[si] else { return nil }
    let isColumn = master.range.map { $0.first.column == $0.last.column } ?? false
    if isColumn, let changes, !changes.mayDepend(master.text, sheet: sheetName) { return nil }
    return FormulaShifter.shift(
      master.text, rows: cellReference.row - master.cell.row, columns: cellReference.column - master.cell.column)
  }

  private func check(_ text: String) {
    guard let changes else {
      index.deferredFormulas?.append((cellReference, text))
      return
    }
    index.check(text, at: cellReference, against: changes, sheet: sheetName)
  }

  private func recordRangeAttribute(
    _ attribute: StaticString, kind: WorksheetIndex.RangeSite.Kind, attributes: XMLAttributes, locator: XMLParserState
  ) {
    guard let value = attributes.bytes(attribute), let span = locator.attributeValueSpan(attribute) else { return }
    index.rangeSites.append(.init(kind: kind, valueSpan: span, value: String(decoding: value, as: UTF8.self)))
  }

  static func qualifiedName(_ name: XMLName) -> String {
    name.prefix.map { "\(String(cString: $0)):\(name.localNameString)" } ?? name.localNameString
  }
}
