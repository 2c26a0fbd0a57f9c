#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The language of what Suivi tells people: French when the locale is French, English
/// otherwise. `--json` is never translated.
public enum Language: String, Sendable, CaseIterable {
  case english = "en"
  case french = "fr"

  /// The language of the locale: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set
  /// and not empty (POSIX's order); French when it starts with `fr`.
  public static func ofLocale(_ environment: [String: String]) -> Language {
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
      if let value = environment[name], !value.isEmpty { return value.lowercased().hasPrefix("fr") ? .french : .english }
    }
    return .english
  }

  /// Reads `fr`, `en`, `français`, `english`…
  public init?(code: String) {
    switch code.lowercased() {
    case "fr", "fr_fr", "fr-fr", "french", "francais", "français": self = .french
    case "en", "en_us", "en-us", "en_gb", "english", "anglais", "c", "posix": self = .english
    default: return nil
    }
  }

  /// The language of this run: set once by the command line before anything is told
  /// (`--lang`, or the locale), and read everywhere after.
  nonisolated(unsafe) public static var current: Language = .english

  /// Whether a sentence missing from the French catalogue is reported on standard error
  /// (`SUIVI_CHECK_TRANSLATIONS=1`: the tests' way of finding one).
  nonisolated(unsafe) public static var reportsMissing = false

  nonisolated(unsafe) private static var reported: Set<String> = []

  static func reportMissing(_ key: String) {
    guard reportsMissing, reported.insert(key).inserted else { return }
    let line = "suivi: untranslated: \(key.replacing("\\", with: "\\\\").replacing("\n", with: "\\n").replacing("\"", with: "\\\""))\n"
    _ = line.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
  }
}

extension Phrase {
  /// The sentence in this run's language.
  public var told: String { rendered(in: Language.current) }
}
