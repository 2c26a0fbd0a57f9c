import ArgumentParser
import Wording

/// The root of the `suivi` command line: subcommands only.
public struct SuiviCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "suivi",
    abstract: say("Keep an invoice-tracking workbook (.xlsx) in sync with a local ledger."),
    version: "0.1.0",
    subcommands: [Inspect.self, Edit.self] + ledgerSubcommands + [Map.self, Pull.self, Push.self, Sync.self, Status.self, Conflicts.self, Resolve.self, TemplateCommand.self]
  )

  public init() {}
}
