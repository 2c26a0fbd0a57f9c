// Tests of FormulaShifter: the Excel rules for moving A1-style references.
//
// The first table's expected values were generated with openpyxl 3.1.5:
//   Translator("=" + formula, "B2").translate_formula(row_delta=rows, col_delta=columns)[1:]
// Where openpyxl and Excel differ, these tests follow Excel; the differences
// have their own tests below (`excelWhereOpenpyxlDiffers`):
// - a reference leaving the sheet becomes #REF! (openpyxl raises TranslatorError,
//   and never checks the bottom or right edge: A1048576 moves to A1048577);
// - XFE1, ZZZ1 and A1048577 are names, not references (openpyxl shifts them);
// - @A1 (implicit intersection) and A1# (spill) are references (openpyxl leaves
//   @A1 alone and cannot tokenize A1#);
// - a lower-case column that does not move keeps its case (openpyxl upper-cases it).
// - in A2:INDEX(...) the A2 moves (openpyxl's tokenizer reads `A2:INDEX(` as a
//   function name and leaves A2 alone).
// A random differential run (about 13,000 formulas built from the constructs
// above, offsets -3...30) agreed with openpyxl wherever openpyxl did not raise.

import Testing
@testable import OOXML

@Suite struct FormulaShifterTests {
  /// One shift: the formula, the offset and the expected result.
  struct Case: Sendable, CustomTestStringConvertible {
    let formula: String
    let rows: Int
    let columns: Int
    let expected: String

    init(_ formula: String, _ rows: Int, _ columns: Int, _ expected: String) {
      self.formula = formula
      self.rows = rows
      self.columns = columns
      self.expected = expected
    }

    /// What the shifter gives.
    var actual: String { FormulaShifter.shift(formula, rows: rows, columns: columns) }

    var testDescription: String { "\(formula) by (\(rows), \(columns))" }
  }

  /// Expected values generated with openpyxl's Translator (see the top of the file).
  static let openpyxlCases: [Case] = [
    Case("F2*(1+G2)", 10, 0, "F12*(1+G12)"),
    Case("F2*(1+G2)", 98, 0, "F100*(1+G100)"),
    Case("F12*(1+G12)", 1, 0, "F13*(1+G13)"),
    Case("SUM(A1:B2)", 3, 2, "SUM(C4:D5)"),
    Case("$A$1+A1", 5, 5, "$A$1+F6"),
    Case("$A1+A$1", 1, 1, "$A2+B$1"),
    Case("A$1*$B2", -1, 3, "D$1*$B1"),
    Case("SUM(A:C)", 4, 1, "SUM(B:D)"),
    Case("SUM($A:$C)", 4, 1, "SUM($A:$C)"),
    Case("SUM(A:$C)", 0, 2, "SUM(C:$C)"),
    Case("SUM(1:3)", 2, 7, "SUM(3:5)"),
    Case("SUM($1:$3)", 2, 7, "SUM($1:$3)"),
    Case("SUM($1:3)", 5, 0, "SUM($1:8)"),
    Case("Sheet1!A1+B1", 1, 1, "Sheet1!B2+C2"),
    Case("'My Sheet'!A1:B2", 2, 0, "'My Sheet'!A3:B4"),
    Case("'O''Brien'!C3*2", -2, -2, "'O''Brien'!A1*2"),
    Case("[1]Sheet1!A1", 1, 0, "[1]Sheet1!A2"),
    Case("LOG10(A1)+ATAN2(B2,C3)", 1, 1, "LOG10(B2)+ATAN2(C3,D4)"),
    Case("DAYS360(A2,B2)", 1, 0, "DAYS360(A3,B3)"),
    Case("TAX_2023*A2", 1, 0, "TAX_2023*A3"),
    Case("_xlfn.XLOOKUP(A2,B:B,C:C)", 3, 0, "_xlfn.XLOOKUP(A5,B:B,C:C)"),
    Case("IF(TRUE,A1,B1)", 1, 0, "IF(TRUE,A2,B2)"),
    Case("Table1[[#This Row],[Montant HT]]*A2", 1, 0, "Table1[[#This Row],[Montant HT]]*A3"),
    Case("\"A1\"&A1", 1, 1, "\"A1\"&B2"),
    Case("\"say \"\"B2\"\"\"&B2", 1, 0, "\"say \"\"B2\"\"\"&B3"),
    Case("1.5E+3*A1+2E3", 1, 1, "1.5E+3*B2+2E3"),
    Case("#REF!+A1", 1, 0, "#REF!+A2"),
    Case("IFERROR(A1/B1,#N/A)", 2, 0, "IFERROR(A3/B3,#N/A)"),
    Case("AB12C+A1B+C3", 1, 1, "AB12C+A1B+D4"),
    Case("Sheet1:Sheet3!A1", 1, 0, "Sheet1:Sheet3!A2"),
    Case("Z1+AA1+AZ1+ZZ1", 0, 1, "AA1+AB1+BA1+AAA1"),
    Case("XFC1+A1048575", 1, 1, "XFD2+B1048576"),
    Case("SUM(B5:B10)/COUNT(B5:B10)", -4, 0, "SUM(B1:B6)/COUNT(B1:B6)"),
    Case("VLOOKUP(A2,$D$2:$F$100,3,FALSE)", 7, 0, "VLOOKUP(A9,$D$2:$F$100,3,FALSE)"),
    Case("SUM(A1 B1)", 1, 0, "SUM(A2 B2)"),
    Case("INDEX($A$1:$C$9,ROW(A2),2)", 2, 0, "INDEX($A$1:$C$9,ROW(A4),2)"),
    Case("MyName+A1", 0, 3, "MyName+D1"),
    Case("'Données été'!A1&\"é\"", 1, 0, "'Données été'!A2&\"é\""),
    Case("A1:B2:C3", 1, 1, "B2:C3:D4"),
    Case("SUMIF(A:A,\">0\",B:B)", 1, 1, "SUMIF(B:B,\">0\",C:C)"),
    Case("ROUND(F2*(1+G2),2)", 9, 0, "ROUND(F11*(1+G11),2)"),
    Case("Sheet2!$B$3*C4", 3, 3, "Sheet2!$B$3*F7"),
  ]

  @Test(arguments: openpyxlCases)
  func matchesOpenpyxl(_ test: Case) {
    #expect(test.actual == test.expected)
  }

  // MARK: - Excel where openpyxl differs

  static let excelCases: [Case] = [
    // Leaving the sheet at the top, left, bottom and right.
    Case("A1", -1, 0, "#REF!"),
    Case("A1", 0, -1, "#REF!"),
    Case("A1048576", 1, 0, "#REF!"),
    Case("XFD1", 0, 1, "#REF!"),
    Case("B2+C3", -2, 0, "#REF!+C1"),
    // A range is #REF! as a whole when either end leaves; the sheet prefix stays.
    Case("SUM(A1:B5)", -1, 0, "SUM(#REF!)"),
    Case("SUM(A2:B1048576)", 1, 0, "SUM(#REF!)"),
    Case("Sheet2!A1*2", -1, 0, "Sheet2!#REF!*2"),
    Case("'My Sheet'!A1:B2", 0, -1, "'My Sheet'!#REF!"),
    Case("SUM(A:C)", 0, -1, "SUM(#REF!)"),
    Case("SUM(B:XFD)", 0, 1, "SUM(#REF!)"),
    Case("SUM(1:3)", -1, 0, "SUM(#REF!)"),
    Case("SUM(2:1048576)", 1, 0, "SUM(#REF!)"),
    // Absolute parts never leave the sheet.
    Case("$A$1+$A1+A$1", -5, -5, "$A$1+#REF!+#REF!"),
    Case("$A1", 0, -1, "$A1"),
    Case("A$1", -1, 0, "A$1"),
    // Beyond XFD or row 1,048,576 it is a name, not a reference.
    Case("XFE1+ZZZ1+A1048577+ABCD1", 1, 1, "XFE1+ZZZ1+A1048577+ABCD1"),
    Case("A12345678", 1, 1, "A12345678"),
    // A leading zero is not a row.
    Case("A01+1", 1, 1, "A01+1"),
    // A range ended by a function moves (openpyxl reads `A2:INDEX(` as one function name).
    Case("SUM(A2:INDEX(B:B,5))", 1, 0, "SUM(A3:INDEX(B:B,5))"),
    Case("A2:OFFSET(A2,1,1)", 1, 1, "B3:OFFSET(B3,1,1)"),
    // Implicit intersection and spill references move.
    Case("@A1+B2", 1, 0, "@A2+B3"),
    Case("SUM(A1#)", 1, 1, "SUM(B2#)"),
    // Letters that do not move keep their case; moved columns are upper-case.
    Case("a1+b$2+$c3", 1, 0, "a2+b$2+$c4"),
    Case("a1+b$2+$c3", 0, 1, "B1+C$2+$c3"),
    Case("sum(a:c)", 0, 1, "sum(B:D)"),
  ]

  @Test(arguments: excelCases)
  func excelWhereOpenpyxlDiffers(_ test: Case) {
    #expect(test.actual == test.expected)
  }

  // MARK: - Each rule

  static let ruleCases: [Case] = [
    // Cells: only the parts without `$` move.
    Case("A1", 1, 1, "B2"),
    Case("$A1", 1, 1, "$A2"),
    Case("A$1", 1, 1, "B$1"),
    Case("$A$1", 1, 1, "$A$1"),
    Case("Z9", 1, 1, "AA10"),
    Case("ZZ99", 1, 1, "AAA100"),
    Case("XFC1048575", 1, 1, "XFD1048576"),
    // Ranges, whole columns and whole rows.
    Case("A1:B2", 1, 1, "B2:C3"),
    Case("$A$1:B2", 1, 1, "$A$1:C3"),
    Case("A:C", 5, 1, "B:D"),
    Case("$A:C", 5, 1, "$A:D"),
    Case("1:3", 1, 5, "2:4"),
    Case("$1:3", 1, 5, "$1:4"),
    Case("A:A1", 1, 1, "A:B2"),
    // Sheet-qualified references.
    Case("Sheet1!A1", 1, 0, "Sheet1!A2"),
    Case("'My Sheet'!A1:B2", 1, 1, "'My Sheet'!B2:C3"),
    Case("'O''Brien'!A1", 1, 0, "'O''Brien'!A2"),
    Case("'It''s A1'!A1", 1, 0, "'It''s A1'!A2"),
    Case("[1]Sheet1!A1", 0, 1, "[1]Sheet1!B1"),
    Case("'[Book 1.xlsx]Sheet 1'!A1", 1, 0, "'[Book 1.xlsx]Sheet 1'!A2"),
    Case("Sheet1:Sheet3!A1", 1, 0, "Sheet1:Sheet3!A2"),
    Case("Q1:Q4!A1", 1, 0, "Q1:Q4!A2"),
    Case("'Q1:Q4'!A1", 1, 0, "'Q1:Q4'!A2"),
    Case("Sheet1!A1:Sheet1!B2", 1, 1, "Sheet1!B2:Sheet1!C3"),
    Case("'Sheet 1:Sheet 3'!A1:B2", 1, 0, "'Sheet 1:Sheet 3'!A2:B3"),
    Case("A1!B1", 1, 0, "A1!B2"),
    Case("Feuil1!A1+Ventes2024!B2", 1, 0, "Feuil1!A2+Ventes2024!B3"),
    // String literals.
    Case("\"A1\"", 1, 1, "\"A1\""),
    Case("\"x\"\"A1\"\"\"&A1", 1, 0, "\"x\"\"A1\"\"\"&A2"),
    Case("\"it's\"&A1&\"'B2'!C3\"", 1, 0, "\"it's\"&A2&\"'B2'!C3\""),
    Case("\"[A1]\"&A1", 1, 0, "\"[A1]\"&A2"),
    // Function names that look like references.
    Case("LOG10(A1)", 1, 0, "LOG10(A2)"),
    Case("ATAN2(A1,B1)", 1, 0, "ATAN2(A2,B2)"),
    Case("DAYS360(A1,B1)", 1, 0, "DAYS360(A2,B2)"),
    Case("_xlfn.LOG10(A1)", 1, 0, "_xlfn.LOG10(A2)"),
    // Defined names and other identifiers.
    Case("TAX_2023*A1", 1, 0, "TAX_2023*A2"),
    Case("MyName+TRUE+FALSE", 1, 1, "MyName+TRUE+FALSE"),
    Case("_xlfn.XLOOKUP(A1,B:B,C:C)", 1, 1, "_xlfn.XLOOKUP(B2,C:C,D:D)"),
    Case("Table1", 1, 1, "Table1"),
    Case("_A1+A1_+A1.B+x.A1", 1, 1, "_A1+A1_+A1.B+x.A1"),
    Case("AB12C+A1B", 1, 1, "AB12C+A1B"),
    Case("\\A1", 1, 1, "\\A1"),
    // Structured references: bracket contents are never touched.
    Case("Table1[[#This Row],[Montant HT]]*A1", 1, 0, "Table1[[#This Row],[Montant HT]]*A2"),
    Case("SUM(Table1[Col A])+B1", 1, 0, "SUM(Table1[Col A])+B2"),
    Case("Table1[[#Headers],[A1]:[B2]]", 1, 1, "Table1[[#Headers],[A1]:[B2]]"),
    Case("Table1[[Col ']]]+A1", 1, 0, "Table1[[Col ']]]+A2"),
    Case("Table1['#Total]+A1", 1, 0, "Table1['#Total]+A2"),
    Case("[@A1]*C3", 1, 0, "[@A1]*C4"),
    // Error literals.
    Case("#REF!+A1", 1, 0, "#REF!+A2"),
    Case("IFERROR(A1,#N/A)", 1, 0, "IFERROR(A2,#N/A)"),
    Case("IF(A1=0,#DIV/0!,#NAME?)", 1, 0, "IF(A2=0,#DIV/0!,#NAME?)"),
    Case("Sheet1!#REF!+#NULL!", 1, 1, "Sheet1!#REF!+#NULL!"),
    Case("#N/A/A1+#n/a", 1, 0, "#N/A/A2+#n/a"),
    Case("#DIV/0!/B1+#GETTING_DATA&C1", 1, 0, "#DIV/0!/B2+#GETTING_DATA&C2"),
    // Numbers: the exponent is not a column.
    Case("1.5E+3*A1", 1, 0, "1.5E+3*A2"),
    Case("2E3+E3", 1, 0, "2E3+E4"),
    Case("A1*0.5E2", 0, 1, "B1*0.5E2"),
    Case("{1,2;3,4}+A1", 1, 0, "{1,2;3,4}+A2"),
    // Whitespace and operators, byte for byte.
    Case("  A1 \t+\n B1 ", 1, 0, "  A2 \t+\n B2 "),
    Case("SUM(A1:A3 A2:B2)", 1, 0, "SUM(A2:A4 A3:B3)"),
    Case("(A1,B1)", 1, 0, "(A2,B2)"),
    Case("A1%^-B1&C1<>D1", 1, 0, "A2%^-B2&C2<>D2"),
    // Unicode in strings and sheet names.
    Case("'Données été 2024'!A1&\"€ — ✓\"", 1, 0, "'Données été 2024'!A2&\"€ — ✓\""),
    Case("Été!A1+A1", 1, 0, "Été!A2+A2"),
    Case("éA1+A1é", 1, 0, "éA1+A1é"),
    // Negative offsets.
    Case("F12*(1+G12)", -10, 0, "F2*(1+G2)"),
    Case("SUM(C3:E9)", -2, -2, "SUM(A1:C7)"),
    Case("AA1", 0, -1, "Z1"),
    Case("AAA1", 0, -1, "ZZ1"),
    // Malformed text does not crash and is kept.
    Case("\"open", 1, 0, "\"open"),
    Case("'open!A1", 1, 0, "'open!A1"),
    Case("Table1[[open+A1", 1, 0, "Table1[[open+A1"),
    Case("$", 1, 0, "$"),
    Case("A1:", 1, 0, "A2:"),
    Case("#", 1, 0, "#"),
    Case("", 1, 1, ""),
  ]

  @Test(arguments: ruleCases)
  func rules(_ test: Case) {
    #expect(test.actual == test.expected)
  }

  @Test(arguments: [
    "F2*(1+G2)",
    "a1+'O''Brien'!A1:B2+\"A1\"+Table1[[#This Row],[Col]]",
    "A0+A01+XFE1+\"open",
    "",
  ])
  func zeroOffsetReturnsTheSameText(_ formula: String) {
    #expect(FormulaShifter.shift(formula, rows: 0, columns: 0) == formula)
  }

  @Test func hugeOffsetsDoNotOverflow() {
    #expect(FormulaShifter.shift("A1+$A$1", rows: .max, columns: 0) == "#REF!+$A$1")
    #expect(FormulaShifter.shift("B2:C3", rows: 0, columns: .min) == "#REF!")
  }

  @Test func sharedFormulaFollowers() {
    // Master H2: <f t="shared" ref="H2:H100" si="0">F2*(1+G2)</f>.
    let master = "F2*(1+G2)"
    for row in 3...100 {
      let offset = row - 2
      #expect(FormulaShifter.shift(master, rows: offset, columns: 0) == "F\(row)*(1+G\(row))")
    }
  }

  @Test func shiftingBackRestoresTheFormula() {
    let formula = "SUMIFS('Ventes 2024'!$C:$C,'Ventes 2024'!A:A,B7,Feuil1!D$2:D9)*LOG10(E7)"
    let moved = FormulaShifter.shift(formula, rows: 40, columns: 3)
    #expect(moved == "SUMIFS('Ventes 2024'!$C:$C,'Ventes 2024'!D:D,E47,Feuil1!G$2:G49)*LOG10(H47)")
    #expect(FormulaShifter.shift(moved, rows: -40, columns: -3) == formula)
  }

  @Test func everyColumnRoundTrips() {
    // A1 moved right by n - 1 gives column n's letters; back again gives A1.
    var previous = ""
    for column in 1...FormulaShifter.maxColumn {
      let moved = FormulaShifter.shift("A1", rows: 0, columns: column - 1)
      #expect(moved != previous)
      #expect(FormulaShifter.shift(moved, rows: 0, columns: 1 - column) == "A1")
      previous = moved
    }
    #expect(previous == "XFD1")
  }
}
