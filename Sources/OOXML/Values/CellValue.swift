/// The value of a cell, decoded: what a person sees, not how the file spells it.
public enum CellValue: Hashable, Sendable {
  /// No value (a styled empty cell, or a formula without a cached result).
  case empty
  /// A number. Money is converted from this exactly by its shortest decimal spelling.
  case number(Double)
  /// Text, with Excel's `_xHHHH_` escapes decoded.
  case string(String)
  /// `TRUE` or `FALSE`.
  case bool(Bool)
  /// An error value such as `#DIV/0!`.
  case error(String)
  /// A number shown with a date format, whole days.
  case date(Day)
  /// A number shown with a date or time format, with a time of day.
  case dateTime(DateTime)

  /// Whether the cell holds nothing.
  public var isEmpty: Bool { self == .empty }
}

/// The value type a cell declares in its `t` attribute.
public enum CellType: String, Sendable {
  /// `n`, the default: a number.
  case number = "n"
  /// `s`: an index into the shared strings.
  case sharedString = "s"
  /// `str`: the string result of a formula.
  case formulaString = "str"
  /// `inlineStr`: text stored in the cell itself.
  case inlineString = "inlineStr"
  /// `b`: a boolean.
  case boolean = "b"
  /// `e`: an error.
  case error = "e"
  /// `d`: an ISO 8601 date.
  case date = "d"
}

/// A cell's formula, as written, with shared formulas expanded.
public struct Formula: Hashable, Sendable {
  /// How the formula is stored.
  public enum Kind: Hashable, Sendable {
    /// An ordinary formula.
    case normal
    /// Part of a shared-formula group; `isMaster` for the cell that holds the text.
    case shared(index: Int, isMaster: Bool)
    /// An array formula over `range` (for example `C1:C3`).
    case array(range: String)
    /// A what-if data table over `range`.
    case dataTable(range: String)
  }

  /// The formula text without its leading `=`; for a shared-formula follower, the
  /// master's text moved to this cell. `nil` when it cannot be known (a data table, or a
  /// follower whose master is missing).
  public var text: String?
  /// How the formula is stored.
  public var kind: Kind

  public init(text: String?, kind: Kind) {
    self.text = text
    self.kind = kind
  }
}

/// One cell as read from a sheet.
public struct Cell: Hashable, Sendable {
  /// Where the cell is.
  public var reference: CellReference
  /// The type the cell declares.
  public var type: CellType
  /// The decoded value (for a formula, its cached result).
  public var value: CellValue
  /// The formula, if the cell has one.
  public var formula: Formula?
  /// The index of the cell's format in the workbook's `cellXfs`.
  public var styleIndex: Int

  public init(reference: CellReference, type: CellType, value: CellValue, formula: Formula? = nil, styleIndex: Int = 0) {
    self.reference = reference
    self.type = type
    self.value = value
    self.formula = formula
    self.styleIndex = styleIndex
  }
}
