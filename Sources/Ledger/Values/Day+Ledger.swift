import CivilDate
import GRDB

/// The ledger's dates are the civil `Day`, stored as ISO 8601 text (`2024-11-02`),
/// which sorts like the days themselves.
extension Day: DatabaseValueConvertible {
  public var databaseValue: DatabaseValue { isoText.databaseValue }

  public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Day? {
    String.fromDatabaseValue(dbValue).flatMap { Day.iso($0) }
  }
}

extension Day: Codable {
  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let day = Day.iso(text) else {
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
    return day
  }
}
