import CivilDate
import Testing

@testable import Wording

/// A sentence's values written each language's way, in the places its wording gives them.
@Suite struct PhraseTests {
  @Test func frenchWritesDaysAndAmountsTheFrenchWay() {
    #expect(Numerals.frenchDay(Day(year: 2024, month: 11, day: 2)!) == "02/11/2024")
    #expect(Numerals.frenchAmount(123_456) == "1\u{202F}234,56\u{A0}€")
    #expect(Numerals.frenchAmount(5) == "0,05\u{A0}€")
    #expect(Numerals.frenchAmount(-100_000_000) == "-1\u{202F}000\u{202F}000,00\u{A0}€")
    #expect(Numerals.frenchAmount(99_999) == "999,99\u{A0}€")
    #expect(Numerals.englishAmount(-123_405) == "-1234.05")
  }

  @Test func aSentenceKeepsItsValuesTypedAndItsKeyEnglish() {
    let day = Day(year: 2024, month: 12, day: 31)!
    let phrase: Phrase = "is before the invoice date \(day)"
    #expect(phrase.key == "is before the invoice date {}")
    #expect(phrase.description == "is before the invoice date 2024-12-31")
    #expect(phrase.rendered(in: .french) == "est avant la date de la facture 31/12/2024")
    let rate: Phrase = "\(decimal: "5.5") %"
    #expect(rate.rendered(in: .french) == "5,5 %" && rate.description == "5.5 %")
  }

  @Test func bracesInALiteralAreNotValues() {
    let name = "x"
    let phrase: Phrase = "nothing named {\(name)} in A"
    #expect(phrase.key == "nothing named {{{}}} in A")
    #expect(phrase.description == "nothing named {x} in A")
  }

  @Test func positionalValuesFollowTheFrenchOrder() {
    #expect(Phrase.fill("{2} puis {1}", ["a", "b"]) == "b puis a")
    #expect(Phrase.fill("{} et {}", ["a", "b"]) == "a et b")
    #expect(Phrase.fill("{{{}}}", ["a"]) == "{a}")
    #expect(Phrase.fill("{9}", ["a"]) == "", "a value the sentence does not have is left out, never a crash")
  }

  @Test func nestedSentencesAreToldInTheSameLanguage() {
    let inner: Phrase = "paid"
    let outer: Phrase = "status: \(inner)"
    #expect(outer.rendered(in: .french) == "état : réglée")
    #expect(outer.rendered(in: .english) == "status: paid")
  }

  @Test func theLocaleChoosesFrenchByItsFirstSetVariable() {
    #expect(Language.ofLocale(["LANG": "fr_FR.UTF-8"]) == .french)
    #expect(Language.ofLocale(["LC_ALL": "C", "LANG": "fr_FR.UTF-8"]) == .english)
    #expect(Language.ofLocale(["LC_ALL": "", "LC_MESSAGES": "fr_CA.UTF-8", "LANG": "en_US"]) == .french)
    #expect(Language.ofLocale([:]) == .english)
    #expect(Language(code: "FR") == .french && Language(code: "de") == nil)
  }
}
