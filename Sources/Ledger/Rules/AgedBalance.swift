/// Amounts owed by how late they are (*balance âgée*): days past the due date, net of
/// partial payments and credit notes.
public struct AgedBalance: Sendable, Equatable {
  /// Not yet due (*non échu*).
  public var notDue = Cents.zero
  public var days1to30 = Cents.zero
  public var days31to60 = Cents.zero
  public var days61to90 = Cents.zero
  public var over90 = Cents.zero

  public init() {}

  /// The sum of the buckets.
  public var total: Cents { notDue + days1to30 + days31to60 + days61to90 + over90 }

  /// Adds `amount` to the bucket for `daysLate` (≤ 0: not due).
  public mutating func add(_ amount: Cents, daysLate: Int) {
    switch daysLate {
    case ...0: notDue = notDue + amount
    case 1...30: days1to30 = days1to30 + amount
    case 31...60: days31to60 = days31to60 + amount
    case 61...90: days61to90 = days61to90 + amount
    default: over90 = over90 + amount
    }
  }

  /// The buckets with their JSON names, in order.
  public var buckets: [(name: String, amount: Cents)] {
    [("not_due", notDue), ("days_1_30", days1to30), ("days_31_60", days31to60), ("days_61_90", days61to90), ("days_over_90", over90)]
  }
}
