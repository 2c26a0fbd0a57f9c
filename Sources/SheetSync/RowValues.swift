/// One row's values by known column: canonical text (see ``CellNormalizer``), `nil`
/// where the cell is empty.
///
/// A fixed slot per column rather than a dictionary: a tracker of 100,000 rows holds
/// several of these per row, and reading or comparing a slot needs no hashing. Iterated
/// in column order.
public struct RowValues: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible {
  public typealias Element = (key: SyncColumn, value: String)

  /// Empty, or one slot per column (``SyncColumn/ordinal``).
  private var slots: [String?]

  public init() { slots = [] }

  public init(dictionaryLiteral elements: (SyncColumn, String)...) {
    self.init()
    for (column, value) in elements { self[column] = value }
  }

  public init(_ elements: some Sequence<Element>) {
    self.init()
    for (column, value) in elements { self[column] = value }
  }

  /// The column's value; setting an empty text clears it (empty is no value).
  public subscript(column: SyncColumn) -> String? {
    get { slots.isEmpty ? nil : slots[column.ordinal] }
    set {
      let value = newValue?.isEmpty == true ? nil : newValue
      if slots.isEmpty {
        guard value != nil else { return }
        slots = Array(repeating: nil, count: SyncColumn.count)
      }
      slots[column.ordinal] = value
    }
  }

  public var isEmpty: Bool { slots.allSatisfy { $0 == nil } }

  public var count: Int { slots.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }

  /// The columns that hold a value, in column order.
  public var keys: [SyncColumn] { map(\.key) }

  /// The values of the columns `isIncluded` keeps.
  public func filter(_ isIncluded: (Element) throws -> Bool) rethrows -> RowValues {
    var result = RowValues()
    for element in self where try isIncluded(element) { result[element.key] = element.value }
    return result
  }

  /// The values of `columns` only.
  public func restricted(to columns: Set<SyncColumn>) -> RowValues {
    filter { columns.contains($0.key) }
  }

  public struct Iterator: IteratorProtocol {
    let slots: [String?]
    var index = 0

    public mutating func next() -> Element? {
      while index < slots.count {
        defer { index += 1 }
        if let value = slots[index] { return (SyncColumn.byOrdinal[index], value) }
      }
      return nil
    }
  }

  public func makeIterator() -> Iterator { Iterator(slots: slots) }

  public static func == (lhs: RowValues, rhs: RowValues) -> Bool {
    if lhs.slots.isEmpty || rhs.slots.isEmpty { return lhs.isEmpty && rhs.isEmpty }
    return lhs.slots == rhs.slots
  }

  public func hash(into hasher: inout Hasher) {
    for (column, value) in self {
      hasher.combine(column)
      hasher.combine(value)
    }
  }

  public var description: String {
    "[" + map { "\($0.key.rawValue): \($0.value)" }.joined(separator: ", ") + "]"
  }

  /// The slots, for the store's encoding (``SyncStore/encode(_:)``).
  var storage: [String?] { slots }
}

extension SyncColumn {
  /// The columns by ordinal.
  public static let byOrdinal: [SyncColumn] = allCases.sorted { $0.ordinal < $1.ordinal }
}
