import CivilDate
import Ledger
import Wording

/// How a document writes its values and its fixed words, in its own language (French by
/// default, English on request), whatever the language of the command line.
struct DocumentWords {
  let language: Language

  /// A fixed word or sentence of a document, through the one catalogue.
  func doc(_ phrase: Phrase) -> String { phrase.rendered(in: language) }

  /// `1 234,56 €` in French, `€1,234.56` in English.
  func amount(_ cents: Cents) -> String {
    switch language {
    case .french: return Numerals.frenchAmount(cents.value)
    case .english:
      let magnitude = cents.value.magnitude
      let fraction = magnitude % 100
      return (cents.value < 0 ? "-" : "") + "€" + Numerals.grouped(magnitude / 100, by: ",") + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }
  }

  /// `02/11/2024` in French, `2024-11-02` in English.
  func day(_ day: Day) -> String { language == .french ? Numerals.frenchDay(day) : day.description }

  /// `2 novembre 2024`, `1er décembre 2024`; `2 November 2024`.
  func longDay(_ day: Day) -> String {
    let french = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
    let english = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    switch language {
    case .french: return "\(day.day == 1 ? "1er" : String(day.day)) \(french[day.month - 1]) \(day.year)"
    case .english: return "\(day.day) \(english[day.month - 1]) \(day.year)"
    }
  }

  /// A rate in percent: `10,15 %`, `10.15%`.
  func percent(basisPoints: Int64) -> String {
    number(basisPoints: basisPoints) + (language == .french ? "\u{00A0}%" : "%")
  }

  /// A number of hundredths (`1000` is `10`, `1215` is `12,15` in French).
  func number(basisPoints: Int64) -> String {
    let text = VATRate(basisPoints: basisPoints).description
    return language == .french ? text.replacing(".", with: ",") : text
  }
}
