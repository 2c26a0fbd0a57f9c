import Foundation
import GRDB

/// Clients: adding them and finding them by name.
extension LedgerSession {
  /// Adds `client`.
  ///
  /// - Throws: ``LedgerError/duplicateClient(name:)`` when the name (case-insensitive) is
  ///   taken; ``LedgerError/invalidValue(field:text:reason:)`` for an empty name or terms
  ///   outside 0–365 days.
  @discardableResult
  public func addClient(_ client: Client) throws -> Client { try addClient(client, derogation: nil) }

  /// Adds `client`, whose terms go past the legal maximum for the `derogation` given (a
  /// sector agreement, recorded in the journal).
  ///
  /// - Throws: as ``addClient(_:)``, and ``LedgerError/invalidValue(field:text:reason:)``
  ///   for a professional's terms over 60 days or 45 days end of month (C. com. L441-10 I)
  ///   without a derogation.
  @discardableResult
  public func addClient(_ client: Client, derogation: String?) throws -> Client {
    var client = client
    client.name = try LedgerText.name(client.name.trimmingCharacters(in: " "), field: "NAME")
    if client.name.isEmpty { throw LedgerError.invalidValue(field: "NAME", text: client.name, reason: "is empty") }
    guard (0...365).contains(client.termsDays) else {
      throw LedgerError.invalidValue(field: "--terms", text: String(client.termsDays), reason: "is not a number of days from 0 to 365")
    }
    if try findClient(named: client.name) != nil { throw LedgerError.duplicateClient(name: client.name) }
    let reason = try derogation?.trimmingCharacters(in: " ").nonEmpty.map { try LedgerText.note($0, field: "--derogation") }
    if !client.isConsumer, client.terms.exceedsLegalMaximum, reason == nil {
      throw LedgerError.invalidValue(
        field: "--terms", text: "\(client.termsDays)\(client.endOfMonth ? " fin de mois" : "")",
        reason: "is beyond the legal maximum between professionals, 60 days or 45 days end of month (C. com. L441-10 I): a sector agreement allowing more is given with --derogation REASON")
    }
    try client.insert(db)
    try journalCreation(entity: "client", key: client.name, client)
    if let reason { try journalChange(entity: "client", key: client.name, field: "terms_derogation", old: nil, new: reason) }
    return client
  }

  /// The derogation to the legal maximum terms recorded for `client`, if any.
  func termsDerogation(of client: Client) throws -> String? {
    try String.fetchOne(
      db, sql: "SELECT new FROM journal WHERE entity = 'client' AND key = ? AND field = 'terms_derogation' ORDER BY id DESC LIMIT 1",
      arguments: [client.name])
  }

  /// Selects `name` for follow-up, or not: a client not followed is never reminded.
  @discardableResult
  public func setFollowed(_ name: String, _ followed: Bool) throws -> Client {
    var client = try client(named: name)
    guard client.followed != followed else { return client }
    client.followed = followed
    try client.update(db)
    try journalChange(entity: "client", key: client.name, field: "followed", old: String(!followed), new: String(followed))
    return client
  }

  /// The client named `name` (case-insensitive), or `nil`.
  public func findClient(named name: String) throws -> Client? {
    // (Composed, as names are kept: `Café` typed either way is one client.)
    try Client.fetchOne(
      db.cachedStatement(sql: "SELECT * FROM client WHERE name = ? COLLATE NOCASE"),
      arguments: [name.trimmingCharacters(in: " ").precomposedStringWithCanonicalMapping])
  }

  /// The client named `name`.
  ///
  /// - Throws: ``LedgerError/unknownClient(name:)``.
  public func client(named name: String) throws -> Client {
    guard let client = try findClient(named: name) else {
      throw LedgerError.unknownClient(name: name, suggestions: NameSuggestions.nearest(name, among: try String.fetchAll(db, sql: "SELECT name FROM client")))
    }
    return client
  }

  /// The client with id `id`.
  func client(id: Int64) throws -> Client {
    guard let client = try Client.fetchOne(db, key: id) else { throw LedgerError.unknownClient(name: "#\(id)") }
    return client
  }

  /// All clients, by name.
  public func clients() throws -> [Client] {
    try Client.order(sql: "name COLLATE NOCASE").fetchAll(db)
  }
}
