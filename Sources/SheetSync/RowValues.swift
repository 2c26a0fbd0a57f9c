import CivilDate
import Foundation
import Ledger

/// One row's values by known column, typed (``SyncValue``): `nil` where the cell is empty.
///
/// Held as one compact byte string, the form the store keeps (``stored``), rather than a
/// slot or a dictionary entry per column: a tracker of 100,000 rows holds several of these
/// per row, so each is one allocation, and a row is compared with the base by comparing
/// bytes, without decoding. The bytes are the values themselves, not text to parse: a day
/// is its year, month and day, an amount its cents, a status its code. Reading a column
/// reads them back as they were parsed from the cell (``CellNormalizer``), once.
/// Iterated in column order.
package struct RowValues: Sendable, Hashable, Sequence, CustomStringConvertible {
  package typealias Element = (key: SyncColumn, value: SyncValue)

  /// ``marker``, then each column that holds a value, in ordinal order
  /// (``SyncColumn/ordinal``): one byte with the value's ``Tag`` in its three high bits and
  /// the column's ordinal in its five low bits, then the value — a text its length
  /// (LEB128) and its UTF-8 bytes; a day its year (two bytes, little-endian), month and
  /// day; an amount or a rate its `Int64` (eight bytes, little-endian); a status or a method
  /// its code (``StoredCodes``). One set of values has one encoding, so equal values have
  /// equal bytes.
  package private(set) var stored: [UInt8]

  static let marker: UInt8 = 0x03

  enum Tag: UInt8 {
    case text = 0, day, amount, rate, status, method, unreadable
  }

  package init() { stored = [Self.marker] }

  /// Values from one optional value per column, by ordinal (missing slots are empty).
  package init(slots: [SyncValue?]) {
    var bytes: [UInt8] = []
    self.init(slots: slots, scratch: &bytes)
  }

  /// Values from `slots`, encoded in `scratch` (a buffer a loop reuses).
  init(slots: [SyncValue?], scratch: inout [UInt8]) {
    scratch.removeAll(keepingCapacity: true)
    scratch.append(Self.marker)
    for (ordinal, value) in slots.enumerated() where ordinal < SyncColumn.count {
      if let value { Self.append(value, ordinal: ordinal, to: &scratch) }
    }
    stored = scratch
  }

  package init(_ elements: some Sequence<Element>) {
    var slots = [SyncValue?](repeating: nil, count: SyncColumn.count)
    for (column, value) in elements { slots[column.ordinal] = value }
    self.init(slots: slots)
  }

  /// Values from the bytes ``stored`` gave; `nil` if `bytes` are not such bytes (a value of
  /// a kind its column cannot hold, a code no version wrote, a length past the end).
  package init?(stored bytes: [UInt8]) {
    guard bytes.first == Self.marker else { return nil }
    var valid = true
    var previous = -1
    bytes.withUnsafeBufferPointer { buffer in
      var cursor = FieldCursor(buffer)
      while valid, let field = cursor.next() {
        guard field.ordinal > previous, Self.decode(field, in: buffer) != nil else {
          valid = false
          return
        }
        previous = field.ordinal
      }
      valid = valid && cursor.isValid
    }
    guard valid else { return nil }
    stored = bytes
  }

  /// Whether stored bytes of today's form hold an invoice number (the first column, so the
  /// first field's), told without decoding; `nil` for bytes of another form.
  static func storedHasNumber(_ bytes: [UInt8]) -> Bool? {
    guard bytes.first == marker else { return nil }
    return bytes.count > 1 && bytes[1] & 0x1F == SyncColumn.number.ordinal
  }

  // MARK: Encoding

  private static func append(_ value: SyncValue, ordinal: Int, to bytes: inout [UInt8]) {
    func header(_ tag: Tag) { bytes.append(tag.rawValue << 5 | UInt8(ordinal)) }
    func integer(_ value: Int64) {
      withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
    func text(_ tag: Tag, _ text: String) {
      header(tag)
      var text = text
      text.withUTF8 { utf8 in
        var length = utf8.count
        repeat {
          let low = UInt8(length & 0x7F)
          length >>= 7
          bytes.append(length == 0 ? low : low | 0x80)
        } while length > 0
        bytes.append(contentsOf: utf8)
      }
    }
    switch value {
    case let .text(string):
      guard !string.isEmpty else { return }  // an empty text is no value
      text(.text, string)
    case let .unreadable(shown): text(.unreadable, shown)
    case let .day(day):
      header(.day)
      let year = UInt16(clamping: day.year)
      bytes.append(UInt8(year & 0xFF))
      bytes.append(UInt8(year >> 8))
      bytes.append(UInt8(day.month))
      bytes.append(UInt8(day.day))
    case let .amount(cents):
      header(.amount)
      integer(cents.value)
    case let .rate(rate):
      header(.rate)
      integer(rate.basisPoints)
    case let .status(status):
      header(.status)
      bytes.append(StoredCodes.code(of: status))
    case let .method(method):
      header(.method)
      bytes.append(StoredCodes.code(of: method))
    }
  }

  /// One field of the stored bytes: its column's ordinal, its tag and the range of its
  /// payload.
  struct Field {
    var ordinal: Int
    var tag: Tag
    var payload: Range<Int>
  }

  /// Walks the fields of stored bytes, checking every length against the end.
  struct FieldCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 1
    /// `false` once a field was cut short or carried an unknown tag.
    private(set) var isValid = true

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func next() -> Field? {
      guard isValid, position < bytes.count else { return nil }
      let header = bytes[position]
      let ordinal = Int(header & 0x1F)
      guard let tag = Tag(rawValue: header >> 5), ordinal < SyncColumn.count else { return invalid() }
      position += 1
      let length: Int
      switch tag {
      case .text, .unreadable:
        var value = 0
        var shift = 0
        while true {
          guard position < bytes.count, shift < 35 else { return invalid() }
          let byte = bytes[position]
          position += 1
          value |= Int(byte & 0x7F) << shift
          shift += 7
          if byte & 0x80 == 0 {
            guard byte != 0 || shift == 7 else { return invalid() }  // one length, one encoding
            break
          }
        }
        length = value
      case .day: length = 4
      case .amount, .rate: length = 8
      case .status, .method: length = 1
      }
      guard length <= bytes.count - position else { return invalid() }
      defer { position += length }
      return Field(ordinal: ordinal, tag: tag, payload: position..<(position + length))
    }

    private mutating func invalid() -> Field? {
      isValid = false
      return nil
    }
  }

  /// The value a field holds; `nil` if it is not one its column can hold.
  static func decode(_ field: Field, in bytes: UnsafeBufferPointer<UInt8>) -> SyncValue? {
    let payload = UnsafeBufferPointer(rebasing: bytes[field.payload])
    func integer() -> Int64 {
      var value: Int64 = 0
      for (index, byte) in payload.enumerated() { value |= Int64(byte) << (8 * index) }
      return value
    }
    let kind = SyncColumn.byOrdinal[field.ordinal].kind
    switch (field.tag, kind) {
    case (.text, .text):
      return payload.isEmpty ? nil : String(validating: payload, as: UTF8.self).map(SyncValue.text)
    case (.unreadable, _):
      return String(validating: payload, as: UTF8.self).map(SyncValue.unreadable)
    case (.day, .date):
      let year = Int(payload[0]) | Int(payload[1]) << 8
      return Day(year: year, month: Int(payload[2]), day: Int(payload[3])).map(SyncValue.day)
    case (.amount, .amount): return .amount(Cents(integer()))
    case (.rate, .rate): return .rate(VATRate(basisPoints: integer()))
    case (.status, .status): return StoredCodes.status(payload[0]).map(SyncValue.status)
    case (.method, .method): return StoredCodes.method(payload[0]).map(SyncValue.method)
    default: return nil
    }
  }

  // MARK: Reading

  /// Calls `body` with each field, in column order.
  private func forEachField(_ body: (Field, UnsafeBufferPointer<UInt8>) -> Void) {
    stored.withUnsafeBufferPointer { buffer in
      var cursor = FieldCursor(buffer)
      while let field = cursor.next() { body(field, buffer) }
    }
  }

  /// One optional value per column, by ordinal.
  package var slots: [SyncValue?] {
    var slots = [SyncValue?](repeating: nil, count: SyncColumn.count)
    forEachField { field, bytes in slots[field.ordinal] = Self.decode(field, in: bytes) }
    return slots
  }

  /// The column's value; setting `nil` (or an empty text) clears it.
  package subscript(column: SyncColumn) -> SyncValue? {
    get {
      stored.withUnsafeBufferPointer { buffer -> SyncValue? in
        var cursor = FieldCursor(buffer)
        while let field = cursor.next() {
          if field.ordinal == column.ordinal { return Self.decode(field, in: buffer) }
          if field.ordinal > column.ordinal { return nil }
        }
        return nil
      }
    }
    set {
      var slots = slots
      slots[column.ordinal] = newValue
      self = RowValues(slots: slots)
    }
  }

  package var isEmpty: Bool { stored.count == 1 }

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

  /// Whether these values, on `columns` only, are those `other` holds (another ``stored``
  /// form), compared without decoding either.
  func matches(stored other: [UInt8], only columns: ColumnSet) -> Bool {
    guard other.first == Self.marker else { return false }
    return stored.withUnsafeBufferPointer { mine in
      other.withUnsafeBufferPointer { theirs in
        var a = FieldCursor(mine)
        var b = FieldCursor(theirs)
        func next(_ cursor: inout FieldCursor) -> Field? {
          while let field = cursor.next() {
            if columns.contains(ordinal: field.ordinal) { return field }
          }
          return nil
        }
        while true {
          switch (next(&a), next(&b)) {
          case (nil, nil): return a.isValid && b.isValid
          case let (x?, y?):
            guard x.ordinal == y.ordinal, x.tag == y.tag, mine[x.payload].elementsEqual(theirs[y.payload]) else { return false }
          default: return false
          }
        }
      }
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
    forEachField { field, bytes in
      if let value = Self.decode(field, in: bytes) { elements.append((SyncColumn.byOrdinal[field.ordinal], value)) }
    }
    return Iterator(elements: elements)
  }

  package static func == (lhs: RowValues, rhs: RowValues) -> Bool { sameBytes(lhs.stored, rhs.stored) }

  /// Whether two stored forms have the same bytes.
  static func sameBytes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    a.withUnsafeBytes { x in b.withUnsafeBytes { y in x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) } }
  }

  package func hash(into hasher: inout Hasher) { stored.withUnsafeBytes { hasher.combine(bytes: $0) } }

  package var description: String {
    "[" + map { "\($0.key.rawValue): \($0.value.canonical)" }.joined(separator: ", ") + "]"
  }
}

/// The one-byte codes statuses and methods are stored under in a ``RowValues``: stored in
/// ledgers, so a code, once given, keeps its meaning (a new case takes a new code; the
/// switches make forgetting one a compile error).
enum StoredCodes {
  static func code(of status: InvoiceStatus) -> UInt8 {
    switch status {
    case .draft: 0
    case .pending: 1
    case .partiallyPaid: 2
    case .paid: 3
    case .late: 4
    case .toRemind: 5
    case .disputed: 6
    case .voided: 7
    }
  }

  static func code(of method: PaymentMethod) -> UInt8 {
    switch method {
    case .virement: 0
    case .cheque: 1
    case .especes: 2
    case .carte: 3
    case .other: 4
    }
  }

  private static let statuses = [InvoiceStatus?](codes: InvoiceStatus.allCases, code(of:))
  private static let methods = [PaymentMethod?](codes: PaymentMethod.allCases, code(of:))

  static func status(_ code: UInt8) -> InvoiceStatus? { Int(code) < statuses.count ? statuses[Int(code)] : nil }
  static func method(_ code: UInt8) -> PaymentMethod? { Int(code) < methods.count ? methods[Int(code)] : nil }
}

extension Array {
  /// The cases of an enumeration, each at its code.
  fileprivate init<Case>(codes cases: [Case], _ code: (Case) -> UInt8) where Element == Case? {
    self.init(repeating: nil, count: Int(cases.map(code).max() ?? 0) + 1)
    for item in cases { self[Int(code(item))] = item }
  }
}

extension RowValues {
  /// The values of a row as any version stored it (``SyncStore/decode(_:)``).
  package init(storedByAnyVersion bytes: [UInt8]) { self = SyncStore.decode(bytes) }
}

extension SyncColumn {
  /// The columns by ordinal.
  package static let byOrdinal: [SyncColumn] = allCases.sorted { $0.ordinal < $1.ordinal }
}
