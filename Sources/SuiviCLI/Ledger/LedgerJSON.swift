import Ledger
import OOXML

/// A JSON value with ordered keys, for the ledger's `--json` outputs: field names are
/// stable snake_case, money is a decimal string (`"1234.50"`), dates ISO 8601.
indirect enum LedgerJSON {
  case string(String)
  /// A number already spelled as JSON.
  case number(String)
  case bool(Bool)
  case null
  case array([LedgerJSON])
  case object([(String, LedgerJSON)])

  static func money(_ amount: Cents) -> LedgerJSON { .string(amount.description) }
  static func money(_ amount: Cents?) -> LedgerJSON { amount.map { .string($0.description) } ?? .null }
  static func day(_ day: Day?) -> LedgerJSON { day.map { .string($0.description) } ?? .null }
  static func text(_ text: String?) -> LedgerJSON { text.map { .string($0) } ?? .null }
  static func int(_ value: Int?) -> LedgerJSON { value.map { .number(String($0)) } ?? .null }

  /// The value as compact JSON text.
  var rendered: String {
    switch self {
    case .string(let text): JSONText.string(text)
    case .number(let text): text
    case .bool(let value): value ? "true" : "false"
    case .null: "null"
    case .array(let items): "[" + items.map(\.rendered).joined(separator: ",") + "]"
    case .object(let fields): "{" + fields.map { JSONText.string($0.0) + ":" + $0.1.rendered }.joined(separator: ",") + "}"
    }
  }
}

extension AgedBalance {
  var json: LedgerJSON { .object(buckets.map { ($0.name, .money($0.amount)) }) }
}
