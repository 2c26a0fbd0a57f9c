import CivilDate

/// How each language writes a day and an amount.
public enum Numerals {
  /// `02/11/2024`.
  public static func frenchDay(_ day: Day) -> String {
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
    let year = String(day.year)
    return two(day.day) + "/" + two(day.month) + "/" + String(repeating: "0", count: max(0, 4 - year.count)) + year
  }

  /// `1 234,56 €`: thousands split by a narrow no-break space (U+202F), a decimal comma,
  /// a no-break space (U+00A0) before the euro sign, as French typography and CLDR write it.
  public static func frenchAmount(_ cents: Int64) -> String {
    let magnitude = cents.magnitude
    let fraction = magnitude % 100
    return (cents < 0 ? "-" : "") + grouped(magnitude / 100, by: "\u{202F}") + "," + (fraction < 10 ? "0" : "") + String(fraction) + "\u{00A0}€"
  }

  /// `1234.56`: the amount as the ledger, the JSON and a script write it.
  public static func englishAmount(_ cents: Int64) -> String {
    let magnitude = cents.magnitude
    let fraction = magnitude % 100
    return (cents < 0 ? "-" : "") + String(magnitude / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction)
  }

  public static func grouped(_ value: UInt64, by separator: String) -> String {
    let digits = Array(String(value))
    var out = ""
    for (index, digit) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { out += separator }
      out.append(digit)
    }
    return out
  }
}
