/// CFONB 120 records as French banks write them, for the tests: each field at its position
/// in 120 characters, amounts in 14 characters whose last carries the sign and last digit.
public enum CFONBFixture {
  /// The account every record names: bank, branch, currency, decimals, number.
  static let account: [(Int, String)] = [(2, "30004"), (11, "00123"), (16, "EUR"), (19, "2"), (21, "00012345678")]

  /// A record of 120 characters: `fields` at their (0-based) positions, spaces elsewhere.
  public static func record(_ fields: [(Int, String)]) -> String {
    var characters = [Character](repeating: " ", count: 120)
    for (position, text) in fields {
      for (offset, character) in text.enumerated() where position + offset < 120 { characters[position + offset] = character }
    }
    return String(characters)
  }

  /// An amount of `cents` in CFONB's 14 characters (2 decimals).
  public static func amount(_ cents: Int64) -> String {
    let digits = String(cents.magnitude)
    let padded = String(repeating: "0", count: 14 - digits.count) + digits
    let last = Int(String(padded.last!))!
    let sign = cents < 0 ? Array("}JKLMNOPQR")[last] : Array("{ABCDEFGHI")[last]
    return String(padded.dropLast()) + String(sign)
  }

  /// An old (`01`) or new (`07`) balance of `cents` on `day` (`DDMMYY`).
  public static func balance(_ code: String, day: String, cents: Int64) -> String {
    record([(0, code)] + account + [(34, day), (90, amount(cents))])
  }

  /// A movement (`04`) of `cents` booked and valued on `day`.
  public static func movement(day: String, cents: Int64, label: String, number: String = "0000001", reference: String = "", operation: String = "05") -> String {
    record([(0, "04")] + account + [(7, "0117"), (32, operation), (34, day), (42, day), (48, label), (81, number), (90, amount(cents)), (104, reference)])
  }

  /// A complement (`05`) of the movement before it: `qualifier` (`NPY`, `LIB`…) and its text.
  public static func complement(_ qualifier: String, _ text: String) -> String {
    record([(0, "05")] + account + [(45, qualifier), (48, text)])
  }

  /// A day's statement of `movements` (each with its payer and remittance complements, if
  /// any) from `opening`, its new balance the sum: lines ending CR LF.
  public static func statement(day: String, opening: Int64, movements: [(cents: Int64, label: String, payer: String?, remittance: String?)]) -> String {
    var lines = [balance("01", day: day, cents: opening)]
    for (index, movement) in movements.enumerated() {
      lines.append(self.movement(day: day, cents: movement.cents, label: movement.label, number: String(index + 1).leftPadded(to: 7)))
      if let payer = movement.payer { lines.append(complement("NPY", payer)) }
      if let remittance = movement.remittance { lines.append(complement("LIB", remittance)) }
    }
    lines.append(balance("07", day: day, cents: opening + movements.map(\.cents).reduce(0, +)))
    return lines.joined(separator: "\r\n") + "\r\n"
  }
}

extension String {
  /// With zeros before it to `width` characters.
  fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
