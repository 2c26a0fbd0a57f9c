import Ledger
import OOXML
import Testing

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
}
