import Wording

import CivilDate
import GRDB

/// The ledger's dates are the civil `Day`, stored as ISO 8601 text (`2024-11-02`),
/// which sorts like the days themselves.
extension Day: DatabaseValueConvertible {
  public var databaseValue: DatabaseValue { isoText.databaseValue }

  public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Day? {
    guard var text = String.fromDatabaseValue(dbValue) else { return nil }
    return text.withUTF8 { Day.stored(bytes: $0) }
  }
}

extension Day: Codable {
  public init(from decoder: any Decoder) throws {
    var text = try decoder.singleValueContainer().decode(String.self)
    guard let day = text.withUTF8({ Day.stored(bytes: $0) }) else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a day: \(text)"))
    }
    self = day
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(isoText)
  }
}

extension Day {
  /// Reads a date option as a person types it: `2024-11-02`, `02/11/2024` (day first, as
  /// in France and in the sheet; `2/11/2024` too), or `aujourd'hui` / `today` (the machine's
  /// local day), naming `field` in the error.
  ///
  /// - Throws: ``LedgerError/invalidDate(field:text:)``.
  public static func parse(_ text: String, field: Phrase, today: @autoclosure () -> Day = Day.today) throws -> Day {
    let trimmed = text.trimmingCharacters(in: " ")
    let day: Day?
    switch trimmed.lowercased().replacingOccurrences(of: "’", with: "'") {
    case "aujourd'hui", "today": day = today()
    default: day = iso(trimmed) ?? dayFirst(trimmed)
    }
    guard let day else { throw LedgerError.invalidDate(field: field, text: text) }
    try day.requireSupported(field: field)
    return day
  }

  /// `02/11/2024` or `2/11/2024`: day, month, four-digit year.
  static func dayFirst(_ text: String) -> Day? {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count), parts[2].count == 4,
      parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }), let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2])
    else { return nil }
    return Day(year: year, month: month, day: day)
  }

  /// - Throws: ``LedgerError/dateOutOfRange(field:day:)`` when the day is not one the ledger,
  ///   a workbook and the law deal in (``Day/supported``).
  public func requireSupported(field: Phrase) throws {
    guard isSupported else { throw LedgerError.dateOutOfRange(field: field, day: "\(self)") }
  }
}
