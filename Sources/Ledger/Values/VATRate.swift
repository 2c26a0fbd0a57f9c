import Wording

/// A VAT rate in basis points: 20 % is 2000, 5.5 % is 550, 0 % (franchise en base,
/// article 293 B du CGI) is 0.
public struct VATRate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  /// Hundredths of a percent.
  public var basisPoints: Int64

  /// The French standard rate, 20 %.
  public static let standard = VATRate(basisPoints: 2000)

  public init(basisPoints: Int64) { self.basisPoints = basisPoints }

  /// The rate as people write it: `20`, `5.5`, `2.1`.
  public var description: String { Self.percentText(basisPoints) }

  /// The VAT on `net` (an amount HT), rounded to the cent half up (half away from zero),
  /// the arithmetic rounding French invoices use.
  public func tax(on net: Cents) -> Cents {
    Cents(Rounding.divideHalfUp(net.value * basisPoints, by: 10_000))
  }

  /// Reads `20`, `20%`, `5,5`, `5.5 %`: a percentage from 0 to 100 with at most two decimals.
  ///
  /// - Throws: ``LedgerError/invalidValue(field:text:reason:)``.
  public static func parse(_ text: String, field: Phrase = "--vat") throws -> VATRate {
    var body = Substring(text).trimmingSpaces()
    if body.hasSuffix("%") { body = body.dropLast().trimmingSpaces() }
    let refusal = LedgerError.invalidValue(field: field, text: text, reason: "is not a VAT rate (a percentage from 0 to 100, at most two decimals)")
    guard let hundredths = try? Cents.parse(String(body), field: field, requirePositive: false), hundredths.value <= 10_000 else {
      throw refusal
    }
    return VATRate(basisPoints: hundredths.value)
  }

  /// The rates in force in France: mainland 20, 10, 5.5 and 2.1 % (CGI art. 278, 278-0
  /// bis, 278 bis, 279, 281 quater to 281 nonies); Corsica 13, 10, 2.1 and 0.9 % (art. 297);
  /// Guadeloupe, Martinique and La Réunion 8.5, 2.1, 1.75 and 1.05 % (art. 296, 296 ter);
  /// and 0 % (exempt or outside the scope, with the mention that says why).
  public static let inForceInFrance: [VATRate] = [2000, 1300, 1000, 850, 550, 210, 175, 105, 90, 0].map { VATRate(basisPoints: $0) }

  /// The business's mention when it is under the franchise en base de TVA.
  public static let franchiseMention = "TVA non applicable, art. 293 B du CGI"

  /// Whether the rate is one in force in France (``inForceInFrance``).
  public var isInForceInFrance: Bool { Self.inForceInFrance.contains(self) }

  public static func < (lhs: VATRate, rhs: VATRate) -> Bool { lhs.basisPoints < rhs.basisPoints }

  static func percentText(_ basisPoints: Int64) -> String {
    let whole = String(basisPoints / 100)
    let fraction = basisPoints % 100
    if fraction == 0 { return whole }
    return whole + "." + (fraction % 10 == 0 ? String(fraction / 10) : (fraction < 10 ? "0" : "") + String(fraction))
  }

  public init(from decoder: any Decoder) throws { basisPoints = try decoder.singleValueContainer().decode(Int64.self) }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(basisPoints)
  }
}
