// Tests of RowArithmetic: simple arithmetic on the cells of one row.
//
// The expected values of + - * / ^ and % are plain IEEE double results; a sample
// was checked with Python, which computes in the same doubles, for example
//   python3 -c "print(500*(1+0.2), 500+0.2+3+10+100.5, 0.1+0.2, 1.1*1.1, 2**(300/100))"
//   600.0 613.7 0.30000000000000004 1.2100000000000002 8.0
// The expected values of ROUND, ROUNDUP and ROUNDDOWN follow Excel, not Python:
// Excel rounds the number's 15-significant-digit decimal form half away from zero,
// so ROUND(2.675, 2) is 2.68 (Python's round(2.675, 2) gives 2.67, from the binary
// value 2.67499999999999982...) and ROUND(1.005, 2) is 1.01.
// Precedence and associativity are Excel's: unary minus binds tighter than ^
// (-2^2 = 4), % tighter than ^ (2^300% = 8), and ^ is left-associative (2^3^2 = 64).

import Testing
@testable import OOXML

@Suite struct RowArithmeticTests {
  /// The cells of the formula's row, by 1-based column: F=500, G=0.2, H=3,
  /// I empty, J=100.5, K text, L=-4, M=2.675; every other column is empty.
  static let cells: [Int: RowArithmetic.Operand] = [
    6: .number(500), 7: .number(0.2), 8: .number(3), 9: .empty, 10: .number(100.5),
    11: .other, 12: .number(-4), 13: .number(2.675),
  ]

  /// One evaluation: the formula, its row and the expected value (`nil`: not computed).
  struct Case: Sendable, CustomTestStringConvertible {
    let formula: String
    let row: Int
    let expected: Double?

    init(_ formula: String, _ expected: Double?, row: Int = 2) {
      self.formula = formula
      self.row = row
      self.expected = expected
    }

    /// What the evaluator gives, with the fixture's cells on the formula's row.
    var actual: Double? {
      RowArithmetic.evaluate(formula, row: row) { RowArithmeticTests.cells[$0] ?? .empty }
    }

    var testDescription: String { "\(formula) on row \(row)" }
  }

  // MARK: - Values

  static let trackerCases: [Case] = [
    Case("F2*(1+G2)", 600),
    Case("F12*(1+G12)", 600, row: 12),
    Case("ROUND(F2*(1+G2),2)", 600),
    Case("ROUND(F2*1.2,2)", 600),
    Case("$F2-J2", 399.5),
    Case("H2-J2", -97.5),
    Case("SUM(F2:H2)", 503.2),
    Case("F2*20%", 100),
    Case("ROUND(F2/3,2)", 166.67),
    Case("F2/3", 166.66666666666666),
  ]

  static let literalAndReferenceCases: [Case] = [
    Case("1", 1),
    Case("1.5", 1.5),
    Case(".5", 0.5),
    Case("1.", 1),
    Case("1E3", 1000),
    Case("2.5e-2", 0.025),
    Case("1e+2", 100),
    Case("  42  ", 42),
    Case("$F$2", 500),
    Case("F$2", 500),
    Case("$F2", 500),
    Case("f2*g2", 100),
    Case("I2", 0),
    Case("I2+1", 1),
    Case("Z2", 0),
    Case("XFD2", 0),
    Case("-I2", 0),
    Case("F1048576", 500, row: 1_048_576),
    Case("A1+1", 1, row: 1),
  ]

  static let operatorCases: [Case] = [
    Case("1+2*3", 7),
    Case("(1+2)*3", 9),
    Case("2*3^2", 18),
    Case("-2^2", 4),
    Case("0-2^2", -4),
    Case("2--2^2", -2),
    Case("2^3^2", 64),
    Case("2^-1", 0.5),
    Case("2^-1^2", 0.25),
    Case("10-4-3", 3),
    Case("100/10/5", 2),
    Case("2^300%", 8),
    Case("-F2%", -5),
    Case("50%%", 0.005),
    Case("--3", 3),
    Case("+-+3", -3),
    Case("2*-3", -6),
    Case("1-(-(2))", 3),
    Case("((H2))", 3),
    Case("7/2", 3.5),
    Case("0.1+0.2", 0.30000000000000004),
    Case("1.1*1.1", 1.2100000000000002),
    Case("1/3*3", 1),
    Case("2^0.5", 1.4142135623730951),
    Case("L2^2", 16),
    Case(" F2 *\t( 1 +\nG2 ) ", 600),
    Case("- 2 ^ 2", 4),
    Case("F2*G2+H2", 103),
  ]

  static let functionCases: [Case] = [
    Case("ABS(L2)", 4),
    Case("abs(-2.5)", 2.5),
    Case("ABS(I2)", 0),
    Case("MIN(F2:J2)", 0.2),
    Case("MAX(F2:J2)", 500),
    Case("MIN(I2,5)", 5),  // an empty cell in a reference is left out
    Case("MIN(I2+0,5)", 0),  // ... but is 0 in an expression
    Case("MAX(I2:I2,-1)", -1),
    Case("MAX(I2)", 0),
    Case("MIN(L2,H2,-7)", -7),
    Case("SUM(F2:H2, 10, J2)", 613.7),
    Case("SUM(H2:F2)", 503.2),
    Case("SUM(I2)", 0),
    Case("Sum( F2 : G2 )", 500.2),
    Case("SUM($F$2:$H2)", 503.2),
    Case("SUM(F2)*2", 1000),
    Case("SUM(F2*2,1)", 1001),
    Case("SUM(ABS(L2),MAX(1,2))", 6),
    Case("ROUND(SUM(F2:H2)/7,3)", 71.886),
  ]

  // Excel's ROUND family, on the 15-significant-digit decimal form.
  static let roundingCases: [Case] = [
    Case("ROUND(2.675,2)", 2.68),
    Case("ROUND(M2,2)", 2.68),
    Case("ROUND(1.005,2)", 1.01),
    Case("ROUND(-1.005,2)", -1.01),
    Case("ROUND(1234.5,0)", 1235),
    Case("ROUND(15,-1)", 20),
    Case("ROUND(-4.5,0)", -5),
    Case("ROUND(0.5,0)", 1),
    Case("ROUND(0.05,0)", 0),
    Case("ROUND(4,-1)", 0),
    Case("ROUND(123,-5)", 0),
    Case("ROUND(1.25,1.9)", 1.3),  // digits are truncated toward zero
    Case("ROUND(99.995,2)", 100),
    Case("ROUND(0.1+0.2,2)", 0.3),
    Case("ROUND(1.23456789,20)", 1.23456789),
    Case("ROUND(I2,2)", 0),
    Case("round(F2*G2/3,1)", 33.3),
    Case("ROUNDUP(1.21,1)", 1.3),
    Case("ROUNDUP(-1.21,1)", -1.3),
    Case("ROUNDUP(15,-1)", 20),
    Case("ROUNDUP(123,-5)", 100_000),
    Case("ROUNDUP(0.001,0)", 1),
    Case("ROUNDUP(0.1+0.2,1)", 0.3),  // 0.300000000000000 to 15 digits
    Case("ROUNDUP(2,0)", 2),
    Case("ROUNDDOWN(-1.29,1)", -1.2),
    Case("ROUNDDOWN(19,-1)", 10),
    Case("ROUNDDOWN(2.675,2)", 2.67),
    Case("ROUNDDOWN(0.9,0)", 0),
  ]

  static let valueCases =
    trackerCases + literalAndReferenceCases + operatorCases + functionCases + roundingCases

  @Test(arguments: valueCases)
  func value(_ c: Case) {
    #expect(c.actual == c.expected)
  }

  // MARK: - Not computed

  static let nilCases: [Case] = [
    // Another row.
    Case("F3", nil),
    Case("F1*2", nil),
    Case("$F$3+1", nil),
    Case("F2+F12", nil),
    Case("F12*(1+G2)", nil, row: 12),
    Case("SUM(F2:H3)", nil),
    Case("SUM(F1:F2)", nil),
    Case("MIN(F2,G3)", nil),
    // Another sheet.
    Case("Sheet1!F2", nil),
    Case("'My sheet'!F2", nil),
    Case("SUM(Sheet1!F2:H2)", nil),
    // A function that is not supported, or a name.
    Case("AVERAGE(F2:H2)", nil),
    Case("IF(F2>0,1,2)", nil),
    Case("SQRT(4)", nil),
    Case("PI()", nil),
    Case("_xlfn.ROUND(F2,2)", nil),
    Case("ROUND (F2,2)", nil),
    Case("Rate*2", nil),
    Case("F2*Rate", nil),
    Case("TRUE", nil),
    // Arguments: a count a function does not take, a missing one, a range where a number is needed.
    Case("ROUND(F2)", nil),
    Case("ROUND(F2,2,3)", nil),
    Case("ROUND(F2,)", nil),
    Case("ABS()", nil),
    Case("ABS(F2,G2)", nil),
    Case("SUM()", nil),
    Case("SUM(F2,,G2)", nil),
    Case("ROUND(F2:G2,2)", nil),
    Case("SUM(F2:H2*2)", nil),
    Case("SUM((F2:H2))", nil),
    Case("SUM(F2:H2:J2)", nil),
    // A text (or error, or boolean) operand.
    Case("K2*2", nil),
    Case("K2", nil),
    Case("SUM(F2:K2)", nil),
    Case("MIN(K2,1)", nil),
    Case("ROUND(K2,2)", nil),
    // Division by zero, 0^0, a result that is not finite.
    Case("F2/0", nil),
    Case("F2/I2", nil),
    Case("1/(G2-0.2)", nil),
    Case("0^0", nil),
    Case("I2^0", nil),
    Case("0^-1", nil),
    Case("(-8)^(1/3)", nil),
    Case("1E308*10", nil),
    Case("2^2000", nil),
    Case("1E400", nil),
    Case("1E308*10/1E308", nil),
    Case("ROUNDUP(1,-400)", nil),
    // Comparisons, concatenation, strings, errors, arrays and other syntax.
    Case("F2>1", nil),
    Case("F2=500", nil),
    Case("F2<>1", nil),
    Case("F2<=1", nil),
    Case("F2&G2", nil),
    Case("\"a\"", nil),
    Case("\"1\"+1", nil),
    Case("#REF!", nil),
    Case("F2+#DIV/0!", nil),
    Case("{1,2}", nil),
    Case("@F2", nil),
    Case("F2#", nil),
    Case("F:F", nil),
    Case("2:2", nil),
    Case("F2:H2", nil),
    Case("A0", nil, row: 0),
    Case("F02", nil),
    Case("XFE2", nil),
    Case("F2.5", nil),
    // Unbalanced parentheses.
    Case("(F2", nil),
    Case("F2)", nil),
    Case("((1)", nil),
    Case("ROUND(F2,2", nil),
    Case("()", nil),
    // Trailing garbage, missing operands, bad numbers.
    Case("F2 G2", nil),
    Case("1 2", nil),
    Case("F2;", nil),
    Case("1.5.5", nil),
    Case("2A", nil),
    Case("1E", nil),
    Case("1E+", nil),
    Case("F2*", nil),
    Case("*2", nil),
    Case("-", nil),
    Case("%", nil),
    Case(".", nil),
    Case("F2**2", nil),
    Case("=F2", nil),
    Case("F2=", nil),
    // Empty.
    Case("", nil),
    Case("   ", nil),
  ]

  @Test(arguments: nilCases)
  func notComputed(_ c: Case) {
    #expect(c.actual == nil)
  }

  // MARK: - Other properties

  /// A cell whose number is not finite is not computed.
  @Test func nonFiniteCell() {
    #expect(RowArithmetic.evaluate("F2+1", row: 2) { _ in .number(.infinity) } == nil)
    #expect(RowArithmetic.evaluate("SUM(F2:G2)", row: 2) { _ in .number(.nan) } == nil)
  }

  /// Only the columns a formula references are asked for, on its row.
  @Test func asksOnlyForReferencedColumns() {
    var asked: [Int] = []
    let x = RowArithmetic.evaluate("SUM(B7:D7)+$AA$7*2", row: 7) { column in
      asked.append(column)
      return .number(Double(column))
    }
    #expect(x == Double(2 + 3 + 4 + 27 * 2))
    #expect(asked == [2, 3, 4, 27])
  }

  /// A result of zero is never negative zero.
  @Test func noNegativeZero() throws {
    let x = try #require(RowArithmetic.evaluate("-I2", row: 2) { _ in .empty })
    #expect(x == 0 && x.sign == .plus)
    let y = try #require(RowArithmetic.evaluate("ROUND(-0.001,2)", row: 2) { _ in .empty })
    #expect(y == 0 && y.sign == .plus)
  }

  /// Deep nesting is evaluated up to a limit and refused beyond it, without exhausting the stack.
  @Test func nesting() {
    let shallow = String(repeating: "(", count: 50) + "1" + String(repeating: ")", count: 50)
    #expect(RowArithmetic.evaluate(shallow, row: 1) { _ in .empty } == 1)
    let deep = String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
    #expect(RowArithmetic.evaluate(deep, row: 1) { _ in .empty } == nil)
    let calls =
      String(repeating: "ABS(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
    #expect(RowArithmetic.evaluate(calls, row: 1) { _ in .empty } == nil)
    let signs = String(repeating: "-", count: 100_000) + "1"
    #expect(RowArithmetic.evaluate(signs, row: 1) { _ in .empty } == 1)
  }

  /// Non-ASCII text is refused, not misread.
  @Test func unicode() {
    #expect(RowArithmetic.evaluate("F2×2", row: 2) { _ in .number(1) } == nil)
    #expect(RowArithmetic.evaluate("Prix!F2", row: 2) { _ in .number(1) } == nil)
    #expect(RowArithmetic.evaluate("F2\u{00A0}+1", row: 2) { _ in .number(1) } == nil)
  }
}
