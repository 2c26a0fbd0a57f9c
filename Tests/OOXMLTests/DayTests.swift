import Testing

@testable import OOXML

@Suite struct DayTests {
  @Test(arguments: [
    (0, "1970-01-01"), (-1, "1969-12-31"), (19_664, "2023-11-03"), (11_016, "2000-02-29"),
    (-25_567, "1900-01-01"), (2_932_896, "9999-12-31"),
  ])
  func daysSinceEpochRoundTrip(days: Int, text: String) {
    let day = Day(daysSinceEpoch: days)
    #expect(day.description == text)
    #expect(day.daysSinceEpoch == days)
  }

  @Test func everyDayOfFourCenturiesRoundTrips() {
    var previous = Day(daysSinceEpoch: -146_097)
    for days in -146_096...146_097 {
      let day = Day(daysSinceEpoch: days)
      #expect(day.daysSinceEpoch == days)
      #expect(previous < day)
      previous = day
    }
  }

  @Test(arguments: [(2023, 2, 29), (2024, 13, 1), (2024, 4, 31), (1900, 2, 29), (2024, 1, 0)])
  func impossibleDatesAreRefused(year: Int, month: Int, day: Int) {
    #expect(Day(year: year, month: month, day: day) == nil)
  }

  @Test func leapYears() {
    #expect(Day(year: 2024, month: 2, day: 29) != nil)
    #expect(Day(year: 2000, month: 2, day: 29) != nil)
    #expect(!Day.isLeap(1900))
  }

  @Test func dateTimeSpellsMillisecondsOnlyWhenThereAreSome() {
    let day = Day(year: 2024, month: 11, day: 2)!
    #expect(DateTime(day: day, millisecondOfDay: 37_800_000).description == "2024-11-02T10:30:00")
    #expect(DateTime(day: day, millisecondOfDay: 37_800_045).description == "2024-11-02T10:30:00.045")
  }
}
