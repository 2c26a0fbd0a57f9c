import CivilDate

/// Everything an invoice's status depends on, and nothing else: the input of the pure
/// functions ``InvoiceStatus/derive(_:asOf:policy:)`` and
/// ``DunningPolicy/nextStep(for:asOf:)``.
///
/// Every amount and date is a fact recorded in the ledger; as of a day, only the facts
/// dated on or before it count (a payment received later has not been received yet).
public struct InvoiceFacts: Sendable, Equatable {
  /// A settlement of the invoice: a payment's allocation (dated when the payment was
  /// received) or a credit note (dated when it was issued).
  public struct Settlement: Sendable, Equatable {
    public var day: Day
    public var amount: Cents
    public var isCreditNote: Bool

    public init(day: Day, amount: Cents, isCreditNote: Bool = false) {
      self.day = day
      self.amount = amount
      self.isCreditNote = isCreditNote
    }
  }

  /// A reminder recorded: its level and day.
  public struct SentReminder: Sendable, Equatable {
    public var level: Int
    public var sentOn: Day
    /// The day the client promised to pay by, when the reminder obtained a promise.
    public var promisedOn: Day?

    public init(level: Int, sentOn: Day, promisedOn: Day? = nil) {
      self.level = level
      self.sentOn = sentOn
      self.promisedOn = promisedOn
    }
  }


  public var kind: Invoice.Kind
  public var issueDate: Day
  public var dueDate: Day
  public var ttc: Cents
  public var needsApproval: Bool
  public var approvedOn: Day?
  /// When the draft was submitted to the client for approval.
  public var submittedOn: Day?
  public var voidedOn: Day?
  public var disputedOn: Day?
  public var settlements: [Settlement]
  public var reminders: [SentReminder]
  /// Disputes that ended, each from its first to its last day (the one open now is
  /// ``disputedOn``).
  public var pastDisputes: [ClosedRange<Day>] = []

  public init(
    kind: Invoice.Kind = .invoice, issueDate: Day, dueDate: Day, ttc: Cents, needsApproval: Bool = false,
    approvedOn: Day? = nil, submittedOn: Day? = nil, voidedOn: Day? = nil, disputedOn: Day? = nil, settlements: [Settlement] = [],
    reminders: [SentReminder] = []
  ) {
    self.submittedOn = submittedOn
    self.kind = kind
    self.issueDate = issueDate
    self.dueDate = dueDate
    self.ttc = ttc
    self.needsApproval = needsApproval
    self.approvedOn = approvedOn
    self.voidedOn = voidedOn
    self.disputedOn = disputedOn
    self.settlements = settlements
    self.reminders = reminders
  }

  /// The facts of `invoice` with its settlements and reminders.
  public init(_ invoice: Invoice, settlements: [Settlement] = [], reminders: [SentReminder] = []) {
    self.init(
      kind: invoice.kind, issueDate: invoice.issueDate, dueDate: invoice.dueDate, ttc: invoice.ttc,
      needsApproval: invoice.needsApproval, approvedOn: invoice.approvedOn, submittedOn: invoice.submittedOn, voidedOn: invoice.voidedOn,
      disputedOn: invoice.disputedOn, settlements: settlements, reminders: reminders)
  }

  /// What payments settled as of `day`.
  public func paid(asOf day: Day) -> Cents {
    settlements.lazy.filter { !$0.isCreditNote && $0.day <= day }.map(\.amount).reduce(.zero, +)
  }

  /// What credit notes took off as of `day`.
  public func credited(asOf day: Day) -> Cents {
    settlements.lazy.filter { $0.isCreditNote && $0.day <= day }.map(\.amount).reduce(.zero, +)
  }

  /// The *reste dû* as of `day`: TTC less payments and credit notes, zero for a voided
  /// invoice or a credit note.
  public func balance(asOf day: Day) -> Cents {
    if kind == .creditNote || isVoided(asOf: day) { return .zero }
    var balance = ttc
    for settlement in settlements where settlement.day <= day { balance = balance - settlement.amount }
    return balance
  }

  public func isVoided(asOf day: Day) -> Bool { voidedOn.map { $0 <= day } ?? false }

  /// Whether the invoice is in litige on `day`: in the dispute open now, or in one that
  /// ended since.
  public func isDisputed(asOf day: Day) -> Bool {
    disputedOn.map { $0 <= day } ?? false || pastDisputes.contains { $0.contains(day) }
  }

  /// The day until which a promise to pay holds as of `day` (a reminder sent by then with
  /// a promised day not yet passed), if any.
  public func promise(asOf day: Day) -> Day? { latestPromise(asOf: day).flatMap { $0 >= day ? $0 : nil } }

  /// The latest day a client promised to pay by, among the reminders sent by `day`.
  public func latestPromise(asOf day: Day) -> Day? {
    reminders.filter { $0.sentOn <= day }.compactMap(\.promisedOn).max()
  }

  /// Whether the invoice is a draft as of `day`: not yet issued, or awaiting the client's
  /// validation — not submitted yet, or submitted less than 48 hours (two days) before
  /// (seed 002: without an answer within 48 hours of its submission, it counts as approved).
  public func isDraft(asOf day: Day) -> Bool { issuedFrom.map { day < $0 } ?? true }

  /// The day a draft counts as approved without an answer: 48 hours after its submission.
  public static func autoApprovalDay(submitted: Day) -> Day { submitted.adding(days: 2) }

  /// The first day the invoice is no longer a draft (`nil`: a draft not submitted, which
  /// stays one).
  public var issuedFrom: Day? {
    guard needsApproval else { return issueDate }
    let automatic = submittedOn.map { Self.autoApprovalDay(submitted: $0) }
    let first = [approvedOn, automatic].compactMap { $0 }.min()
    return first.map { max($0, issueDate) }
  }

  /// Whether the invoice counts in what is owed as of `day`: an issued, approved,
  /// non-voided invoice (not a credit note).
  public func isReceivable(asOf day: Day) -> Bool {
    kind == .invoice && !isVoided(asOf: day) && !isDraft(asOf: day)
  }

  /// Whether a reminder may be sent as of `day`: receivable, unpaid, not in litige, and
  /// past its due date.
  public func isRemindable(asOf day: Day) -> Bool {
    isReceivable(asOf: day) && !isDisputed(asOf: day) && day > dueDate && balance(asOf: day).isPositive
  }

  /// Days past the due date as of `day` (0 when not yet due).
  public func daysLate(asOf day: Day) -> Int { max(0, day.days(since: dueDate)) }
}
