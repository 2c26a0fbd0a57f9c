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
}
