import Wording

import Foundation

/// Names and notes as the ledger keeps them: in Unicode's composed form (NFC), so that
/// `Café` typed on a Mac (decomposed) and on Windows (composed) is one client; without the
/// characters that make a text say something else than it shows (bidirectional overrides,
/// zero-width characters) or break a one-line listing (a line break in a name); and no
/// longer than a spreadsheet cell holds (Excel's 32,767 characters), since every one of them
/// may be written into the tracker.
public enum LedgerText {
  /// Excel's limit on a cell's text.
  public static let maximumLength = 32_767

  /// A client's name, a payer, a reference: one line.
  /// - Throws: ``LedgerError/invalidValue(field:text:reason:)``.
  public static func name(_ text: String, field: Phrase) throws -> String {
    try checked(text, field: field, allowsLineBreaks: false)
  }

  /// A service, a note: line breaks and tabs allowed.
  /// - Throws: ``LedgerError/invalidValue(field:text:reason:)``.
  public static func note(_ text: String, field: Phrase) throws -> String {
    try checked(text, field: field, allowsLineBreaks: true)
  }

  private static func checked(_ text: String, field: Phrase, allowsLineBreaks: Bool) throws -> String {
    let composed = text.precomposedStringWithCanonicalMapping
    func refuse(_ reason: Phrase) -> LedgerError {
      .invalidValue(field: field, text: String(composed.unicodeScalars.prefix(40).map { $0.properties.generalCategory == .control ? "�" : Character($0) }), reason: reason)
    }
    if composed.count > maximumLength { throw refuse("is longer than the \(maximumLength) characters a spreadsheet cell holds") }
    for scalar in composed.unicodeScalars {
      switch scalar.value {
      case 0x0A, 0x0D, 0x09:
        if !allowsLineBreaks { throw refuse("holds a line break or a tab (a name is one line)") }
      case 0x00...0x1F, 0x7F...0x9F:
        throw refuse("holds a control character (U+\(String(scalar.value, radix: 16, uppercase: true)))")
      case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C:
        throw refuse("holds a bidirectional control (U+\(String(scalar.value, radix: 16, uppercase: true))), which can make it read otherwise than it is")
      case 0x200B, 0x2060, 0xFEFF:
        throw refuse("holds an invisible character (U+\(String(scalar.value, radix: 16, uppercase: true)))")
      case 0x200C, 0x200D:
        if !allowsLineBreaks { throw refuse("holds an invisible character (U+\(String(scalar.value, radix: 16, uppercase: true)))") }
      default: continue
      }
    }
    return composed
  }
}
