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
  /// Reads a date option, naming `field` in the error.
  ///
  /// - Throws: ``LedgerError/invalidDate(field:text:)``.
  public static func parse(_ text: String, field: String) throws -> Day {
    guard let day = iso(text) else { throw LedgerError.invalidDate(field: field, text: text) }
    try day.requireSupported(field: field)
    return day
  }

  /// - Throws: ``LedgerError/dateOutOfRange(field:day:)`` when the day is not one the ledger,
  ///   a workbook and the law deal in (``Day/supported``).
  public func requireSupported(field: String) throws {
    guard isSupported else { throw LedgerError.dateOutOfRange(field: field, day: description) }
  }
}
