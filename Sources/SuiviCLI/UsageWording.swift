import ArgumentParser
import Ledger
import Wording

/// Argument-parser's own words (help headings, usage errors), said in French when the run
/// is; and the nearest subcommand for one mistyped.
enum UsageWording {
  /// Its messages' lines, each with its French.
  static var french: [(Regex<AnyRegexOutput>, String)] { [
    (try! Regex(#"^OVERVIEW: "#), "DESCRIPTION : "),
    (try! Regex(#"^USAGE: "#), "UTILISATION : "),
    (try! Regex(#"^OPTIONS:$"#), "OPTIONS :"),
    (try! Regex(#"^ARGUMENTS:$"#), "ARGUMENTS :"),
    (try! Regex(#"^SUBCOMMANDS:$"#), "SOUS-COMMANDES :"),
    (try! Regex(#"^  See '(suivi help.*) <subcommand>' for detailed help\.$"#), "  Voir « $1 <sous-commande> » pour l'aide détaillée."),
    (try! Regex(#" <subcommand>$"#), " <sous-commande>"),
    // (Three of the column's spaces taken back for the longer words, when it has them.)
    (try! Regex(#"^(  [a-z-]+) \(default\)(?:   )?"#), "$1 (par défaut)"),
    (try! Regex(#"Show help information\.$"#), "Affiche l'aide."),
    (try! Regex(#"Show the version\.$"#), "Affiche la version."),
    (try! Regex(#"\(default: ([^)]*)\)"#), "(par défaut : $1)"),
    (try! Regex(#"^Error: Missing expected argument '(.*)'$"#), "Erreur : argument attendu manquant : « $1 »"),
    (try! Regex(#"^Error: Unexpected argument '(.*)'$"#), "Erreur : argument inattendu : « $1 »"),
    (try! Regex(#"^Error: Unknown option '(.*)'$"#), "Erreur : option inconnue : « $1 »"),
    (try! Regex(#"^Error: (\d+) unexpected arguments: (.*)$"#), "Erreur : $1 arguments inattendus : $2"),
    (try! Regex(#"^Error: Missing value for '(.*)'$"#), "Erreur : valeur manquante pour « $1 »"),
    (try! Regex(#"^Error: The value '(.*)' is invalid for '(.*)'$"#), "Erreur : la valeur « $1 » ne convient pas à « $2 »"),
    (try! Regex(#"^Error: (.*)$"#), "Erreur : $1"),
    (try! Regex(#"^Help:  "#), "Aide :  "),
    (try! Regex(#"^Usage: "#), "Utilisation : "),
    (try! Regex(#"^  See '(.*)' for more information\.$"#), "  Voir « $1 » pour plus d'informations."),
    (try! Regex(#"^Did you mean '(.*)'\?$"#), "Vouliez-vous dire « $1 » ?"),
  ] }

  /// `text` with argument-parser's words in French, line by line.
  static func french(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      var line = String(line)
      for (pattern, french) in Self.french {
        guard let match = line.firstMatch(of: pattern) else { continue }
        var replacement = french
        for index in stride(from: match.output.count - 1, through: 1, by: -1) {
          replacement = replacement.replacing("$\(index)", with: match.output[index].substring.map(String.init) ?? "")
        }
        line.replaceSubrange(match.range, with: replacement)
      }
      return line
    }.joined(separator: "\n")
  }

  /// For `Unexpected argument 'lst'` (or the first of several) after a command with subcommands, the nearest of them.
  static func suggestion(for message: String, arguments: ArraySlice<String>) -> String? {
    guard let match = message.firstMatch(of: /Error: (?:Unexpected argument|\d+ unexpected arguments:) '([^']*)'/) else { return nil }
    let typed = String(match.output.1)
    var command: any ParsableCommand.Type = SuiviCommand.self
    for argument in arguments {
      guard argument != typed else { break }
      guard let sub = command.configuration.subcommands.first(where: { $0._commandName == argument }) else { break }
      command = sub
    }
    let names = command.configuration.subcommands.map { $0._commandName }
    guard let nearest = NameSuggestions.nearest(typed, among: names).first else { return nil }
    return "Did you mean '\(nearest)'?"
  }
}
