import CivilDate

/// The business owner's summary as of a day (`suivi report`).
public struct LedgerReport: Sendable {
  /// One client's line of the aged balance.
  public struct ClientLine: Sendable, Equatable {
    public var client: String
    public var aged: AgedBalance
    /// Payments not allocated to any invoice (*avoir client*).
    public var credit: Cents
    public var overdueInvoices: Int
  }

  /// One reminder of the summary table (*tableau récapitulatif des relances*).
  public struct ReminderLine: Sendable, Equatable {
    public var number: String
    public var client: String
    public var level: Int
    public var channel: ReminderChannel
    public var sentOn: Day
    /// The outcome recorded, if any.
    public var outcome: ReminderOutcome?
    /// The note taken (what the client said), if any.
    public var note: String? = nil
    /// The day promised, for a promise to pay.
    public var promisedOn: Day? = nil
    /// The invoice's status as of the report's day (paid since, still late…).
    public var status: InvoiceStatus
    public var balance: Cents
  }

  public var date: Day
  /// The first day of the period (the report's day is the last).
  public var from: Day
  /// Total owed: the balance of every issued, non-voided invoice as of ``date``.
  public var owed: Cents
  public var aged: AgedBalance
  public var clients: [ClientLine]
  /// TTC invoiced over the period, less credit notes issued over it.
  public var invoiced: Cents
  /// Payments received over the period.
  public var collected: Cents
  /// Client credits (unallocated payments) as of ``date``.
  public var credit: Cents
  /// Days sales outstanding in tenths of a day, `nil` when nothing was invoiced.
  public var dsoTenths: Int64?
  /// The number of days in the period.
  public var periodDays: Int
  /// How many invoices have each status as of ``date``.
  public var statusCounts: [InvoiceStatus: Int]
  /// The reminders sent over the period.
  public var reminders: [ReminderLine]
  /// Numbers missing from a series, as runs.
  public var numberingGaps: [NumberingGap]
  /// Numbers dated before the number before them (a tracker's, as found).
  public var numberingDisorders: [NumberingDisorder] = []

  /// DSO as text with one decimal (`40.0`), `nil` when nothing was invoiced.
  public var dso: String? {
    dsoTenths.map { "\($0 / 10).\($0 % 10)" }
  }
}
