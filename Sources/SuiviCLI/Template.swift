import ArgumentParser
import Wording
import Foundation
import Ledger
import OOXML
import Template

/// `suivi template OUT.xlsx`: writes the downloadable model sheet.
struct TemplateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "template",
    abstract: say("Write the model tracker workbook (blank, or filled from the ledger)."),
    discussion: say("""
      The workbook holds the tracker (Suivi), the reminders log (Relances), a summary \
      (Synthèse) and the drop-down lists (Listes). The same options give the same bytes.
      """)
  )

  @Argument(help: ArgumentHelp(say("The workbook to write (.xlsx).")))
  var output: String

  @Option(help: ArgumentHelp(say("The language of headers and lists: fr or en.")))
  var lang: String = "fr"

  @Option(help: ArgumentHelp(say("The business's name (document properties, print header, summary title).")))
  var company: String?

  @Flag(name: .customLong("from-ledger"), help: ArgumentHelp(say("Fill the tracker with the ledger's invoices, payments and reminders.")))
  var fromLedger = false

  @Option(help: ArgumentHelp(say("With --from-ledger: the day statuses and balances are taken as of (default: today).")))
  var date: String?

  @Flag(help: ArgumentHelp(say("Replace OUT when it exists.")))
  var force = false

  @OptionGroup var ledger: LedgerOptions

  func validate() throws {
    guard TemplateLanguage(rawValue: lang) != nil else {
      throw ValidationError(say("unknown --lang '\(lang)' (fr or en)"))
    }
    if date != nil && !fromLedger { throw ValidationError(say("--date needs --from-ledger")) }
  }

  func run() throws {
    try reportingErrors {
      let language = TemplateLanguage(rawValue: lang) ?? .fr
      let data = try fromLedger ? TemplateData(ledger: ledger.open(), asOf: LedgerArgument.day(date)) : .empty
      let sheet = ModelSheet(model: try .bundled(), language: language, company: company, data: data)
      try sheet.write(to: output, replacing: force)
      try emit(say("\(output): model sheet written (\(data.invoices.count) invoice(s), \(data.reminders.count) reminder(s))") + "\n")
    }
  }
}
