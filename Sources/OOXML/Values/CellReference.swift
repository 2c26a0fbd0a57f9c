/// The address of one cell, such as `B2`: a 1-based column and row inside Excel's grid.
public struct CellReference: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The last row of a sheet: 1,048,576.
  public static let maxRow = 1_048_576
  /// The last column of a sheet: 16,384 (`XFD`).
  public static let maxColumn = 16_384

  /// The column, 1 for `A`.
  public let column: Int
  /// The row, 1 for the first.
  public let row: Int

  /// Creates a reference, or `nil` when it is outside Excel's grid.
  public init?(column: Int, row: Int) {
    guard (1...Self.maxColumn).contains(column), (1...Self.maxRow).contains(row) else { return nil }
    self.column = column
    self.row = row
  }

  /// The column's letters: `A`, `Z`, `AA`, `XFD`.
  public var columnName: String { Self.columnName(column) }

  /// `B2`.
  public var description: String { columnName + String(row) }

  /// The letters of a 1-based column number.
  public static func columnName(_ column: Int) -> String {
    var letters: [UInt8] = []
    var rest = column
    while rest > 0 {
      let digit = (rest - 1) % 26
      letters.append(UInt8(ascii: "A") + UInt8(digit))
      rest = (rest - 1) / 26
    }
    return String(decoding: letters.reversed(), as: UTF8.self)
  }

  /// Rows first, then columns: the order of cells in a sheet.
  public static func < (lhs: CellReference, rhs: CellReference) -> Bool {
    (lhs.row, lhs.column) < (rhs.row, rhs.column)
  }
}
