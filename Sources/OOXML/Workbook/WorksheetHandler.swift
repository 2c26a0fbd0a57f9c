import Wording
import SafeXML
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Turns the SAX events of a worksheet part into ``Cell`` values.
///
/// Rows and cells without an `r` attribute take the next row or column; values are
/// decoded by type (`s`, `str`, `inlineStr`, `b`, `e`, `d`, `n`) and numbers shown with a
/// date format become dates in the workbook's date system. Shared-formula followers get
/// their master's text moved to their own address. This is the hot path of every read:
/// it works on the parser's bytes and allocates only the values it hands out.
final class WorksheetHandler: XMLContentHandler {
  private enum Capture { case none, value, formula, inlineText, validationList }

  private let file: String
  private let sheetName: String
  private let strings: SharedStrings
  private let styles: Styles
  private let dateSystem: DateSystem
  private let main = XMLNamespaceMatcher(XMLNamespace.spreadsheetML)

  private var pending: [Cell] = []
  private var pendingHead = 0
  /// The most cells ever parsed but not yet handed out: bounded by what one chunk of XML
  /// holds, whatever the size of the sheet.
  private(set) var pendingHighWater = 0
  /// When set, cells go straight to it instead of the buffer (see ``CellReader/forEach(_:)``).
  var sink: ((Cell) throws -> Void)?

  private var depthInSheetData = 0
  private var row = 0
  private var nextColumn = 1
  /// The number the current `<row>` states (`nil`: it states none, and its cells' own
  /// references say where they are).
  private var statedRow: Int?
  private var inCell = false
  private var cellReference = CellReference(column: 1, row: 1)!
  private var cellType = CellType.number
  private var cellStyle = 0
  private var capture = Capture.none
  /// The list validations seen after the cells: their ranges and `formula1` text.
  private(set) var listValidations: [(sqref: String, source: String)] = []
  private var validationRanges: String?
  private let validationBytes = ByteBuffer()
  private var phoneticDepth = 0
  private let valueBytes = ByteBuffer()
  private var hasValue = false
  private let inlineBytes = ByteBuffer()
  private var hasInline = false
  private let formulaBytes = ByteBuffer()
  private var formulaAttributes: FormulaAttributes?
  private var sharedMasters: [Int: (text: String, origin: CellReference)] = [:]

  /// Shared-formula masters known before the parse (in rows left out of a document read
  /// in part), so that their followers' formulas are worked out as in a whole read.
  func seed(masters: [Int: (text: String, origin: CellReference)]) {
    sharedMasters = masters
  }

  init(workbook: Workbook, sheet: Sheet) {
    file = workbook.path
    sheetName = sheet.name
    strings = workbook.sharedStrings
    styles = workbook.styles
    dateSystem = workbook.dateSystem
  }

  /// Removes and returns the oldest parsed cell.
  @inline(__always)
  func popCell() -> Cell? {
    guard pendingHead < pending.count else {
      if !pending.isEmpty {
        pending.removeAll(keepingCapacity: true)
        pendingHead = 0
      }
      return nil
    }
    defer { pendingHead += 1 }
    return pending[pendingHead]
  }

  /// The oldest parsed cell, left in place.
  func peekCell() -> Cell? {
    pendingHead < pending.count ? pending[pendingHead] : nil
  }

  // MARK: Events

  func startElement(_ name: XMLName, attributes: XMLAttributes) throws {
    guard main.matches(name.namespace) else { return }
    if inCell {
      startInsideCell(name, attributes: attributes)
    } else if name.hasLocalName("c") {
      guard depthInSheetData > 0 else { return }
      try startCell(attributes)
    } else if name.hasLocalName("row") {
      guard depthInSheetData > 0 else { return }
      try startRow(attributes)
    } else if name.hasLocalName("sheetData") {
      depthInSheetData += 1
    } else if depthInSheetData == 0, name.hasLocalName("dataValidation") {
      validationRanges = attributes.string("type") == "list" ? attributes.string("sqref") : nil
    } else if validationRanges != nil, name.hasLocalName("formula1") {
      validationBytes.removeAll()
      capture = .validationList
    }
  }

  func endElement(_ name: XMLName) throws {
    guard main.matches(name.namespace) else { return }
    if inCell {
      if name.hasLocalName("c") {
        try endCell()
      } else if name.hasLocalName("rPh") {
        phoneticDepth -= 1
      } else if capture != .none, name.hasLocalName("v") || name.hasLocalName("f") || name.hasLocalName("t") {
        capture = .none
      }
    } else if name.hasLocalName("sheetData") {
      depthInSheetData -= 1
    } else if capture == .validationList, name.hasLocalName("formula1"), let ranges = validationRanges {
      capture = .none
      listValidations.append((ranges, validationBytes.string))
    } else if name.hasLocalName("dataValidation") {
      validationRanges = nil
    }
  }

  @inline(__always)
  func characters(_ text: UnsafeBufferPointer<UInt8>) throws {
    if capture != .none, valueBytes.count + formulaBytes.count + inlineBytes.count + validationBytes.count > XMLParserState.maximumTextRun {
      throw invalid("holds more than \(XMLParserState.maximumTextRun >> 20) MiB of text")
    }
    switch capture {
    case .none: return
    case .value: valueBytes.append(text)
    case .formula: formulaBytes.append(text)
    case .inlineText: inlineBytes.append(text)
    case .validationList: validationBytes.append(text)
    }
  }

  // MARK: Rows and cells

  /// Whether a row was read already (row numbers must grow from it).
  private var sawRow = false

  private func startRow(_ attributes: XMLAttributes) throws {
    defer { sawRow = true }
    if let bytes = attributes.bytes("r") {
      guard let number = Self.parseInt(bytes), number >= 1, number <= CellReference.maxRow else {
        throw invalid(cell: "row \(String(decoding: bytes, as: UTF8.self))", "row number outside Excel's 1…1,048,576")
      }
      // (As the editor: rows in order, each once; Excel treats a file breaking it as damaged.)
      if number <= row, sawRow {
        throw invalid(cell: "row \(number)", "comes after row \(row): rows are out of order or twice")
      }
      row = number
      statedRow = number
    } else {
      row += 1
      statedRow = nil
      guard row <= CellReference.maxRow else { throw invalid(cell: "row \(row)", "more rows than Excel's 1,048,576") }
    }
    nextColumn = 1
  }

  private func startCell(_ attributes: XMLAttributes) throws {
    var referenceBytes: UnsafeBufferPointer<UInt8>?
    var typeBytes: UnsafeBufferPointer<UInt8>?
    cellStyle = 0
    attributes.forEachUnqualified { name, value in
      guard name[1] == 0 else { return }
      switch name[0] {
      case UInt8(ascii: "r"): referenceBytes = value
      case UInt8(ascii: "t"): typeBytes = value
      case UInt8(ascii: "s"): cellStyle = Self.parseInt(value) ?? 0
      default: break
      }
    }
    if let bytes = referenceBytes {
      switch CellReference.parse(bytes) {
      case let .valid(reference):
        // Excel's rule, which it treats a file breaking as damaged: a cell sits in the row
        // that holds it, after the cells to its left, once.
        if let statedRow, reference.row != statedRow {
          throw invalid(cell: reference.description, "is inside row \(statedRow): a cell's reference must name its own row")
        }
        if reference.column < nextColumn {
          throw invalid(cell: reference.description, "comes after a cell at or right of it in its row (a duplicate or out of order reference)")
        }
        cellReference = reference
        row = reference.row
      case .outOfRange:
        throw invalid(cell: String(decoding: bytes, as: UTF8.self), "reference outside Excel's grid (A1:XFD1048576)")
      case .malformed:
        throw invalid(cell: String(decoding: bytes, as: UTF8.self), "not a cell reference")
      }
    } else {
      guard let reference = CellReference(column: nextColumn, row: max(row, 1)) else {
        throw invalid(cell: "row \(row), column \(nextColumn)", "more columns than Excel's 16,384")
      }
      cellReference = reference
    }
    nextColumn = cellReference.column + 1
    guard let type = Self.cellType(typeBytes) else {
      throw invalid("unknown cell type '\(typeBytes.map { String(decoding: $0, as: UTF8.self) } ?? "")'")
    }
    cellType = type
    inCell = true
    hasValue = false
    hasInline = false
    formulaAttributes = nil
    phoneticDepth = 0
    valueBytes.removeAll()
    inlineBytes.removeAll()
  }

  private func startInsideCell(_ name: XMLName, attributes: XMLAttributes) {
    if name.hasLocalName("v") {
      capture = .value
      hasValue = true
    } else if name.hasLocalName("f") {
      capture = .formula
      formulaBytes.removeAll()
      formulaAttributes = FormulaAttributes(attributes)
    } else if name.hasLocalName("is") {
      hasInline = true
    } else if name.hasLocalName("rPh") {
      phoneticDepth += 1
    } else if name.hasLocalName("t") {
      capture = phoneticDepth == 0 ? .inlineText : .none
    }
  }

  private func endCell() throws {
    inCell = false
    capture = .none
    let value = try decodeValue()
    let formula = formulaAttributes.map { _ in makeFormula() }
    if value == .empty && formula == nil && cellStyle == 0 { return }
    let cell = Cell(reference: cellReference, type: cellType, value: value, formula: formula, styleIndex: cellStyle)
    if let sink { return try sink(cell) }
    pending.append(cell)
    pendingHighWater = max(pendingHighWater, pending.count - pendingHead)
  }
}

// MARK: - Values

extension WorksheetHandler {
  private func decodeValue() throws -> CellValue {
    switch cellType {
    case .inlineString:
      if hasInline { return .string(ExcelEscaping.decode(utf8: inlineBytes.bytes)) }
      return hasValue ? .string(ExcelEscaping.decode(utf8: valueBytes.bytes)) : .empty
    case _ where !hasValue:
      return .empty
    case .number:
      return try decodeNumber()
    case .sharedString:
      guard let index = Self.parseInt(valueBytes.bytes) else {
        throw invalid("shared-string index '\(text(valueBytes))' is not a number")
      }
      guard let string = strings[index] else {
        throw invalid("shared-string index \(index) is out of range (the table has \(strings.count))")
      }
      return .string(string)
    case .formulaString:
      return .string(ExcelEscaping.decode(utf8: valueBytes.bytes))
    case .boolean:
      switch text(valueBytes).trimmingCharacters(in: [" "]) {
      case "1", "true", "TRUE": return .bool(true)
      case "0", "false", "FALSE": return .bool(false)
      case let other: throw invalid("'\(other)' is not a boolean")
      }
    case .error:
      return .error(text(valueBytes))
    case .date:
      let value = text(valueBytes).trimmingCharacters(in: [" "])
      if value.isEmpty { return .empty }
      guard let dateTime = ISODate.parse(value) else { throw invalid("'\(value)' is not an ISO 8601 date") }
      return dateTime.millisecondOfDay == 0 ? .date(dateTime.day) : .dateTime(dateTime)
    }
  }

  private func decodeNumber() throws -> CellValue {
    if valueBytes.isEmpty { return .empty }
    guard let number = Self.parseDouble(valueBytes.bytes) else {
      throw invalid("'\(text(valueBytes))' is not a number")
    }
    switch styles.kind(ofStyle: cellStyle) {
    case .number, .duration:
      return .number(number)
    case .date:
      guard let dateTime = dateSystem.dateTime(fromSerial: number) else { return .number(number) }
      return dateTime.millisecondOfDay == 0 ? .date(dateTime.day) : .dateTime(dateTime)
    }
  }

  private func makeFormula() -> Formula {
    let attributes = formulaAttributes!
    let text = formulaBytes.string
    switch attributes.type {
    case .shared:
      guard let index = attributes.sharedIndex else { return Formula(text: text, kind: .normal) }
      if !text.isEmpty {
        sharedMasters[index] = (text, cellReference)
        return Formula(text: text, kind: .shared(index: index, isMaster: true))
      }
      let expanded = sharedMasters[index].map { master in
        FormulaShifter.shift(
          master.text, rows: cellReference.row - master.origin.row, columns: cellReference.column - master.origin.column)
      }
      return Formula(text: expanded, kind: .shared(index: index, isMaster: false))
    case .array:
      return Formula(text: text, kind: .array(range: attributes.ref ?? cellReference.description))
    case .dataTable:
      return Formula(text: nil, kind: .dataTable(range: attributes.ref ?? cellReference.description))
    default:
      return Formula(text: text, kind: .normal)
    }
  }

  private func text(_ buffer: ByteBuffer) -> String { buffer.string }

  private func invalid(cell: String? = nil, _ reason: Phrase) -> OOXMLError {
    .invalidCell(file: file, sheet: sheetName, cell: cell ?? cellReference.description, reason: reason)
  }
}

// MARK: - Scalars

extension WorksheetHandler {
  static func cellType(_ bytes: UnsafeBufferPointer<UInt8>?) -> CellType? {
    guard let bytes, !bytes.isEmpty else { return .number }
    switch bytes.count {
    case 1:
      switch bytes[0] {
      case UInt8(ascii: "n"): return .number
      case UInt8(ascii: "s"): return .sharedString
      case UInt8(ascii: "b"): return .boolean
      case UInt8(ascii: "e"): return .error
      case UInt8(ascii: "d"): return .date
      default: return nil
      }
    default:
      if bytesEqual(bytes, "inlineStr") { return .inlineString }
      if bytesEqual(bytes, "str") { return .formulaString }
      return nil
    }
  }

  /// A non-negative decimal integer, or `nil`.
  @inline(__always)
  static func parseInt(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
    var value = 0
    for byte in bytes {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return value
  }

  /// Exact powers of ten, 10⁰ through 10²² (all exactly representable).
  private static let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]

  /// The common spelling of a number in a sheet (`-1234.56`: at most 15 digits, no
  /// exponent), read exactly: an integer below 2⁵³ divided by an exact power of ten is
  /// correctly rounded, as `strtod` would give. `nil` for anything else.
  @inline(__always)
  static func parseSimpleDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    var index = 0
    var isNegative = false
    if bytes.count > 0, bytes[0] == UInt8(ascii: "-") {
      isNegative = true
      index = 1
    }
    var mantissa = 0
    var digits = 0
    var fractionDigits = -1
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: ".") {
        guard fractionDigits < 0 else { return nil }
        fractionDigits = 0
      } else {
        let digit = Int(byte) &- 48
        guard digit >= 0, digit <= 9 else { return nil }
        mantissa = mantissa &* 10 &+ digit
        digits += 1
        if fractionDigits >= 0 { fractionDigits += 1 }
      }
      index += 1
    }
    guard digits > 0, digits <= 15 else { return nil }
    let value = Double(mantissa) / powersOfTen[max(fractionDigits, 0)]
    return isNegative ? -value : value
  }

  /// A finite decimal number in XML Schema's spelling (digits, sign, point, exponent;
  /// surrounding spaces allowed), or `nil`. Unlike `strtod` alone, refuses `inf`, `nan`
  /// and hexadecimal.
  static func parseDouble(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    if let value = parseSimpleDecimal(bytes) { return value }
    var sawDigit = false
    for byte in bytes {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
      case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"),
        UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
        continue
      default: return nil
      }
    }
    guard sawDigit else { return nil }
    let terminated = Array(bytes) + [0]
    return terminated.withUnsafeBufferPointer { buffer -> Double? in
      buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { start in
        var end: UnsafeMutablePointer<CChar>?
        let value = strtod(start, &end)
        guard let end else { return nil }
        var rest = end
        while rest.pointee == 0x20 || rest.pointee == 0x09 || rest.pointee == 0x0A || rest.pointee == 0x0D { rest += 1 }
        guard rest.pointee == 0, end != start, value.isFinite else { return nil }
        return value
      }
    }
  }
}

/// The attributes of an `<f>` element, read once from the parser's bytes.
struct FormulaAttributes {
  enum Kind { case normal, shared, array, dataTable }
  let type: Kind
  let ref: String?
  let sharedIndex: Int?

  init(_ attributes: XMLAttributes) {
    var type = Kind.normal
    var ref: String?
    var sharedIndex: Int?
    attributes.forEachUnqualified { name, value in
      if cStringEquals(name, StaticString("t").utf8Start) {
        if bytesEqual(value, "shared") {
          type = .shared
        } else if bytesEqual(value, "array") {
          type = .array
        } else if bytesEqual(value, "dataTable") {
          type = .dataTable
        }
      } else if cStringEquals(name, StaticString("ref").utf8Start) {
        ref = String(decoding: value, as: UTF8.self)
      } else if cStringEquals(name, StaticString("si").utf8Start) {
        sharedIndex = WorksheetHandler.parseInt(value)
      }
    }
    self.type = type
    self.ref = ref
    self.sharedIndex = sharedIndex
  }
}
