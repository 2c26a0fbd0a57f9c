import Foundation
import Testing

import ArgumentParser
import TestSupport

@testable import SuiviCLI

/// What people read is in one language: French under a French locale (or `--lang fr`),
/// English otherwise. Every command of a working day is run both ways, and every line of
/// its output and of its errors is checked: no sentence missing from the catalogue, no code
/// of the ledger's enums, no word of the other language, days and amounts written the
/// language's way. `--json` stays the same in both.
@Suite struct LanguageTests {
  /// The ledger's codes, never shown to people (they are for `--json`).
  static let codes = [
    "en_attente", "partiellement_reglee", "reglee", "en_retard", "a_relancer", "annulee", "registered_letter", "no_answer",
    "both_changed", "new_on_both_sides", "not_applicable", "deleted_row", "undated_payment", "same_number", "paidOn", "amountHT",
    "amountTTC", "issueDate", "dueDate", "paymentMethod", "amountPaid",
  ]
  /// English words that have no place in a French line.
  static let english = [
    " the ", " due ", " paid", " invoice", " days", " by ", " did ", " level ", "status", " to the ledger", " sheet", " reminder",
    " late", " owed", " credit note", " conflict", " sync ", "Invoice ", "Payment ", "Added ", "Recorded ", " and ", " not ",
    "error:", " with ", " of ", "Report as of",
  ]
  /// French words that have no place in an English line.
  static let french = [
    "facture", "relance", "réglé", "échéance", "reste dû", "à relancer", "téléphone", "virement", "registre", "feuille", "conflit",
    " jours", "erreur", "Rapport", "Niveau", " le ", " du ", " des ",
  ]

  struct Day {
    let home: URL
    let ledger: String
    let tracker: String
    let language: String
    var outputs: [(command: String, text: String)] = []

    init(language: String) throws {
      home = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-language-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
      ledger = home.appendingPathComponent("suivi.sqlite").path
      tracker = home.appendingPathComponent("suivi.xlsx").path
      self.language = language
    }

    /// Runs `suivi ARGUMENTS` under the language's locale; the output is kept to be checked.
    @discardableResult
    mutating func run(_ arguments: String..., ledger withLedger: Bool = true, expect status: Int32? = 0) throws -> Subprocess.Result {
      let locale = language == "fr" ? "fr_FR.UTF-8" : "C"
      let result = try Subprocess.run(
        Subprocess.suivi, arguments + (withLedger ? ["--ledger", ledger] : []), environment: ["LANG": locale, "SUIVI_HOME": home.path])
      if let status { #expect(result.status == status, "suivi \(arguments.joined(separator: " ")): \(result.status) \(result.stderr)") }
      outputs.append((arguments.joined(separator: " "), result.stdout + result.stderr))
      return result
    }

    /// A working day: clients, invoices, a partial payment, reminders, a statement, a
    /// report, a tracker pulled, edited on both sides and synced with a conflict, the
    /// agenda, the workspace, and the mistakes people make.
    mutating func work() throws {
      try run("init")
      try run("client", "add", "Acme SA", "--terms", "30")
      try run("client", "add", "Zenith", "--terms", "45", "--end-of-month")
      try run("client", "list")
      try run("client", "follow", "Zenith", "off")
      try run("client", "follow", "Zenith", "on")
      try run("invoice", "add", "--client", "Acme SA", "--date", "02/09/2024", "--amount-ht", "1234.50", "--service", "Audit")
      try run("invoice", "add", "--client", "Acme SA", "--date", "2024-09-10", "--amount-ht", "400")
      try run("invoice", "add", "--client", "Zenith", "--date", "2024-09-12", "--amount-ht", "250", "--needs-approval")
      try run("invoice", "submit", "FA-240003", "--date", "2024-09-12")
      try run("invoice", "approve", "FA-240003", "--date", "2024-09-13")
      try run("invoice", "send", "FA-240003", "--date", "2024-09-13")
      try run("invoice", "next", "--date", "2024-09-14")
      try run("payment", "add", "--client", "Acme SA", "--amount", "500", "--date", "15/10/2024", "--method", "virement", "--invoice", "FA-240001")
      try run("payment", "list")
      try run("invoice", "credit", "FA-240002", "--amount-ht", "100", "--date", "2024-10-20", "--reason", "remise")
      try run("invoice", "list", "--date", "2024-12-01")
      try run("invoice", "show", "FA-240001", "--date", "2024-12-01")
      try run("invoice", "dispute", "FA-240002", "--date", "2024-11-02")
      try run("invoice", "dispute", "FA-240002", "--resolved", "--date", "2024-11-20")
      try run("remind", "list", "--date", "2024-11-05")
      try run("remind", "list", "--by-client", "--date", "2024-11-05")
      try run("remind", "record", "FA-240001", "--level", "1", "--date", "2024-11-05")
      try run("remind", "outcome", "FA-240001", "--level", "1", "--outcome", "promise", "--promised", "2024-11-20")
      try run("remind", "list", "--date", "2024-12-20")
      try run("remind", "statement", "Acme SA", "--date", "2024-12-20")
      try run("report", "--date", "2024-12-31")
      try run("config", "show")
      try run("template", tracker, "--from-ledger", "--date", "2024-12-31", "--lang", language)
      try run("pull", tracker, "--date", "2024-12-31", expect: nil)
      try run("map", tracker)
      // Both sides change FA-240002's notes: a conflict.
      try run("edit", tracker, "--set", "O3=x", ledger: false)
      try run("status", tracker, "--date", "2024-12-31", expect: nil)
      try run("sync", tracker, "--date", "2024-12-31", expect: nil)
      try run("conflicts")
      try run("today", "--date", "2024-12-31")
      // Documents, and sending them.
      try run("config", "set", "business.name", "Dumont SARL")
      try run("config", "set", "business.email", "contact@dumont.fr")
      try run("config", "set", "documents.language", language)
      let docs = home.appendingPathComponent("docs").path
      // (Acme SA's letter is held back: one of its invoices has an open conflict.)
      try run("letter", "Acme SA", "--level", "3", "--date", "2024-12-20", "--draft", "--out", docs)
      try run("letter", "Zenith", "--level", "1", "--date", "2024-12-20", "--draft", "--out", docs, expect: nil)
      // Not sent before the letterhead says where from.
      try run("statement", "Acme SA", "--date", "2024-12-20", "--out", docs, expect: 66)
      try run("config", "set", "business.address", "12 rue de la République / 69002 Lyon")
      let letter = try run("statement", "Acme SA", "--date", "2024-12-20", "--out", docs)
      try run("receipt", "FA-240001", "--date", "2024-12-20", "--out", docs)
      try run("recap", "--date", "2024-12-31", "--out", docs)
      try run("documents")
      let pdf = letter.stdout.components(separatedBy: ".pdf").first.map { $0 + ".pdf" } ?? ""
      try run("send", pdf, "--to", "compta@acme.fr", "--date", "2024-12-21", "--out", home.appendingPathComponent("outbox").path)
      try run("sent", "record", pdf, "--channel", "lrar", "--tracking", "1A00001", "--date", "2024-12-21")
      try run("sent", "update", "2", "--status", "acknowledged", "--date", "2024-12-23")
      try run("sent", "update", "1", "--status", "rejected", "--reason", "wrong address", "--date", "2024-12-22")
      try run("sent")
      try run("today", "--date", "2024-12-31")
      try run("dashboard", "--out", home.appendingPathComponent("dashboard.html").path, "--date", "2024-12-31")
      try run("business", "add", "Garage Renaud", ledger: false)
      try run("business", "list", ledger: false)
      try run("business", "show", "Garage Renaud", ledger: false)
      // The bank's statements: a payment applied, a credit nobody owes reviewed and dismissed,
      // the payment undone, a file that is no statement.
      let first = home.appendingPathComponent("releve-1.xml")
      try BankCommandTests.camt(
        day: "2024-12-27", opening: "0", amount: "981.40", closing: "981.40", payer: "ACME SA", iban: "FR7610278060000002012340155",
        remittance: "FACTURE FA-240001"
      ).write(to: first, atomically: true, encoding: .utf8)
      let second = home.appendingPathComponent("releve-2.xml")
      try BankCommandTests.camt(
        day: "2024-12-28", opening: "981.40", amount: "42.00", closing: "1023.40", payer: "INCONNU", iban: "FR7630004000031234567890143",
        remittance: nil
      ).write(to: second, atomically: true, encoding: .utf8)
      try run("bank", "import", first.path, "--date", "2024-12-28", "--dry-run")
      try run("bank", "import", first.path, "--date", "2024-12-28")
      try run("bank", "import", second.path, "--date", "2024-12-28")
      try run("bank", "import", second.path, "--date", "2024-12-28")
      try run("bank", "review")
      try run("today", "--date", "2024-12-28")
      try run("bank", "review", "2", "--dismiss")
      try run("bank", "list")
      try run("bank", "undo", "1")
      try run("bank", "import", tracker, expect: 63)
      // Mistakes.
      try run("invoice", "add", "--client", "Acme", "--date", "2024-09-10", "--amount-ht", "10", expect: 23)
      try run("invoice", "show", "FA-24001", expect: 24)
      try run("invoice", "add", "--client", "Acme SA", "--date", "31/02/2024", "--amount-ht", "10", expect: 28)
      try run("invoice", "add", "--client", "Acme SA", "--date", "2024-09-10", "--amount-ht", "1.234", expect: 26)
      try run("payment", "add", "--client", "Acme SA", "--amount", "99999", "--date", "2024-12-01", "--method", "chèque", expect: 31)
      try run("remind", "record", "FA-240002", "--level", "1", "--date", "2024-09-15", expect: 35)
      try run("invoice", "list", "--business", "Garaje Renaud", ledger: false, expect: 56)
      try run("pull", home.appendingPathComponent("absent.xlsx").path, expect: 19)
    }
  }

  @Test(arguments: ["fr", "en"])
  func everyLineOfADayIsInOneLanguage(language: String) throws {
    var day = try Day(language: language)
    try day.work()
    let iso = /\b(19|20)\d\d-\d\d-\d\d\b/
    for (command, text) in day.outputs {
      for line in text.split(separator: "\n").map(String.init) where !line.isEmpty && !line.contains(day.home.path) {
        let where_ = "suivi \(command) [\(language)]: \(line)"
        #expect(!line.contains("untranslated"), "\(where_)")
        // A code in backticks is one to type (`suivi map --column HEADER=paidOn`).
        for code in Self.codes { #expect(!line.replacing(/`[^`]*`/, with: "").contains(code), "a code: \(code) in \(where_)") }
        // Argument-parser's own usage lines are its language (English).
        if line.hasPrefix("Usage:") || line.hasPrefix("  See ") || line.hasPrefix("Help:") { continue }
        // The commands each line suggests are commands, not words.
        // The rates' sources are the names of French texts.
        let said = line.hasPrefix("    → ") || line.hasPrefix("rate.") ? "" : line.replacing(/`[^`]*`/, with: "")
        if language == "fr" {
          for word in Self.english { #expect(!said.contains(word), "English '\(word)' in \(where_)") }
          // (A date refused says the forms it takes, ISO among them.)
          #expect(said.contains("aujourd'hui") || said.firstMatch(of: iso) == nil, "an ISO day in \(where_)")
        } else {
          for word in Self.french { #expect(!said.lowercased().contains(word.lowercased()), "French '\(word)' in \(where_)") }
        }
      }
    }
    // Amounts and days as each language writes them.
    let show = try #require(day.outputs.first { $0.command.hasPrefix("invoice show") }).text
    if language == "fr" {
      #expect(show.contains("1\u{202F}481,40\u{A0}€") && show.contains("02/09/2024"), "\(show)")
    } else {
      #expect(show.contains("1481.40") && show.contains("2024-09-02"), "\(show)")
    }
  }

  /// Every command's help in French: each abstract, discussion and option said in French,
  /// and argument-parser's own headings and hints (`USAGE:`, `See '…' for detailed help`) too.
  @Test func everyCommandsHelpIsInFrench() throws {
    func paths(_ command: any ParsableCommand.Type, _ prefix: [String]) -> [[String]] {
      let configuration = command.configuration
      let name = prefix.isEmpty ? [] : prefix
      return [name] + configuration.subcommands.flatMap { paths($0, name + [$0.configuration.commandName ?? "\($0)".lowercased()]) }
    }
    let commands = paths(SuiviCommand.self, [])
    #expect(commands.count > 40, "\(commands.count) commands")
    for command in commands {
      let help = try Subprocess.run(Subprocess.suivi, command + ["--help"], environment: ["LANG": "fr_FR.UTF-8"])
      #expect(help.status == 0, "suivi \(command.joined(separator: " ")) --help: \(help.stderr)")
      #expect(!help.stderr.contains("untranslated"), "suivi \(command.joined(separator: " ")) --help: \(help.stderr)")
      for english in ["See '", "for detailed help", "(default)", "<subcommand>", "USAGE:", "OPTIONS:\n"] {
        #expect(!help.stdout.contains(english), "suivi \(command.joined(separator: " ")) --help says \"\(english)\" in French: \(help.stdout)")
      }
      let english = try Subprocess.run(Subprocess.suivi, command + ["--help"], environment: ["LANG": "C"])
      #expect(english.stdout != help.stdout || command.isEmpty, "suivi \(command.joined(separator: " ")) --help is the same in both languages")
    }
  }

  /// Argument-parser's own words (usage errors, help headings) in French too, and a
  /// mistyped subcommand answered with the nearest.
  @Test func usageErrorsAreSaidInFrenchWithTheNearestCommand() throws {
    let typo = try Subprocess.run(Subprocess.suivi, ["invoice", "lst"], environment: ["LANG": "fr_FR.UTF-8"])
    #expect(typo.status == 64)
    #expect(typo.stderr.hasPrefix("Erreur : argument inattendu : « lst »") && typo.stderr.contains("Vouliez-vous dire « list » ?"), "\(typo.stderr)")
    let english = try Subprocess.run(Subprocess.suivi, ["clinet", "list"], environment: ["LANG": "C"])
    #expect(english.status == 64 && english.stderr.contains("Did you mean 'client'?"), "\(english.stderr)")
    let missing = try Subprocess.run(Subprocess.suivi, ["payment", "add"], environment: ["LANG": "fr_FR.UTF-8"])
    #expect(missing.status == 64 && missing.stderr.hasPrefix("Erreur : argument attendu manquant : « --amount <amount> »"), "\(missing.stderr)")
    let help = try Subprocess.run(Subprocess.suivi, ["--help"], environment: ["LANG": "fr_FR.UTF-8"])
    #expect(help.status == 0 && help.stdout.hasPrefix("DESCRIPTION : ") && help.stdout.contains("SOUS-COMMANDES :"), "\(help.stdout)")
  }

  @Test func theJSONIsTheSameInEveryLanguage() throws {
    var french = try Day(language: "fr")
    var english = try Day(language: "en")
    for day in [0, 1] {
      var run = day == 0 ? french : english
      try run.run("init")
      try run.run("client", "add", "Acme SA")
      try run.run("invoice", "add", "--client", "Acme SA", "--date", "2024-09-02", "--amount-ht", "1234.50")
      if day == 0 { french = run } else { english = run }
    }
    let a = try french.run("invoice", "show", "FA-240001", "--date", "2024-12-01", "--json").stdout
    let b = try english.run("invoice", "show", "FA-240001", "--date", "2024-12-01", "--json").stdout
    #expect(a == b && a.contains("\"status\":\"a_relancer\"") && a.contains("\"ttc\":\"1481.40\""), "\(a)\n\(b)")
  }

  @Test func langChoosesTheLanguageWhateverTheLocale() throws {
    var day = try Day(language: "en")
    try day.run("init")
    let french = try day.run("client", "add", "Acme SA", "--lang", "fr")
    #expect(french.stdout.hasPrefix("Client Acme SA ajouté"), "\(french.stdout)")
    let refused = try day.run("client", "list", "--lang", "de", expect: 64)
    #expect(refused.stderr.contains("--lang"), "\(refused.stderr)")
  }
}
