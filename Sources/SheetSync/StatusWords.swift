import Ledger

/// The words people type for an invoice's status, in French and English, and the words
/// Suivi writes back: the sheet's own (from its drop-down list or the values already in
/// the column) when it has one for the status, else the ledger's French label.
package struct StatusWords: Sendable {
  /// Spellings (folded by ``HeaderText/key(_:)``) → status.
  static let spellings: [String: InvoiceStatus] = {
    var table: [String: InvoiceStatus] = [:]
    let words: [(InvoiceStatus, [String])] = [
      (.draft, ["Brouillon", "Draft"]),
      (
        .pending,
        [
          "En attente", "Envoyée", "Envoyé", "Émise", "Émis", "Facturée", "Facturé", "Validée", "Approuvée", "En cours",
          "À payer", "Échéance proche", "Pending", "Sent", "Issued", "Billed", "Approved", "Unpaid", "Open", "Due",
        ]
      ),
      (.partiallyPaid, ["Partiellement réglée", "Partiellement réglé", "Partiellement payée", "Partiellement payé", "Partiel", "Partielle", "Acompte", "Partial", "Partially paid"]),
      (.paid, ["Réglée", "Réglé", "Payée", "Payé", "Soldée", "Soldé", "Encaissée", "Encaissé", "Paid", "Payed", "Settled"]),
      (.late, ["En retard", "Impayée", "Impayé", "Échue", "Late", "Overdue"]),
      (.toRemind, ["À relancer", "Relance", "To remind", "Reminder due"]),
      (.disputed, ["Litige", "En litige", "Contestée", "Disputed", "Dispute"]),
      (.voided, ["Annulée", "Annulé", "Avoir", "Cancelled", "Canceled", "Void", "Voided"]),
    ]
    for (status, spellings) in words {
      for spelling in spellings + [status.label, status.rawValue] { table[HeaderText.key(spelling)] = status }
    }
    // Reminded: issued (its status follows from its dates), and reminded on a day the word
    // does not say.
    for spelling in remindedSpellings { table[spelling] = .pending }
    return table
  }()

  /// The words of an invoice already reminded (`Relancée`): read as issued; never the
  /// sheet's word for a status Suivi writes (its reminder's day is unknown).
  static let remindedSpellings: Set<String> = Set(["Relancée", "Relancé", "Déjà relancée", "Reminded", "Reminder sent"].map(HeaderText.key))

  /// Whether `word` says the invoice was reminded (``remindedSpellings``).
  static func isReminded(_ word: String) -> Bool { remindedSpellings.contains(HeaderText.key(word)) }

  /// The status a word names, in any of its spellings.
  package static func status(_ word: String) -> InvoiceStatus? {
    spellings[HeaderText.key(word)]
  }

  /// The sheet's word for each status it has one for.
  package private(set) var words: [InvoiceStatus: String] = [:]

  /// Learns the sheet's vocabulary from its drop-down list and its existing values (the
  /// list first; among values, the first spelling seen).
  package init(list: [String] = [], values: [String] = []) {
    words = sheetWords((list + values).filter { !Self.isReminded($0) }) { Self.spellings[HeaderText.key($0)] }
  }

  /// What to write for `status`.
  package func word(for status: InvoiceStatus) -> String {
    words[status] ?? status.label
  }
}

/// The words the sheet uses for payment methods (its drop-down list, its values); the
/// ledger's French label, capitalised, for a method it has no word for.
package struct MethodWords: Sendable {
  package private(set) var words: [PaymentMethod: String] = [:]

  package init(list: [String] = [], values: [String] = []) {
    words = sheetWords(list + values) { try? PaymentMethod.parse($0) }
  }

  package func word(for method: PaymentMethod) -> String {
    words[method] ?? (method.label.prefix(1).uppercased() + method.label.dropFirst())
  }
}

/// The first spelling of each meaning among `words` (a vocabulary learnt from a sheet).
func sheetWords<Meaning: Hashable>(_ words: [String], meaning: (String) -> Meaning?) -> [Meaning: String] {
  var result: [Meaning: String] = [:]
  for word in words {
    guard let key = meaning(word), result[key] == nil else { continue }
    result[key] = CellNormalizer.collapsed(word)
  }
  return result
}
