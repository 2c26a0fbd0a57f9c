import ArgumentParser
import Foundation
import Ledger
import Wording

/// `suivi dashboard --out FILE.html`: one self-contained page over every business.
struct DashboardCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dashboard",
    abstract: say("Write the dashboard: per business, amount owed and its aged balance, DSO over the last year, reminders due, conflicts."),
    discussion: say(
      "One HTML page with its charts inside (SVG), nothing fetched from a network: open it in a browser, or send it. Across the businesses of the workspace ($SUIVI_HOME), or the one ledger of --ledger / --business. The page is replaced each time."
    ))

  @OptionGroup var ledger: LedgerOptions
  @Option(help: ArgumentHelp(say("The page to write (.html)."), valueName: "FILE")) var out: String
  @Option(help: ArgumentHelp(say("The day (default: today)."))) var date: String?

  func run() throws {
    try reportingErrors {
      let day = try LedgerArgument.day(date)
      let workspace = Workspace.current()
      var ledgers: [(name: String, path: String)] = []
      if !ledger.namesOneLedger {
        ledgers = try workspace.businesses().map { ($0.name, $0.ledgerPath(in: workspace)) }
      }
      if ledgers.isEmpty {
        let path = try ledger.resolvedPath()
        let name = try ledger.business.map { try workspace.business(named: $0).name } ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        ledgers = [(name, path)]
      }
      let businesses = try ledgers.map { try DashboardData.business(named: $0.name, ledger: Ledger.open(at: $0.path), asOf: day) }
      let page = DashboardPage.render(DashboardData(date: day, businesses: businesses), language: Language.current)
      try Self.write(page, to: out)
      try emit(say("\(out): dashboard of \(businesses.count) business(es) as of \(day)") + "\n")
    }
  }

  /// Writes `text` beside `path`, then renames it over: a reader never sees half a page.
  static func write(_ text: String, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
    do {
      try Data(text.utf8).write(to: temporary, options: .withoutOverwriting)
      guard rename(temporary.path, url.path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw DashboardError.cannotWrite(path: path, reason: "\((error as NSError).localizedDescription)")
    }
  }
}

enum DashboardError: Error, Phrased {
  case cannotWrite(path: String, reason: String)

  var phrase: Phrase {
    switch self {
    case let .cannotWrite(path, reason): "\(path): cannot write the dashboard (\(reason))"
    }
  }
}
