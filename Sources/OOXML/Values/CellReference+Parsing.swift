extension CellReference {
  /// The result of reading an A1 reference: where it failed, when it did.
  enum ParseResult: Equatable {
    case valid(CellReference)
    /// Letters and digits in the right shape, but outside Excel's grid.
    case outOfRange
    /// Not an A1 reference at all.
    case malformed
  }

  /// Parses `B2` (case-insensitive; no `$`, no sheet).
  public init?(_ text: String) {
    var text = text
    let result = text.withUTF8 { Self.parse($0) }
    guard case let .valid(reference) = result else { return nil }
    self = reference
  }

  /// Parses the bytes of an A1 reference without allocating.
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> ParseResult {
    var index = 0
    var column = 0
    while index < bytes.count, let value = letterValue(bytes[index]) {
      column = column * 26 + value
      index += 1
      if index > 3 { return lettersThenDigits(bytes, from: index) ? .outOfRange : .malformed }
    }
    guard index > 0, index < bytes.count else { return .malformed }
    var row = 0
    let digitsStart = index
    while index < bytes.count {
      let byte = bytes[index]
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return .malformed }
      row = row * 10 + Int(byte - UInt8(ascii: "0"))
      if row > maxRow { return lettersThenDigits(bytes, from: index) ? .outOfRange : .malformed }
      index += 1
    }
    if bytes[digitsStart] == UInt8(ascii: "0") { return row == 0 ? .outOfRange : .malformed }
    guard let reference = CellReference(column: column, row: row) else { return .outOfRange }
    return .valid(reference)
  }

  @inline(__always)
  static func letterValue(_ byte: UInt8) -> Int? {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"): Int(byte - UInt8(ascii: "A")) + 1
    case UInt8(ascii: "a")...UInt8(ascii: "z"): Int(byte - UInt8(ascii: "a")) + 1
    default: nil
    }
  }

  /// Whether the rest of `bytes` is still letters then digits (so a reference that is
  /// merely too large is told apart from garbage).
  private static func lettersThenDigits(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
    var index = start
    while index < bytes.count, letterValue(bytes[index]) != nil { index += 1 }
    guard index < bytes.count else { return false }
    while index < bytes.count {
      guard bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") else { return false }
      index += 1
    }
    return true
  }
}
