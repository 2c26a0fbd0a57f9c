import Ledger
import OOXML

/// Reads what a cell shows as a typed value of its column's kind (``SyncValue``), once, so
/// that values are compared by meaning, never by representation: `02/11/2024`,
/// `2024-11-02` and the serial 45598 are the same day; `1 234,56 €`, `1234.56` and 1234.56
/// the same cents; *Réglé*, *Payée* and *Paid* the same status.
///
/// Text is trimmed with inner white space collapsed; empty is `nil`. A value that cannot be
/// read as its column's kind (a date column holding "bientôt") is
/// ``SyncValue/unreadable(_:)``. Each value has a canonical text (dates `YYYY-MM-DD`,
/// amounts `1234.56`, rates in basis points `2000`, statuses and methods their ledger raw
/// values, an unreadable value behind ``unreadable(_:)``'s marker): the form a conflict's
/// values are stored in.
package enum CellNormalizer {
  static let unreadablePrefix = "\u{1}unreadable:"

  /// The marker of a value that cannot be read.
  package static func unreadable(_ raw: String) -> String { unreadablePrefix + raw }

  /// Whether a canonical value is the marker of an unreadable one. (Compared as bytes: a
  /// text beginning with a combining mark fuses with the marker's last character, and
  /// `hasPrefix` compares characters — found by the `cells` fuzz target.)
  package static func isUnreadable(_ value: String?) -> Bool { value?.utf8.starts(with: unreadablePrefix.utf8) ?? false }

  /// The raw text behind an unreadable marker (or the value itself).
  package static func shown(_ value: String?) -> String {
    guard let value else { return "" }
    return isUnreadable(value) ? String(decoding: value.utf8.dropFirst(unreadablePrefix.utf8.count), as: UTF8.self) : value
  }

  /// The canonical value of a cell in `column`, by its kind. An invoice number is text
  /// (trimmed, inner white space as one space; an integer cell `151` is `151`, as the text
  /// `"151"`): kept as the business wrote it.
  package static func normalize(_ value: CellValue, column: SyncColumn, dateSystem: DateSystem) -> String? {
    normalize(value, kind: column.kind, dateSystem: dateSystem)
  }

  /// ``normalize(text:kind:)`` for `column`.
  package static func normalize(text: String, column: SyncColumn) -> String? {
    normalize(text: text, kind: column.kind)
  }

  /// The canonical value of a cell in a column of `kind`.
  package static func normalize(_ value: CellValue, kind: SyncColumn.Kind, dateSystem: DateSystem) -> String? {
    self.value(value, kind: kind, dateSystem: dateSystem)?.canonical
  }

  /// The canonical value of text typed in a column of `kind` (a CSV field, a text cell).
  package static func normalize(text raw: String, kind: SyncColumn.Kind) -> String? {
    value(text: raw, kind: kind)?.canonical
  }

  /// The value a cell in a column of `kind` holds, parsed once.
  package static func value(_ value: CellValue, kind: SyncColumn.Kind, dateSystem: DateSystem) -> SyncValue? {
    switch value {
    case .empty: return nil
    case let .string(text): return self.value(text: text, kind: kind)
    case let .bool(flag): return kind == .text ? .text(flag ? "TRUE" : "FALSE") : .unreadable(flag ? "TRUE" : "FALSE")
    case let .error(code): return .unreadable(code)
    case let .date(day): return kind == .date ? supported(day) : (kind == .text ? .text(day.description) : .unreadable(day.description))
    case let .dateTime(moment): return kind == .date ? supported(moment.day) : .unreadable(moment.day.description)
    case let .number(number):
      switch kind {
      case .date:
        guard let moment = dateSystem.dateTime(fromSerial: number), moment.day.isSupported else { return .unreadable(number.spreadsheetText) }
        return .day(moment.day)
      case .amount: return cents(number).map { .amount(Cents($0)) } ?? .unreadable(number.spreadsheetText)
      case .rate: return rate(number).map(SyncValue.rate) ?? .unreadable(number.spreadsheetText)
      case .text: return .text(number.spreadsheetText)
      case .status, .method: return .unreadable(number.spreadsheetText)
      }
    }
  }

  /// A day as a date column's value: unreadable outside the days Suivi takes
  /// (``Day/supported``: a negative serial, the year 10000).
  static func supported(_ day: Day) -> SyncValue { day.isSupported ? .day(day) : .unreadable(day.description) }

  /// The value of text typed in a column of `kind` (a CSV field, a text cell), parsed once.
  package static func value(text raw: String, kind: SyncColumn.Kind) -> SyncValue? {
    let text = collapsed(raw)
    if text.isEmpty { return nil }
    switch kind {
    case .text: return .text(text)
    case .date: return day(text).flatMap { $0.isSupported ? SyncValue.day($0) : nil } ?? .unreadable(text)
    case .amount: return amount(text).map { .amount(Cents($0)) } ?? .unreadable(text)
    case .rate:
      let cleaned = text.replacingAll("%", with: "").replacingAll(",", with: ".").filter { !$0.isWhitespace }
      guard let number = Double(cleaned) else { return .unreadable(text) }
      return (text.contains("%") ? rate(number / 100) : rate(number)).map(SyncValue.rate) ?? .unreadable(text)
    case .status: return StatusWords.status(text).map(SyncValue.status) ?? .unreadable(text)
    case .method: return (try? PaymentMethod.parse(text)).map(SyncValue.method) ?? .unreadable(text)
    }
  }

  /// Trimmed, inner runs of white space (including no-break spaces) as one space, control
  /// characters dropped.
  static func collapsed(_ text: String) -> String {
    // Most texts are plain already: no space at either end, none doubled, and no other
    // white space (no control byte, nor a lead byte of U+0085, U+00A0, U+1680, U+2000–
    // U+205F or U+3000; accented letters pass).
    var plain = true
    var previousSpace = true
    for byte in text.utf8 {
      let space = byte == 0x20
      if byte < 0x20 || byte == 0xC2 || (0xE1...0xE3).contains(byte) || (space && previousSpace) {
        plain = false
        break
      }
      previousSpace = space
    }
    if plain && !previousSpace { return text }
    var result = ""
    var pendingSpace = false
    for character in text {
      if character.isWhitespace {
        pendingSpace = !result.isEmpty
      } else if character.unicodeScalars.allSatisfy({ $0.value < 0x20 || $0.value == 0x7F }) {
        continue  // a control character shows nothing (and is no marker of Suivi's: ``unreadable(_:)``)
      } else {
        if pendingSpace { result.append(" ") }
        pendingSpace = false
        result.append(character)
      }
    }
    return result
  }

  /// A number shown in a cell, in cents, when it is a plausible amount.
  static func cents(_ number: Double) -> Int64? {
    guard number.isFinite, abs(number) < 1e12 else { return nil }
    return Int64((number * 100).rounded())
  }

  /// A VAT rate given as a fraction (0.2) or a percentage (20); `nil` for a number no
  /// rate can be (`1e300`, infinite).
  static func rate(_ number: Double) -> VATRate? {
    let percent = abs(number) <= 1 ? number * 100 : number
    guard percent.isFinite, abs(percent) < 1e12 else { return nil }
    return VATRate(basisPoints: Int64((percent * 100).rounded()))
  }

  /// The currency an amount typed as text is in, when it is not the euro (`9.00 $` is in
  /// `$`, `USD 40` in `USD`): such an amount is never read as euros.
  package static func foreignCurrency(_ text: String) -> String? {
    let symbols = ["$", "£", "¥", "₹", "₣", "CHF", "USD", "GBP", "CAD", "AUD", "JPY", "MAD", "TND", "XOF", "RM"]
    let upper = text.uppercased()
    guard upper.contains(where: \.isNumber) else { return nil }
    return symbols.first { symbol in
      guard let found = upper.range(of: symbol) else { return false }
      // A code stands apart from letters (`RM 40`, not `FORMAT`).
      let before = found.lowerBound == upper.startIndex ? nil : upper[upper.index(before: found.lowerBound)]
      let after = found.upperBound == upper.endIndex ? nil : upper[found.upperBound]
      return symbol.count == 1 || (before?.isLetter != true && after?.isLetter != true)
    }
  }

  /// An amount typed as text: `1 234,56 €`, `500€`, `1234.5`, `-12,30`, `EUR 40`.
  static func amount(_ text: String) -> Int64? {
    var cleaned = text.replacingAll("€", with: "").replacingAll("EUR", with: "").replacingAll("eur", with: "")
    cleaned = cleaned.filter { !$0.isWhitespace && $0 != "'" }
    guard !cleaned.isEmpty else { return nil }
    let negative = cleaned.hasPrefix("-") || (cleaned.hasPrefix("(") && cleaned.hasSuffix(")"))
    cleaned = cleaned.filter { $0 != "-" && $0 != "(" && $0 != ")" && $0 != "+" }
    let lastComma = cleaned.lastIndex(of: ",")
    let lastDot = cleaned.lastIndex(of: ".")
    var decimalSeparator: Character? = nil
    if let lastComma, let lastDot {
      decimalSeparator = lastComma > lastDot ? "," : "."
    } else if let separator = lastComma ?? lastDot {
      let digitsAfter = cleaned.distance(from: cleaned.index(after: separator), to: cleaned.endIndex)
      let occurrences = cleaned.filter { $0 == cleaned[separator] }.count
      decimalSeparator = (occurrences == 1 && digitsAfter != 3) ? cleaned[separator] : nil
    }
    var integer = ""
    var fraction = ""
    var inFraction = false
    for character in cleaned {
      if character == decimalSeparator {
        inFraction = true
      } else if character == "," || character == "." {
        continue
      } else if character.isASCII, character.isNumber {
        if inFraction { fraction.append(character) } else { integer.append(character) }
      } else {
        return nil
      }
    }
    guard !integer.isEmpty || !fraction.isEmpty, fraction.count <= 2, integer.count <= 12 else { return nil }
    let whole = Int64(integer.isEmpty ? "0" : integer)!
    let cents = Int64((fraction + "00").prefix(2))!
    return (negative ? -1 : 1) * (whole * 100 + cents)
  }

  /// A date typed as text: `2024-11-02`, `02/11/2024`, `2/11/24`, `02.11.2024`; and
  /// `11/25/2024`, which only a program writing the American order makes.
  static func day(_ text: String) -> Day? {
    if let day = Day.iso(String(text.prefix(10))), text.count == 10 || text.dropFirst(10).first == "T" || text.dropFirst(10).first == " " {
      return day
    }
    let parts = text.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" }).map(String.init)
    guard parts.count == 3, let first = Int(parts[0]), let second = Int(parts[1]), var year = Int(parts[2].prefix(4)) else { return nil }
    if parts[2].count == 2 { year += 2000 }
    // French order (day/month/year); a first number above 12 can only be a day anyway, and
    // a second one above 12 only a day in the American order (month/day/year).
    if second > 12, first <= 12 { return Day(year: year, month: first, day: second) }
    return Day(year: year, month: second, day: first)
  }
}

/// Cents as canonical text: `1234.56`, `-0.50`.
enum CentsText {
  static func text(_ cents: Int64) -> String {
    let sign = cents < 0 ? "-" : ""
    let magnitude = cents.magnitude
    let fraction = magnitude % 100
    return sign + String(magnitude / 100) + (fraction < 10 ? ".0" : ".") + String(fraction)
  }

  /// The cents of a canonical amount (`-1234.56`, as ``text(_:)`` writes it); any other
  /// text is read as ``CellNormalizer`` reads a typed amount.
  static func cents(_ text: String?) -> Int64? {
    guard var text, !CellNormalizer.isUnreadable(text) else { return nil }
    if let canonical = text.withUTF8({ canonicalCents($0) }) { return canonical }
    return CellNormalizer.amount(text)
  }

  /// `-?digits.dd` without an allocation; `nil` for any other shape.
  static func canonicalCents(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
    var index = 0
    let negative = bytes.first == 0x2D
    if negative { index = 1 }
    let count = bytes.count
    guard count - index >= 4, count - index <= 18, bytes[count - 3] == 0x2E else { return nil }
    var value: Int64 = 0
    while index < count {
      let byte = bytes[index]
      index += 1
      if index == count - 2 { continue }  // the point
      guard (0x30...0x39).contains(byte) else { return nil }
      value = value * 10 + Int64(byte - 0x30)
    }
    return negative ? -value : value
  }
}
