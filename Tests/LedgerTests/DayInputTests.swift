import CivilDate
import Testing

@testable import Ledger

/// Dates as an assistant types them: the sheet's `02/11/2024` as well as `2024-11-02`, and
/// `aujourd'hui` / `today`; anything else refused with the option named.
@Suite struct DayInputTests {
  static let today = Day(year: 2026, month: 12, day: 6)!

  @Test(arguments: [
    ("2024-11-02", "2024-11-02"), ("02/11/2024", "2024-11-02"), ("2/11/2024", "2024-11-02"), (" 31/12/2025 ", "2025-12-31"),
    ("aujourd'hui", "2026-12-06"), ("Aujourd’hui", "2026-12-06"), ("today", "2026-12-06"),
  ])
  func aDateIsReadAsTyped(text: String, expected: String) throws {
    #expect(try Day.parse(text, field: "--date", today: Self.today).description == expected)
  }

  @Test(arguments: ["31/02/2024", "11/2024", "2024/11/02", "02-11-2024", "02/11/24", "demain", "", "1/1/10000", "01/01/1899"])
  func anythingElseIsRefusedNamingTheOption(text: String) {
    #expect(throws: LedgerError.self) { try Day.parse(text, field: "--date", today: Self.today) }
    do {
      _ = try Day.parse(text, field: "--due", today: Self.today)
    } catch {
      #expect("\(error)".hasPrefix("--due"), "\(error)")
    }
  }
}
