import OOXML
import Testing

@testable import Ledger

@Suite struct CentsTests {
  @Test(arguments: [
    ("500", 50_000), ("500.00", 50_000), ("500,00", 50_000), ("500,5", 50_050), ("1 234,50", 123_450), ("1\u{202F}234,50", 123_450),
    ("1'234.50", 123_450), ("0.01", 1), (" 12.30 ", 1_230), ("75 €", 7_500), ("1000000000", 100_000_000_000),
  ] as [(String, Int64)])
  func readsAmountsAsPeopleTypeThem(text: String, cents: Int64) throws {
    #expect(try Cents.parse(text).value == cents)
  }

  @Test(arguments: ["12.345", "0,001", "1,234.50", "1.234,50", "abc", "", "12.", ".5", "1e3", "12,3,4", "1000000000.01", "99999999999"])
  func refusesWhatIsNotAnExactAmount(text: String) {
    #expect(throws: LedgerError.self) { try Cents.parse(text) }
    do {
      _ = try Cents.parse(text)
    } catch let error as LedgerError {
      #expect(error.category == .invalidAmount, "\(text): \(error)")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test(arguments: ["0", "0.00", "-5", "-0,01"])
  func refusesZeroAndNegativeAmounts(text: String) {
    #expect(throws: LedgerError.nonPositiveAmount(field: "amount", text: text)) { try Cents.parse(text) }
  }

  @Test func zeroIsAllowedWhereAsked() throws {
    #expect(try Cents.parse("0", requirePositive: false) == .zero)
  }

  @Test func writesTwoDecimals() {
    #expect(Cents(123_450).description == "1234.50")
    #expect(Cents(5).description == "0.05")
    #expect(Cents(-305).description == "-3.05")
    #expect(Cents.zero.description == "0.00")
  }

  @Test func readsBackWhatItWrites() throws {
    for value in [1, 9, 10, 99, 100, 101, 123_456, 99_999_999_999] as [Int64] {
      #expect(try Cents.parse(Cents(value).description) == Cents(value))
    }
  }

  @Test func arithmeticIsExact() {
    #expect(Cents(10) + Cents(20) == Cents(30))
    #expect([Cents(1), Cents(2), Cents(3)].sum() == Cents(6))
    #expect(Cents(10) - Cents(30) == Cents(-20))
  }
}

@Suite struct VATRateTests {
  @Test(arguments: [("20", 2000), ("20%", 2000), ("5,5", 550), ("5.5 %", 550), ("2.1", 210), ("0", 0), ("100", 10_000)] as [(String, Int64)])
  func readsRates(text: String, basisPoints: Int64) throws {
    #expect(try VATRate.parse(text).basisPoints == basisPoints)
  }

  @Test(arguments: ["101", "-5", "5.555", "vingt"])
  func refusesOtherRates(text: String) {
    #expect(throws: LedgerError.self) { try VATRate.parse(text) }
  }

  @Test func vatIsRoundedHalfUpToTheCent() {
    #expect(VATRate.standard.tax(on: Cents(50_000)) == Cents(10_000))
    #expect(VATRate(basisPoints: 1000).tax(on: Cents(5)) == Cents(1))  // 0.005 → 0.01
    #expect(VATRate(basisPoints: 1000).tax(on: Cents(4)) == Cents(0))  // 0.004 → 0.00
    #expect(VATRate(basisPoints: 550).tax(on: Cents(125)) == Cents(7))  // 0.06875 → 0.07
    #expect(VATRate.standard.tax(on: Cents(13)) == Cents(3))  // 0.026 → 0.03
  }

  @Test func describesRatesAsPeopleWriteThem() {
    #expect(VATRate(basisPoints: 2000).description == "20")
    #expect(VATRate(basisPoints: 550).description == "5.5")
    #expect(VATRate(basisPoints: 210).description == "2.1")
    #expect(VATRate(basisPoints: 1215).description == "12.15")
    #expect(VATRate(basisPoints: 1205).description == "12.05")
  }
}

@Suite struct RoundingTests {
  @Test func halfUpAwayFromZero() {
    #expect(Rounding.divideHalfUp(5, by: 10) == 1)
    #expect(Rounding.divideHalfUp(4, by: 10) == 0)
    #expect(Rounding.divideHalfUp(-5, by: 10) == -1)
    #expect(Rounding.divideHalfUp(15, by: 10) == 2)
  }

  @Test func productsDoNotOverflow() {
    // 1,000,000,000.00 € at 100 % for 36,500 days: 3.65e15 cents × … computed in 128 bits.
    let huge = Rounding.productHalfUp(Cents.maximum.value, 10_000, 36_500, dividedBy: 10_000 * 365)
    #expect(huge == Cents.maximum.value * 100)
  }
}
