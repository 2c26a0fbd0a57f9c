import ArgumentParser
import Foundation
import Ledger
import Wording
import OOXML

/// The options every ledger command shares: where the ledger is.
struct LedgerOptions: ParsableArguments {
  @Option(name: .customLong("ledger"), help: ArgumentHelp(say("The ledger file (default: $SUIVI_LEDGER, else the business of this folder, else ./suivi.sqlite).")))
  var path: String?

  @Option(help: ArgumentHelp(say("The business whose ledger to use, in the workspace ($SUIVI_HOME; see `suivi business list`).")))
  var business: String?

  func validate() throws {
    if path != nil && business != nil { throw ValidationError("give --ledger or --business, not both") }
  }

  /// Whether one ledger is named (`--ledger`, `--business` or `SUIVI_LEDGER`), rather than
  /// found from where the command runs.
  var namesOneLedger: Bool {
    path != nil || business != nil || !(ProcessInfo.processInfo.environment["SUIVI_LEDGER"] ?? "").isEmpty
  }

  /// The ledger's path: `--ledger`, else `--business`'s, else `SUIVI_LEDGER`, else the
  /// ledger of the business whose folder this is (or is in), else `suivi.sqlite` here.
  ///
  /// - Throws: ``WorkspaceError/unknownBusiness(name:suggestions:)``.
  func resolvedPath() throws -> String {
    if let path { return path }
    let workspace = Workspace.current()
    if let business { return try workspace.business(named: business).ledgerPath(in: workspace) }
    if let path = ProcessInfo.processInfo.environment["SUIVI_LEDGER"], !path.isEmpty { return path }
    var folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    while folder.path != "/" {
      let ledger = folder.appendingPathComponent("suivi.sqlite")
      if FileManager.default.fileExists(atPath: folder.appendingPathComponent("business.json").path),
        FileManager.default.fileExists(atPath: ledger.path)
      {
        return ledger.path
      }
      folder.deleteLastPathComponent()
    }
    return "suivi.sqlite"
  }

  /// Opens the existing ledger. None here, none named, and businesses in the workspace:
  /// the error names them (rather than suggest `suivi init` in a folder of no business).
  func open() throws -> Ledger { try Ledger.open(at: existingPath()) }

  /// ``resolvedPath()``, refused when it is no ledger, none was named and the workspace has
  /// businesses (``WorkspaceError/noBusinessChosen(path:businesses:)``).
  func existingPath() throws -> String {
    let path = try resolvedPath()
    if !namesOneLedger, path == "suivi.sqlite", !FileManager.default.fileExists(atPath: path) {
      let names = try Workspace.current().businesses().map(\.name).sorted()
      if !names.isEmpty { throw WorkspaceError.noBusinessChosen(path: path, businesses: names) }
    }
    return path
  }
}

/// Parsing command-line text into the ledger's typed values, inside `reportingErrors`
/// so that a bad value gets its own exit status rather than a usage error.
enum LedgerArgument {
  static func day(_ text: String?, field: Phrase = "--date") throws -> Day {
    guard let text else { return Day.today }  // (a date typed is read by Day.parse: ISO, dd/mm/yyyy, aujourd'hui)
    return try Day.parse(text, field: field)
  }

  static func money(_ text: String, field: Phrase) throws -> Cents { try Cents.parse(text, field: field) }

  /// `FA-240001` or `FA-240001=120.50`.
  static func allocation(_ text: String) throws -> (number: String, amount: Cents?) {
    let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
    let amount = try parts.count > 1 ? Cents.parse(String(parts[1]), field: "--invoice \(parts[0])") : nil
    return (String(parts[0]), amount)
  }
}

/// Writes `text` to standard output.
func emit(_ text: String) throws {
  let output = OutputWriter()
  try output.write(text)
  try output.flush()
}
