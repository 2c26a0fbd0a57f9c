import Wording
import CivilDate
import GRDB

/// The `setting` table: the stored overrides of ``LedgerSettings``' defaults.
extension LedgerSession {
  /// The settings: defaults with the stored overrides applied.
  public func settings() throws -> LedgerSettings {
    var settings = LedgerSettings()
    for row in try Row.fetchAll(db, sql: "SELECT key, value FROM setting ORDER BY key") {
      try settings.apply(key: row[0], value: row[1])
    }
    return settings
  }

  /// The stored overrides, by key.
  public func storedSettings() throws -> [(key: String, value: String)] {
    try Row.fetchAll(db, sql: "SELECT key, value FROM setting ORDER BY key").map { ($0[0], $0[1]) }
  }

  /// Stores `value` for `key` after checking it; an empty value removes the override.
  ///
  /// - Throws: ``LedgerError/invalidValue(field:text:reason:)``.
  public func setSetting(key: String, value: String) throws {
    var check = try settings()
    if !value.isEmpty { try check.apply(key: key, value: value) }
    // A contractual penalty rate may not be below three times the legal interest rate
    // (C. com. L441-10 II), checked against the half-year the setting is made in.
    if key == "penalty.rate", let contractual = check.contractualRateBasisPoints, let day = Day.iso(String(commandTime.prefix(10))) {
      let half = HalfYear(containing: day)
      if let legal = check.legalRates.rate(in: half), contractual < 3 * legal.basisPoints {
        throw LedgerError.invalidValue(
          field: .verbatim(key), text: value,
          reason: "is below three times the legal interest rate of \(half) (3 × \(VATRate(basisPoints: legal.basisPoints)) % = \(VATRate(basisPoints: 3 * legal.basisPoints)) %; C. com. L441-10 II)")
      }
    }
    let old = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key])
    if value.isEmpty {
      try db.execute(sql: "DELETE FROM setting WHERE key = ?", arguments: [key])
    } else {
      try db.execute(sql: "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", arguments: [key, value])
    }
    try journalChange(entity: "setting", key: key, field: "value", old: old, new: value.isEmpty ? nil : value)
  }
}
