import ArgumentParser
import Ledger
import Wording

/// `suivi init`: creates the ledger.
struct LedgerInit: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: say("Create the ledger (suivi.sqlite here, or --ledger / $SUIVI_LEDGER)."),
    discussion: say("On an existing ledger, applies any schema migration it lacks and changes nothing else.")
  )

  @OptionGroup var ledger: LedgerOptions

  func run() throws {
    try reportingErrors {
      let path = try ledger.resolvedPath()
      let (_, created) = try Ledger.create(at: path)
      try emit(say(created ? "Created the ledger \(path)" : "The ledger \(path) already exists; its schema is up to date") + "\n")
    }
  }
}
