import ArgumentParser
import CivilDate
import Ledger
import Wording

/// `suivi config`: the ledger's settings (dunning policy, penalty rate, prefixes).
struct ConfigCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "config", abstract: say("Show or change the ledger's settings."), subcommands: [Show.self, Set.self],
    defaultSubcommand: Show.self)

  /// `suivi config show`.
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: say("Print the settings in force."))
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
      try reportingErrors {
        let settings = try ledger.open().read { try $0.settings() }
        var lines = [
          "invoice.prefix = \(settings.invoicePrefix)", "credit_note.prefix = \(settings.creditNotePrefix)",
          "dunning.levels = \(settings.dunning.levelCount)", "dunning.first_delay_days = \(settings.dunning.firstDelayDays)",
          "dunning.spacing_days = \(settings.dunning.spacingDays)",
        ]
        for level in settings.dunning.activeLevels {
          lines.append(say("dunning.level.\(level.level) = \(level.displayName), \(level.channel.name), after \(settings.dunning.delay(of: level.level)) days"))
        }
        let now = HalfYear(containing: Day.today)
        let inForce = settings.penaltyRate(in: now)
        let contractual = settings.contractualRateBasisPoints.map { VATRate(basisPoints: $0).description } ?? ""
        lines += [
          "penalty.margin = \(VATRate(basisPoints: settings.penaltyMarginBasisPoints))",
          say(
            inForce.isKnown
              ? "penalty.rate = \(contractual) (in force in \(now.description): \(VATRate(basisPoints: inForce.basisPoints)) %)"
              : "penalty.rate = \(contractual) (in force in \(now.description): \(VATRate(basisPoints: inForce.basisPoints)) %, provisional: the half-year's rate is not in the table)"),
          "penalty.indemnity = \(settings.indemnity)",
        ]
        // The rates of the last three years, with where each comes from.
        for (name, table) in [("rate.ecb", settings.ecbRates), ("rate.legal", settings.legalRates)] {
          for half in table.halfYears.suffix(6) {
            lines.append("\(name).\(half) = \(VATRate(basisPoints: table.rates[half]!.basisPoints)) (\(table.rates[half]!.source))")
          }
          if table.rates[now] == nil { lines.append(say("\(name).\(now.description) = not in the table: set it with suivi config set \(name).\(now.description) RATE")) }
        }
        try emit(lines.joined(separator: "\n") + "\n")
      }
    }
  }

  /// `suivi config set KEY VALUE`.
  struct Set: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: say("Change a setting (an empty value restores the default)."))
    @OptionGroup var ledger: LedgerOptions
    @Argument(help: ArgumentHelp(say("The key, e.g. rate.ecb.2026-H2 or dunning.spacing_days."))) var key: String
    @Argument(help: ArgumentHelp(say("The value."))) var value: String

    func run() throws {
      try reportingErrors {
        try ledger.open().write(command: "config set") { try $0.setSetting(key: key, value: value) }
        try emit("\(key) = \(value)\n")
      }
    }
  }
}
