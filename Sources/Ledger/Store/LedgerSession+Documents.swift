import CivilDate
import GRDB

/// A document Suivi made and the ledger keeps track of: where it is, its SHA-256, what it
/// was made from, how long it is kept (ten years, C. com. L123-22).
public struct DocumentRecord: Sendable, Equatable {
  public var id: Int64?
  public var kind: String
  public var title: String
  public var path: String
  public var sha256: String
  public var size: Int
  public var madeOn: Day
  public var madeAt: String
  public var keepUntil: Day
  public var client: String?
  public var level: Int?
  public var amount: Cents
  public var language: String
  public var invoices: [String]
  /// What it was made from, as `name=source` pairs (the templates, the settings).
  public var source: String

  public init(
    kind: String, title: String, path: String, sha256: String, size: Int, madeOn: Day, client: String?, level: Int?, amount: Cents,
    language: String, invoices: [String], source: String
  ) {
    self.kind = kind
    self.title = title
    self.path = path
    self.sha256 = sha256
    self.size = size
    self.madeOn = madeOn
    madeAt = ""
    // Ten years on (29 February: the 28th, that year having none).
    keepUntil = Day(year: madeOn.year + 10, month: madeOn.month, day: madeOn.day) ?? Day(year: madeOn.year + 10, month: madeOn.month, day: 28)!
    self.client = client
    self.level = level
    self.amount = amount
    self.language = language
    self.invoices = invoices
    self.source = source
  }
}

extension LedgerSession {
  /// Records a document made (its file written): journaled like every fact.
  @discardableResult
  public func recordDocument(_ document: DocumentRecord) throws -> DocumentRecord {
    var document = document
    let clientId = try document.client.map { try client(named: $0).id! }
    document.madeAt = commandTime
    try db.execute(
      sql: """
        INSERT INTO document (kind, title, path, sha256, size, madeOn, madeAt, keepUntil, clientId, level, amount, language, invoices, source)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        document.kind, document.title, document.path, document.sha256, document.size, document.madeOn.description, document.madeAt,
        document.keepUntil.description, clientId, document.level, document.amount.value, document.language,
        document.invoices.joined(separator: "\n"), document.source,
      ])
    document.id = db.lastInsertedRowID
    try journalChange(entity: "document", key: String(document.id!), field: "sha256", old: nil, new: document.sha256)
    return document
  }

  /// The documents made, newest first (of one client, if given).
  public func documents(client name: String? = nil) throws -> [DocumentRecord] {
    let clientId = try name.map { try client(named: $0).id! }
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT d.id, d.kind, d.title, d.path, d.sha256, d.size, d.madeOn, d.madeAt, d.keepUntil, c.name, d.level, d.amount, d.language, d.invoices, d.source
        FROM document d LEFT JOIN client c ON c.id = d.clientId
        WHERE ?1 IS NULL OR d.clientId = ?1 ORDER BY d.madeOn DESC, d.id DESC
        """, arguments: [clientId])
    return rows.map { row in
      var record = DocumentRecord(
        kind: row[1], title: row[2], path: row[3], sha256: row[4], size: row[5], madeOn: Day.iso(row[6]) ?? Day(daysSinceEpoch: 0),
        client: row[9], level: row[10], amount: Cents(row[11]), language: row[12],
        invoices: (row[13] as String).split(separator: "\n").map(String.init), source: row[14])
      record.id = row[0]
      record.madeAt = row[7]
      record.keepUntil = Day.iso(row[8]) ?? record.keepUntil
      return record
    }
  }
}
