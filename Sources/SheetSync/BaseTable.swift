/// The base of a binding: for every synced row, both sides' values at the last sync.
///
/// Kept as stored (each side's bytes, see ``SyncStore/encode(_:)``) and decoded only for
/// the rows a run looks at: on 100,000 rows, a run that changes 1% of them never decodes
/// the rest, and tells them unchanged by comparing bytes.
struct BaseTable: Sequence {
  /// One row as stored.
  struct Stored: Equatable {
    var sheet: [UInt8]
    var ledger: [UInt8]
  }

  private(set) var stored: [String: Stored]
  /// Rows set or removed since the table was loaded, with what they were then (to save
  /// only the rows that changed, without keeping a copy of the whole table).
  private var originals: [String: Stored?] = [:]

  init(stored: [String: Stored] = [:]) { self.stored = stored }

  subscript(number: String) -> Merge.BaseRow? {
    get { stored[number].map { Merge.BaseRow(sheet: SyncStore.decode($0.sheet), ledger: SyncStore.decode($0.ledger)) } }
    set {
      let row = newValue.map { Stored(sheet: SyncStore.encode($0.sheet), ledger: SyncStore.encode($0.ledger)) }
      if originals[number] == nil { originals[number] = .some(stored[number]) }
      stored[number] = row
    }
  }

  /// The rows that differ from the table as loaded, in number order: each one's stored
  /// values now (`nil`: removed).
  var changes: [(number: String, row: Stored?)] {
    originals.keys.sorted().compactMap { number in
      let now = stored[number]
      switch (originals[number]!, now) {
      case (nil, nil): return nil
      case let (was?, now?) where RowValues.sameBytes(was.sheet, now.sheet) && RowValues.sameBytes(was.ledger, now.ledger): return nil
      default: return (number, now)
      }
    }
  }

  /// Adds rows loaded apart (as loaded: not changes).
  mutating func add(_ other: BaseTable) {
    stored.merge(other.stored) { mine, _ in mine }
  }

  var isEmpty: Bool { stored.isEmpty }
  var count: Int { stored.count }
  var numbers: Dictionary<String, Stored>.Keys { stored.keys }

  func contains(_ number: String) -> Bool { stored[number] != nil }

  /// Whether row `number` is in the base with exactly these values on both sides (the
  /// ledger's compared on `columns` only).
  func holds(_ number: String, sheet: Merge.Values, ledger: Merge.Values, columns: ColumnSet) -> Bool {
    guard let row = stored[number] else { return false }
    return SyncStore.matches(sheet, stored: row.sheet) && SyncStore.matches(ledger, stored: row.ledger, only: columns)
  }

  /// The rows whose sheet side has no invoice number: rows typed without one, numbered by
  /// the ledger, whose number is not written in the sheet yet.
  var numbersWithoutSheetNumber: [String] {
    stored.compactMap { number, row in
      // (Told from the stored bytes' first field; an earlier version's form is decoded.)
      let hasNumber = RowValues.storedHasNumber(row.sheet) ?? (SyncStore.decode(row.sheet)[.number] != nil)
      return hasNumber ? nil : number
    }
  }

  /// Rows decoded one by one, in no particular order.
  func makeIterator() -> some IteratorProtocol<(key: String, value: Merge.BaseRow)> {
    var inner = stored.makeIterator()
    return AnyIterator {
      inner.next().map { ($0.key, Merge.BaseRow(sheet: SyncStore.decode($0.value.sheet), ledger: SyncStore.decode($0.value.ledger))) }
    }
  }
}
