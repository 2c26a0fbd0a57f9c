import CivilDate
import GRDB
import Wording

/// How a document went out.
public enum SendChannel: String, Sendable, CaseIterable {
  case email
  /// Ordinary mail (*courrier simple*).
  case letter
  /// Registered mail with acknowledgement of receipt (*LRAR*): its tracking number is kept.
  case registeredLetter = "registered_letter"
  /// Deposited on Chorus Pro (public buyers' invoices).
  case chorusPro = "chorus_pro"
  /// Sent to a third-party payer (a factor, an insurer, a mutuelle).
  case thirdParty = "third_party"

  public var name: Phrase {
    switch self {
    case .email: "e-mail"
    case .letter: "letter"
    case .registeredLetter: "registered letter with acknowledgement of receipt"
    case .chorusPro: "Chorus Pro deposit"
    case .thirdParty: "third-party payer"
    }
  }

  /// Reads a code or a French word (`lrar`, `recommandé`, `chorus`, `tiers payant`…).
  public static func parse(_ text: String, field: Phrase = "--channel") throws -> SendChannel {
    switch Spelling.key(text) {
    case "email", "e mail", "mail", "courriel": return .email
    case "letter", "courrier", "lettre", "post": return .letter
    case "registered letter", "registered_letter", "lrar", "recommande", "lettre recommandee", "ar": return .registeredLetter
    case "chorus", "chorus pro", "chorus_pro": return .chorusPro
    case "third party", "third_party", "tiers", "tiers payeur", "tiers payant": return .thirdParty
    default:
      throw LedgerError.invalidValue(field: field, text: text, reason: "is not a channel (email, letter, lrar, chorus_pro, third_party)")
    }
  }
}

/// Where a send stands: each change is kept, with its day.
public enum SendStatus: String, Sendable, CaseIterable {
  /// Sent (*envoyé*).
  case sent
  /// Delivered (*remis*).
  case delivered
  /// The acknowledgement of receipt came back (*AR reçu*).
  case acknowledged
  /// Rejected (*rejeté*), with a reason: the document is to be corrected and sent again.
  case rejected
  /// Corrected and sent again (*corrigé et renvoyé*): a later send replaces this one.
  case corrected

  public var name: Phrase {
    switch self {
    case .sent: "sent"
    case .delivered: "delivered"
    case .acknowledged: "acknowledgement of receipt received"
    case .rejected: "rejected"
    case .corrected: "corrected and sent again"
    }
  }

  public static func parse(_ text: String) throws -> SendStatus {
    switch Spelling.key(text) {
    case "sent", "envoye": return .sent
    case "delivered", "remis", "livre": return .delivered
    case "acknowledged", "ar", "ar recu", "ar_recu", "accuse de reception": return .acknowledged
    case "rejected", "rejete", "refuse": return .rejected
    case "corrected", "corrige", "corrige et renvoye": return .corrected
    default:
      throw LedgerError.invalidValue(
        field: "--status", text: text, reason: "is not a status (sent, delivered, acknowledged, rejected, corrected)")
    }
  }
}

/// One send of a document, and its delivery over time.
public struct Sending: Sendable, Equatable {
  public var id: Int64
  public var path: String
  public var title: String?
  public var client: String?
  public var channel: SendChannel
  public var recipient: String
  public var sentOn: Day
  public var tracking: String?
  /// Where the message is (an `.eml` in the outbox), or how it went (`smtp://…`).
  public var message: String?
  /// The send this one corrects.
  public var replaces: Int64?
  /// Every status, oldest first: (status, day, reason).
  public var history: [(status: SendStatus, day: Day, reason: String?)]

  public var status: SendStatus { history.last?.status ?? .sent }

  public static func == (lhs: Sending, rhs: Sending) -> Bool {
    lhs.id == rhs.id && lhs.history.map(\.status) == rhs.history.map(\.status) && lhs.tracking == rhs.tracking
  }
}

extension LedgerSession {
  /// Records a send of the document at `path` (one Suivi made, or any file).
  ///
  /// A registered letter needs its tracking number; `replaces` (a rejected send) is marked
  /// corrected and sent again.
  @discardableResult
  public func recordSending(
    path: String, channel: SendChannel, recipient: String, on day: Day, tracking: String? = nil, message: String? = nil, replaces: Int64? = nil
  ) throws -> Sending {
    if channel == .registeredLetter, (tracking ?? "").isEmpty {
      throw LedgerError.invalidValue(field: "--tracking", text: "", reason: "a registered letter is recorded with its tracking number")
    }
    let document = try Int64.fetchOne(db, sql: "SELECT id FROM document WHERE path = ?", arguments: [path])
    if let replaces {
      let previous = try sending(replaces)
      guard previous.status == .rejected else {
        throw LedgerError.invalidValue(field: "--replaces", text: String(replaces), reason: "is not a rejected send (it is \(previous.status.name))")
      }
    }
    try db.execute(
      sql: "INSERT INTO sending (documentId, path, channel, recipient, sentOn, tracking, message, replaces) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      arguments: [document, path, channel.rawValue, recipient, day.description, tracking, message, replaces])
    let id = db.lastInsertedRowID
    try addStatus(id, .sent, on: day, reason: nil)
    if let replaces { try addStatus(replaces, .corrected, on: day, reason: "#\(id)") }
    try journalChange(entity: "sending", key: String(id), field: "status", old: nil, new: SendStatus.sent.rawValue)
    return try sending(id)
  }

  /// A new status of send `id` on `day` (a rejection with its reason).
  @discardableResult
  public func updateSending(_ id: Int64, status: SendStatus, on day: Day, reason: String? = nil) throws -> Sending {
    let current = try sending(id)
    if status == .rejected, (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
      throw LedgerError.invalidValue(field: "--reason", text: "", reason: "is empty: say why it was rejected")
    }
    if status == .corrected {
      throw LedgerError.invalidValue(
        field: "--status", text: status.rawValue, reason: "is set when the corrected document is sent (suivi send … --replaces \(id))")
    }
    if status == .acknowledged, current.channel != .registeredLetter {
      throw LedgerError.invalidValue(field: "--status", text: status.rawValue, reason: "is for a registered letter")
    }
    if let last = current.history.last, day < last.day {
      throw LedgerError.invalidValue(field: "--date", text: day.description, reason: "is before its last status (\(last.day))")
    }
    try addStatus(id, status, on: day, reason: reason)
    try journalChange(entity: "sending", key: String(id), field: "status", old: current.status.rawValue, new: status.rawValue)
    return try sending(id)
  }

  private func addStatus(_ id: Int64, _ status: SendStatus, on day: Day, reason: String?) throws {
    try db.execute(
      sql: "INSERT INTO sending_status (sendingId, status, day, reason, at) VALUES (?, ?, ?, ?, ?)",
      arguments: [id, status.rawValue, day.description, reason, commandTime])
  }

  /// Send `id`.
  public func sending(_ id: Int64) throws -> Sending {
    guard let found = try sendings(only: id).first else { throw LedgerError.invalidValue(field: "ID", text: String(id), reason: "is not a send of this ledger (suivi sent)") }
    return found
  }

  /// Every send, newest first.
  public func sendings() throws -> [Sending] { try sendings(only: nil) }

  private func sendings(only id: Int64?) throws -> [Sending] {
    var history: [Int64: [(SendStatus, Day, String?)]] = [:]
    for row in try Row.fetchAll(
      db, sql: "SELECT sendingId, status, day, reason FROM sending_status WHERE ?1 IS NULL OR sendingId = ?1 ORDER BY id", arguments: [id])
    {
      guard let status = SendStatus(rawValue: row[1]), let day = Day.iso(row[2]) else { continue }
      history[row[0], default: []].append((status, day, row[3]))
    }
    return try Row.fetchAll(
      db,
      sql: """
        SELECT s.id, s.path, d.title, c.name, s.channel, s.recipient, s.sentOn, s.tracking, s.message, s.replaces
        FROM sending s LEFT JOIN document d ON d.id = s.documentId LEFT JOIN client c ON c.id = d.clientId
        WHERE ?1 IS NULL OR s.id = ?1 ORDER BY s.sentOn DESC, s.id DESC
        """, arguments: [id]
    ).map { row in
      Sending(
        id: row[0], path: row[1], title: row[2], client: row[3], channel: SendChannel(rawValue: row[4]) ?? .email, recipient: row[5],
        sentOn: Day.iso(row[6]) ?? Day(daysSinceEpoch: 0), tracking: row[7], message: row[8], replaces: row[9],
        history: (history[row[0]] ?? []).map { (status: $0.0, day: $0.1, reason: $0.2) })
    }
  }

  /// The documents made and never sent (letters, statements, receipts, claims), oldest
  /// first: the agenda's documents waiting to be sent.
  public func documentsToSend() throws -> [DocumentRecord] {
    let sent = Set(try Int64.fetchAll(db, sql: "SELECT DISTINCT documentId FROM sending WHERE documentId IS NOT NULL"))
    return try documents().filter { !sent.contains($0.id ?? -1) && $0.kind != "recap" }.reversed()
  }
}
