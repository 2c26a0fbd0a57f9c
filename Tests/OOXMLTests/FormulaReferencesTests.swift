// Tests of FormulaReferences: the references of an A1-style formula, found by
// the same tokenizer as FormulaShifter's, with their bounds and sheet prefixes.

import Testing
@testable import OOXML

@Suite struct FormulaReferencesTests {
  /// A formula and the references expected in it, in order.
  struct Case: Sendable, CustomTestStringConvertible {
    let formula: String
    let expected: [FormulaReference]

    init(_ formula: String, _ expected: [FormulaReference]) {
      self.formula = formula
      self.expected = expected
    }

    var testDescription: String { formula.isEmpty ? "(empty)" : formula }
  }

  static let allRows = 1...FormulaShifter.maxRow
  static let allColumns = 1...FormulaShifter.maxColumn

  /// A reference spanning `columns` and `rows`.
  static func ref(
    _ columns: ClosedRange<Int>, _ rows: ClosedRange<Int>,
    sheet: String? = nil, last: String? = nil, external: Bool = false
  ) -> FormulaReference {
    FormulaReference(
      sheet: sheet, lastSheet: last, isExternal: external, columns: columns, rows: rows)
  }

  /// A single cell.
  static func cell(
    _ column: Int, _ row: Int, sheet: String? = nil, last: String? = nil, external: Bool = false
  ) -> FormulaReference {
    ref(column...column, row...row, sheet: sheet, last: last, external: external)
  }

  static let cases: [Case] = [
    // Single cells, with and without `$`, in any case.
    Case("A1", [cell(1, 1)]),
    Case("$A$1", [cell(1, 1)]),
    Case("$B3+C$4", [cell(2, 3), cell(3, 4)]),
    Case("a1*b$2", [cell(1, 1), cell(2, 2)]),
    Case("XFD1048576", [cell(16_384, 1_048_576)]),
    Case("AA10-ZZ99", [cell(27, 10), cell(702, 99)]),
    // Ranges, normalised when written backwards.
    Case("A1:B2", [ref(1...2, 1...2)]),
    Case("B5:A1", [ref(1...2, 1...5)]),
    Case("A5:B1", [ref(1...2, 1...5)]),
    Case("$C$10:$A$2", [ref(1...3, 2...10)]),
    // Whole columns and whole rows.
    Case("A:C", [ref(1...3, allRows)]),
    Case("SUM($C:A)", [ref(1...3, allRows)]),
    Case("E:E", [ref(5...5, allRows)]),
    Case("2:5", [ref(allColumns, 2...5)]),
    Case("SUM(5:$2)", [ref(allColumns, 2...5)]),
    // Sheet prefixes: plain, quoted, `''` escapes, unicode.
    Case("Sheet1!A1", [cell(1, 1, sheet: "Sheet1")]),
    Case("Sheet2!$B$3*C4", [cell(2, 3, sheet: "Sheet2"), cell(3, 4)]),
    Case("'My Sheet'!A1:B2", [ref(1...2, 1...2, sheet: "My Sheet")]),
    Case("'O''Brien'!C3*2", [cell(3, 3, sheet: "O'Brien")]),
    Case("'It''s A1'!A1", [cell(1, 1, sheet: "It's A1")]),
    Case("'Synthèse'!B2", [cell(2, 2, sheet: "Synthèse")]),
    Case("'Données été 2024'!A1&\"€\"", [cell(1, 1, sheet: "Données été 2024")]),
    Case("Été!A1+A1", [cell(1, 1, sheet: "Été"), cell(1, 1)]),
    Case("A1!B1", [cell(2, 1, sheet: "A1")]),
    Case(
      "SUMIF(Suivi!E:E,A2,Suivi!H:H)",
      [ref(5...5, allRows, sheet: "Suivi"), cell(1, 2), ref(8...8, allRows, sheet: "Suivi")]),
    Case(
      "SUMIFS('Ventes 2024'!$C:$C,'Ventes 2024'!A:A,B7,Feuil1!D$2:D9)",
      [
        ref(3...3, allRows, sheet: "Ventes 2024"), ref(1...1, allRows, sheet: "Ventes 2024"),
        cell(2, 7), ref(4...4, 2...9, sheet: "Feuil1"),
      ]),
    Case("Sheet1!A1:Sheet1!B2", [cell(1, 1, sheet: "Sheet1"), cell(2, 2, sheet: "Sheet1")]),
    // External references.
    Case("[1]Sheet1!A1", [cell(1, 1, sheet: "Sheet1", external: true)]),
    Case("[2]Data!$A:$B+A1", [ref(1...2, allRows, sheet: "Data", external: true), cell(1, 1)]),
    Case("'[Book 1.xlsx]Sheet 1'!A1", [cell(1, 1, sheet: "Sheet 1", external: true)]),
    Case(
      "'C:\\Data\\[Budget.xlsx]Feuil1'!$B$2",
      [cell(2, 2, sheet: "Feuil1", external: true)]),
    // 3-D references.
    Case("Q1:Q4!A1", [cell(1, 1, sheet: "Q1", last: "Q4")]),
    Case("SUM(Sheet1:Sheet3!B2:C3)", [ref(2...3, 2...3, sheet: "Sheet1", last: "Sheet3")]),
    Case("'Sheet 1:Sheet 3'!A1:B2", [ref(1...2, 1...2, sheet: "Sheet 1", last: "Sheet 3")]),
    Case("'Q1:Q4'!A1", [cell(1, 1, sheet: "Q1", last: "Q4")]),
    Case("[1]Jan:Mar!C5", [cell(3, 5, sheet: "Jan", last: "Mar", external: true)]),
    // References inside function arguments.
    Case("VLOOKUP(A2,$D$2:$F$100,3,FALSE)", [cell(1, 2), ref(4...6, 2...100)]),
    Case("IF(SUM(A1:A3)>0,ROUND(B1*C1,2),\"\")", [ref(1...1, 1...3), cell(2, 1), cell(3, 1)]),
    Case("_xlfn.XLOOKUP(A2,B:B,C:C)", [cell(1, 2), ref(2...2, allRows), ref(3...3, allRows)]),
    Case("LOG10(A1)+ATAN2(B2,C3)", [cell(1, 1), cell(2, 2), cell(3, 3)]),
    Case("SUM(A2:INDEX(B:B,5))", [cell(1, 2), ref(2...2, allRows)]),
    Case("SUM(A1 B1)", [cell(1, 1), cell(2, 1)]),
    Case("@A1+SUM(B2#)", [cell(1, 1), cell(2, 2)]),
    // Not references: strings, functions, names, numbers.
    Case("\"A1\"", []),
    Case("\"A1\"&B1", [cell(2, 1)]),
    Case("\"say \"\"B2\"\"\"&\"'C3'!D4\"", []),
    Case("LOG10(2)+ATAN2(1,1)+DAYS360(3,4)", []),
    Case("MyName+TRUE+FALSE", []),
    Case("TAX_2023*A1", [cell(1, 1)]),
    Case("AB12C+A1B+_A1+A1_+x.A1", []),
    Case("XFE1+A1048577+A0+A01", []),
    Case("1.5E+3*A1+2E3", [cell(1, 1)]),
    // A name in the shape of a cell is a cell, as for the shifter (Excel forbids such names).
    Case("TAX2023*2", [cell(13_570, 2023)]),
    // Structured references.
    Case("Table1[[#This Row],[Montant HT]]*A2", [cell(1, 2)]),
    Case("SUM(Table1[A1])+Table1[[#Headers],[B2]:[C3]]", []),
    Case("Table1", []),
    Case("[@A1]*C3", [cell(3, 3)]),
    // Error literals.
    Case("#REF!", []),
    Case("#REF!+A1", [cell(1, 1)]),
    Case("Sheet1!#REF!+#NULL!", []),
    Case("IFERROR(A1/B1,#N/A)", [cell(1, 1), cell(2, 1)]),
    Case("IF(A1=0,#DIV/0!,#NAME?)", [cell(1, 1)]),
    // Malformed or empty text.
    Case("", []),
    Case("'open!A1", []),
    Case("\"open", []),
    Case("Table1[[open+A1", []),
  ]

  @Test(arguments: cases)
  func references(_ test: Case) {
    #expect(FormulaReferences.references(in: test.formula) == test.expected)
  }

  /// The shifter moves exactly the references that are listed: shifting the
  /// formula moves each listed reference's bounds by the offset.
  @Test(arguments: [
    "SUMIF(Suivi!E:E,A2,Suivi!H:H)",
    "'O''Brien'!C3*2+Table1[[#This Row],[A1]]+\"B2\"+TAX2023",
    "Q1:Q4!A1+[1]Sheet1!B5:A1+LOG10(2:3)",
  ])
  func agreesWithTheShifter(_ formula: String) {
    let moved = FormulaReferences.references(in: FormulaShifter.shift(formula, rows: 2, columns: 1))
    let expected = FormulaReferences.references(in: formula).map { reference in
      var reference = reference
      if reference.columns != Self.allColumns {
        reference.columns = reference.columns.lowerBound + 1...reference.columns.upperBound + 1
      }
      if reference.rows != Self.allRows {
        reference.rows = reference.rows.lowerBound + 2...reference.rows.upperBound + 2
      }
      return reference
    }
    #expect(moved == expected)
  }

  /// The tokens cover the formula end to end, so copying them gives it back.
  @Test(arguments: [
    "SUMIFS('Ventes 2024'!$C:$C,[1]Q1:Q4!A:A,\"é\"\"\",Table1[[#This Row],[Col ']]]])",
    "#N/A/A1+#DIV/0!+A1#+@B2+{1,2;3,4}",
    "'open",
    "",
  ])
  func tokensCoverTheFormula(_ formula: String) {
    let tokenizer = FormulaTokenizer(formula)
    var copied: [UInt8] = []
    var end = 0
    for token in tokenizer {
      #expect(token.range.lowerBound == end)
      copied.append(contentsOf: tokenizer.bytes[token.range])
      end = token.range.upperBound
    }
    #expect(copied == Array(formula.utf8))
  }
}
