import Foundation

/// A tracker as a person lays it out, for tests of adoption: sheets of rows of cells
/// (text, numbers, dates, formulas), written as a minimal `.xlsx` (inline strings, one
/// date format) through ``WorkbookFixture``.
public struct TrackerFixture: Sendable {
  /// One cell as a person typed it.
  public enum Cell: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    case text(String)
    case number(Double)
    /// A date cell (a serial with a date format).
    case date(year: Int, month: Int, day: Int)
    /// A formula, with its cached value or none (a file saved by openpyxl).
    case formula(String, cached: Double?)

    public init(stringLiteral value: String) { self = .text(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
  }

  public var sheets: [(name: String, rows: [[Cell?]])]

  public init(sheets: [(name: String, rows: [[Cell?]])]) { self.sheets = sheets }

  /// One sheet named `name`.
  public init(_ name: String = "Factures", rows: [[Cell?]]) { sheets = [(name, rows)] }

  /// The column letters of the 0-based `index` (`0` is `A`, `26` is `AA`).
  public static func letters(_ index: Int) -> String {
    var index = index + 1
    var letters = ""
    while index > 0 {
      let remainder = (index - 1) % 26
      letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
      index = (index - 1) / 26
    }
    return letters
  }

  /// The serial of a day in Excel's 1900 date system.
  static func serial(year: Int, month: Int, day: Int) -> Int {
    var components = DateComponents()
    (components.year, components.month, components.day) = (year, month, day)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let date = calendar.date(from: components)!
    return Int((date.timeIntervalSince1970 / 86_400).rounded()) + 25_569
  }

  static func xml(_ cell: Cell, at reference: String) -> String {
    switch cell {
    case let .text(text): return "<c r=\"\(reference)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(text.xmlEscaped)</t></is></c>"
    case let .number(value): return "<c r=\"\(reference)\"><v>\(value)</v></c>"
    case let .date(year, month, day): return "<c r=\"\(reference)\" s=\"1\"><v>\(serial(year: year, month: month, day: day))</v></c>"
    case let .formula(formula, cached):
      return "<c r=\"\(reference)\"><f>\(formula.xmlEscaped)</f>\(cached.map { "<v>\($0)</v>" } ?? "")</c>"
    }
  }

  public var workbook: WorkbookFixture {
    var fixture = WorkbookFixture(
      sheets: sheets.map { sheet in
        var rows = ""
        for (index, cells) in sheet.rows.enumerated() {
          let number = index + 1
          let body = cells.enumerated().compactMap { column, cell in cell.map { Self.xml($0, at: Self.letters(column) + String(number)) } }
          if !body.isEmpty { rows += "<row r=\"\(number)\">" + body.joined() + "</row>" }
        }
        return (sheet.name, "<worksheet xmlns=\"\(WorkbookFixture.main)\"><sheetData>\(rows)</sheetData></worksheet>")
      },
      sharedStrings: nil, styles: WorkbookFixture.styles(numberFormats: [:], cellFormats: [0, 14]))
    fixture.sheetStates = []
    return fixture
  }

  /// Writes the tracker to a temporary file; its path.
  public func write(_ name: String = "tracker.xlsx") throws -> String { try workbook.write(name) }
}
