import CivilDate

/// The dunning procedure (*procédure de relance*): ordered levels, each with a channel
/// and a delay, following the seeds:
///
/// 1. *relance cordiale* by phone or letter, the day after the due date;
/// 2. *lettre recommandée*, pay within 8 days, 15 days later;
/// 3. *mise en demeure* by registered letter with acknowledgement (LRAR), pay within 48
///    hours, 15 days later — the late-payment penalty and the 40 € indemnity are claimed;
/// 4. *injonction de payer* filed at the court clerk, 15 days later.
///
/// Level 1 counts its delay from the due date; each later level from the previous
/// reminder actually recorded (the spacing), so reminders are never closer than that.
public struct DunningPolicy: Sendable, Equatable {
  /// One step of the procedure.
  public struct Level: Sendable, Equatable {
    public var level: Int
    /// The French name of the step.
    public var name: String
    public var channel: ReminderChannel
    /// Days after the due date (level 1) or after the previous reminder; `nil` uses the
    /// policy's first delay or spacing.
    public var delayDays: Int?
    /// The deadline the letter gives, in days (8 for a registered letter, 2 = 48 hours).
    public var payWithinDays: Int?
    /// Whether the step claims the L441-10 penalty and the recovery indemnity.
    public var claimsPenalty: Bool
  }

  /// All four levels; ``levelCount`` says how many are in use.
  public var levels: [Level]
  public var levelCount: Int
  /// Days after the due date before the first reminder (1: the day after).
  public var firstDelayDays: Int
  /// Days between two reminders of the same invoice.
  public var spacingDays: Int

  /// The procedure of the seeds.
  public static let standard = DunningPolicy(
    levels: [
      Level(level: 1, name: "relance cordiale", channel: .phone, delayDays: nil, payWithinDays: nil, claimsPenalty: false),
      Level(level: 2, name: "lettre recommandée", channel: .registeredLetter, delayDays: nil, payWithinDays: 8, claimsPenalty: false),
      Level(level: 3, name: "mise en demeure", channel: .registeredLetterAR, delayDays: nil, payWithinDays: 2, claimsPenalty: true),
      Level(level: 4, name: "injonction de payer", channel: .court, delayDays: nil, payWithinDays: nil, claimsPenalty: true),
    ],
    levelCount: 4, firstDelayDays: 1, spacingDays: 15)

  /// The levels in use.
  public var activeLevels: ArraySlice<Level> { levels.prefix(levelCount) }

  /// The delay of `level`.
  public func delay(of level: Int) -> Int {
    levels[level - 1].delayDays ?? (level == 1 ? firstDelayDays : spacingDays)
  }

  /// The next reminder an invoice calls for as of `day`, or `nil`.
  ///
  /// Never for an invoice that is voided, a credit note, a draft, paid, in *litige*, or
  /// still within its terms (`day` on or before the due date), whatever the delays.
  public func nextStep(for facts: InvoiceFacts, asOf day: Day) -> DunningStep? {
    guard facts.isRemindable(asOf: day) else { return nil }
    // A promise to pay holds until its day has passed.
    if facts.promise(asOf: day) != nil { return nil }
    let sent = facts.reminders.filter { $0.sentOn <= day }
    let last = sent.max { $0.level < $1.level }
    let level = (last?.level ?? 0) + 1
    guard level <= levelCount else { return nil }
    let base = last.map { max($0.sentOn, facts.dueDate) } ?? facts.dueDate
    let earliest = base.adding(days: max(delay(of: level), level == 1 ? 1 : 0))
    guard day >= earliest else { return nil }
    return DunningStep(level: levels[level - 1], since: earliest)
  }
}

/// A reminder to send: the level and the day it became due.
public struct DunningStep: Sendable, Equatable {
  public var level: DunningPolicy.Level
  public var since: Day
}
