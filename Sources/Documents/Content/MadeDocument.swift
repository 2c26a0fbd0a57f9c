import CivilDate
import Ledger
import Wording

/// What the documents say: their kinds, their language, the templates they are made from.
public struct DocumentContext {
  public var settings: LedgerSettings
  public var day: Day
  public var language: Language
  /// The folder of the assistant's own templates (`documents.templates`, or `--templates`).
  public var templateFolder: String?

  public init(settings: LedgerSettings, day: Day, language: Language, templateFolder: String? = nil) {
    self.settings = settings
    self.day = day
    self.language = language
    self.templateFolder = templateFolder ?? (settings.documentTemplates.isEmpty ? nil : settings.documentTemplates)
  }

  var words: DocumentWords { DocumentWords(language: language) }
  var templates: DocumentTemplates { DocumentTemplates(folder: templateFolder) }
  var salutation: String { words.doc("Dear Sir or Madam") }

  func frame(title: String, recipient: Client?, mentions: [String] = [], subject: String? = nil) throws -> DocumentFrame {
    let lines = recipient?.address.map(BusinessIdentity.addressLines) ?? []
    return DocumentFrame(
      identity: settings.business, logo: try DocumentFrame.logo(at: settings.business.logo), recipient: recipient.map { ($0.name, lines) },
      title: title, mentions: mentions, subject: subject, day: day, words: words)
  }

  /// The values every template has: the business, the client, the day.
  func commonValues(client: Client?) -> [String: Any] {
    var values: [String: Any] = [
      "salutation": salutation, "day": words.longDay(day), "business_name": settings.business.name, "city": settings.business.city,
      "signatory": settings.business.signatory,
    ]
    if !settings.business.iban.isEmpty { values["iban"] = settings.business.ibanGrouped }
    if !settings.business.bic.isEmpty { values["bic"] = settings.business.bic }
    if let client {
      values["client_name"] = client.name
      values["is_consumer"] = client.isConsumer
    }
    return values
  }
}

/// A document made: its bytes and what it was made from (kept in the ledger with its
/// SHA-256, C. com. L123-22).
public struct MadeDocument: Sendable {
  public enum Kind: String, Sendable, CaseIterable {
    case letter, claimFile = "claim_file", statement, receipt, balance, recap
  }

  public var kind: Kind
  public var title: String
  public var client: String?
  public var level: Int?
  /// The invoices it is about.
  public var invoices: [String]
  /// The amount it states (what is claimed, owed, or paid).
  public var amount: Cents
  /// The templates it was made from (`built-in` or the assistant's file), by name.
  public var templates: [String: String]
  public var bytes: [UInt8]
  /// A name for its file, without folder (`2024-12-05 Mise en demeure - Dumont & co.pdf`).
  public var fileName: String
  /// A draft (`--draft`): marked as such, named apart, not kept in the ledger.
  public var isDraft = false
}

extension DocumentContext {
  /// The body of a template rendered around a table: its paragraphs before, the table, its
  /// paragraphs after.
  func body(_ name: String, _ values: [String: Any], table: Table?) throws -> (blocks: [Block], source: String) {
    let (before, after, source) = try templates.paragraphs("\(name).\(language.rawValue)", values)
    var blocks: [Block] = before.map { .paragraph($0, .body, after: 8) }
    if let table { blocks.append(.table(table)) }
    blocks += after.map { .paragraph($0, .body, after: 8) }
    return (blocks, source)
  }

  /// The closing block: the signatory, kept with the paragraph before it.
  func signature(_ blocks: inout [Block]) {
    let signatory = settings.business.signatory.isEmpty ? settings.business.name : settings.business.signatory
    guard !signatory.isEmpty else { return }
    var style = TextStyle.body
    style.alignment = .right
    let last = blocks.popLast()
    blocks.append(.keepTogether([last, .space(10), .paragraph(signatory, style, after: 0)].compactMap { $0 }))
  }

  /// A file name of `title`, `client` and the day, with nothing a file system refuses.
  func fileName(_ title: String, client: String?) -> String {
    DocumentArchive.safeName(([day.description, title] + (client.map { [$0] } ?? [])).joined(separator: " - ")) + ".pdf"
  }
}
