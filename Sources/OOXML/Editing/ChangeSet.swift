/// The cells a save changes, to find the formulas whose cached values they make stale.
///
/// A formula depends on a change when one of its references covers a changed cell of that
/// sheet, or, when rows are appended, when a reference reaches below the last row that
/// held data (a whole column `E:E`, or `E2:E1501`). Most formulas cannot reference a
/// change and are told apart without parsing them: a formula with no `:` and no `!` that
/// never spells the letters of a changed column reads only cells that did not change.
struct ChangeSet {
  /// The verdict on one formula.
  enum Dependency: Equatable {
    case none
    case changed
    /// It reads rows of `sheet` down to `row`: stale when rows are appended below a
    /// last data row above `row`.
    case reaches(sheet: String, row: Int)
  }

  private var cells: [String: Set<CellReference>] = [:]
  private var appendingSheets: Set<String> = []
  private var columnLetters: Set<String> = []
  private var letterPatterns: [[UInt8]] = []

  var isEmpty: Bool { cells.isEmpty && appendingSheets.isEmpty }

  mutating func add(_ reference: CellReference, sheet: String) {
    cells[sheet.lowercased(), default: []].insert(reference)
    if columnLetters.insert(reference.columnName).inserted { letterPatterns.append(Array(reference.columnName.utf8)) }
  }

  private static func containsIgnoringCase(_ bytes: [UInt8], _ pattern: [UInt8]) -> Bool {
    guard bytes.count >= pattern.count else { return false }
    for start in 0...(bytes.count - pattern.count) {
      var matched = true
      for offset in 0..<pattern.count where bytes[start + offset] & 0xDF != pattern[offset] {
        matched = false
        break
      }
      if matched { return true }
    }
    return false
  }

  /// Records that rows are appended to `sheet`.
  mutating func addAppends(sheet: String) {
    appendingSheets.insert(sheet.lowercased())
  }

  /// Whether a formula on `sheet` with this text may depend on a change (cheap).
  func mayDepend(_ formula: String, sheet: String) -> Bool {
    if isEmpty { return false }
    if formula.utf8.contains(UInt8(ascii: ":")) || formula.utf8.contains(UInt8(ascii: "!")) { return true }
    guard !columnLetters.isEmpty else { return false }
    let bytes = Array(formula.utf8)
    return letterPatterns.contains { pattern in Self.containsIgnoringCase(bytes, pattern) }
  }

  /// How the formula on `sheet` depends on the changes.
  func dependency(_ formula: String, sheet: String) -> Dependency {
    guard mayDepend(formula, sheet: sheet) else { return .none }
    var reach: (String, Int)?
    for reference in FormulaReferences.references(in: formula) where !reference.isExternal {
      let target = (reference.sheet ?? sheet).lowercased()
      if let changed = cells[target] {
        if reference.rows.count == 1, reference.columns.count == 1 {
          if changed.contains(CellReference(column: reference.columns.lowerBound, row: reference.rows.lowerBound)!) { return .changed }
        } else if changed.contains(where: { reference.rows.contains($0.row) && reference.columns.contains($0.column) }) {
          return .changed
        }
      }
      if appendingSheets.contains(target), reference.rows.count > 1 || reference.columns.count > 1 {
        if reach == nil || reference.rows.upperBound > reach!.1 { reach = (target, reference.rows.upperBound) }
      }
    }
    return reach.map { .reaches(sheet: $0.0, row: $0.1) } ?? .none
  }
}
