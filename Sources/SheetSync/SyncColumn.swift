import Ledger

/// A column of a tracker that Suivi knows, found by its header text.
///
/// Every other column is the humans' own: read for nothing, never written.
public enum SyncColumn: String, CaseIterable, Sendable, Codable, Comparable {
  case number, issueDate, client, service, status, amountHT, vat, amountTTC, dueDate
  case paidOn, paymentMethod, amountPaid, balance, reminder1, reminder2, reminder3, reminder4, notes
  /// The VAT as an amount (`Montant TVA`), beside ``vat``, its rate.
  case vatAmount

  /// The kind of value the column holds, which decides how it is compared.
  public enum Kind: Sendable { case text, date, amount, rate, status, method }

  public var kind: Kind {
    switch self {
    case .number, .client, .service, .notes: .text
    case .issueDate, .dueDate, .paidOn, .reminder1, .reminder2, .reminder3, .reminder4: .date
    case .amountHT, .amountTTC, .amountPaid, .balance, .vatAmount: .amount
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

  /// Columns whose value the ledger computes from its facts: a sheet edit there is not
  /// applied as such (TTC and the VAT amount follow HT and the rate, the balance follows
  /// payments).
  public var isDerived: Bool { self == .amountTTC || self == .balance || self == .vatAmount }

  /// The columns the ledger computes from its facts: a sheet shows them, a push keeps them
  /// up to date (a fact the sheet states in them, as *Réglée*, is read by ``RowFacts``).
  public static let computed: [SyncColumn] = [.status, .amountPaid, .balance]
  public var isComputed: Bool { self == .status || self == .amountPaid || self == .balance }

  /// The cells that state what is paid: a status, an amount paid, a day and a method
  /// (``RowFacts`` reads them together).
  static let paymentColumns: Set<SyncColumn> = [.status, .amountPaid, .paidOn, .paymentMethod]

  /// How many known columns there are.
  public static let count = 19

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
    case .vatAmount: 18
    }
  }

  public static func < (lhs: SyncColumn, rhs: SyncColumn) -> Bool { lhs.ordinal < rhs.ordinal }
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

  public mutating func remove(_ column: SyncColumn) { bits &= ~(1 << column.ordinal) }

  public var isEmpty: Bool { bits == 0 }

  public func makeIterator() -> some IteratorProtocol<SyncColumn> {
    SyncColumn.byOrdinal.lazy.filter { self.contains($0) }.makeIterator()
  }
}
