/// One cell of the merge: an invoice's row and a column. Orders by invoice number, then by
/// column (the order reports list changes in).
struct CellKey: Hashable, Comparable, Sendable {
  var number: String
  var column: SyncColumn

  init(_ number: String, _ column: SyncColumn) {
    self.number = number
    self.column = column
  }

  static func < (a: CellKey, b: CellKey) -> Bool { (a.number, a.column) < (b.number, b.column) }
}
