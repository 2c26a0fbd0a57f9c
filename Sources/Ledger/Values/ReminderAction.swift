import CivilDate

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
