/// The values of a drop-down list (a list data validation's source).
extension Workbook {
  /// The values a list validation offers: an inline list (`"Réglée,En attente"`), or the
  /// text of the cells of a range (`Listes!$A$2:$A$9`, or `$A$2:$A$9` on `sheet`).
  /// Sources Suivi does not follow (defined names, formulas) give no values.
  public func listValues(_ source: String, sheet: Sheet) throws -> [String] {
    let text = source.trimmingWhitespace
    if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 {
      return text.dropFirst().dropLast().split(separator: ",").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
    }
    var sheetName = sheet.name
    var rangeText = text
    if let bang = text.lastIndex(of: "!") {
      sheetName = String(text[..<bang])
      if sheetName.hasPrefix("'"), sheetName.hasSuffix("'"), sheetName.count >= 2 {
        sheetName = String(sheetName.dropFirst().dropLast()).replacingAll("''", with: "'")
      }
      rangeText = String(text[text.index(after: bang)...])
    }
    guard let range = CellRange(rangeText), let target = self.sheet(named: sheetName), target.kind == .worksheet,
      range.last.row - range.first.row < 10_000
    else { return [] }
    var values: [String] = []
    let reader = try cells(of: target)
    while let cell = try reader.next() {
      guard range.contains(cell.reference) else {
        if cell.reference.row > range.last.row { break }
        continue
      }
      if case let .string(value) = cell.value, !value.isEmpty { values.append(value) }
    }
    return values
  }
}

extension String {
  var trimmingWhitespace: String {
    var text = Substring(self)
    while let first = text.first, first.isWhitespace { text = text.dropFirst() }
    while let last = text.last, last.isWhitespace { text = text.dropLast() }
    return String(text)
  }
}
