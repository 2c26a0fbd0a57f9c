/// How a payment was made (*moyen de paiement*).
public enum PaymentMethod: String, Sendable, Codable, CaseIterable {
  case virement, cheque, especes, carte, other

  /// The French label: `virement`, `chèque`, `espèces`, `carte bancaire`, `autre`.
  public var label: String {
    switch self {
    case .virement: "virement"
    case .cheque: "chèque"
    case .especes: "espèces"
    case .carte: "carte bancaire"
    case .other: "autre"
    }
  }

  /// Reads a method in French or English, with or without accents (`chèque`, `cheque`,
  /// `check`, `cb`, `carte bancaire`, `transfer`, `cash`, `autre`…).
  ///
  /// - Throws: ``LedgerError/invalidValue(field:text:reason:)``.
  public static func parse(_ text: String) throws -> PaymentMethod {
    switch Spelling.key(text) {
    case "virement", "transfer", "bank transfer", "vir", "sepa": return .virement
    case "cheque", "check", "chq": return .cheque
    case "especes", "cash", "liquide": return .especes
    case "carte", "carte bancaire", "cb", "card", "credit card": return .carte
    case "other", "autre": return .other
    default:
      throw LedgerError.invalidValue(
        field: "--method", text: text, reason: "is not a payment method (virement, chèque, espèces, carte bancaire, autre)")
    }
  }
}

/// Folding user spellings to a lookup key: lowercase, accents removed, spaces collapsed.
public enum Spelling {
  /// `text` folded: `Carte Bancaire` → `carte bancaire`, `Chèque` → `cheque`, `mise_en-demeure`
  /// → `mise en demeure`.
  public static func key(_ text: String) -> String {
    let folded = text.lowercased().map { character -> String in
      switch character {
      case "é", "è", "ê", "ë": "e"
      case "à", "â", "ä", "á", "ã", "å": "a"
      case "î", "ï", "ì", "í": "i"
      case "ô", "ö", "ò", "ó", "õ": "o"
      case "ù", "û", "ü", "ú": "u"
      case "ç", "ć": "c"
      case "ñ": "n"
      case "ý", "ÿ": "y"
      case "œ": "oe"
      case "æ": "ae"
      case "_", "-": " "
      default: String(character)
      }
    }.joined()
    return folded.split(separator: " ").joined(separator: " ")
  }
}
