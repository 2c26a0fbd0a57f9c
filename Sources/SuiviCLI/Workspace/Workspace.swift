import Foundation
import Ledger
import SheetSync
import Wording

/// Where an assistant keeps the businesses she serves: a folder (`$SUIVI_HOME`, default the
/// per-user data folder `~/.local/share/suivi`) with one folder per business — its ledger
/// (`suivi.sqlite`), its trackers, its archive — named by the business (`business.json`).
struct Workspace {
  let root: URL

  /// The workspace of `$SUIVI_HOME`, else `$XDG_DATA_HOME/suivi`, else `~/.local/share/suivi`.
  static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> Workspace {
    if let home = environment["SUIVI_HOME"], !home.isEmpty { return Workspace(root: URL(fileURLWithPath: home)) }
    let data = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.local/share")
    return Workspace(root: URL(fileURLWithPath: data).appendingPathComponent("suivi"))
  }

  var businessesFolder: URL { root.appendingPathComponent("businesses") }

  /// One business of the workspace.
  struct Business: Codable, Equatable {
    var name: String
    /// Its folder's name (the name without accents, in lower case, words joined by `-`).
    var slug: String

    func folder(in workspace: Workspace) -> URL { workspace.businessesFolder.appendingPathComponent(slug) }
    func ledgerPath(in workspace: Workspace) -> String { folder(in: workspace).appendingPathComponent("suivi.sqlite").path }
  }

  /// The businesses, by name.
  func businesses() throws -> [Business] {
    let folders = (try? FileManager.default.contentsOfDirectory(atPath: businessesFolder.path)) ?? []
    return folders.compactMap { slug in
      let file = businessesFolder.appendingPathComponent(slug).appendingPathComponent("business.json")
      guard let data = FileManager.default.contents(atPath: file.path), var business = try? JSONDecoder().decode(Business.self, from: data)
      else { return nil }
      business.slug = slug
      return business
    }.sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
  }

  /// The business named `name` (letter case and accents aside).
  ///
  /// - Throws: ``WorkspaceError/unknownBusiness(name:suggestions:)``.
  func business(named name: String) throws -> Business {
    let all = try businesses()
    let key = Self.slug(name)
    if let found = all.first(where: { Self.slug($0.name) == key }) { return found }
    throw WorkspaceError.unknownBusiness(name: name, suggestions: NameSuggestions.nearest(name, among: all.map(\.name)))
  }

  /// Adds a business: its folder, its ledger, its trackers and archive folders.
  ///
  /// - Throws: ``WorkspaceError/businessExists(name:)``, or a ledger error.
  func add(_ name: String) throws -> Business {
    let trimmed = name.trimmingCharacters(in: .whitespaces)
    let slug = Self.slug(trimmed)
    guard !slug.isEmpty else { throw WorkspaceError.invalidName(name: name) }
    if let existing = try businesses().first(where: { Self.slug($0.name) == slug }) { throw WorkspaceError.businessExists(name: existing.name) }
    let business = Business(name: trimmed, slug: slug)
    let folder = business.folder(in: self)
    for sub in ["trackers", "archive"] {
      try FileManager.default.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
    }
    _ = try Ledger.create(at: business.ledgerPath(in: self))
    // The name last: a folder without it is not a business yet.
    try JSONEncoder().encode(business).write(to: folder.appendingPathComponent("business.json"), options: .atomic)
    return business
  }

  /// The business whose ledger is `ledgerPath`, if it is one of the workspace's.
  func business(ofLedger ledgerPath: String) throws -> Business? {
    let path = SyncEngine.canonicalPath(ledgerPath)
    return try businesses().first { SyncEngine.canonicalPath($0.ledgerPath(in: self)) == path }
  }

  /// Refuses `tracker` for the business whose ledger is `ledgerPath` when another business
  /// of the workspace has it bound: one tracker, one business. A tracker the business has
  /// bound already is its own (it was checked when it was bound): the other ledgers are
  /// opened only for a tracker new to it.
  func refuseTrackerOfAnotherBusiness(_ tracker: String, ledgerPath: String) throws {
    guard let business = try business(ofLedger: ledgerPath) else { return }
    let file = SyncEngine.canonicalPath(tracker)
    if FileManager.default.fileExists(atPath: ledgerPath), try Ledger.open(at: ledgerPath).read({ try $0.isTrackerBound(file) }) { return }
    if let other = try owner(ofTracker: tracker, except: business.slug) {
      throw WorkspaceError.trackerOfAnotherBusiness(file: tracker, business: business.name, boundTo: other.name)
    }
  }

  /// The business of the workspace (other than `except`) whose ledger has `tracker` bound.
  func owner(ofTracker tracker: String, except slug: String?) throws -> Business? {
    let file = SyncEngine.canonicalPath(tracker)
    for other in try businesses() where other.slug != slug {
      let ledger = other.ledgerPath(in: self)
      guard FileManager.default.fileExists(atPath: ledger) else { continue }
      if try Ledger.open(at: ledger).read({ try $0.isTrackerBound(file) }) { return other }
    }
    return nil
  }

  /// A name as a folder name: no accents, lower case, letters and digits, words joined by `-`.
  static func slug(_ name: String) -> String {
    let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    return folded.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }).joined(separator: "-")
  }

}

/// A workspace refusal, said with the business named.
enum WorkspaceError: Error, Phrased {
  case unknownBusiness(name: String, suggestions: [String])
  case businessExists(name: String)
  case invalidName(name: String)
  /// A tracker bound to one business, used with another's ledger.
  case trackerOfAnotherBusiness(file: String, business: String, boundTo: String)
  /// No ledger here, no business named, and the workspace has businesses: which one?
  case noBusinessChosen(path: String, businesses: [String])

  var phrase: Phrase {
    switch self {
    case let .unknownBusiness(name, suggestions):
      suggestions.isEmpty
        ? "unknown business \"\(name)\" (see `suivi business list`)"
        : "unknown business \"\(name)\" (did you mean \(suggestions.map { "\"\($0)\"" as Phrase }.joined())? see `suivi business list`)"
    case let .businessExists(name): "the business \"\(name)\" exists already"
    case let .invalidName(name): "NAME: \"\(name)\" is not a business name (it needs letters or digits)"
    case let .noBusinessChosen(path, businesses):
      "\(path): no ledger here; say which business: --business \(businesses.prefix(3).map { "\"\($0)\"" as Phrase }.joined(separator: ", "))\(businesses.count > 3 ? "…" : "") (see `suivi business list`)"
    case let .trackerOfAnotherBusiness(file, business, boundTo):
      "\(file): this tracker is \(boundTo)'s, not \(business)'s: nothing written (sync it with --business \"\(boundTo)\")"
    }
  }
}
