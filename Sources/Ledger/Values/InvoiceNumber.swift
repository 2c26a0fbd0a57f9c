import OOXML

/// An invoice number in a continuous chronological series: a prefix, the two-digit year,
/// and a sequence number of at least four digits (`FA-240001` is the first invoice of
/// 2024, `AV-240003` the third credit note).
///
/// French law (CGI, annexe II, art. 242 nonies A) requires a unique number "basé sur une
/// séquence chronologique et continue": each (prefix, year) is one series, numbered from
/// 1 without gaps; a number is never reused, even for a voided invoice.
public struct InvoiceNumber: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The series' letters: `FA` for invoices, `AV` for credit notes by default.
  public let prefix: String
  /// The year within the century, `24` for 2024.
  public let year: Int
  /// The position in the series, from 1.
  public let sequence: Int

  /// A number, or `nil` when a part is out of range (prefix not 1–8 uppercase
  /// letters, year not 0–99, sequence not 1–999999).
  public init?(prefix: String, year: Int, sequence: Int) {
    guard (1...8).contains(prefix.count), prefix.allSatisfy({ $0.isASCII && $0.isUppercase }),
      (0...99).contains(year), (1...999_999).contains(sequence)
    else { return nil }
    self.prefix = prefix
    self.year = year
    self.sequence = sequence
  }

  /// The first number of the series `prefix` for the year of `day`.
  public static func first(prefix: String, in day: Day) -> InvoiceNumber? {
    InvoiceNumber(prefix: prefix, year: day.year % 100, sequence: 1)
  }

  /// The series this number belongs to, as `FA-24`.
  public var series: String { "\(prefix)-\(Self.pad(year, 2))" }

  /// The next number in the same series.
  public var next: InvoiceNumber? { InvoiceNumber(prefix: prefix, year: year, sequence: sequence + 1) }

  /// `FA-240001`: the sequence has at least four digits.
  public var description: String { "\(prefix)-\(Self.pad(year, 2))\(Self.pad(sequence, 4))" }

  public static func < (lhs: InvoiceNumber, rhs: InvoiceNumber) -> Bool {
    (lhs.prefix, lhs.year, lhs.sequence) < (rhs.prefix, rhs.year, rhs.sequence)
  }

  /// Reads `FA-240001` (case-insensitive prefix; the dash is required).
  ///
  /// - Throws: ``LedgerError/invalidInvoiceNumber(text:reason:)``.
  public static func parse(_ text: String) throws -> InvoiceNumber {
    let parts = text.trimmingCharacters(in: " ").split(separator: "-", omittingEmptySubsequences: false)
    func refuse(_ reason: String) -> LedgerError { .invalidInvoiceNumber(text: text, reason: reason) }
    guard parts.count == 2 else { throw refuse("expected PREFIX-YYNNNN, for example FA-240001") }
    let digits = parts[1]
    guard digits.count >= 6, digits.allSatisfy(\.isASCIIDigit), let year = Int(digits.prefix(2)),
      let sequence = Int(digits.dropFirst(2))
    else { throw refuse("expected a two-digit year and a sequence of at least four digits after the dash") }
    guard let number = InvoiceNumber(prefix: parts[0].uppercased(), year: year, sequence: sequence) else {
      throw refuse("the prefix must be 1 to 8 letters and the sequence from 1 to 999999")
    }
    return number
  }

  static func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
  }
}

extension String {
  func trimmingCharacters(in set: Character) -> String {
    var text = Substring(self)
    while text.first == set { text = text.dropFirst() }
    while text.last == set { text = text.dropLast() }
    return String(text)
  }
}
