// Shifting the relative references of an A1-style formula.
//
// The formula is read once, left to right, as UTF-8 bytes, and copied to an
// output buffer. Spans that can never hold a reference are copied whole as
// soon as their first byte is seen: string literals ("..." with "" escapes),
// quoted sheet names ('...' with '' escapes), bracketed parts (structured
// references and external book indexes, nested, with ' escapes inside) and
// error literals (#REF!, #N/A, #DIV/0!, ...). Every other run of name characters
// (letters, digits, `_`, `.`, `\`, `?`, `$` and any non-ASCII byte) is a word.
// A word is tried as a reference only from its first byte, so a reference is
// never found in the middle of a name (`AB12C`, `_xlfn.A1`) or of a number
// (`2E3`). The forms tried are a cell (`$A$1`), a cell range (`A1:B2`), a
// column range (`A:C`) and a row range (`1:3`); a reference followed by `(`
// (a function such as `LOG10(`), `!` (a sheet name), `[` (a table) or another
// name character is not one, and `Q1:Q4!` is a 3-D sheet prefix. A recognised
// reference is written back with its parts that carry no `$` moved; only such
// ASCII spans are ever rewritten, so everything else, unicode included, is
// kept byte for byte.

/// Moves the relative references of an A1-style formula by a row and column offset.
///
/// This is how SpreadsheetML shared formulas are expanded: a follower cell's
/// formula is the master cell's formula shifted by the follower's offset from
/// the master. It is also how a row's formulas are copied to a new row.
///
/// ```swift
/// FormulaShifter.shift("F2*(1+G2)", rows: 10, columns: 0)  // "F12*(1+G12)"
/// FormulaShifter.shift("$A1+A$1", rows: 1, columns: 1)    // "$A2+B$1"
/// FormulaShifter.shift("A1", rows: -1, columns: 0)         // "#REF!"
/// ```
public enum FormulaShifter {
  /// The last row of a worksheet.
  public static let maxRow = 1_048_576

  /// The last column of a worksheet (`XFD`).
  public static let maxColumn = 16_384

  /// Moves the relative references of a formula.
  ///
  /// Only the parts of a reference without `$` move. A reference that would
  /// leave the sheet (row < 1 or > 1,048,576, column < 1 or > 16,384) becomes
  /// `#REF!`, as in Excel; a range becomes `#REF!` as a whole when either end
  /// leaves the sheet, and a sheet prefix is kept (`Sheet2!#REF!`).
  ///
  /// - Parameters:
  ///   - formula: The text of an `<f>` element, without the leading `=`.
  ///   - rows: The row offset (may be negative).
  ///   - columns: The column offset (may be negative).
  /// - Returns: The shifted text.
  public static func shift(_ formula: String, rows: Int, columns: Int) -> String {
    if rows == 0 && columns == 0 { return formula }
    var scanner = Scanner(bytes: Array(formula.utf8), rows: rows, columns: columns)
    scanner.run()
    return String(decoding: scanner.output, as: UTF8.self)
  }
}

// MARK: - Bytes

extension FormulaShifter {
  /// ASCII bytes the scanner looks at.
  fileprivate enum Byte {
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

// MARK: - References

extension FormulaShifter {
  /// One end of a reference: a cell (`$A1`), a column (`A`) or a row (`$1`).
  fileprivate struct Endpoint {
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

    /// The endpoint moved by an offset, or `nil` when it leaves the sheet.
    func shifted(rows: Int, columns: Int) -> Endpoint? {
      var moved = self
      if let column, !columnIsAbsolute {
        let (target, overflow) = column.addingReportingOverflow(columns)
        guard !overflow && target >= 1 && target <= FormulaShifter.maxColumn else { return nil }
        moved.column = target
      }
      if let row, !rowIsAbsolute {
        let (target, overflow) = row.addingReportingOverflow(rows)
        guard !overflow && target >= 1 && target <= FormulaShifter.maxRow else { return nil }
        moved.row = target
      }
      return moved
    }
  }
}

extension FormulaShifter {
  /// What the scanner found at the start of a word.
  fileprivate enum Match {
    /// A cell, or a range of two endpoints of the same kind.
    case reference(Endpoint, Endpoint?)
    /// A 3-D sheet prefix such as `Q1:Q4` before `!` (not after one, as in
    /// `Sheet1!A1:Sheet1!B2`), copied as it is, up to `end`.
    case sheetRange(end: Int)
  }
}

// MARK: - Scanner

extension FormulaShifter {
  /// The one-pass scanner: reads `bytes`, writes `output`.
  fileprivate struct Scanner {
    let bytes: [UInt8]
    let rows: Int
    let columns: Int
    var output: [UInt8] = []
    var index = 0

    init(bytes: [UInt8], rows: Int, columns: Int) {
      self.bytes = bytes
      self.rows = rows
      self.columns = columns
      output.reserveCapacity(bytes.count + 16)
    }

    /// The byte at `position`, or 0 outside the formula.
    @inline(__always)
    func byte(at position: Int) -> UInt8 {
      position >= 0 && position < bytes.count ? bytes[position] : 0
    }

    /// Copies and shifts the whole formula.
    mutating func run() {
      while index < bytes.count {
        let current = bytes[index]
        switch current {
        case Byte.doubleQuote: copyQuoted(by: Byte.doubleQuote)
        case Byte.apostrophe: copyQuoted(by: Byte.apostrophe)
        case Byte.openBracket: copyBracketed()
        case Byte.hash: copyError()
        default:
          if Byte.isNameByte(current) || current == Byte.dollar {
            copyWordOrReference()
          } else {
            output.append(current)
            index += 1
          }
        }
      }
    }

    // MARK: Spans copied whole

    /// Copies `bytes[index..<end]` unchanged and moves past it.
    mutating func copy(upTo end: Int) {
      output.append(contentsOf: bytes[index..<end])
      index = end
    }

    /// Copies a string literal or a quoted sheet name, whose delimiter is
    /// escaped by doubling it.
    mutating func copyQuoted(by delimiter: UInt8) {
      var position = index + 1
      while position < bytes.count {
        if bytes[position] == delimiter {
          if byte(at: position + 1) != delimiter { position += 1; break }
          position += 2
        } else {
          position += 1
        }
      }
      copy(upTo: min(position, bytes.count))
    }

    /// Copies a bracketed part, nested brackets included; inside, `'` escapes
    /// the byte after it (structured references write `']` for `]`).
    mutating func copyBracketed() {
      var depth = 0
      var position = index
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
      copy(upTo: min(position, bytes.count))
    }

    /// Copies an error literal: `#N/A`, or `#` and name bytes or `/` ended by
    /// `!` or `?` (`#REF!`, `#DIV/0!`, `#NAME?`). Any other `#`, such as the
    /// spill operator of `A1#`, is copied alone.
    mutating func copyError() {
      if isNotAvailable(at: index) { return copy(upTo: index + 4) }
      var position = index + 1
      while position < bytes.count,
        Byte.isLetter(bytes[position]) || Byte.isDigit(bytes[position])
          || bytes[position] == Byte.slash || bytes[position] == Byte.underscore
      {
        position += 1
      }
      let terminator = byte(at: position)
      let isError = position > index + 1 && (terminator == Byte.bang || terminator == Byte.question)
      copy(upTo: isError ? position + 1 : index + 1)
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

    /// At the first byte of a word: writes the shifted reference that starts
    /// here, or copies the word unchanged.
    mutating func copyWordOrReference() {
      switch match(at: index) {
      case .reference(let first, let second)?:
        write(first, second)
        index = (second ?? first).end
      case .sheetRange(let end)?:
        copy(upTo: end)
      case nil:
        copy(upTo: wordEnd(from: index))
      }
    }

    /// The reference that starts at `start`, if any.
    func match(at start: Int) -> Match? {
      guard let first = endpoint(at: start) else { return nil }
      if byte(at: first.end) == Byte.colon {
        let afterColon = first.end + 1
        let end = wordEnd(from: afterColon)
        if end > afterColon && byte(at: end) == Byte.bang && byte(at: start - 1) != Byte.bang {
          return .sheetRange(end: end)
        }
        if let second = endpoint(at: afterColon), second.isSameKind(as: first),
          endsReference(at: second.end)
        {
          return .reference(first, second)
        }
      }
      if first.isCell && endsReference(at: first.end) { return .reference(first, nil) }
      return nil
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

    // MARK: Writing

    /// Writes a reference moved by the offset, or `#REF!` when it leaves the sheet.
    mutating func write(_ first: Endpoint, _ second: Endpoint?) {
      guard let movedFirst = first.shifted(rows: rows, columns: columns) else {
        return writeRefError()
      }
      guard let second else { return write(movedFirst, original: first) }
      guard let movedSecond = second.shifted(rows: rows, columns: columns) else {
        return writeRefError()
      }
      write(movedFirst, original: first)
      output.append(Byte.colon)
      write(movedSecond, original: second)
    }

    /// Writes `#REF!`.
    mutating func writeRefError() {
      output.append(contentsOf: "#REF!".utf8)
    }

    /// Writes one endpoint; parts that did not move are copied from `original`
    /// so that their case and spelling are kept.
    mutating func write(_ moved: Endpoint, original: Endpoint) {
      if let column = moved.column {
        if moved.columnIsAbsolute { output.append(Byte.dollar) }
        if column == original.column {
          output.append(contentsOf: bytes[original.letters])
        } else {
          writeColumn(column)
        }
      }
      if let row = moved.row {
        if moved.rowIsAbsolute { output.append(Byte.dollar) }
        if row == original.row {
          output.append(contentsOf: bytes[original.digits])
        } else {
          writeRow(row)
        }
      }
    }

    /// Writes a column number (1...16,384) as upper-case letters.
    mutating func writeColumn(_ column: Int) {
      let rest = (column - 1) / 26
      if rest > 0 {
        let third = (rest - 1) / 26
        if third > 0 { output.append(Byte.upperA + UInt8(third - 1)) }
        output.append(Byte.upperA + UInt8((rest - 1) % 26))
      }
      output.append(Byte.upperA + UInt8((column - 1) % 26))
    }

    /// Writes a positive row number in decimal.
    mutating func writeRow(_ row: Int) {
      var divisor = 1
      while divisor * 10 <= row { divisor *= 10 }
      while divisor > 0 {
        output.append(Byte.zero + UInt8(row / divisor % 10))
        divisor /= 10
      }
    }
  }
}
