import Wording
import Ledger

/// The header texts Suivi recognises, French and English, as people and programs write
/// them (`N° de facture`, `Invoice #`, `InvoiceID`, `facture_id`, `nom du client`,
/// `Total (RM)`…).
///
/// Texts are compared by ``HeaderText/key(_:)``: case, accents, spaces, underscores and
/// punctuation ignored (so `snake_case` and `camelCase` spellings match the words), and a
/// unit or currency in brackets left out. Each column's names are ranked, most specific
/// first: when two headers of one row name the same column, the better-ranked one is the
/// column and the other stays the humans' own (`Invoice Number` beats `Invoice ID`,
/// `numéro de facture` beats `id`); two headers of the same rank are ambiguous.
extension SyncColumn {
  /// The header Suivi writes for the column (French).
  package var header: String {
    switch self {
    case .number: "N° de facture"
    case .issueDate: "Date d'émission"
    case .client: "Client"
    case .service: "Service"
    case .status: "État"
    case .amountHT: "Montant HT"
    case .vat: "TVA"
    case .amountTTC: "Montant TTC"
    case .dueDate: "Échéance"
    case .paidOn: "Réglé le"
    case .paymentMethod: "Type de règlement"
    case .amountPaid: "Montant réglé"
    case .balance: "Reste dû"
    case .reminder1: "Relance 1"
    case .reminder2: "Relance 2"
    case .reminder3: "Relance 3"
    case .reminder4: "Relance 4"
    case .notes: "Notes"
    case .vatAmount: "Montant TVA"
    }
  }

  /// The header spellings, best first (see the type's comment for how they are compared).
  package var synonyms: [String] {
    switch self {
    case .number:
      [
        "N° de facture", "N° facture", "Numéro de facture", "Numéro facture", "No facture", "Num facture",
        "Réf. facture", "Référence facture", "Référence de la facture", "Invoice number", "Invoice #", "Invoice no",
        "Invoice num", "Invoice ref", "Document number", "Bill number", "Numéro", "Facture", "Invoice",
        "Invoice ID", "Facture ID", "ID facture", "N°", "Référence", "Réf", "Ref", "Number", "ID",
      ]
    case .issueDate:
      [
        "Date d'émission", "Date de facture", "Date de facturation", "Date facturation", "Date facture", "Date émission",
        "Date de la facture", "Émise le", "Issue date", "Invoice date", "Date issued", "Document date", "Billing date",
        "Transaction date", "Date",
      ]
    case .client:
      [
        "Client", "Nom du client", "Nom client", "Client nom", "Raison sociale", "Tiers", "Customer", "Customer name",
        "Client name", "Name", "Nom", "Company name", "Société", "Customer ID", "Client ID",
      ]
    case .service:
      ["Service", "Prestation", "Description", "Intitulé", "Libellé", "Objet", "Désignation"]
    case .status:
      [
        "État", "Etat", "Statut", "Statut de la facture", "État de la facture", "État facture", "Statut facture",
        "Status", "Invoice status", "Document status", "Payment status", "Statut du paiement",
      ]
    case .amountHT:
      [
        "Montant HT", "Total HT", "HT", "Montant hors taxes", "Amount excl. VAT", "Amount excl. tax", "Net amount",
        "Subtotal", "Sub total",
      ]
    case .vat:
      ["Taux de TVA", "Taux TVA", "TVA", "VAT rate", "VAT", "Tax rate", "VAT %", "TVA %"]
    case .amountTTC:
      [
        "Montant TTC", "Total TTC", "TTC", "Montant total", "Montant à payer", "Montant facture", "Montant EUR",
        "Montant", "Total", "Total amount", "Invoice amount", "Invoice total", "Amount incl. VAT", "Amount",
      ]
    case .dueDate:
      [
        "Échéance", "Date d'échéance", "Date limite de paiement", "Due date", "Payment due", "Payment due date",
        "Net due date", "Due",
      ]
    case .paidOn:
      [
        "Réglé le", "Date de règlement", "Payé le", "Date de paiement", "Date d'encaissement", "Encaissé le",
        "Paid on", "Payment date", "Date paid", "Paid date",
      ]
    case .paymentMethod:
      [
        "Type de règlement", "Mode de règlement", "Moyen de paiement", "Mode de paiement", "Moyen de règlement",
        "Méthode de paiement", "Payment method", "Payment type",
      ]
    case .amountPaid:
      [
        "Montant réglé", "Montant payé", "Montant encaissé", "Déjà payé", "Amount paid", "Paid amount",
        "Total paid", "Amount received", "Paid",
      ]
    case .balance:
      [
        "Reste dû", "Solde", "Reste à payer", "Montant restant", "Restant dû", "Montant dû", "Balance due",
        "Balance due amount", "Balance", "Amount due", "Outstanding",
      ]
    case .reminder1: ["Relance 1", "Date de relance", "1re relance", "Reminder 1"]
    case .reminder2: ["Relance 2", "2e relance", "Reminder 2"]
    case .reminder3: ["Relance 3", "3e relance", "Reminder 3"]
    case .reminder4: ["Relance 4", "4e relance", "Reminder 4"]
    case .notes:
      ["Notes", "Note", "Commentaire", "Commentaires", "Observations", "Remarques", "Remarks", "Comments", "Comment", "Memo"]
    case .vatAmount:
      ["Montant TVA", "Total TVA", "Montant de la TVA", "Montant de TVA", "VAT amount", "Total VAT", "Tax amount", "Total tax", "Tax total", "Tax"]
    }
  }
}

/// Header text compared loosely.
package enum HeaderText {
  /// `text` folded for comparison: a bracketed unit or currency left out (`Total (RM)`,
  /// `Montant payé (TTC)`), then lower case, accents removed, and only letters, digits
  /// and `#` kept (`N° de facture` → `ndefacture`, `InvoiceDate` and `invoice_date` →
  /// `invoicedate`).
  package static func key(_ text: String) -> String {
    let unbracketed = withoutBrackets(text)
    let folded = Spelling.key(unbracketed).filter { $0.isLetter || $0.isNumber || $0 == "#" }
    return folded.isEmpty ? Spelling.key(text).filter { $0.isLetter || $0.isNumber || $0 == "#" } : folded
  }

  /// `text` without its `(…)` and `[…]` parts.
  static func withoutBrackets(_ text: String) -> String {
    var result = ""
    var depth = 0
    for character in text {
      switch character {
      case "(", "[": depth += 1
      case ")", "]": depth = max(0, depth - 1)
      default: if depth == 0 { result.append(character) }
      }
    }
    return result
  }

  /// Every spelling's key → its column and rank (0 is the best).
  static let synonymKeys: [String: (column: SyncColumn, rank: Int)] = {
    var keys: [String: (column: SyncColumn, rank: Int)] = [:]
    for column in SyncColumn.allCases {
      for (rank, synonym) in column.synonyms.enumerated() where keys[key(synonym)] == nil {
        keys[key(synonym)] = (column, rank)
      }
    }
    return keys
  }()

  /// The column a header names, if any.
  package static func column(_ header: String) -> SyncColumn? {
    synonymKeys[key(header)]?.column
  }

  /// The column a header names and the rank of the name (0 is the best), if any.
  static func match(_ header: String) -> (column: SyncColumn, rank: Int)? {
    synonymKeys[key(header)]
  }
}

extension SyncColumn {
  /// The column's name for people: English (`paid on`), or in French the model sheet's
  /// header (`Réglé le`), through the catalogue.
  public var label: Phrase {
    switch self {
    case .number: "invoice number"
    case .issueDate: "issue date"
    case .client: "client"
    case .service: "service"
    case .status: "status"
    case .amountHT: "amount excl. VAT"
    case .vat: "VAT rate"
    case .amountTTC: "amount incl. VAT"
    case .dueDate: "due date"
    case .paidOn: "paid on"
    case .paymentMethod: "payment method"
    case .amountPaid: "amount paid"
    case .balance: "balance due"
    case .reminder1: "reminder 1"
    case .reminder2: "reminder 2"
    case .reminder3: "reminder 3"
    case .reminder4: "reminder 4"
    case .notes: "notes"
    case .vatAmount: "VAT amount"
    }
  }
}

extension SyncColumn.Kind {
  /// What a value of the kind is, for a sentence (`cannot be read as a date`).
  public var label: Phrase {
    switch self {
    case .text: "text"
    case .date: "a date"
    case .amount: "an amount"
    case .rate: "a rate"
    case .status: "a status"
    case .method: "a payment method"
    }
  }
}

extension SyncColumn {
  /// A value of the column as people read it, from its canonical text (a day `02/11/2024`
  /// in French, a status by its name, a rate with `%`).
  public func display(_ canonical: String?) -> Phrase {
    switch SyncValue(canonical: canonical, kind: kind) {
    case nil: "(empty)"
    case let .text(text)?: .verbatim(text)
    case let .day(day)?: "\(day)"
    case let .amount(cents)?: "\(cents)"
    case let .rate(rate)?: "\(rate) %"
    case let .status(status)?: status.name
    case let .method(method)?: method.name
    case let .unreadable(shown)?: .verbatim(shown)
    }
  }
}

extension SyncConflict.Kind {
  public var label: Phrase {
    switch self {
    case .bothChanged: "changed on both sides"
    case .unreadable: "unreadable in the sheet"
    case .notApplicable: "cannot be applied from the sheet"
    case .newOnBothSides: "new on both sides"
    case .deletedRow: "row deleted, invoice changed"
    case .duplicateNumber: "number on two rows"
    case .numberEdited: "number edited in the sheet"
    case .undatedPayment: "paid without a day"
    case .sameNumber: "one number, two invoices"
    }
  }
}

extension SyncConflict.Resolution {
  public var label: Phrase {
    switch self {
    case .sheet: "the sheet's value"
    case .ledger: "the ledger's value"
    case .value: "a value given"
    }
  }
}
