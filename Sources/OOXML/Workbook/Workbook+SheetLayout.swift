extension Workbook {
  /// The column widths a sheet declares (`<cols>`), from column A, in characters; `0` for a
  /// column it does not size. Empty when it declares none.
  public func columnWidths(ofSheet name: String) throws -> [Double] {
    let sheet = try requireSheet(named: name)
    guard let entry = package.entry(sheet.partName) else { return [] }
    let bytes = try package.archive.contents(of: entry)
    // `<cols>` comes before `<sheetData>`, near the start: only that head is looked at.
    let head = Array(bytes.prefix(1 << 20))
    func find(_ text: String, from start: Int) -> Int? { ByteSearch.firstIndex(of: Array(text.utf8), in: head, from: start) }
    let end = find("sheetData", from: 0) ?? head.count
    var widths: [Double] = []
    var index = 0
    while let start = find("col ", from: index), start < end {
      index = start + 4
      guard start > 0, head[start - 1] == UInt8(ascii: "<") || head[start - 1] == UInt8(ascii: ":"),
        let close = head[start...].firstIndex(of: UInt8(ascii: ">"))
      else { continue }
      let tag = OpenTag(Array(head[(start - 1)...close]))
      guard let min = tag.attribute("min").flatMap(Int.init), let max = tag.attribute("max").flatMap(Int.init),
        let width = tag.attribute("width").flatMap(Double.init), min >= 1, max >= min
      else { continue }
      let last = Swift.min(max, 256)  // a width set on every column to the last is not copied whole
      guard min <= last else { continue }
      if widths.count < last { widths += [Double](repeating: 0, count: last - widths.count) }
      for column in min...last { widths[column - 1] = width }
    }
    return widths
  }

  /// What a new sheet copies of `name` to look like it (``SheetLayout``), its header on row
  /// `headerRow` and its data below.
  public func layout(ofSheet name: String, headerRow: Int) throws -> SheetLayout {
    let sheet = try requireSheet(named: name)
    var layout = SheetLayout(headerRow: headerRow, columnWidths: try columnWidths(ofSheet: name))
    // The header's cell formats, and those of the first data row below it.
    let reader = try cells(of: sheet)
    while let (row, cells) = try reader.nextRow() {
      if row == headerRow {
        for cell in cells { layout.headerStyles[cell.reference.column] = cell.styleIndex }
      } else if row > headerRow {
        for cell in cells { layout.dataStyles[cell.reference.column] = cell.styleIndex }
        break
      }
    }
    // Its validations and conditional formats, as written (an unprefixed part only: the
    // new sheet declares no prefix).
    guard let entry = package.entry(sheet.partName) else { return layout }
    let bytes = try package.archive.contents(of: entry)
    func elements(_ name: String) -> [String] {
      var found: [String] = []
      var from = 0
      let open = Array("<\(name)".utf8), close = Array("</\(name)>".utf8)
      while let start = ByteSearch.firstIndex(of: open, in: bytes, from: from), let end = ByteSearch.firstIndex(of: close, in: bytes, from: start) {
        let after = bytes[start + open.count]
        from = end + close.count
        guard after == UInt8(ascii: " ") || after == UInt8(ascii: ">") else { continue }
        found.append(String(decoding: bytes[start..<from], as: UTF8.self))
      }
      return found
    }
    layout.validations = elements("dataValidations").first
    layout.conditionalFormats = elements("conditionalFormatting")
    return layout
  }
}

/// The look of a sheet, for a new one made like it: the header's row, the column widths,
/// the cell formats of the header and of the data columns, the data validations and the
/// conditional formats.
public struct SheetLayout: Sendable, Equatable {
  /// The header's row (1-based).
  public var headerRow: Int
  /// Column widths in characters, from column A (`0`: the default).
  public var columnWidths: [Double]
  /// Column → the cell format of its header cell.
  public var headerStyles: [Int: Int] = [:]
  /// Column → the cell format of its first data cell.
  public var dataStyles: [Int: Int] = [:]
  /// The `<dataValidations>` element, as written.
  public var validations: String?
  /// The `<conditionalFormatting>` elements, as written.
  public var conditionalFormats: [String] = []

  public init(headerRow: Int, columnWidths: [Double] = []) {
    self.headerRow = headerRow
    self.columnWidths = columnWidths
  }
}
