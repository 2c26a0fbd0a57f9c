// Shifting the relative references of an A1-style formula.
//
// The formula is read once, left to right, by FormulaTokenizer (which holds
// every rule for telling references from names, strings, sheet names, tables,
// errors and numbers), and its tokens are copied to an output buffer. A
// recognised reference is written back with its parts that carry no `$` moved;
// only such ASCII spans are ever rewritten, so everything else, unicode
// included, is kept byte for byte.

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
    var writer = Writer(bytes: Array(formula.utf8), rows: rows, columns: columns)
    writer.run()
    return String(decoding: writer.output, as: UTF8.self)
  }
}

// MARK: - Moving endpoints

extension FormulaTokenizer.Endpoint {
  /// The endpoint moved by an offset, or `nil` when it leaves the sheet.
  fileprivate func shifted(rows: Int, columns: Int) -> Self? {
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

// MARK: - Writer

extension FormulaShifter {
  fileprivate typealias Byte = FormulaTokenizer.Byte
  fileprivate typealias Endpoint = FormulaTokenizer.Endpoint

  /// Copies the formula's tokens to `output`, references shifted.
  fileprivate struct Writer {
    let bytes: [UInt8]
    let rows: Int
    let columns: Int
    var output: [UInt8] = []

    init(bytes: [UInt8], rows: Int, columns: Int) {
      self.bytes = bytes
      self.rows = rows
      self.columns = columns
      output.reserveCapacity(bytes.count + 16)
    }

    /// Copies and shifts the whole formula.
    mutating func run() {
      var tokenizer = FormulaTokenizer(bytes: bytes)
      while let token = tokenizer.next() {
        switch token.kind {
        case .reference(let first, let second): write(first, second)
        case .other: output.append(bytes[token.range.lowerBound])
        default: output.append(contentsOf: bytes[token.range])
        }
      }
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
