import Ledger

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

  /// The words that introduce each kind of document, folded (``Spelling/key(_:)``), their
  /// full stop or colon aside.
  static func words(_ named: Named) -> Set<String> {
    switch named {
    case .invoice: ["facture", "fact", "fac", "invoice", "inv"]
    case .creditNote: ["avoir", "credit"]
    }
  }

  /// What may stand between the word and the number: `n°`, `no`, `numéro`, `#` (and the
  /// `note` of *credit note*).
  static let markers: Set<String> = ["n°", "nº", "n", "no", "numero", "num", "#", "note"]

  /// The tokens that follow a word of `named` in `text`, as written (`n°`, `no`, `numéro`,
  /// `#` or `:` between them allowed), those holding a digit.
  static func references(to named: Named, in text: String) -> [String] {
    // Words as written: split at spaces and at punctuation a number does not hold (a number
    // keeps its `-`, `/`, `_` and `.`).
    let tokens = text.split { $0.isWhitespace || "(),;:!?«»\"'’[]".contains($0) }
    let words = words(named)
    var found: [String] = []
    for (index, token) in tokens.enumerated() where words.contains(folded(token)) {
      var next = index + 1
      while next < tokens.count, markers.contains(folded(tokens[next])) { next += 1 }
      guard next < tokens.count else { continue }
      // `n°111`, `#1042`: the marker glued to the number.
      var number = tokens[next]
      for marker in ["n°", "N°", "nº", "Nº", "#"] where number.hasPrefix(marker) { number = number.dropFirst(marker.count) }
      // The sentence's full stop is not the number's.
      while let last = number.last, "-/_.".contains(last) { number = number.dropLast() }
      if number.contains(where: \.isNumber) { found.append(String(number)) }
    }
    return found
  }

  /// A token folded as the words are: accents and case aside, its final `.` or `:` dropped.
  private static func folded(_ token: Substring) -> String {
    var word = Spelling.key(String(token))
    while let last = word.last, last == "." || last == ":" { word.removeLast() }
    return word
  }
}
