import Testing

@testable import OOXML

@Suite struct DateSystemTests {
  /// Serials as Excel shows them in the 1900 system, including both sides of the
  /// fictitious 29 February 1900.
  @Test(arguments: [
    (1.0, "1900-01-01"), (59.0, "1900-02-28"), (60.0, "1900-02-28"), (61.0, "1900-03-01"),
    (45_598.0, "2024-11-02"), (2_958_465.0, "9999-12-31"),
  ])
  func serials1900(serial: Double, text: String) {
    #expect(DateSystem.excel1900.dateTime(fromSerial: serial)?.day.description == text)
  }

  @Test(arguments: [(0.0, "1904-01-01"), (44_136.0, "2024-11-02"), (1.5, "1904-01-02")])
  func serials1904(serial: Double, text: String) {
    #expect(DateSystem.excel1904.dateTime(fromSerial: serial)?.day.description == text)
  }

  @Test func theTwoSystemsAre1462DaysApart() {
    let day = Day(year: 2024, month: 11, day: 2)!
    #expect(DateSystem.excel1900.serial(of: day) - DateSystem.excel1904.serial(of: day) == 1_462)
  }

  @Test func timeOfDayIsRoundedToTheMillisecond() {
    let noon = DateSystem.excel1900.dateTime(fromSerial: 45_598.5)!
    #expect(noon.description == "2024-11-02T12:00:00")
    let almostMidnight = DateSystem.excel1900.dateTime(fromSerial: 45_598.999_999_999_9)!
    #expect(almostMidnight.description == "2024-11-03T00:00:00")
  }

  @Test(arguments: [-1.0, 2_958_466.0, Double.nan, Double.infinity])
  func serialsOutsideExcelsCalendarAreNotDates(serial: Double) {
    #expect(DateSystem.excel1900.dateTime(fromSerial: serial) == nil)
  }

  @Test func serialOfIsTheInverseFromMarch1900() {
    for serial in stride(from: 61, through: 2_958_465, by: 997) {
      let day = DateSystem.excel1900.day(fromSerialDay: serial)
      #expect(DateSystem.excel1900.serial(of: day) == serial)
    }
    for serial in 1...59 {
      #expect(DateSystem.excel1900.serial(of: DateSystem.excel1900.day(fromSerialDay: serial)) == serial)
    }
  }
}
