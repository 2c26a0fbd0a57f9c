import Wording

import CivilDate

/// An invoice number as the business issued it: an identifier, kept verbatim.
///
/// A tracker's numbers come in every shape (`FA-240001`, `F-2026-00004401`, `151`,
/// `INV-000001`, `20260121-001`, a UUID): each is a number, never a reason to refuse a
/// row. Two spellings that differ only in letter case or surrounding white space name the
/// same number (`inv-1` is `INV-1`); the first spelling is the one kept.
///
/// French law (CGI, annexe II, art. 242 nonies A) asks for a unique number "basé sur une
/// séquence chronologique et continue": the numbers Suivi issues continue a series
/// (``NumberSeries``) learnt from the business's own numbers, or `FA-YYNNNN` for a
/// business with none.
public struct InvoiceNumber: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The number as written (trimmed, inner runs of white space as one space).
  public let text: String
  /// The text that identifies it: ``text`` in capitals.
  public let key: String

  /// The longest number accepted, in characters.
  public static let maximumLength = 64

  private init(verbatim text: String) {
    self.text = text
    key = text.uppercased()
  }

  public var description: String { text }

  public static func == (lhs: InvoiceNumber, rhs: InvoiceNumber) -> Bool { lhs.key == rhs.key }
  public func hash(into hasher: inout Hasher) { hasher.combine(key) }

  /// In natural order: by the text before the last run of digits, then by the value of
  /// those digits (`F-9` before `F-10`), then by text.
  public static func < (lhs: InvoiceNumber, rhs: InvoiceNumber) -> Bool { naturalOrder(lhs.key, rhs.key) }

  /// Reads a number as written. Anything is a number but an empty text, a control
  /// character, or more than ``maximumLength`` characters.
  ///
  /// - Throws: ``LedgerError/invalidInvoiceNumber(text:reason:)``.
  public static func parse(_ text: String) throws -> InvoiceNumber {
    func refuse(_ reason: Phrase) -> LedgerError { .invalidInvoiceNumber(text: text, reason: reason) }
    // Most numbers are printable ASCII without spaces (`FA-240001`): taken as they are.
    var plain = text
    if (1...maximumLength).contains(plain.utf8.count), plain.withUTF8({ $0.allSatisfy { (0x21...0x7E).contains($0) } }) {
      return InvoiceNumber(verbatim: plain)
    }
    var words: [Substring] = []
    for word in text.split(whereSeparator: { $0.isWhitespace }) { words.append(word) }
    let spelt = words.joined(separator: " ")
    guard !spelt.isEmpty else { throw refuse("an invoice number cannot be empty") }
    guard spelt.count <= maximumLength else { throw refuse("an invoice number has at most \(maximumLength) characters") }
    guard !spelt.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format })
    else { throw refuse("an invoice number cannot hold a control character") }
    return InvoiceNumber(verbatim: spelt)
  }

  /// The number Suivi writes for `counter` in a series whose stem is `stem` and whose
  /// counter has at least `width` digits (`F-2026-` + 4442 in 8 digits is
  /// `F-2026-00004442`).
  static func issued(stem: String, counter: Int, width: Int) -> InvoiceNumber {
    InvoiceNumber(verbatim: stem + pad(counter, width))
  }

  /// The text before the last run of ASCII digits, and those digits, when the number ends
  /// with digits (`F-2026-00004401` is `F-2026-` and `00004401`); `nil` otherwise.
  public var trailingDigits: (stem: Substring, digits: Substring)? {
    Self.trailingDigits(of: text)
  }

  static func trailingDigits(of text: String) -> (stem: Substring, digits: Substring)? {
    let whole = Substring(text)
    var start = whole.endIndex
    while start > whole.startIndex {
      let before = whole.index(before: start)
      guard whole[before].isASCIIDigit else { break }
      start = before
    }
    guard start < whole.endIndex else { return nil }
    return (whole[..<start], whole[start...])
  }

  /// Natural order of two numbers' texts (see ``<(_:_:)``).
  public static func naturalOrder(_ a: String, _ b: String) -> Bool {
    guard let x = trailingDigits(of: a), let y = trailingDigits(of: b) else { return a < b }
    if x.stem != y.stem { return x.stem < y.stem }
    let (u, v) = (x.digits.drop { $0 == "0" }, y.digits.drop { $0 == "0" })
    if u.count != v.count { return u.count < v.count }
    if u != v { return u < v }
    return a < b
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
