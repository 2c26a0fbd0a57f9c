import SafeXML

/// One `<row>` element of a worksheet, re-parsed on its own so that its cells can be
/// edited one by one while every other byte of the row is kept.
///
/// The row's bytes are parsed inside a copy of the sheet's root start tag, so that the
/// prefixes it uses (`x:`) are bound as in the sheet.
struct RowFragment {
  struct Cell {
    var reference: CellReference
    /// The span of the `<c>` element within ``RowFragment/bytes``.
    let span: Range<Int>
    let isNumbered: Bool
    let style: Int
    let type: CellType
    let formula: FormulaAttributes?
    let formulaText: String?
    /// The cached or literal value, as a number for arithmetic (`nil` when it is not a
    /// number or is empty).
    let number: Double?
    let hasValue: Bool
    /// The shared-string index, for a `t="s"` cell.
    let sharedIndex: Int?
    /// Whether an inline string is written as rich-text runs.
    let isRichInline: Bool
  }

  /// The row's own bytes.
  let bytes: ArraySlice<UInt8>
  /// The span of the row's start tag, and whether it closes itself.
  let startTag: Range<Int>
  let isSelfClosing: Bool
  let cells: [Cell]
  let prefix: String?

  init(bytes: ArraySlice<UInt8>, rowNumber: Int, index: WorksheetIndex, original: [UInt8], file: String, part: String) throws {
    let wrapperStart = Array(original[index.rootStartTag])
    let wrapperEnd = Array("</\(index.rootQualifiedName)>".utf8)
    let reader = RowFragmentReader(offset: wrapperStart.count, rowNumber: rowNumber)
    let parser = XMLPushParser(file: file, part: part, handler: reader)
    try (wrapperStart + bytes + wrapperEnd).withUnsafeBytes { try parser.parse($0) }
    try parser.finish()
    self.bytes = bytes
    let base = bytes.startIndex
    startTag = (reader.startTag.lowerBound + base)..<(reader.startTag.upperBound + base)
    isSelfClosing = reader.isSelfClosing
    prefix = reader.prefix
    cells = reader.cells.map { cell in
      Cell(
        reference: cell.reference, span: (cell.span.lowerBound + base)..<(cell.span.upperBound + base),
        isNumbered: cell.isNumbered, style: cell.style, type: cell.type, formula: cell.formula,
        formulaText: cell.formulaText, number: cell.number, hasValue: cell.hasValue, sharedIndex: cell.sharedIndex,
        isRichInline: cell.isRichInline)
    }
  }
}

/// Reads the cells of one row with their spans.
private final class RowFragmentReader: XMLContentHandler, XMLLocating {
  // Unowned: the parser state owns the handler and outlives every callback; a weak
  // reference cost a locked load on each SAX event.
  unowned(unsafe) var locator: XMLParserState?
  private let offset: Int
  private let main = XMLNamespaceMatcher(XMLNamespace.spreadsheetML)
  private var rowNumber: Int
  var startTag = 0..<0
  var isSelfClosing = false
  var prefix: String?
  var cells: [RowFragment.Cell] = []
  private var depth = 0
  private var nextColumn = 1
  private var cellStart = 0
  private var reference = CellReference(column: 1, row: 1)!
  private var isNumbered = false
  private var style = 0
  private var type = CellType.number
  private var formula: FormulaAttributes?
  private var formulaText: [UInt8] = []
  private var valueText: [UInt8] = []
  private var capture: Int = 0  // 1 value, 2 formula
  private var hasValue = false
  private var isRichInline = false

  init(offset: Int, rowNumber: Int) {
    self.offset = offset
    self.rowNumber = rowNumber
  }

  func startElement(_ name: XMLName, attributes: XMLAttributes) throws {
    depth += 1
    guard let locator, main.matches(name.namespace) else { return }
    if depth == 2, name.hasLocalName("row") {
      isSelfClosing = locator.isSelfClosing
      startTag = (locator.startTagOffset - offset)..<(locator.currentOffset + (isSelfClosing ? 2 : 1) - offset)
      prefix = name.prefix.map { String(cString: $0) }
    } else if depth == 3, name.hasLocalName("c") {
      cellStart = locator.startTagOffset - offset
      isNumbered = false
      if let bytes = attributes.bytes("r"), case let .valid(parsed) = CellReference.parse(bytes) {
        reference = parsed
        isNumbered = true
      } else if let implied = CellReference(column: nextColumn, row: rowNumber) {
        reference = implied
      }
      nextColumn = reference.column + 1
      style = attributes.bytes("s").flatMap(WorksheetHandler.parseInt) ?? 0
      type = WorksheetHandler.cellType(attributes.bytes("t")) ?? .number
      formula = nil
      formulaText.removeAll()
      valueText.removeAll()
      hasValue = false
      isRichInline = false
    } else if depth == 4 {
      if name.hasLocalName("f") {
        formula = FormulaAttributes(attributes)
        capture = 2
      } else if name.hasLocalName("v") {
        capture = 1
        hasValue = true
      } else if name.hasLocalName("is") {
        hasValue = true
      }
    } else if depth == 5, name.hasLocalName("r") {
      isRichInline = true
    }
  }

  func endElement(_ name: XMLName) throws {
    defer { depth -= 1 }
    guard let locator, main.matches(name.namespace) else { return }
    if depth == 3, name.hasLocalName("c") {
      let start = cellStart
      let end = locator.currentOffset - offset
      let number = type == .number && !valueText.isEmpty ? valueText.withUnsafeBufferPointer(WorksheetHandler.parseDouble) : nil
      let sharedIndex = type == .sharedString ? valueText.withUnsafeBufferPointer(WorksheetHandler.parseInt) : nil
      cells.append(
        .init(
          reference: reference, span: start..<end, isNumbered: isNumbered, style: style, type: type, formula: formula,
          formulaText: formula == nil ? nil : String(decoding: formulaText, as: UTF8.self), number: number,
          hasValue: hasValue, sharedIndex: sharedIndex, isRichInline: isRichInline))
    } else if depth == 4 {
      capture = 0
    }
  }

  func characters(_ text: UnsafeBufferPointer<UInt8>) throws {
    switch capture {
    case 1: valueText.append(contentsOf: text)
    case 2: formulaText.append(contentsOf: text)
    default: break
    }
  }
}
