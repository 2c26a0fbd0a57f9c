import Wording

/// Who the business is, as its documents say it (the letterhead and the footer): set with
/// `suivi config set business.KEY VALUE`, each identifier checked when it is set.
///
/// | key | meaning |
/// | --- | --- |
/// | `business.name` | raison sociale |
/// | `business.legal_form` | forme juridique et capital (`SARL au capital de 5 000 €`) |
/// | `business.registration` | immatriculation (`RCS Lyon 732 829 320`, `RM 123 456 789`), R123-237 C. com. |
/// | `business.address` | address lines, separated by ` / ` or a line break |
/// | `business.city` | the city documents are made in (`Fait à Lyon, le …`) |
/// | `business.siret` | SIRET (14 digits, Luhn key); its first 9 digits are the SIREN |
/// | `business.vat_number` | numéro de TVA intracommunautaire (`FR` + key + SIREN, key checked) |
/// | `business.iban`, `business.bic` | where to pay (IBAN checked, mod 97) |
/// | `business.phone`, `business.email` | how to reach the business |
/// | `business.logo` | a PNG file for the letterhead |
/// | `business.signatory` | who signs (`Marie Dupont, gérante`) |
public struct BusinessIdentity: Sendable, Equatable {
  public var name = ""
  public var legalForm = ""
  public var registration = ""
  public var addressLines: [String] = []
  public var city = ""
  public var siret = ""
  public var vatNumber = ""
  public var iban = ""
  public var bic = ""
  public var phone = ""
  public var email = ""
  public var logo = ""
  public var signatory = ""

  public init() {}

  /// The SIREN: the SIRET's first nine digits.
  public var siren: String { String(siret.prefix(9)) }

  static let keys = [
    "business.name", "business.legal_form", "business.registration", "business.address", "business.city", "business.siret", "business.vat_number", "business.iban",
    "business.bic", "business.phone", "business.email", "business.logo", "business.signatory",
  ]

  /// Sets `key` (one of ``keys``) from its text; `nil` when the key is not one of them.
  mutating func apply(key: String, value: String, refuse: (Phrase) -> LedgerError) throws -> Bool {
    let text = value.trimmingCharacters(in: .whitespaces)
    switch key {
    case "business.name": name = text
    case "business.legal_form": legalForm = text
    case "business.registration": registration = text
    case "business.address":
      addressLines = Self.addressLines(value)
    case "business.city": city = text
    case "business.siret":
      let digits = text.filter { !$0.isWhitespace }
      guard digits.isEmpty || (digits.count == 14 && Self.luhn(digits)) else { throw refuse("is not a SIRET (14 digits whose Luhn key is right)") }
      siret = digits
    case "business.vat_number":
      let number = text.filter { !$0.isWhitespace }.uppercased()
      guard number.isEmpty || Self.isFrenchVATNumber(number) else {
        throw refuse("is not a French VAT number (FR, a two-digit key, the SIREN: FR32123456789, its key checked)")
      }
      vatNumber = number
    case "business.iban":
      let iban = text.filter { !$0.isWhitespace }.uppercased()
      guard iban.isEmpty || Self.isIBAN(iban) else { throw refuse("is not an IBAN (its check digits are wrong)") }
      iban.isEmpty ? (self.iban = "") : (self.iban = iban)
    case "business.bic":
      let bic = text.filter { !$0.isWhitespace }.uppercased()
      guard bic.isEmpty || ((bic.count == 8 || bic.count == 11) && bic.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
        throw refuse("is not a BIC (8 or 11 letters and digits)")
      }
      self.bic = bic
    case "business.phone": phone = text
    case "business.email":
      guard text.isEmpty || (text.contains("@") && !text.contains(where: \.isWhitespace)) else { throw refuse("is not an e-mail address") }
      email = text
    case "business.logo":
      guard text.isEmpty || text.lowercased().hasSuffix(".png") else { throw refuse("is not a PNG file (.png)") }
      logo = text
    case "business.signatory": signatory = text
    default: return false
    }
    return true
  }

  /// An address's lines: separated by line breaks or ` / ` (a slash with spaces: `12/14 rue`
  /// stays one line), blank ones dropped.
  public static func addressLines(_ text: String) -> [String] {
    text.split(whereSeparator: \.isNewline).flatMap { $0.components(separatedBy: " / ") }
      .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  /// The IBAN with its groups of four (`FR76 3000 6000 …`).
  public var ibanGrouped: String {
    stride(from: 0, to: iban.count, by: 4).map { start in
      let from = iban.index(iban.startIndex, offsetBy: start)
      return String(iban[from..<(iban.index(from, offsetBy: 4, limitedBy: iban.endIndex) ?? iban.endIndex)])
    }.joined(separator: " ")
  }

  /// The Luhn check every SIREN and SIRET passes.
  static func luhn(_ digits: String) -> Bool {
    guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { return false }
    var sum = 0
    for (index, character) in digits.reversed().enumerated() {
      var digit = Int(String(character))!
      if index % 2 == 1 {
        digit *= 2
        if digit > 9 { digit -= 9 }
      }
      sum += digit
    }
    return sum % 10 == 0
  }

  /// `FR` + key + SIREN, the key being (12 + 3 × (SIREN mod 97)) mod 97.
  static func isFrenchVATNumber(_ number: String) -> Bool {
    guard number.count == 13, number.hasPrefix("FR") else { return false }
    let key = number.dropFirst(2).prefix(2)
    let siren = number.dropFirst(4)
    guard siren.allSatisfy(\.isASCIIDigit), let sirenValue = Int(siren), let keyValue = Int(key) else { return false }
    return keyValue == (12 + 3 * (sirenValue % 97)) % 97
  }

  /// ISO 13616: the first four characters moved to the end, letters as 10–35, mod 97 is 1.
  static func isIBAN(_ iban: String) -> Bool {
    guard (15...34).contains(iban.count), iban.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
      iban.prefix(2).allSatisfy(\.isLetter), iban.dropFirst(2).prefix(2).allSatisfy(\.isASCIIDigit)
    else { return false }
    var remainder = 0
    for character in iban.dropFirst(4) + iban.prefix(4) {
      let value = character.isASCIIDigit ? Int(String(character))! : Int(character.asciiValue! - 55)
      for digit in String(value) { remainder = (remainder * 10 + Int(String(digit))!) % 97 }
    }
    return remainder == 1
  }
}
