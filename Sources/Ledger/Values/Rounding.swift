/// Integer division with explicit rounding: the one place where the ledger rounds.
///
/// Every rounding in the ledger (VAT, late-payment penalties, DSO) is *half up*: a
/// remainder of exactly one half goes away from zero, as French invoices and
/// `ROUND()` in spreadsheets do. Products are taken in 128 bits, so no intermediate
/// overflows for any amount up to ``Cents/maximum``.
enum Rounding {
  /// `numerator / divisor`, rounded half away from zero. `divisor` must be positive.
  static func divideHalfUp(_ numerator: Int64, by divisor: Int64) -> Int64 {
    precondition(divisor > 0)
    let quotient = numerator / divisor
    let remainder = numerator % divisor
    if remainder.magnitude * 2 >= divisor.magnitude { return quotient + (numerator < 0 ? -1 : 1) }
    return quotient
  }

  /// `numerator / divisor` for a non-negative 128-bit numerator (a sum of products, as a
  /// penalty's days), rounded half up; saturates at `Int64.max`.
  static func divideHalfUp(wide numerator: Int128, by divisor: Int128) -> Int64 {
    precondition(numerator >= 0 && divisor > 0)
    let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: divisor)
    let rounded = remainder * 2 >= divisor ? quotient + 1 : quotient
    return rounded > Int128(Int64.max) ? .max : Int64(rounded)
  }

  /// `a × b × c / divisor` for non-negative `a`, `b`, `c`, rounded half up, computed in
  /// 128 bits. Saturates at `Int64.max` when the result does not fit.
  static func productHalfUp(_ a: Int64, _ b: Int64, _ c: Int64, dividedBy divisor: Int64) -> Int64 {
    precondition(a >= 0 && b >= 0 && c >= 0 && divisor > 0)
    let ab = a.multipliedFullWidth(by: b)
    guard ab.high == 0, ab.low <= UInt64(Int64.max) else { return .max }
    let abc = Int64(ab.low).multipliedFullWidth(by: c)
    guard UInt64(abc.high) < UInt64(divisor) else { return .max }
    let (quotient, remainder) = divisor.dividingFullWidth(abc)
    return remainder.magnitude * 2 >= divisor.magnitude ? quotient + 1 : quotient
  }
}
