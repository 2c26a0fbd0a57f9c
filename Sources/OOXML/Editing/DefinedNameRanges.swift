/// Extends the ranges of defined names (print areas, filter databases) that end at a
/// sheet's old last row, as Excel does when rows are added at the end of a list.
enum DefinedNameRanges {
  /// `text` (a defined name's formula, such as `Suivi!$A$1:$N$1001`) with each range on
  /// `sheet` that ends at row `oldLast` made to end at `newLast`.
  static func extending(_ text: String, sheet: String, from oldLast: Int, to newLast: Int) -> String {
    text.split(separator: ",", omittingEmptySubsequences: false).map { part -> String in
      guard let bang = part.lastIndex(of: "!") else { return String(part) }
      let prefix = part[..<bang]
      let range = part[part.index(after: bang)...]
      guard unquote(String(prefix)).lowercased() == sheet.lowercased() else { return String(part) }
      guard let colon = range.firstIndex(of: ":") else { return String(part) }
      let first = range[..<colon]
      let last = range[range.index(after: colon)...]
      guard let parsed = CellRange(String(range)), parsed.last.row == oldLast, parsed.first.row <= oldLast,
        let digits = last.lastIndex(where: { !$0.isNumber }).map({ last.index(after: $0) })
      else { return String(part) }
      return "\(prefix)!\(first):\(last[..<digits])\(newLast)"
    }.joined(separator: ",")
  }

  private static func unquote(_ name: String) -> String {
    guard name.hasPrefix("'"), name.hasSuffix("'"), name.count >= 2 else { return name }
    return String(name.dropFirst().dropLast()).replacingAll("''", with: "'")
  }
}
