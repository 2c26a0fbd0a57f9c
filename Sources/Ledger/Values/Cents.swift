/// An amount of money in euro cents: exact, integral, never binary floating point.
///
/// Text is read by ``parse(_:field:)`` and written by ``description`` as a decimal string
/// with two decimals (`"1234.50"`, `"-3.05"`), the form every JSON output uses.
public struct Cents: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, AdditiveArithmetic {
  /// The amount in minor units (1 € = 100).
  public var value: Int64

  /// The largest amount the ledger accepts as input: 1,000,000,000.00 €. It keeps every
  /// product in penalty and DSO arithmetic inside 64 bits.
  public static let maximum = Cents(100_000_000_000)

  public static let zero = Cents(0)

  /// An amount of `value` cents.
  public init(_ value: Int64) { self.value = value }

  /// An amount of whole euros.
  public init(euros: Int64) { self.value = euros * 100 }

  public var description: String {
    let magnitude = value.magnitude
    let fraction = magnitude % 100
    return (value < 0 ? "-" : "") + String(magnitude / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction)
  }

  public var isPositive: Bool { value > 0 }

  public static func < (lhs: Cents, rhs: Cents) -> Bool { lhs.value < rhs.value }
  public static func + (lhs: Cents, rhs: Cents) -> Cents { Cents(lhs.value + rhs.value) }
  public static func - (lhs: Cents, rhs: Cents) -> Cents { Cents(lhs.value - rhs.value) }
  public static prefix func - (amount: Cents) -> Cents { Cents(-amount.value) }

  public init(from decoder: any Decoder) throws { value = try decoder.singleValueContainer().decode(Int64.self) }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(value)
  }
}

extension Sequence where Element == Cents {
  /// The sum of the amounts.
  public func sum() -> Cents { reduce(.zero, +) }
}
