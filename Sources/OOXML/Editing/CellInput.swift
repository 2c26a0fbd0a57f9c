/// A value to write into a cell.
public enum CellInput: Hashable, Sendable {
  /// Nothing: the cell keeps its style and loses its value (and formula).
  case empty
  /// Text, always written as text, even when it starts with `=`, `+`, `-` or `@`.
  case string(String)
  /// A number.
  case number(Double)
  /// `TRUE` or `FALSE`.
  case bool(Bool)
  /// A calendar date, written as a serial number in a date format.
  case date(Day)

  /// Reads a value the way `suivi edit --append-row` does: empty stays empty, a plain
  /// decimal (`-12`, `1234.56`) is a number, `YYYY-MM-DD` is a date, anything else is text.
  public static func inferred(_ text: String) -> CellInput {
    if text.isEmpty { return .empty }
    if let day = Self.day(text) { return .date(day) }
    if Self.isPlainDecimal(text), let number = Double(text) { return .number(number) }
    return .string(text)
  }

  /// Parses `YYYY-MM-DD` (``Day/iso(_:)``).
  public static func day(_ text: String) -> Day? { Day.iso(text) }

  private static func isPlainDecimal(_ text: String) -> Bool {
    var body = Substring(text)
    if body.first == "-" { body = body.dropFirst() }
    let pieces = body.split(separator: ".", omittingEmptySubsequences: false)
    guard (1...2).contains(pieces.count) else { return false }
    return pieces.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
  }
}
