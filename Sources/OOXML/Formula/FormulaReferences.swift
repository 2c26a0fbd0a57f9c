// Listing the references of an A1-style formula.
//
// FormulaTokenizer finds the references (the same ones FormulaShifter moves:
// never inside a string, a table's brackets, a name, a function name or a
// number); this file reads each one's bounds and the sheet prefix written just
// before it. A prefix is the tokens before a `!` that ends right where the
// reference starts: a quoted name (`'My Sheet'!`, `'[Book.xlsx]Sheet 1'!`,
// `'Sheet 1:Sheet 3'!`), a word (`Sheet1!`), two words around `:`
// (`Sheet1:Sheet3!`) or a 3-D sheet range (`Q1:Q4!`), the unquoted forms
// optionally after a book index (`[1]Sheet1!`). Sheet names cannot hold `[`,
// `]` or `:`, so inside quotes a `[...]` is the book and a `:` splits a 3-D
// range.

/// A reference found in a formula.
public struct FormulaReference: Hashable, Sendable {
  /// The sheet named before `!`, unquoted (`'O''Brien'` → `O'Brien`); nil when
  /// the reference has no sheet prefix. For an external reference
  /// (`[1]Sheet1!A1`) `isExternal` is true. For a 3-D reference (`Q1:Q4!A1`)
  /// `sheet` is "Q1" and `lastSheet` is "Q4".
  public var sheet: String?
  /// The last sheet of a 3-D reference; nil otherwise.
  public var lastSheet: String?
  /// Whether the reference points into another workbook (`[1]Sheet1!A1`,
  /// `'[Book.xlsx]Sheet1'!A1`).
  public var isExternal: Bool
  /// 1-based bounds; a whole-column reference (`A:C`) has rows 1...1_048_576,
  /// a whole-row reference (`2:5`) columns 1...16_384; a single cell has
  /// first == last.
  public var columns: ClosedRange<Int>
  public var rows: ClosedRange<Int>

  public init(
    sheet: String? = nil, lastSheet: String? = nil, isExternal: Bool = false,
    columns: ClosedRange<Int>, rows: ClosedRange<Int>
  ) {
    self.sheet = sheet
    self.lastSheet = lastSheet
    self.isExternal = isExternal
    self.columns = columns
    self.rows = rows
  }
}

/// The references of an A1-style formula.
///
/// ```swift
/// FormulaReferences.references(in: "SUMIF(Suivi!E:E,A2,Suivi!H:H)")
/// // Suivi columns 5...5 rows 1...1_048_576, A2, Suivi columns 8...8 rows 1...1_048_576
/// ```
public enum FormulaReferences {
  /// Every reference in the formula (text without `=`), in order. Defined
  /// names, structured references (`Table1[Col]`) and functions are not
  /// references and are skipped.
  ///
  /// A reference is what `FormulaShifter` moves: a cell (`$A$1`), a cell
  /// range (`B5:A1`, normalised to A1:B5), a column range (`A:C`) or a row
  /// range (`1:3`). A name in the shape of a cell up to `XFD1048576`, such as
  /// `TAX2023`, is a cell (Excel forbids such names). Ranges joined by the
  /// range operator are listed one by one: `Sheet1!A1:Sheet1!B2` gives A1 and
  /// B2, `A1:B2:C3` gives A1:B2 and C3.
  public static func references(in formula: String) -> [FormulaReference] {
    let tokenizer = FormulaTokenizer(formula)
    let bytes = tokenizer.bytes
    let tokens = Array(tokenizer)
    var references: [FormulaReference] = []
    for (index, token) in tokens.enumerated() {
      guard case .reference(let first, let second) = token.kind else { continue }
      var reference = bounds(first, second ?? first)
      if let prefix = sheetPrefix(before: index, in: tokens, bytes: bytes) {
        reference.sheet = prefix.sheet
        reference.lastSheet = prefix.lastSheet
        reference.isExternal = prefix.isExternal
      }
      references.append(reference)
    }
    return references
  }

  /// The bounds of a cell or of a range of two endpoints of the same kind.
  private static func bounds(
    _ first: FormulaTokenizer.Endpoint, _ last: FormulaTokenizer.Endpoint
  ) -> FormulaReference {
    func span(_ a: Int?, _ b: Int?, whole: Int) -> ClosedRange<Int> {
      guard let a, let b else { return 1...whole }
      return min(a, b)...max(a, b)
    }
    return FormulaReference(
      columns: span(first.column, last.column, whole: FormulaShifter.maxColumn),
      rows: span(first.row, last.row, whole: FormulaShifter.maxRow)
    )
  }

  /// A sheet prefix: the sheet, the last sheet of a 3-D range, and whether a
  /// book is named.
  private struct SheetPrefix {
    var sheet: String?
    var lastSheet: String?
    var isExternal = false
  }

  /// The sheet prefix that ends with a `!` just before `tokens[index]`, if any.
  private static func sheetPrefix(
    before index: Int, in tokens: [FormulaTokenizer.Token], bytes: [UInt8]
  ) -> SheetPrefix? {
    func kind(at position: Int) -> FormulaTokenizer.Kind? {
      position >= 0 ? tokens[position].kind : nil
    }
    func isByte(_ byte: UInt8, at position: Int) -> Bool {
      guard case .other = kind(at: position) else { return false }
      return bytes[tokens[position].range.lowerBound] == byte
    }
    func text(at position: Int) -> String {
      String(decoding: bytes[tokens[position].range], as: UTF8.self)
    }
    func isBracketed(at position: Int) -> Bool {
      if case .bracketed = kind(at: position) { return true }
      return false
    }

    let name = index - 2
    guard isByte(FormulaTokenizer.Byte.bang, at: index - 1) else { return nil }
    switch kind(at: name) {
    case .quotedName?:
      return quotedPrefix(bytes[tokens[name].range])
    case .sheetRange?:
      let sheets = text(at: name).split(separator: ":", maxSplits: 1)
      return SheetPrefix(
        sheet: String(sheets[0]), lastSheet: sheets.count > 1 ? String(sheets[1]) : nil,
        isExternal: isBracketed(at: name - 1))
    case .word?:
      if isByte(FormulaTokenizer.Byte.colon, at: name - 1), case .word? = kind(at: name - 2) {
        return SheetPrefix(
          sheet: text(at: name - 2), lastSheet: text(at: name),
          isExternal: isBracketed(at: name - 3))
      }
      return SheetPrefix(sheet: text(at: name), isExternal: isBracketed(at: name - 1))
    case .bracketed?:
      // `[1]!A1`: a book without a sheet.
      return SheetPrefix(isExternal: true)
    default:
      return nil
    }
  }

  /// The prefix written as a quoted name, quotes included: `''` is `'`, a
  /// `[...]` names a book (after an optional path), a `:` splits a 3-D range.
  private static func quotedPrefix(_ quoted: ArraySlice<UInt8>) -> SheetPrefix {
    var name: [UInt8] = []
    var position = quoted.startIndex + 1
    let end = quoted.endIndex - 1
    while position < end {
      name.append(quoted[position])
      position += quoted[position] == FormulaTokenizer.Byte.apostrophe ? 2 : 1
    }
    var prefix = SheetPrefix()
    var sheets = name[...]
    if let open = sheets.firstIndex(of: FormulaTokenizer.Byte.openBracket),
      let close = sheets[open...].firstIndex(of: FormulaTokenizer.Byte.closeBracket)
    {
      prefix.isExternal = true
      sheets = sheets[(close + 1)...]
    }
    if let colon = sheets.firstIndex(of: FormulaTokenizer.Byte.colon) {
      prefix.sheet = String(decoding: sheets[..<colon], as: UTF8.self)
      prefix.lastSheet = String(decoding: sheets[(colon + 1)...], as: UTF8.self)
    } else {
      prefix.sheet = String(decoding: sheets, as: UTF8.self)
    }
    return prefix
  }
}
