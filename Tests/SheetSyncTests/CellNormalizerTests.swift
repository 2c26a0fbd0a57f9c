import Ledger
import OOXML
import Testing
import TestSupport

@testable import SheetSync

/// Cells read by meaning: numbers as written, amounts in euros only.
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

  /// A tracker's number is its identifier: kept as written (trimmed, inner spaces as
  /// one), whatever its shape; an integer cell and its text are the same number.
  @Test(arguments: [("F-2026-00004401", "F-2026-00004401"), ("  151 ", "151"), ("inv-000001", "inv-000001"),
    ("20260121-001", "20260121-001"), ("FA 24\u{A0}0001", "FA 24 0001")])
  func aNumberIsKeptAsWritten(text: String, expected: String) {
    #expect(CellNormalizer.normalize(text: text, column: .number) == expected)
  }

  @Test func anIntegerCellIsTheNumberItShows() {
    #expect(CellNormalizer.normalize(.number(151), column: .number, dateSystem: .excel1900) == "151")
    #expect(CellNormalizer.normalize(.string("151"), column: .number, dateSystem: .excel1900) == "151")
  }

  /// Canonical amounts are read without parsing text; anything else as a typed amount.
  @Test func canonicalAmountsAreReadAsTypedOnesAre() {
    var generator = SplitMix64(state: 11)  // seeded: a failure can be replayed
    for _ in 0..<5_000 {
      let cents = Int64.random(in: -99_999_999_999...99_999_999_999, using: &generator)
      let text = CentsText.text(cents)
      #expect(CentsText.cents(text) == cents, "seed 11: \(text)")
      #expect(CentsText.cents(text) == CellNormalizer.amount(text), "seed 11: \(text)")
    }
    for text in ["1 234,56 €", "12.5", "-0.05", ".50", "1.2.34", "--1.00", "1a.00", "EUR 40"] {
      #expect(CentsText.cents(text) == CellNormalizer.amount(text), "\(text)")
    }
  }

  /// Dates typed as text: the French order, ISO, and the American order only where it
  /// cannot be the French one (a CSV exported by a program set to the United States).
  @Test(arguments: [
    ("02/11/2024", "2024-11-02"), ("2024-11-02", "2024-11-02"), ("2/11/24", "2024-11-02"), ("02.11.2024", "2024-11-02"),
    ("11/25/2024", "2024-11-25"), ("25/11/2024", "2024-11-25"), ("31/02/2024", nil), ("13/13/2024", nil),
  ])
  func datesTypedAsText(text: String, day: String?) {
    #expect(CellNormalizer.day(text)?.description == day, "\(text)")
  }
}
