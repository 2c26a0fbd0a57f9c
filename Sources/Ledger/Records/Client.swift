import GRDB
import CivilDate

/// A client (*client*): who invoices are addressed to and whose payments settle them.
public struct Client: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "client"

  public var id: Int64?
  /// The name the user knows the client by, unique in the ledger (case-insensitive).
  public var name: String
  public var email: String?
  public var phone: String?
  public var address: String?
  /// Payment terms in days (*délai de paiement*), 30 by default (C. com. L441-10).
  public var termsDays: Int
  /// Whether the terms run to the end of the month (*fin de mois*).
  public var endOfMonth: Bool
  /// A consumer (B2C) rather than a professional: the 40 € recovery indemnity does not apply.
  public var isConsumer: Bool
  /// Whether the business selected the client for follow-up (seed 003: reminders go to
  /// the clients selected only).
  public var followed: Bool = true

  /// A client with `termsDays` (30 by default) payment terms.
  public init(
    name: String, email: String? = nil, phone: String? = nil, address: String? = nil, termsDays: Int = 30,
    endOfMonth: Bool = false, isConsumer: Bool = false
  ) {
    self.name = name
    self.email = email
    self.phone = phone
    self.address = address
    self.termsDays = termsDays
    self.endOfMonth = endOfMonth
    self.isConsumer = isConsumer
  }

  /// The client's payment terms.
  public var terms: PaymentTerms { PaymentTerms(days: termsDays, endOfMonth: endOfMonth) }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// Payment terms: a number of days after the invoice date, optionally to the end of
/// that month (*45 jours fin de mois*).
public struct PaymentTerms: Hashable, Sendable {
  public var days: Int
  public var endOfMonth: Bool

  public init(days: Int, endOfMonth: Bool = false) {
    self.days = days
    self.endOfMonth = endOfMonth
  }

  /// Whether the terms go past what C. com. L441-10 I allows between professionals: 60
  /// days from the invoice date, or 45 days end of month.
  public var exceedsLegalMaximum: Bool { endOfMonth ? days > 45 : days > 60 }

  /// The latest due date C. com. L441-10 I allows for an invoice issued on `issued`: 60
  /// days after it, or 45 days end of month (either reading of it).
  public static func latestLegalDueDate(issued: Day) -> Day {
    max(issued.adding(days: 60), issued.adding(days: 45).endOfMonth, issued.endOfMonth.adding(days: 45))
  }

  /// The due date (*échéance*) of an invoice issued on `issued`.
  ///
  /// End-of-month terms add the days first, then go to the end of that month (the usual
  /// reading of "45 jours fin de mois": 2024-01-20 + 45 days = 2024-03-05 → 2024-03-31).
  public func dueDate(issued: Day) -> Day {
    let due = issued.adding(days: days)
    return endOfMonth ? due.endOfMonth : due
  }
}
