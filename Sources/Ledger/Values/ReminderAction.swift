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
  /// For steps that claim it: the L441-10 penalty on the amount due.
  public var penalty: Cents?
  /// The rate the penalty uses, in basis points.
  public var penaltyRateBasisPoints: Int64?
  /// For steps that claim it, professional clients only: the fixed recovery indemnity.
  public var indemnity: Cents?
}
