// Reading an A1-style formula as tokens: the one scanner behind FormulaShifter
// and FormulaReferences.
//
// The formula is read once, left to right, as UTF-8 bytes. Spans that can
// never hold a reference are one token as soon as their first byte is seen:
// string literals ("..." with "" escapes), quoted sheet names ('...' with ''
// escapes), bracketed parts (structured references and external book indexes,
// nested, with ' escapes inside) and error literals (#REF!, #N/A, #DIV/0!, ...).
// Every other run of name characters (letters, digits, `_`, `.`, `\`, `?`, `$`
// and any non-ASCII byte) is a word. A word is tried as a reference only from
// its first byte, so a reference is never found in the middle of a name
// (`AB12C`, `_xlfn.A1`) or of a number (`2E3`). The forms tried are a cell
// (`$A$1`), a cell range (`A1:B2`), a column range (`A:C`) and a row range
// (`1:3`); a reference followed by `(` (a function such as `LOG10(`), `!` (a
// sheet name), `[` (a table) or another name character is not one, and `Q1:Q4!`
// is a 3-D sheet prefix. Any other byte is a token of its own. The tokens cover
// the formula exactly, end to end, so copying every token's bytes gives the
// formula back byte for byte.

/// The tokens of an A1-style formula (text without `=`), in order.
///
/// ```swift
/// var tokenizer = FormulaTokenizer("SUM('My Sheet'!A1:B2)")
/// while let token = tokenizer.next() { ... }
/// // word SUM, other (, quotedName 'My Sheet', other !, reference A1:B2, other )
/// ```
struct FormulaTokenizer: IteratorProtocol, Sequence {
  /// What a token is.
  enum Kind {
    /// A string literal, `"..."`, quotes included.
    case string
    /// A quoted sheet name, `'...'`, quotes included.
    case quotedName
    /// A bracketed part, `[...]`, nested brackets included: a structured
    /// reference's columns or an external book index.
    case bracketed
    /// An error literal: `#REF!`, `#N/A`, `#DIV/0!`, `#NAME?`, ...
    case error
    /// A run of name bytes that is not a reference: a name, a function name,
    /// a number, `TRUE`, a sheet name before `!`.
    case word
    /// A 3-D sheet prefix such as `Q1:Q4` before `!` (not after one, as in
    /// `Sheet1!A1:Sheet1!B2`), without the `!`.
    case sheetRange
    /// A cell, or a range of two endpoints of the same kind.
    case reference(Endpoint, Endpoint?)
    /// Any other single byte: an operator, a separator, a space, `!`, a lone `#`.
    case other
  }

  /// A token: what it is and where its bytes are.
  struct Token {
    var kind: Kind
    var range: Range<Int>
  }

  /// The formula's UTF-8 bytes.
  let bytes: [UInt8]
  /// Where the next token starts.
  private(set) var index = 0

  init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  init(_ formula: String) {
    self.init(bytes: Array(formula.utf8))
  }

  /// The next token, or `nil` at the end of the formula.
  mutating func next() -> Token? {
    guard index < bytes.count else { return nil }
    let start = index
    let kind: Kind
    let end: Int
    switch bytes[start] {
    case Byte.doubleQuote: (kind, end) = (.string, quotedEnd(from: start))
    case Byte.apostrophe: (kind, end) = (.quotedName, quotedEnd(from: start))
    case Byte.openBracket: (kind, end) = (.bracketed, bracketedEnd(from: start))
    case Byte.hash:
      if let errorEnd = errorEnd(from: start) {
        (kind, end) = (.error, errorEnd)
      } else {
        (kind, end) = (.other, start + 1)
      }
    case let current where Byte.isNameByte(current) || current == Byte.dollar:
      (kind, end) = wordOrReference(at: start)
    default: (kind, end) = (.other, start + 1)
    }
    index = end
    return Token(kind: kind, range: start..<end)
  }

  /// The byte at `position`, or 0 outside the formula.
  @inline(__always)
  func byte(at position: Int) -> UInt8 {
    position >= 0 && position < bytes.count ? bytes[position] : 0
  }

  // MARK: Spans read whole

  /// The end of a string literal or a quoted sheet name starting at `start`,
  /// whose delimiter is escaped by doubling it; the end of the formula when it
  /// is not closed.
  func quotedEnd(from start: Int) -> Int {
    let delimiter = bytes[start]
    var position = start + 1
    while position < bytes.count {
      if bytes[position] == delimiter {
        if byte(at: position + 1) != delimiter { position += 1; break }
        position += 2
      } else {
        position += 1
      }
    }
    return Swift.min(position, bytes.count)
  }

  /// The end of a bracketed part, nested brackets included; inside, `'`
  /// escapes the byte after it (structured references write `']` for `]`).
  func bracketedEnd(from start: Int) -> Int {
    var depth = 0
    var position = start
    while position < bytes.count {
      switch bytes[position] {
      case Byte.openBracket: depth += 1
      case Byte.closeBracket: depth -= 1
      case Byte.apostrophe: position += 1
      default: break
      }
      position += 1
      if depth == 0 { break }
    }
    return Swift.min(position, bytes.count)
  }

  /// The end of an error literal at `start`: `#N/A`, or `#` and name bytes or
  /// `/` ended by `!` or `?` (`#REF!`, `#DIV/0!`, `#NAME?`). `nil` for any other
  /// `#`, such as the spill operator of `A1#`.
  func errorEnd(from start: Int) -> Int? {
    if isNotAvailable(at: start) { return start + 4 }
    var position = start + 1
    while position < bytes.count,
      Byte.isLetter(bytes[position]) || Byte.isDigit(bytes[position])
        || bytes[position] == Byte.slash || bytes[position] == Byte.underscore
    {
      position += 1
    }
    let terminator = byte(at: position)
    let isError = position > start + 1 && (terminator == Byte.bang || terminator == Byte.question)
    return isError ? position + 1 : nil
  }

  /// Whether `#N/A`, in any case, starts at `start`.
  func isNotAvailable(at start: Int) -> Bool {
    byte(at: start + 1) | 0x20 == UInt8(ascii: "n") && byte(at: start + 2) == Byte.slash
      && byte(at: start + 3) | 0x20 == UInt8(ascii: "a")
  }

  /// The index past the run of name bytes and `$` that starts at `start`.
  func wordEnd(from start: Int) -> Int {
    var position = start
    while position < bytes.count,
      Byte.isNameByte(bytes[position]) || bytes[position] == Byte.dollar
    {
      position += 1
    }
    return position
  }

  // MARK: References

  /// At the first byte of a word: the reference or 3-D sheet prefix that
  /// starts here, or else the word.
  func wordOrReference(at start: Int) -> (Kind, end: Int) {
    guard let first = endpoint(at: start) else { return (.word, wordEnd(from: start)) }
    if byte(at: first.end) == Byte.colon {
      let afterColon = first.end + 1
      let end = wordEnd(from: afterColon)
      if end > afterColon && byte(at: end) == Byte.bang && byte(at: start - 1) != Byte.bang {
        return (.sheetRange, end)
      }
      if let second = endpoint(at: afterColon), second.isSameKind(as: first),
        endsReference(at: second.end)
      {
        return (.reference(first, second), second.end)
      }
    }
    if first.isCell && endsReference(at: first.end) { return (.reference(first, nil), first.end) }
    return (.word, wordEnd(from: start))
  }

  /// Whether a reference may end just before `position`: what follows is not
  /// part of a name, a function call, a sheet name or a table.
  func endsReference(at position: Int) -> Bool {
    let next = byte(at: position)
    return !Byte.isNameByte(next) && next != Byte.dollar && next != Byte.openParen
      && next != Byte.bang && next != Byte.openBracket
  }

  /// Reads `$?letters` then `$?digits` at `start`, either part optional but
  /// not both; letters are 1 to 3 up to `XFD`, digits a row 1 to 1,048,576
  /// without leading zero.
  func endpoint(at start: Int) -> Endpoint? {
    var result = Endpoint()
    var position = start
    if byte(at: position) == Byte.dollar && Byte.isLetter(byte(at: position + 1)) {
      result.columnIsAbsolute = true
      position += 1
    }
    let lettersStart = position
    var column = 0
    while Byte.isLetter(byte(at: position)) {
      guard position - lettersStart < 3 else { return nil }
      column = column * 26 + Int((byte(at: position) & 0xDF) - Byte.upperA) + 1
      position += 1
    }
    guard column <= FormulaShifter.maxColumn else { return nil }
    if position > lettersStart {
      result.column = column
      result.letters = lettersStart..<position
    }
    if byte(at: position) == Byte.dollar && Byte.isDigit(byte(at: position + 1)) {
      result.rowIsAbsolute = true
      position += 1
    }
    let digitsStart = position
    var row = 0
    while Byte.isDigit(byte(at: position)) {
      guard position - digitsStart < 7 else { return nil }
      row = row * 10 + Int(byte(at: position) - Byte.zero)
      position += 1
    }
    if position > digitsStart {
      guard byte(at: digitsStart) != Byte.zero, row <= FormulaShifter.maxRow else { return nil }
      result.row = row
      result.digits = digitsStart..<position
    }
    guard result.column != nil || result.row != nil else { return nil }
    result.end = position
    return result
  }
}

// MARK: - Endpoints

extension FormulaTokenizer {
  /// One end of a reference: a cell (`$A1`), a column (`A`) or a row (`$1`).
  struct Endpoint {
    /// The column, 1-based, or `nil` for a whole row.
    var column: Int?
    /// Whether the column carries a `$`.
    var columnIsAbsolute = false
    /// Where the column letters are in the formula.
    var letters: Range<Int> = 0..<0
    /// The row, 1-based, or `nil` for a whole column.
    var row: Int?
    /// Whether the row carries a `$`.
    var rowIsAbsolute = false
    /// Where the row digits are in the formula.
    var digits: Range<Int> = 0..<0
    /// The index just past the endpoint.
    var end = 0

    /// Whether both a column and a row are given.
    var isCell: Bool { column != nil && row != nil }

    /// Whether `other` is the same kind of endpoint (cell, column or row).
    func isSameKind(as other: Endpoint) -> Bool {
      (column == nil) == (other.column == nil) && (row == nil) == (other.row == nil)
    }
  }
}

// MARK: - Bytes

extension FormulaTokenizer {
  /// ASCII bytes the tokenizer looks at.
  enum Byte {
    static let doubleQuote = UInt8(ascii: "\"")
    static let apostrophe = UInt8(ascii: "'")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let hash = UInt8(ascii: "#")
    static let dollar = UInt8(ascii: "$")
    static let colon = UInt8(ascii: ":")
    static let bang = UInt8(ascii: "!")
    static let question = UInt8(ascii: "?")
    static let slash = UInt8(ascii: "/")
    static let openParen = UInt8(ascii: "(")
    static let underscore = UInt8(ascii: "_")
    static let dot = UInt8(ascii: ".")
    static let backslash = UInt8(ascii: "\\")
    static let zero = UInt8(ascii: "0")
    static let upperA = UInt8(ascii: "A")

    /// Whether `byte` is an ASCII letter.
    @inline(__always)
    static func isLetter(_ byte: UInt8) -> Bool {
      (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    /// Whether `byte` is an ASCII digit.
    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
      byte >= zero && byte <= UInt8(ascii: "9")
    }

    /// Whether `byte` may continue a name, a function name or a number.
    @inline(__always)
    static func isNameByte(_ byte: UInt8) -> Bool {
      isLetter(byte) || isDigit(byte) || byte == underscore || byte == dot
        || byte == backslash || byte == question || byte >= 0x80
    }
  }
}
