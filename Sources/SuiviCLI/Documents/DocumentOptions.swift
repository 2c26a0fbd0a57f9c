import ArgumentParser
import CivilDate
import Documents
import Foundation
import Ledger
import Wording

/// The options every document command shares.
struct DocumentOptions: ParsableArguments {
  @OptionGroup var ledger: LedgerOptions
  @Option(help: ArgumentHelp(say("The document's day (default: today): its date, and the day amounts and penalties are computed to.")))
  var date: String?
  @Option(help: ArgumentHelp(say("The folder to write to (default: the business's archive, by year and client)."), valueName: "DIR"))
  var out: String?
  @Option(help: ArgumentHelp(say("The document's language: fr or en (default: the documents.language setting, fr)."), valueName: "LANG"))
  var language: String?
  @Option(help: ArgumentHelp(say("A folder of templates replacing the built-in ones of the same name (default: the documents.templates setting)."), valueName: "DIR"))
  var templates: String?
  @Flag(help: ArgumentHelp(say("Print JSON."))) var json = false

  func validate() throws {
    if let language, Language(code: language) == nil { throw ValidationError(say("--language: '\(language)' is not fr or en")) }
  }

  /// The context documents are made in, as of the day given.
  func context(_ settings: LedgerSettings) throws -> DocumentContext {
    let day = try LedgerArgument.day(date)
    let language = language.flatMap(Language.init(code:)) ?? Language(code: settings.documentLanguage) ?? .french
    return DocumentContext(settings: settings, day: day, language: language, templateFolder: templates)
  }

  /// Where documents go: `--out`, else the archive of the business whose ledger this is,
  /// else `archive/` beside the ledger.
  func archive() throws -> DocumentArchive {
    if let out { return DocumentArchive(folder: URL(fileURLWithPath: out), byYearAndClient: false) }
    let path = try ledger.resolvedPath()
    let workspace = Workspace.current()
    if let business = try workspace.business(ofLedger: path) {
      return DocumentArchive(folder: business.folder(in: workspace).appendingPathComponent("archive"), byYearAndClient: true)
    }
    return DocumentArchive(folder: URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("archive"), byYearAndClient: true)
  }

  /// Makes the documents `body` gives from the ledger as of the day given, then keeps them
  /// (``keep(_:context:command:record:)``), every error reported with its status.
  func make(_ command: String, _ body: (LedgerSession, DocumentContext) throws -> [MadeDocument]) throws {
    try reportingErrors {
      let opened = try ledger.open()
      let context = try context(try opened.read { try $0.settings() })
      let documents = try opened.read { try body($0, context) }
      try keep(documents, context: context, command: command) { _, _ in }
    }
  }

  /// `--from`, read, and refused after the document's day.
  static func from(_ text: String?, day: Day) throws -> Day? {
    guard let start = try text.map({ try Day.parse($0, field: "--from") }) else { return nil }
    if start > day { throw LedgerError.invalidValue(field: "--from", text: start.description, reason: "is after --date \(day)") }
    return start
  }

  /// Writes each document, records it in the ledger (with `record`, in the same
  /// transaction: the reminder a letter sends), and prints where it is. A document whose
  /// record fails is taken back: the file and the ledger agree.
  func keep(_ documents: [MadeDocument], context: DocumentContext, command: String, record: (LedgerSession, MadeDocument) throws -> Void) throws {
    try Self.checkLetterhead(of: documents, business: context.settings.business)
    let archive = try archive()
    let opened = try ledger.open()
    var written: [(MadeDocument, String, String)] = []
    // A name the ledger has recorded is taken, even if its file is gone.
    let recorded = Dictionary(try opened.read { try $0.documents() }.map { ($0.path, $0.madeOn) }, uniquingKeysWith: { first, _ in first })
    for document in documents {
      let path = archive.path(for: document, day: context.day).path
      if FileManager.default.fileExists(atPath: path) { throw DocumentError.exists(path: path) }
      if let day = recorded[path] { throw DocumentError.recordedBefore(path: path, on: day.description) }
    }
    do {
      for document in documents {
        let (path, sha) = try archive.write(document, day: context.day)
        written.append((document, path, sha))
      }
      try opened.write(command: command) { session in
        for (document, path, sha) in written {
          try record(session, document)
          // A draft is only a file: not a document made, not waiting to be sent.
          if document.isDraft { continue }
          try session.recordDocument(
            DocumentRecord(
              kind: document.kind.rawValue, title: document.title, path: path, sha256: sha, size: document.bytes.count, madeOn: context.day,
              client: document.client, level: document.level, amount: document.amount, language: context.language.rawValue,
              invoices: document.invoices, source: document.templates.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n")))
        }
      }
    } catch {
      for (_, path, _) in written { archive.remove(path) }
      throw error
    }
    if json {
      let items = written.map { document, path, sha -> LedgerJSON in
        .object([
          ("kind", .string(document.kind.rawValue)), ("path", .string(path)), ("sha256", .string(sha)), ("client", .text(document.client)),
          ("level", document.level.map { .int($0) } ?? .null), ("invoices", .array(document.invoices.map { .string($0) })),
          ("amount", .money(document.amount)), ("pages", .int(Self.pageCount(document.bytes))),
        ])
      }
      try emit(LedgerJSON.array(items).rendered + "\n")
    } else {
      try emit(
        written.map { document, path, _ in
          let pages = Self.pageCount(document.bytes)
          return say(pages > 0 ? "\(path) (\(document.title), \(pages) page(s))" : "\(path) (\(document.title))") + "\n"
        }.joined())
    }
  }

  /// Refuses documents that go out (not a draft, not the owner's own recap) when the
  /// business's settings do not say who sends them; warns when a receipt, which restates an
  /// invoice, lacks the SIRET an invoice must carry (C. com. R123-237).
  static func checkLetterhead(of documents: [MadeDocument], business: BusinessIdentity) throws {
    let outgoing = documents.filter { !$0.isDraft && $0.kind != .recap }
    guard !outgoing.isEmpty else { return }
    let missing = [("business.name", business.name.isEmpty), ("business.address", business.addressLines.isEmpty)].filter(\.1).map(\.0)
    if !missing.isEmpty { throw DocumentError.letterheadIncomplete(missing: missing) }
    if business.siret.isEmpty, outgoing.contains(where: { $0.kind == .receipt || $0.kind == .balance }) {
      StandardError.write(say("warning: the receipt carries no SIRET (business.siret not set), which an invoice must show") + "\n")
    }
  }

  /// How many pages a PDF made by cairo has: its page tree's `/Count` (0 for another file).
  /// (A scan of the bytes: a regular expression over a PDF decoded as text took most of the
  /// time of 500 letters.)
  static func pageCount(_ bytes: [UInt8]) -> Int {
    guard bytes.starts(with: Array("%PDF-".utf8)) else { return 0 }
    let pages = Array("/Pages".utf8)
    let count = Array("/Count".utf8)
    /// The number after `/Count` at `index`, if that is what is there.
    func number(at index: Int) -> Int? {
      var at = index + count.count
      while at < bytes.count, bytes[at] == 0x20 || bytes[at] == 0x0A || bytes[at] == 0x0D || bytes[at] == 0x09 { at += 1 }
      var value = 0
      var digits = 0
      while at < bytes.count, bytes[at] >= 0x30, bytes[at] <= 0x39, digits < 9 {
        value = value * 10 + Int(bytes[at] - 0x30)
        at += 1
        digits += 1
      }
      return digits > 0 ? value : nil
    }
    func matches(_ word: [UInt8], at index: Int) -> Bool {
      index + word.count <= bytes.count && bytes[index..<(index + word.count)].elementsEqual(word)
    }
    var inPages = false
    var best: Int?
    var anyCount: Int?
    var index = 0
    while index < bytes.count {
      if bytes[index] == UInt8(ascii: "/") {
        // `/Pages` as a whole name (not `/PagesX`) opens the page tree's dictionary.
        if matches(pages, at: index), index + pages.count == bytes.count || !(bytes[index + pages.count].isLetterOrDigit) {
          inPages = true
        } else if matches(count, at: index), let value = number(at: index) {
          anyCount = max(anyCount ?? 0, value)
          if inPages { best = max(best ?? 0, value) }
        }
      } else if bytes[index] == UInt8(ascii: ">") {
        inPages = false
      }
      index += 1
    }
    return best ?? anyCount ?? 0
  }
}

extension UInt8 {
  fileprivate var isLetterOrDigit: Bool { (0x30...0x39).contains(self) || (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self) }
}
