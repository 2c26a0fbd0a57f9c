import CivilDate

/// The reminders of one client sent as one statement (seed 003).
public struct ClientReminder: Sendable, Equatable {
  public var client: String
  /// Every overdue invoice of the client due a reminder, oldest due first.
  public var invoices: [ReminderAction]

  /// The highest level among the invoices: the statement's tone.
  public var level: Int { invoices.map(\.level).max() ?? 0 }
  /// The channel of that level.
  public var channel: ReminderChannel { invoices.max { $0.level < $1.level }!.channel }
  public var name: String { invoices.max { $0.level < $1.level }!.name }
  /// What the client owes on them.
  public var amountDue: Cents { invoices.map(\.amountDue).reduce(.zero, +) }
  public var daysLate: Int { invoices.map(\.daysLate).max() ?? 0 }

  /// `actions` by client, each client's oldest due first; the latest clients first.
  public static func grouping(_ actions: [ReminderAction]) -> [ClientReminder] {
    Dictionary(grouping: actions, by: \.client).map { client, actions in
      ClientReminder(client: client, invoices: actions.sorted { ($0.dueDate, $0.number) < ($1.dueDate, $1.number) })
    }.sorted { ($1.daysLate, $0.client) < ($0.daysLate, $1.client) }
  }
}

/// A reminder to send today (`suivi remind`): which invoice, which step, how much, how late.
public struct ReminderAction: Sendable, Equatable {
  public var number: String
  public var client: String
  public var level: Int
  /// The step's French name (`relance cordiale`, `mise en demeure`…).
  public var name: String
  public var channel: ReminderChannel
  /// The *reste dû*.
  public var amountDue: Cents
  public var dueDate: Day
  public var daysLate: Int
  /// The day this step became due.
  public var since: Day
  /// The deadline the letter gives, in days.
  public var payWithinDays: Int?
  /// For steps that claim it: the interest of ``claim``.
  public var penalty: Cents?
  /// The rate of the claim's last day, in basis points.
  public var penaltyRateBasisPoints: Int64?
  /// For steps that claim it, professional clients only: the fixed recovery indemnity.
  public var indemnity: Cents?
  /// The claim in full: its legal basis and its periods (``LatePaymentPenalty/Claim``).
  public var claim: LatePaymentPenalty.Claim?
}
