import Ledger

extension Spelling {
  /// The words of a bank's label or a name, folded (accents aside), in capitals, split at
  /// anything not a letter or a digit: `Vir. Sépa-Dupont` → `VIR`, `SEPA`, `DUPONT`.
  static func labelWords(_ text: String) -> [String] {
    key(text).uppercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
  }
}
