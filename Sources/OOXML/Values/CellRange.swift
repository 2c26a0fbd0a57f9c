/// A rectangle of cells, such as `A1:N1001` (or one cell, `B2`).
public struct CellRange: Hashable, Sendable, CustomStringConvertible {
  public var first: CellReference
  public var last: CellReference

  public init(first: CellReference, last: CellReference) {
    self.first = CellReference(column: min(first.column, last.column), row: min(first.row, last.row))!
    self.last = CellReference(column: max(first.column, last.column), row: max(first.row, last.row))!
  }

  /// Parses `A1:N1001`, `B2`, with or without `$` signs.
  public init?(_ text: String) {
    let cleaned = text.replacingAll("$", with: "")
    let parts = cleaned.split(separator: ":", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), let first = CellReference(String(parts[0])),
      let last = CellReference(String(parts[parts.count - 1]))
    else { return nil }
    self.init(first: first, last: last)
  }

  /// Whether `reference` lies inside.
  public func contains(_ reference: CellReference) -> Bool {
    (first.row...last.row).contains(reference.row) && (first.column...last.column).contains(reference.column)
  }

  /// `A1:N1001`, or `B2` for a single cell.
  public var description: String { first == last ? first.description : "\(first):\(last)" }
}

extension String {
  /// The string with every occurrence of `target` replaced (no Foundation needed).
  public func replacingAll(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty, contains(target) else { return self }
    var result = ""
    var rest = Substring(self)
    while let range = rest.firstRange(of: target) {
      result += rest[..<range.lowerBound]
      result += replacement
      rest = rest[range.upperBound...]
    }
    return result + rest
  }
}
