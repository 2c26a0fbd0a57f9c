import Ledger
import Testing

@testable import SheetSync

/// The quick spelling of invoice numbers gives what parsing gives, on every text.
@Suite struct CellNormalizerTests {
  /// An amount in another currency is never read as euros, and its currency is named
  /// (Pennylane's line export writes `9.00 $`).
  @Test(arguments: [("9.00 $", "$"), ("USD 40", "USD"), ("1 200 £", "£"), ("30616 RM", "RM"), ("CHF 12,50", "CHF")])
  func anotherCurrencyIsNamedAndNotReadAsEuros(text: String, currency: String) {
    #expect(CellNormalizer.foreignCurrency(text) == currency)
    #expect(CellNormalizer.normalize(text: text, column: .amountTTC).map(CellNormalizer.isUnreadable) == true)
  }

  @Test(arguments: ["1 234,56 €", "EUR 40", "500", "-12,30", "FORMAT", "Prime"])
  func euroAmountsAndWordsHaveNoOtherCurrency(text: String) {
    #expect(CellNormalizer.foreignCurrency(text) == nil)
  }

  static func parsed(_ text: String) -> String {
    (try? InvoiceNumber.parse(text))?.description ?? text
  }

  @Test(arguments: ["FA-24000002", "fa-240001", "Fa-2412345", "AV-990999999", "FA-24000000", "FA-2400001", "X-000001", "ABCDEFGHI-240001",
    "FA-24", "FA-24 0001", " FA-240001", "FA-2A0001", "FÉ-240001", "-240001", "FA--240001", "FA-24001000000", "FA-991000000"])
  func aQuickSpellingIsTheParsedOne(_ text: String) {
    #expect(CellNormalizer.normalize(text: text, column: .number) == Self.parsed(text) || CellNormalizer.quickCanonicalNumber(text) == nil)
    if let quick = CellNormalizer.quickCanonicalNumber(text) { #expect(quick == Self.parsed(text), "\(text)") }
  }

  @Test func randomNumbersAreSpeltAsParsed() {
    var generator = MergePropertyTests.Generator(state: 7)  // seeded: a failure can be replayed
    let letters = Array("aAfFzZé -")
    var quick = 0
    for _ in 0..<20_000 {
      let prefix = String((0..<Int.random(in: 0...9, using: &generator)).map { _ in letters.randomElement(using: &generator)! })
      let digits = String((0..<Int.random(in: 0...11, using: &generator)).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
      let text = prefix + "-" + digits
      if let spelt = CellNormalizer.quickCanonicalNumber(text) {
        quick += 1
        #expect(spelt == Self.parsed(text), "\(text)")
      }
    }
    #expect(quick > 500, "the quick path should take the well-formed numbers")
  }
}
