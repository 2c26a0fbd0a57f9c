import Ledger
import OOXML

/// The ledger's side, written into the workbook: changed cells of known columns, numbers
/// for typed rows, new invoices as rows styled like the last one (its formulas moved down),
/// conflicts flagged (highlight, note, and the **Conflits** sheet), and nothing else.
extension SyncRun {
  static let conflictsSheet = "Conflits"
  static let resolutionWords: [(String, SyncConflict.Resolution)] = [
    ("garder la feuille", .sheet), ("garder le registre", .ledger), ("keep sheet", .sheet), ("keep ledger", .ledger),
  ]

  mutating func writeWorkbook(projection: LedgerProjection, appended: [String]) throws {
    guard let sheet = table.sheet else { return }
    // Nothing to write: the editor's preparation is stopped rather than waited for.
    let openConflicts = try store.conflicts(of: binding)
    let conflictsSheetMissing = workbook?.sheet(named: Self.conflictsSheet) == nil && !openConflicts.isEmpty
    let toClear = try store.closedButFlagged(of: binding)
    guard !sheetWrites.isEmpty || !newNumbers.isEmpty || !appended.isEmpty || !report.raised.isEmpty || !report.closed.isEmpty
      || conflictsSheetMissing || openConflicts.contains(where: { !$0.flagged || movedConflicts.contains($0.id) }) || !toClear.isEmpty
    else {
      stopPreparingEditor()
      return
    }
    // The workbook read at the start: a save is refused if the file changed since.
    let editor = try self.editor ?? workbook.map(WorkbookEditor.init(workbook:)) ?? WorkbookEditor(path: path)
    try preparing?.value()
    for (_, write) in sheetWrites.sorted(by: { $0.key < $1.key }) {
      guard let row = sheetRows[write.number], !row.formulas.contains(write.column) || !(write.column.isDerived || write.column.isComputed)
      else { continue }
      // The lines of one invoice each show its value.
      for line in [row.row] + row.lines {
        guard let reference = table.reference(write.column, row: line) else { continue }
        try editor.set(render(write.value, column: write.column), at: reference, sheet: table.locate(line).sheet ?? sheet)
      }
    }
    for (row, number) in newNumbers.sorted(by: { $0.key < $1.key }) {
      if let reference = table.reference(.number, row: row) {
        try editor.set(.string(number), at: reference, sheet: table.locate(row).sheet ?? sheet)
      }
    }
    let width = table.columns.values.max() ?? 0
    let formulaColumns = table.rows.last?.formulas ?? []
    // A new invoice goes to the sheet of its period (a new sheet when it has none).
    var newSheets: [String: [[CellInput]]] = [:]
    var newSheetOrder: [String] = []
    for number in appended {
      guard let values = projection.rows[number] else { continue }
      var inputs = [CellInput](repeating: .empty, count: width)
      // The row's own values, over the formulas the row above has there (a due date the
      // model computes from terms the ledger may know otherwise); computed columns keep
      // their formulas.
      for (column, index) in table.columns where !formulaColumns.contains(column) || !(column.isDerived || column.isComputed) {
        inputs[index - 1] = render(values[column], column: column)
      }
      guard table.isPeriodic, let day = values.day(.issueDate) else {
        try editor.appendRow(inputs, sheet: sheet)
        continue
      }
      if let target = table.periodSheet(for: day) {
        try editor.appendRow(inputs, sheet: target)
      } else {
        let name = table.newPeriodSheetName(for: day)
        if newSheets[name] == nil { newSheetOrder.append(name) }
        newSheets[name, default: []].append(inputs)
      }
    }
    for name in newSheetOrder { try addPeriodSheet(name, rows: newSheets[name]!, editor: editor) }
    Timing.mark("  editor sets")
    try flagConflicts(editor, sheet: sheet, cleared: toClear)
    Timing.mark("  flag conflicts")
    guard editor.hasChanges else { return }
    let saved = try editor.save(options: options.saveOptions)
    Timing.mark("  save")
    report.saved = true
    report.backup = saved.backup
    if let previous = saved.previous { previousVersion = (saved.path, previous) }
    rewrittenRows = Set(saved.sheets.first { $0.sheet == sheet }?.rewrittenRows ?? [])
  }

  /// Highlights and annotates the cells of the conflicts not flagged yet (this run's, and
  /// those a pull raised, which writes no workbook), clears those of closed ones, and
  /// rewrites the Conflits sheet when the open conflicts changed.
  private mutating func flagConflicts(_ editor: WorkbookEditor, sheet: String, cleared: [SyncConflict]) throws {
    // `cleared`: closed by this run, or by an earlier one that wrote no workbook (a pull).
    for conflict in cleared {
      try store.markFlagged(conflict, binding: binding, flagged: false)
      guard let (cell, cellSheet) = conflict.cell.flatMap({ Self.cell($0, sheet: sheet) }) else { continue }
      try editor.removeHighlight(cell, sheet: cellSheet)
      try editor.removeNote(at: cell, sheet: cellSheet)
    }
    let unflagged = try store.conflicts(of: binding).filter { !$0.flagged || movedConflicts.contains($0.id) }
    for conflict in unflagged {
      try store.markFlagged(conflict, binding: binding, flagged: true)
      guard let (cell, cellSheet) = conflict.cell.flatMap({ Self.cell($0, sheet: sheet) }) else { continue }
      try editor.highlight(cell, sheet: cellSheet)
      try editor.setNote(noteText(conflict), at: cell, sheet: cellSheet, author: "Suivi")
    }
    let hasSheet = workbook?.sheet(named: Self.conflictsSheet) != nil
    let open = try store.conflicts(of: binding)
    // (A workbook never shown a conflict is given no Conflits sheet.)
    guard hasSheet ? !unflagged.isEmpty || !report.closed.isEmpty || !cleared.isEmpty : !open.isEmpty else { return }
    var rows: [[CellInput]] = [[
      .string("Id"), .string("Facture"), .string("Colonne"), .string("Cellule"), .string("Valeur de la feuille"),
      .string("Valeur du registre"), .string("Valeur à la dernière synchro"), .string("Relevé le"), .string("Résolution"),
    ]]
    for conflict in open {
      let column = SyncColumn(rawValue: conflict.column)
      rows.append([
        .string(conflict.id), .string(conflict.number), .string(column?.header ?? conflict.column), .string(conflict.cell ?? ""),
        .string(display(conflict.sheet, column)), .string(display(conflict.ledger, column)), .string(display(conflict.base, column)),
        .string(String(conflict.raisedAt.prefix(10))), .string(""),
      ])
    }
    if open.isEmpty { rows.append([.string("Aucun conflit ouvert.")]) }
    try editor.putSheet(
      Self.conflictsSheet,
      SheetContent(rows: rows, columnWidths: [12, 12, 18, 10, 22, 22, 24, 12, 20], lists: [(9, ["garder la feuille", "garder le registre"])]))
  }

  /// A conflict's cell as a reference and its sheet: `E3` is in `sheet`, `'2025'!E3` in
  /// the period sheet `2025`.
  static func cell(_ name: String, sheet: String) -> (CellReference, String)? {
    guard let bang = name.lastIndex(of: "!") else { return CellReference(name).map { ($0, sheet) } }
    var sheetName = String(name[..<bang])
    if sheetName.hasPrefix("'"), sheetName.hasSuffix("'"), sheetName.count >= 2 { sheetName = String(sheetName.dropFirst().dropLast()) }
    return CellReference(String(name[name.index(after: bang)...])).map { ($0, sheetName) }
  }

  /// Adds a period sheet after the last, made like the last period sheet: its header (the
  /// texts on the same row, in the same formats), its column widths, its data columns'
  /// formats, validations and conditional formats; then `rows`.
  private func addPeriodSheet(_ name: String, rows: [[CellInput]], editor: WorkbookEditor) throws {
    guard let workbook, let model = table.periodSheets.last else { return }
    let width = table.columns.values.max() ?? 0
    var header = [CellInput](repeating: .empty, count: max(width, table.headerTexts.keys.max() ?? 0))
    for (index, text) in table.headerTexts { header[index - 1] = .string(text) }
    let blank = [[CellInput]](repeating: [], count: max(0, table.headerRow - 1))
    let layout = try workbook.layout(ofSheet: model, headerRow: table.headerRow)
    try editor.putSheet(name, SheetContent(rows: blank + [header] + rows, like: layout))
  }

  func noteText(_ conflict: SyncConflict) -> String {
    let column = SyncColumn(rawValue: conflict.column)
    return """
      Conflit Suivi \(conflict.id)
      Feuille : \(display(conflict.sheet, column))
      Registre : \(display(conflict.ledger, column))
      Dernière synchro : \(display(conflict.base, column))
      Relevé le \(conflict.raisedAt.prefix(10)). Décidez dans la feuille Conflits (garder la feuille / garder le registre) ou avec suivi resolve \(conflict.id).
      """
  }

  /// A conflict's value (stored as canonical text) as a person reads it.
  func display(_ value: String?, _ column: SyncColumn?) -> String {
    guard let value else { return "(vide)" }
    guard let column else { return CellNormalizer.shown(value) }
    switch SyncValue(canonical: value, kind: column.kind) {
    case let .status(status)?: return table.statusWords.word(for: status)
    case let .method(method)?: return table.methodWords.word(for: method)
    case let .rate(rate)?: return "\(Double(rate.basisPoints) / 100) %"
    case .amount?: return value.replacingAll(".", with: ",") + " €"
    case let .unreadable(shown)?: return shown
    default: return value
    }
  }

  /// What to write in a cell for a value.
  func render(_ value: SyncValue?, column: SyncColumn) -> CellInput {
    switch value {
    case nil: return .empty
    case let .text(text)?: return .string(text)
    case let .day(day)?: return .date(day)
    case let .amount(cents)?: return .number(Double(cents.value) / 100)
    case let .rate(rate)?: return .number(Double(rate.basisPoints) / 10_000)
    case let .status(status)?: return .string(table.statusWords.word(for: status))
    case let .method(method)?: return .string(table.methodWords.word(for: method))
    case let .unreadable(shown)?: return .string(shown)
    }
  }

  /// Decisions typed in the Conflits sheet's Résolution column.
  func decisionsInSheet() throws -> [String: SyncConflict.Resolution] {
    guard let workbook, let sheet = workbook.sheet(named: Self.conflictsSheet) else { return [:] }
    let reader = try workbook.cells(of: sheet)
    var result: [String: SyncConflict.Resolution] = [:]
    while let (row, cells) = try reader.nextRow() {
      guard row > 1 else { continue }
      var id: String?
      var word: String?
      for cell in cells {
        guard case let .string(text) = cell.value else { continue }
        if cell.reference.column == 1 { id = text }
        if cell.reference.column == 9 { word = text }
      }
      guard let id, let word else { continue }
      let key = HeaderText.key(word)
      if let resolution = Self.resolutionWords.first(where: { HeaderText.key($0.0) == key })?.1 { result[id] = resolution }
    }
    return result
  }
}
