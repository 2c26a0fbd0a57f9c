import ArgumentParser
import Wording

extension Language {
  /// This run's language: `--lang fr|en` anywhere on the command line (taken out of
  /// `arguments` before they are parsed: every command has it), else the locale's.
  ///
  /// - Throws: a usage error for a language Suivi does not speak.
  static func chosen(taking arguments: inout [String], environment: [String: String]) throws -> Language {
    var chosen = Language.ofLocale(environment)
    // `suivi template --lang` is also the model sheet's language: read, and left to it.
    let keeps = arguments.first == "template"
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      if argument == "--" { break }
      var value: String?
      if argument == "--lang" {
        guard index + 1 < arguments.count else { throw ValidationError("--lang: expected fr or en") }
        value = arguments[index + 1]
        if keeps { index += 2 } else { arguments.removeSubrange(index...index + 1) }
      } else if argument.hasPrefix("--lang=") {
        value = String(argument.dropFirst(7))
        if keeps { index += 1 } else { arguments.remove(at: index) }
      } else {
        index += 1
        continue
      }
      guard let value, let language = Language(code: value) else { throw ValidationError("--lang: '\(value ?? "")' is not fr or en") }
      chosen = language
    }
    return chosen
  }
}

/// A sentence in this run's language.
func say(_ phrase: Phrase) -> String { phrase.told }
