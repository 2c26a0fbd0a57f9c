import Ledger

/// Spelling values as JSON text, for output streamed without building a tree.
enum JSONText {
  /// A JSON string literal.
  static func string(_ text: String) -> String { JSONLiteral.string(text) }

  /// A finite number, integral ones without a fraction (`500`, `1234.56`, `1e-05`).
  static func number(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }
}
