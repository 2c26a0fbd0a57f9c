/// Where things are in a worksheet part's bytes: what an editor needs to splice it.
///
/// Built by one streaming pass (``WorksheetIndexer``) before a save. Rows are recorded
/// by number and byte span (a few bytes each, whatever the row holds); cells only for the
/// few rows the edit touches, by re-parsing those rows later.
struct WorksheetIndex {
  /// One `<row>` element.
  struct Row {
    let number: Int
    /// From the `<` of `<row` to just after `</row>` (or `/>`).
    let span: Range<Int>
    /// Whether the row element has an `r` attribute.
    let isNumbered: Bool
    /// Whether a cell of the row has a value or a formula (not just a style).
    let hasData: Bool
    /// Whether the row counts for ``WorksheetIndex/lastContentRow``.
    var hasContent = false
  }

  /// A shared-formula group's master cell.
  struct SharedMaster {
    let cell: CellReference
    let text: String
    let range: CellRange?
  }

  /// An element whose range attribute or text must follow appended rows.
  struct RangeSite {
    enum Kind { case dimension, autoFilter, conditionalFormatting, dataValidation, extensionSqref }
    let kind: Kind
    /// The span of the attribute value (or of the element text, for `<xm:sqref>`).
    let valueSpan: Range<Int>
    let value: String
  }

  var rootQualifiedName = ""
  /// The span of the root's start tag (its namespace declarations).
  var rootStartTag: Range<Int> = 0..<0
  var sheetDataStartTag: Range<Int> = 0..<0
  /// Where `</sheetData>` starts (or the `/>` of `<sheetData/>`).
  var sheetDataEnd = 0
  var sheetDataIsSelfClosing = false
  var sheetDataPrefix: String?
  var rows: [Row] = []
  var lastDataRow = 0
  /// The last row holding a typed value or a formula whose result is neither blank nor zero.
  /// Rows after it that hold only such formulas are rows prepared for new entries (a model
  /// sheet's, formatted and with formulas waiting): appended rows fill them first.
  var lastContentRow = 0
  var arrayFormulas: [CellRange] = []
  var sharedMasters: [Int: SharedMaster] = [:]
  /// The first cell (in file order) of each shared group after its master.
  var firstSharedFollower: [Int: CellReference] = [:]
  var rangeSites: [RangeSite] = []
  /// `<col>` styles: (first column, last column, style).
  var columnStyles: [(ClosedRange<Int>, Int)] = []
  /// The relationship ids of the sheet's `<tablePart>` elements.
  var tableRelationshipIDs: [String] = []
  /// The root's children, by local name and start offset (to place a new one where the
  /// schema wants it).
  var topLevelElements: [(name: String, start: Int)] = []
  /// Where the root's end tag starts.
  var rootEndTagStart = 0
  /// The relationship id of `<legacyDrawing>` (the VML drawing that holds notes' shapes).
  var legacyDrawingID: String?
  /// Whether a row without an `r` attribute was seen.
  var hasUnnumberedRows = false
  /// Formula cells that read a changed cell (their cached values go stale).
  var staleFormulas: Set<CellReference> = []
  /// Formula cells whose ranges reach down to a row of a sheet that gets appended rows:
  /// stale when that row is below the sheet's last data row.
  var reachingFormulas: [(cell: CellReference, sheet: String, row: Int)] = []
  /// Every formula cell with its text, when the index was built before the changes were
  /// known (``WorkbookEditor/prepare(sheet:isCancelled:)``): checked by
  /// ``checkDeferredFormulas(against:sheet:)`` once they are.
  var deferredFormulas: [(cell: CellReference, text: String)]?

  /// Records how the formula at `cell` depends on `changes`.
  mutating func check(_ text: String, at cell: CellReference, against changes: ChangeSet, sheet: String) {
    switch changes.dependency(text, sheet: sheet) {
    case .none: break
    case .changed: staleFormulas.insert(cell)
    case let .reaches(target, row): reachingFormulas.append((cell, target, row))
    }
  }

  /// Checks the formulas kept by an index built before the changes were known, as the
  /// indexer would have while reading.
  mutating func checkDeferredFormulas(against changes: ChangeSet, sheet: String) {
    guard let formulas = deferredFormulas else { return }
    deferredFormulas = nil
    guard !changes.isEmpty else { return }
    for (cell, text) in formulas { check(text, at: cell, against: changes, sheet: sheet) }
  }

  /// The index of the row numbered `number`, if there is one.
  func rowIndex(_ number: Int) -> Int? { rows.index(ofKey: number, \.number) }

  /// The style `<cols>` gives a column, if any.
  func columnStyle(_ column: Int) -> Int? {
    columnStyles.first { $0.0.contains(column) }?.1
  }
}
