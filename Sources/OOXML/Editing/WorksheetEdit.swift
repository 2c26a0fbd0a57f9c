/// Everything to change in one worksheet at the next save.
struct WorksheetEdit {
  /// New values, by cell.
  var values: [CellReference: CellInput] = [:]
  /// New style indexes, by cell (to restore a format a highlight replaced).
  var styles: [CellReference: Int] = [:]
  /// Highlights (ARGB fill colours), by cell.
  var highlights: [CellReference: String] = [:]
  /// Cells whose highlight to remove, restoring the format it was cloned from.
  var unhighlights: Set<CellReference> = []
  /// Notes to set or remove, by cell.
  var notes: [CellReference: NoteEdit] = [:]
  /// Rows to add after the last row that holds data, each value in columns A, B, C…
  var appendedRows: [[CellInput]] = []
  /// Formula cells (on this sheet) whose inputs change elsewhere: recompute or drop
  /// their cached values.
  var staleFormulas: Set<CellReference> = []

  var isEmpty: Bool {
    values.isEmpty && styles.isEmpty && highlights.isEmpty && unhighlights.isEmpty && notes.isEmpty && appendedRows.isEmpty && staleFormulas.isEmpty
  }
}

/// What a save did to one sheet, for the caller's report.
public struct WorksheetEditReport: Sendable, Equatable {
  /// The sheet.
  public var sheet: String
  /// Cells whose rich-text formatting was lost because their text was replaced.
  public var richTextOverwritten: [CellReference] = []
  /// The rows added, by number.
  public var appendedRows: [Int] = []
  /// Formula cells whose cached value was recomputed.
  public var recomputed: [CellReference] = []
  /// Formula cells whose cached value was removed (to be recomputed by the spreadsheet).
  public var cacheDropped: [CellReference] = []
  /// The last row holding data before and after the save.
  public var lastDataRow: (before: Int, after: Int) = (0, 0)
  /// The rows whose bytes the save rewrote or added, by number (every other row of the
  /// sheet keeps its bytes).
  public var rewrittenRows: [Int] = []

  public static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.sheet == rhs.sheet && lhs.richTextOverwritten == rhs.richTextOverwritten && lhs.appendedRows == rhs.appendedRows
      && lhs.recomputed == rhs.recomputed && lhs.cacheDropped == rhs.cacheDropped
      && lhs.lastDataRow.before == rhs.lastDataRow.before && lhs.lastDataRow.after == rhs.lastDataRow.after
      && lhs.rewrittenRows == rhs.rewrittenRows
  }
}
