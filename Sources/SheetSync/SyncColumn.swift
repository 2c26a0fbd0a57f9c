import Ledger

/// A column of a tracker that Suivi knows, found by its header text.
///
/// Every other column is the humans' own: read for nothing, never written.
public enum SyncColumn: String, CaseIterable, Sendable, Codable, Comparable {
  case number, issueDate, client, service, status, amountHT, vat, amountTTC, dueDate
  case paidOn, paymentMethod, amountPaid, balance, reminder1, reminder2, reminder3, reminder4, notes

  /// The kind of value the column holds, which decides how it is compared.
  public enum Kind: Sendable { case text, date, amount, rate, status, method }

  public var kind: Kind {
    switch self {
    case .number, .client, .service, .notes: .text
    case .issueDate, .dueDate, .paidOn, .reminder1, .reminder2, .reminder3, .reminder4: .date
    case .amountHT, .amountTTC, .amountPaid, .balance: .amount
    case .vat: .rate
    case .status: .status
    case .paymentMethod: .method
    }
  }

  /// The reminder level a reminder column records, if it is one.
  public var reminderLevel: Int? {
    switch self {
    case .reminder1: 1
    case .reminder2: 2
    case .reminder3: 3
    case .reminder4: 4
    default: nil
    }
  }

  /// Header spellings, compared by ``HeaderText/key(_:)`` (case, accents, spaces and
  /// punctuation ignored).
  public var synonyms: [String] {
    switch self {
    case .number: ["N° de facture", "N° facture", "Numéro de facture", "Numéro", "Facture", "Invoice #", "Invoice number", "Invoice no", "Invoice"]
    case .issueDate: ["Date d'émission", "Date de facture", "Date", "Issue date", "Invoice date"]
    case .client: ["Client", "Customer"]
    case .service: ["Service", "Prestation", "Description"]
    case .status: ["État", "Etat", "Statut", "Status"]
    case .amountHT: ["Montant HT", "HT", "Amount excl. VAT", "Net amount"]
    case .vat: ["TVA", "Taux de TVA", "VAT", "VAT rate"]
    case .amountTTC: ["Montant TTC", "TTC", "Montant", "Total", "Amount", "Amount incl. VAT"]
    case .dueDate: ["Échéance", "Date d'échéance", "Due date", "Due"]
    case .paidOn: ["Réglé le", "Date de règlement", "Payé le", "Paid on", "Payment date"]
    case .paymentMethod: ["Type de règlement", "Mode de règlement", "Moyen de paiement", "Payment method"]
    case .amountPaid: ["Montant réglé", "Montant payé", "Amount paid", "Paid"]
    case .balance: ["Reste dû", "Solde", "Reste à payer", "Balance due", "Balance"]
    case .reminder1: ["Relance 1", "Date de relance", "1re relance", "Reminder 1"]
    case .reminder2: ["Relance 2", "2e relance", "Reminder 2"]
    case .reminder3: ["Relance 3", "3e relance", "Reminder 3"]
    case .reminder4: ["Relance 4", "4e relance", "Reminder 4"]
    case .notes: ["Notes", "Note", "Commentaire", "Commentaires", "Observations", "Remarques"]
    }
  }

  /// The header Suivi writes for the column (French).
  public var header: String { synonyms[0] }

  /// Columns whose value the ledger computes from its facts: a sheet edit there is not
  /// applied as such (TTC follows HT and VAT, the balance follows payments).
  public var isDerived: Bool { self == .amountTTC || self == .balance }

  /// How many known columns there are.
  public static let count = 18

  /// The column's position among ``allCases`` (declaration order): its slot in
  /// ``RowValues`` and its order in a sort.
  @inlinable public var ordinal: Int {
    switch self {
    case .number: 0
    case .issueDate: 1
    case .client: 2
    case .service: 3
    case .status: 4
    case .amountHT: 5
    case .vat: 6
    case .amountTTC: 7
    case .dueDate: 8
    case .paidOn: 9
    case .paymentMethod: 10
    case .amountPaid: 11
    case .balance: 12
    case .reminder1: 13
    case .reminder2: 14
    case .reminder3: 15
    case .reminder4: 16
    case .notes: 17
    }
  }

  public static func < (lhs: SyncColumn, rhs: SyncColumn) -> Bool { lhs.ordinal < rhs.ordinal }
}

/// Header text compared loosely.
public enum HeaderText {
  /// `text` folded for comparison: lower case, accents removed, and only letters, digits
  /// and `#` kept (`N° de facture` → `ndefacture`, `Date d'émission` → `datedemission`).
  public static func key(_ text: String) -> String {
    Spelling.key(text).filter { $0.isLetter || $0.isNumber || $0 == "#" }
  }

  static let synonymKeys: [String: SyncColumn] = {
    var keys: [String: SyncColumn] = [:]
    for column in SyncColumn.allCases {
      for synonym in column.synonyms where keys[key(synonym)] == nil { keys[key(synonym)] = column }
    }
    return keys
  }()

  /// The column a header names, if any.
  public static func column(_ header: String) -> SyncColumn? {
    synonymKeys[key(header)]
  }
}

/// A set of known columns, as bits (a row's formula columns: no allocation per row).
public struct ColumnSet: Sendable, Hashable, Sequence, ExpressibleByArrayLiteral {
  private var bits: UInt32 = 0

  public init() {}

  public init(arrayLiteral columns: SyncColumn...) {
    for column in columns { insert(column) }
  }

  public init(_ columns: some Sequence<SyncColumn>) {
    for column in columns { insert(column) }
  }

  public func contains(_ column: SyncColumn) -> Bool { contains(ordinal: column.ordinal) }

  func contains(ordinal: Int) -> Bool { bits & (1 << ordinal) != 0 }

  public mutating func insert(_ column: SyncColumn) { bits |= 1 << column.ordinal }

  public var isEmpty: Bool { bits == 0 }

  public func makeIterator() -> some IteratorProtocol<SyncColumn> {
    SyncColumn.byOrdinal.lazy.filter { self.contains($0) }.makeIterator()
  }
}
