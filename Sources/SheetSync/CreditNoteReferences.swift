import Foundation

/// The numbers a row's text gives after a word that names an invoice (*facture n°111*) or a
/// credit note (*avoir n°115*): how a tracker says which invoice a credit note cancels,
/// in the credit note's row (*avoir annulant la facture n°111*) or in the invoice's
/// (*facture annulée par l'avoir n°115*).
///
/// Only candidates: a number counts when it is one of the tracker's or the ledger's, and
/// the ledger links a credit note only to an invoice of the same client that owes at least
/// its amount.
enum CreditNoteReferences {
  enum Named { case invoice, creditNote }

  /// The words that introduce each kind of document, folded (no accent, lowercase).
  static func words(_ named: Named) -> [String] {
    switch named {
    case .invoice: ["facture", "fact.", "fact", "fac.", "fac", "invoice", "inv."]
    case .creditNote: ["avoir", "credit note"]
    }
  }

  /// The tokens that follow a word of `named` in `text` (`n°`, `no`, `numéro`, `#` or `:`
  /// between them allowed), as written.
  static func references(to named: Named, in text: String) -> [String] {
    let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    // (Folding keeps the characters' count for the letters a number holds.)
    let characters = Array(folded)
    let original = Array(text)
    guard characters.count == original.count else { return [] }
    var found: [String] = []
    var index = 0
    while index < characters.count {
      // A word starts here (not inside another word).
      if index > 0, characters[index - 1].isLetter {
        index += 1
        continue
      }
      guard let word = words(named).first(where: { matches($0, characters, at: index) }) else {
        index += 1
        continue
      }
      var at = index + word.count
      if let last = word.last, last.isLetter, at < characters.count, characters[at].isLetter {
        index += 1
        continue
      }
      skipSpaces(characters, &at)
      for marker in ["n°", "n º", "nº", "no.", "no ", "numero", "num.", "#", ":"] where matches(marker, characters, at: at) {
        at += marker.count
        skipSpaces(characters, &at)
        break
      }
      let start = at
      while at < characters.count, characters[at].isLetter || characters[at].isNumber || "-/_.".contains(characters[at]) { at += 1 }
      // A token ends with a letter or a digit (not the sentence's full stop).
      while at > start, "-/_.".contains(characters[at - 1]) { at -= 1 }
      if at > start, characters[start..<at].contains(where: \.isNumber) { found.append(String(original[start..<at])) }
      index = max(at, index + 1)
    }
    return found
  }

  private static func matches(_ word: String, _ characters: [Character], at index: Int) -> Bool {
    var at = index
    for character in word {
      guard at < characters.count, characters[at] == character else { return false }
      at += 1
    }
    return true
  }

  private static func skipSpaces(_ characters: [Character], _ at: inout Int) {
    while at < characters.count, characters[at].isWhitespace { at += 1 }
  }
}
