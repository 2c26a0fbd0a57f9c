import Wording

/// Reading amounts as people type them in France and elsewhere.
///
/// Accepted: digits with one decimal separator (`.` or `,`) followed by at most two
/// digits, and spaces (also no-break and narrow no-break spaces) or apostrophes between
/// groups of digits: `500`, `500.00`, `500,5`, `1 234,50`, `1'234.50`, and a trailing `€`.
/// Refused: a third decimal (`12.345`: money is never rounded silently), both separators
/// (`1,234.50` is ambiguous), a sign (amounts are positive; refunds are credit notes),
/// anything else, and amounts above ``Cents/maximum``.
extension Cents {
  /// Parses `text`, naming `field` in the error.
  ///
  /// - Throws: ``LedgerError/invalidAmount(field:text:reason:)`` or
  ///   ``LedgerError/nonPositiveAmount(field:text:)`` for a sign or a zero when
  ///   `requirePositive` is true.
  public static func parse(_ text: String, field: Phrase = "amount", requirePositive: Bool = true) throws -> Cents {
    var trimmed = Substring(text).trimmingSpaces()
    if trimmed.hasSuffix("€") { trimmed = trimmed.dropLast().trimmingSpaces() }
    // A sign is refused, as the documentation says: `-5` is not an amount to pay, and `+5`
    // is not how an amount is written (fault run F-U10 found `+5` taken as 5.00).
    if trimmed.hasPrefix("-") { throw LedgerError.nonPositiveAmount(field: field, text: text) }
    if trimmed.hasPrefix("+") { throw LedgerError.invalidAmount(field: field, text: text, reason: "an amount has no sign") }
    let parsed = try digits(of: trimmed, field: field, text: text)
    if requirePositive && parsed.value == 0 { throw LedgerError.nonPositiveAmount(field: field, text: text) }
    return parsed
  }

  private static func digits(of body: Substring, field: Phrase, text: String) throws -> Cents {
    func refuse(_ reason: Phrase) -> LedgerError { .invalidAmount(field: field, text: text, reason: reason) }
    let separators = body.filter { $0 == "." || $0 == "," }
    if separators.count > 1 { throw refuse("use one decimal separator and no thousands separator but spaces") }
    let parts = body.split(separator: separators.first ?? ".", maxSplits: 1, omittingEmptySubsequences: false)
    let whole = parts[0].filter { !Self.groupSeparators.contains($0) }
    let fraction = parts.count > 1 ? parts[1] : ""
    guard !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit) else {
      throw refuse("expected digits, for example 1234.50")
    }
    if fraction.count > 2 { throw refuse("more than two decimals") }
    if parts.count > 1 && fraction.isEmpty { throw refuse("no digits after the decimal separator") }
    guard whole.count <= 10, let euros = Int64(whole) else { throw refuse("too large") }
    let cents = fraction.isEmpty ? 0 : Int64(fraction)! * (fraction.count == 1 ? 10 : 1)
    let amount = Cents(euros * 100 + cents)
    if amount > maximum { throw refuse("more than \(maximum)") }
    return amount
  }

  private static let groupSeparators: Set<Character> = [" ", "\u{00A0}", "\u{202F}", "'", "’"]
}

extension Character {
  var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension Substring {
  func trimmingSpaces() -> Substring {
    var text = self
    while let first = text.first, first.isWhitespace { text = text.dropFirst() }
    while let last = text.last, last.isWhitespace { text = text.dropLast() }
    return text
  }
}
