/// One row's values by known column: canonical text (see ``CellNormalizer``), `nil`
/// where the cell is empty.
///
/// Held as one text, the encoding the store keeps (``encoded``), rather than a slot or a
/// dictionary entry per column: a tracker of 100,000 rows holds several of these per row,
/// so each is one allocation, and a row is compared with the base by comparing texts,
/// without decoding. Iterated in column order.
package struct RowValues: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible {
  package typealias Element = (key: SyncColumn, value: String)

  /// `\u{2}`, then each column's value in ordinal order (``SyncColumn/ordinal``), fields
  /// separated by `\u{1F}`, an empty field for no value, and no empty field at the end.
  /// `\`, `\u{1F}` and `\u{2}` in a value are written `\\`, `\u` and `\s`. One set of
  /// values has one encoding, so equal values have equal texts.
  package private(set) var encoded: String

  static let marker: UInt8 = 0x02
  static let separator: UInt8 = 0x1F
  static let escape: UInt8 = 0x5C

  package init() { encoded = "\u{2}" }

  /// Values from one optional text per column, by ordinal (missing slots are empty).
  package init(slots: [String?]) {
    var bytes: [UInt8] = []
    self.init(slots: slots, scratch: &bytes)
  }

  /// Values from `slots`, encoded in `scratch` (a buffer a loop reuses).
  init(slots: [String?], scratch: inout [UInt8]) {
    Self.encode(slots, into: &scratch)
    encoded = String(decoding: scratch, as: UTF8.self)
  }

  /// Values from the text ``encoded`` gave; `nil` if `text` is not such a text.
  package init?(encoded text: String) {
    var text = text
    let canonical = text.withUTF8 { bytes in
      bytes.first == Self.marker && (bytes.count == 1 || bytes.last != Self.separator) && !bytes.dropFirst().contains(Self.marker)
    }
    guard canonical else { return nil }
    encoded = text
  }

  package init(dictionaryLiteral elements: (SyncColumn, String)...) {
    self.init(elements.map { (key: $0.0, value: $0.1) })
  }

  package init(_ elements: some Sequence<Element>) {
    var slots = [String?](repeating: nil, count: SyncColumn.count)
    for (column, value) in elements { slots[column.ordinal] = value }
    self.init(slots: slots)
  }

  /// Encodes `slots` after what `bytes` holds (emptied first).
  static func encode(_ slots: [String?], into bytes: inout [UInt8]) {
    bytes.removeAll(keepingCapacity: true)
    bytes.append(marker)
    guard let last = slots.lastIndex(where: { $0?.isEmpty == false }) else { return }
    for index in 0...last {
      if index > 0 { bytes.append(separator) }
      guard var value = slots[index] else { continue }
      value.withUTF8 { utf8 in
        guard utf8.contains(where: { $0 == escape || $0 == separator || $0 == marker }) else {
          bytes.append(contentsOf: utf8)
          return
        }
        for byte in utf8 {
          switch byte {
          case escape: bytes.append(escape); bytes.append(escape)
          case separator: bytes.append(escape); bytes.append(0x75)
          case marker: bytes.append(escape); bytes.append(0x73)
          default: bytes.append(byte)
          }
        }
      }
    }
  }

  /// One optional text per column, by ordinal.
  package var slots: [String?] {
    var slots = [String?](repeating: nil, count: SyncColumn.count)
    forEachField { ordinal, field in slots[ordinal] = Self.decode(field) }
    return slots
  }

  /// Calls `body` with each non-empty field's ordinal and encoded bytes, in order.
  private func forEachField(_ body: (Int, UnsafeBufferPointer<UInt8>) -> Void) {
    var text = encoded
    text.withUTF8 { bytes in
      var fields = FieldCursor(bytes)
      var ordinal = 0
      while !fields.isAtEnd, ordinal < SyncColumn.count {
        let field = fields.next()
        if !field.isEmpty { body(ordinal, UnsafeBufferPointer(rebasing: field)) }
        ordinal += 1
      }
    }
  }

  private static func decode(_ field: UnsafeBufferPointer<UInt8>) -> String {
    guard field.contains(escape) else { return String(decoding: field, as: UTF8.self) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(field.count)
    var index = 0
    while index < field.count {
      var byte = field[index]
      if byte == escape, index + 1 < field.count {
        index += 1
        byte = field[index] == 0x75 ? separator : field[index] == 0x73 ? marker : field[index]
      }
      bytes.append(byte)
      index += 1
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The column's value; setting an empty text clears it (empty is no value).
  package subscript(column: SyncColumn) -> String? {
    get {
      var text = encoded
      return text.withUTF8 { bytes -> String? in
        var fields = FieldCursor(bytes)
        for _ in 0..<column.ordinal { _ = fields.next() }
        let field = fields.next()
        return field.isEmpty ? nil : Self.decode(UnsafeBufferPointer(rebasing: field))
      }
    }
    set {
      var slots = slots
      slots[column.ordinal] = newValue
      self = RowValues(slots: slots)
    }
  }

  package var isEmpty: Bool { encoded.utf8.count == 1 }

  package var count: Int {
    var count = 0
    forEachField { _, _ in count += 1 }
    return count
  }

  /// The columns that hold a value, in column order.
  package var keys: [SyncColumn] { map(\.key) }

  /// The values of the columns `isIncluded` keeps.
  package func filter(_ isIncluded: (Element) throws -> Bool) rethrows -> RowValues {
    RowValues(try self.filter(isIncluded) as [Element])
  }

  /// The values of `columns` only.
  package func restricted(to columns: Set<SyncColumn>) -> RowValues {
    filter { columns.contains($0.key) }
  }

  /// Whether these values, on `columns` only, are those `encoded` holds (another
  /// ``encoded`` text), compared without decoding either.
  func matches(encoded other: String, only columns: ColumnSet) -> Bool {
    var mine = encoded
    var theirs = other
    return mine.withUTF8 { mine in
      theirs.withUTF8 { theirs in
        guard theirs.first == Self.marker else { return false }
        var a = Self.FieldCursor(mine)
        var b = Self.FieldCursor(theirs)
        for ordinal in 0..<SyncColumn.count {
          let x = a.next()
          let y = b.next()
          guard columns.contains(ordinal: ordinal) else { continue }
          if !x.elementsEqual(y) { return false }
        }
        return b.isAtEnd
      }
    }
  }

  /// Walks the fields of an encoded text; past the last, fields are empty.
  private struct FieldCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 1

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var isAtEnd: Bool { position >= bytes.count }

    mutating func next() -> Slice<UnsafeBufferPointer<UInt8>> {
      let start = position
      while position < bytes.count, bytes[position] != RowValues.separator {
        position += bytes[position] == RowValues.escape ? 2 : 1
      }
      let end = Swift.min(position, bytes.count)
      position += 1
      return bytes[Swift.min(start, end)..<end]
    }
  }

  package struct Iterator: IteratorProtocol {
    let elements: [Element]
    var index = 0

    package mutating func next() -> Element? {
      guard index < elements.count else { return nil }
      defer { index += 1 }
      return elements[index]
    }
  }

  package func makeIterator() -> Iterator {
    var elements: [Element] = []
    forEachField { ordinal, field in elements.append((SyncColumn.byOrdinal[ordinal], Self.decode(field))) }
    return Iterator(elements: elements)
  }

  package static func == (lhs: RowValues, rhs: RowValues) -> Bool { lhs.encoded == rhs.encoded }

  package func hash(into hasher: inout Hasher) { hasher.combine(encoded) }

  package var description: String {
    "[" + map { "\($0.key.rawValue): \($0.value)" }.joined(separator: ", ") + "]"
  }
}

extension SyncColumn {
  /// The columns by ordinal.
  package static let byOrdinal: [SyncColumn] = allCases.sorted { $0.ordinal < $1.ordinal }
}
