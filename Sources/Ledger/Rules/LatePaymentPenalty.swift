/// The late-payment penalty of the Code de commerce, article L441-10 II.
///
/// Penalties run from the day after the due date, with no reminder needed:
/// `unpaid TTC × annual rate × days late / 365`, rounded to the cent half up. The
/// default rate is the ECB main refinancing rate plus 10 points (``LedgerSettings``).
/// Professional clients also owe a fixed recovery indemnity of 40 € per late invoice
/// (article D441-5); consumers do not.
public enum LatePaymentPenalty {
  /// The penalty on `unpaid` at `rateBasisPoints` (1215 = 12.15 % a year) for `daysLate`.
  public static func interest(unpaid: Cents, rateBasisPoints: Int64, daysLate: Int) -> Cents {
    guard unpaid.isPositive, daysLate > 0, rateBasisPoints > 0 else { return .zero }
    return Cents(Rounding.productHalfUp(unpaid.value, rateBasisPoints, Int64(daysLate), dividedBy: 10_000 * 365))
  }
}
