/// Turns a ``WorksheetEdit`` into splices of one worksheet part.
///
/// Only the rows that change are rewritten, and within them only the cells that change:
/// every other byte of the part is kept. A row is rebuilt from its own bytes (re-parsed as
/// a ``RowFragment``): untouched cells are copied as written, edited cells are written
/// anew with their style, new cells are put in column order. New rows go in row order;
/// appended rows follow the last row holding data and copy that row's styles and
/// formulas (moved down). Ranges that ended at the old last data row (dimension,
/// filter, validations, conditional formats and their Excel 2010 twins) are extended.
struct WorksheetSplicer {
  struct Context {
    let file: String
    let sheet: Sheet
    let workbook: Workbook
    let styles: StylesEditor
    /// Table ranges on this sheet, whose header rows are never edited.
    let tableRanges: [(range: CellRange, headerRows: Int)]
  }

  let original: [UInt8]
  let index: WorksheetIndex
  let context: Context
  /// The formula cells whose cached values go stale.
  var staleFormulas: Set<CellReference> = []
  /// Cells given a new value whose highlight goes too (their plain format comes back).
  var unhighlightedValues: Set<CellReference> = []
  private var cellXML: CellXML { CellXML(prefix: index.sheetDataPrefix) }

  init(original: [UInt8], index: WorksheetIndex, context: Context) {
    self.original = original
    self.index = index
    self.context = context
  }

  /// The splices, and what they did.
  func splices(for edit: WorksheetEdit) throws -> ([Splice], WorksheetEditReport) {
    var splicer = self
    splicer.staleFormulas = edit.staleFormulas
    splicer.unhighlightedValues = edit.unhighlights.filter { edit.values[$0] != nil && edit.styles[$0] == nil }
    return try splicer.makeSplices(edit)
  }

  private func makeSplices(_ edit: WorksheetEdit) throws -> ([Splice], WorksheetEditReport) {
    var report = WorksheetEditReport(sheet: context.sheet.name)
    try refuseUnsafe(edit)
    var plans = try rowPlans(edit, report: &report)
    try promoteSharedFollowers(&plans, edit: edit)
    var splices: [Splice] = []
    var insertions: [(at: Int, bytes: String)] = []
    for number in plans.keys.sorted() {
      let plan = plans[number]!
      if let rowIndex = index.rowIndex(number) {
        let row = index.rows[rowIndex]
        let fragment = try RowFragment(
          bytes: original[row.span], rowNumber: number, index: index, original: original, file: context.file,
          part: context.sheet.partName)
        splices.append(Splice(row.span, try rebuild(fragment, plan: plan, number: number, report: &report)))
      } else {
        // A new row goes before the first row after it. Rows without numbers (ClosedXML,
        // OpenSpout) each follow the one before, so the row after a gap always carries its
        // number: placing a row in the gap renumbers nothing, and the other rows stay as
        // they are.
        let next = index.rows.first { $0.number > number }
        let position = next?.span.lowerBound ?? index.sheetDataEnd
        insertions.append((position, try newRow(number, plan: plan, report: &report)))
      }
    }
    splices += sheetDataInsertions(insertions)
    report.rewrittenRows = plans.keys.sorted()
    report.lastDataRow = (index.lastDataRow, max(index.lastDataRow, plans.filter { !$0.value.cells.isEmpty }.keys.max() ?? 0))
    splices += rangeSplices(oldLast: index.lastDataRow, newLast: report.lastDataRow.after, edit: edit)
    return (splices, report)
  }

  // MARK: Planning

  /// What to do to each cell of one row.
  struct RowPlan {
    enum CellChange {
      case value(CellInput, style: Int?)
      case formula(String, style: Int)
      case style(Int)
      case highlight(String)
      case unhighlight
      case promote(text: String, range: String, sharedIndex: Int)
    }
    var cells: [Int: CellChange] = [:]
    /// For an appended row: the row whose look it copies.
    var template: RowFragment?
  }

  private func refuseUnsafe(_ edit: WorksheetEdit) throws {
    for reference in Set(edit.values.keys).union(edit.styles.keys).union(edit.highlights.keys).union(edit.unhighlights) {
      if index.arrayFormulas.contains(where: { $0.contains(reference) }) {
        throw OOXMLError.editRefused(
          file: context.file, sheet: context.sheet.name, cell: reference.description,
          reason: "the cell is part of an array formula; edit the formula in a spreadsheet program")
      }
      if edit.values[reference] != nil,
        context.tableRanges.contains(where: { table in
          table.headerRows > 0 && table.range.contains(reference) && reference.row < table.range.first.row + table.headerRows
        })
      {
        throw OOXMLError.editRefused(
          file: context.file, sheet: context.sheet.name, cell: reference.description, reason: "the cell is a table's header")
      }
    }
  }

  private func rowPlans(_ edit: WorksheetEdit, report: inout WorksheetEditReport) throws -> [Int: RowPlan] {
    var plans: [Int: RowPlan] = [:]
    for (reference, value) in edit.values {
      plans[reference.row, default: RowPlan()].cells[reference.column] = .value(value, style: edit.styles[reference])
    }
    for (reference, style) in edit.styles where edit.values[reference] == nil {
      plans[reference.row, default: RowPlan()].cells[reference.column] = .style(style)
    }
    for (reference, argb) in edit.highlights where edit.values[reference] == nil && edit.styles[reference] == nil {
      plans[reference.row, default: RowPlan()].cells[reference.column] = .highlight(argb)
    }
    for reference in edit.unhighlights where edit.values[reference] == nil && edit.styles[reference] == nil && edit.highlights[reference] == nil {
      plans[reference.row, default: RowPlan()].cells[reference.column] = .unhighlight
    }
    for reference in edit.staleFormulas where plans[reference.row] == nil {
      plans[reference.row] = RowPlan()
    }
    guard !edit.appendedRows.isEmpty else { return plans }
    let template = try templateRow()
    // After the last row with content, counting cells this same save fills in: into rows
    // prepared with blank formulas, if there are any, else after the last row.
    let base = max(index.lastContentRow, edit.values.filter { $0.value != .empty }.keys.map(\.row).max() ?? 0)
    for (offset, values) in edit.appendedRows.enumerated() {
      let number = base + offset + 1
      guard number <= CellReference.maxRow else {
        throw OOXMLError.editRefused(file: context.file, sheet: context.sheet.name, cell: nil, reason: "the sheet is full")
      }
      var plan = plans[number] ?? RowPlan()
      if index.rowIndex(number) != nil {
        // A prepared row: its own formats and formulas stay; only the values go in.
        for (column, value) in values.enumerated() where value != .empty { plan.cells[column + 1] = .value(value, style: nil) }
        plans[number] = plan
        report.appendedRows.append(number)
        continue
      }
      plan.template = template
      // (The row above's look, not its conflicts' highlights.)
      for (column, value) in values.enumerated() where value != .empty {
        let style = try template?.cells.first { $0.reference.column == column + 1 }.map { try context.styles.withoutHighlight($0.style) }
        plan.cells[column + 1] = .value(value, style: style ?? index.columnStyle(column + 1))
      }
      for cell in template?.cells ?? [] where plan.cells[cell.reference.column] == nil {
        let style = try context.styles.withoutHighlight(cell.style)
        if let text = expandedFormula(cell), cell.formula?.type != .array {
          let moved = FormulaShifter.shift(text, rows: number - cell.reference.row, columns: 0)
          plan.cells[cell.reference.column] = .formula(moved, style: style)
        } else if style != 0 {
          plan.cells[cell.reference.column] = .value(.empty, style: style)
        }
      }
      plans[number] = plan
      report.appendedRows.append(number)
    }
    return plans
  }

  private func templateRow() throws -> RowFragment? {
    let last = index.lastContentRow > 0 ? index.lastContentRow : index.lastDataRow
    guard last > 0, let rowIndex = index.rowIndex(last) else { return nil }
    let row = index.rows[rowIndex]
    return try RowFragment(
      bytes: original[row.span], rowNumber: row.number, index: index, original: original, file: context.file,
      part: context.sheet.partName)
  }

  /// A cell's formula text, with a shared-formula follower's text worked out from its master.
  private func expandedFormula(_ cell: RowFragment.Cell) -> String? {
    guard let formula = cell.formula else { return nil }
    if formula.type == .shared, cell.formulaText?.isEmpty ?? true, let si = formula.sharedIndex,
      let master = index.sharedMasters[si]
    {
      return FormulaShifter.shift(
        master.text, rows: cell.reference.row - master.cell.row, columns: cell.reference.column - master.cell.column)
    }
    return cell.formulaText
  }

  /// When a shared formula's master is overwritten, the group's next cell becomes the
  /// master, with the text moved to it, so the other cells keep their formula.
  private func promoteSharedFollowers(_ plans: inout [Int: RowPlan], edit: WorksheetEdit) throws {
    for (si, master) in index.sharedMasters where edit.values[master.cell] != nil {
      guard let follower = index.firstSharedFollower[si] else { continue }
      if edit.values[follower] != nil {
        throw OOXMLError.editRefused(
          file: context.file, sheet: context.sheet.name, cell: master.cell.description,
          reason: "overwriting both the first two cells of a shared formula is not supported; edit them one save at a time")
      }
      let text = FormulaShifter.shift(
        master.text, rows: follower.row - master.cell.row, columns: follower.column - master.cell.column)
      var range = master.range ?? CellRange(first: follower, last: follower)
      if range.first.column == range.last.column || range.first.row == range.last.row {
        range = CellRange(first: follower, last: range.last)
      }
      plans[follower.row, default: RowPlan()].cells[follower.column] = .promote(text: text, range: range.description, sharedIndex: si)
    }
  }

  // MARK: Rows

  private func rebuild(_ fragment: RowFragment, plan: RowPlan, number: Int, report: inout WorksheetEditReport) throws -> String {
    var tag = OpenTag(Array(original[fragment.startTag]))
    let existingColumns = Set(fragment.cells.map(\.reference.column))
    if plan.cells.keys.contains(where: { !existingColumns.contains($0) }) { tag = tag.removingAttribute("spans") }
    if tag.attribute("r") == nil { tag = tag.settingAttribute("r", to: String(number)) }
    var cells: [(Int, String)] = []
    let values = rowValues(fragment, plan: plan)
    for cell in fragment.cells {
      let column = cell.reference.column
      if let change = plan.cells[column] {
        if case .value(let value, _) = change, value != .empty, isRich(cell) { report.richTextOverwritten.append(cell.reference) }
        cells.append((column, try write(change, at: cell.reference, existing: cell, values: values, report: &report)))
      } else {
        cells.append((column, try keep(cell, isStale: staleFormulas.contains(cell.reference), values: values, report: &report)))
      }
    }
    for (column, change) in plan.cells where !existingColumns.contains(column) {
      let reference = CellReference(column: column, row: number)!
      cells.append((column, try write(change, at: reference, existing: nil, values: values, report: &report)))
    }
    cells.sort { $0.0 < $1.0 }
    let body = cells.map(\.1).joined()
    let rowName = fragment.prefix.map { "\($0):row" } ?? "row"
    if body.isEmpty { return tag.closed(true).text }
    return tag.closed(false).text + body + "</\(rowName)>"
  }

  private func newRow(_ number: Int, plan: RowPlan, report: inout WorksheetEditReport) throws -> String {
    let rowName = index.sheetDataPrefix.map { "\($0):row" } ?? "row"
    var tag = OpenTag(Array("<\(rowName) r=\"\(number)\">".utf8))
    if let template = plan.template {
      tag = OpenTag(Array(template.bytes[template.startTag])).removingAttribute("spans").settingAttribute("r", to: String(number))
    }
    let values = rowValues(nil, plan: plan)
    var cells: [(Int, String)] = []
    for (column, change) in plan.cells {
      let reference = CellReference(column: column, row: number)!
      cells.append((column, try write(change, at: reference, existing: nil, values: values, report: &report)))
    }
    cells.sort { $0.0 < $1.0 }
    return tag.closed(false).text + cells.map(\.1).joined() + "</\(rowName)>"
  }

  /// The numeric view of the row after the edit, for recomputing formulas.
  private func rowValues(_ fragment: RowFragment?, plan: RowPlan) -> [Int: RowArithmetic.Operand] {
    var values: [Int: RowArithmetic.Operand] = [:]
    for cell in fragment?.cells ?? [] {
      values[cell.reference.column] = cell.number.map { .number($0) } ?? (cell.hasValue ? .other : .empty)
    }
    for (column, change) in plan.cells {
      switch change {
      case .value(.number(let number), _): values[column] = .number(number)
      case .value(.date(let day), _): values[column] = .number(Double(context.workbook.dateSystem.serial(of: day)))
      case .value(.empty, _): values[column] = .empty
      case .value: values[column] = .other
      case .formula, .promote: values[column] = .other
      case .style, .highlight, .unhighlight: break
      }
    }
    return values
  }

  private func isRich(_ cell: RowFragment.Cell) -> Bool {
    if cell.isRichInline { return true }
    guard let index = cell.sharedIndex else { return false }
    return context.workbook.sharedStrings.richTextIndexes.contains(index)
  }

  // MARK: Cells

  private func write(
    _ change: RowPlan.CellChange, at reference: CellReference, existing: RowFragment.Cell?,
    values: [Int: RowArithmetic.Operand], report: inout WorksheetEditReport
  ) throws -> String {
    switch change {
    case let .value(value, style):
      var style = style ?? existing?.style ?? index.columnStyle(reference.column) ?? 0
      if unhighlightedValues.contains(reference), let plain = try context.styles.unhighlightedStyle(of: style) { style = plain }
      if case .date = value { style = try context.styles.dateStyle(basedOn: style) }
      return cellXML.cell(reference, style: style, value: value, dateSystem: context.workbook.dateSystem)
    case let .formula(text, style):
      let cached = RowArithmetic.evaluate(text, row: reference.row) { values[$0] ?? .empty }
      if cached == nil { report.cacheDropped.append(reference) } else { report.recomputed.append(reference) }
      return cellXML.formulaCell(reference, style: style, formula: text, cached: cached)
    case let .highlight(argb):
      let style = try context.styles.highlightStyle(basedOn: existing?.style ?? index.columnStyle(reference.column) ?? 0, argb: argb)
      return try write(.style(style), at: reference, existing: existing, values: values, report: &report)
    case .unhighlight:
      guard let existing, let style = try context.styles.unhighlightedStyle(of: existing.style) else {
        return existing.map { String(decoding: original[$0.span], as: UTF8.self) } ?? ""
      }
      return try write(.style(style), at: reference, existing: existing, values: values, report: &report)
    case let .style(style):
      guard let existing else { return cellXML.cell(reference, style: style, value: .empty, dateSystem: context.workbook.dateSystem) }
      let bytes = Array(original[existing.span])
      var tag = OpenTag(Array(bytes[0..<startTagLength(bytes)])).settingAttribute("s", to: String(style))
      if !existing.isNumbered { tag = tag.settingAttribute("r", to: reference.description) }
      return tag.text + String(decoding: bytes[startTagLength(bytes)...], as: UTF8.self)
    case let .promote(text, range, si):
      guard let existing else { return "" }
      let f = index.sheetDataPrefix.map { "\($0):f" } ?? "f"
      let bytes = Array(original[existing.span])
      let body = String(decoding: bytes, as: UTF8.self)
      let promoted = "<\(f) t=\"shared\" ref=\"\(range)\" si=\"\(si)\">\(XMLEscaping.content(text))</\(f)>"
      return replacingFormulaElement(in: body, with: promoted, reference: reference, isNumbered: existing.isNumbered)
    }
  }

  /// An untouched cell, copied as written, except that a formula whose inputs changed
  /// gets a recomputed (or no) cached value, and a cell without `r` gets one.
  private func keep(
    _ cell: RowFragment.Cell, isStale: Bool, values: [Int: RowArithmetic.Operand], report: inout WorksheetEditReport
  ) throws -> String {
    var text = String(decoding: original[cell.span], as: UTF8.self)
    if !cell.isNumbered {
      let bytes = Array(original[cell.span])
      let length = startTagLength(bytes)
      text = OpenTag(Array(bytes[0..<length])).settingAttribute("r", to: cell.reference.description).text
        + String(decoding: bytes[length...], as: UTF8.self)
    }
    guard isStale, cell.formula != nil, cell.formula?.type != .array, cell.formula?.type != .dataTable,
      let formula = expandedFormula(cell)
    else { return text }
    let cached = RowArithmetic.evaluate(formula, row: cell.reference.row) { values[$0] ?? .empty }
    if let cached, cached == cell.number { return text }
    if cached == nil, !cell.hasValue { return text }
    if cached != nil { report.recomputed.append(cell.reference) } else { report.cacheDropped.append(cell.reference) }
    return replacingCachedValue(in: text, with: cached)
  }

  private func startTagLength(_ bytes: [UInt8]) -> Int {
    var quote: UInt8?
    for (offset, byte) in bytes.enumerated() {
      if let open = quote {
        if byte == open { quote = nil }
      } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        quote = byte
      } else if byte == UInt8(ascii: ">") {
        return offset + 1
      }
    }
    return bytes.count
  }

  /// Replaces (or removes) the `<v>` of a cell's XML; a cell whose value is dropped loses
  /// its `t` too (the type of a value it no longer has).
  private func replacingCachedValue(in cell: String, with value: Double?) -> String {
    let v = index.sheetDataPrefix.map { "\($0):v" } ?? "v"
    var bytes = Array(cell.utf8)
    let tagLength = startTagLength(bytes)
    var tag = OpenTag(Array(bytes[0..<tagLength]))
    if value != nil || tag.attribute("t") != nil { tag = tag.removingAttribute("t") }
    let close = Array("</\(v)>".utf8)
    var body = Array(bytes[tagLength...])
    // `<v>`, or `<v xml:space="preserve">` and the like.
    let open = [Array("<\(v)>".utf8), Array("<\(v) ".utf8)].compactMap { body.firstRange(of: $0) }.min { $0.lowerBound < $1.lowerBound }
    if let start = open, let end = body[start.upperBound...].firstRange(of: close) {
      body.replaceSubrange(start.lowerBound..<end.upperBound, with: value.map { Array("<\(v)>\(CellXML.number($0))</\(v)>".utf8) } ?? [])
    } else if let start = body.firstRange(of: Array("<\(v)/>".utf8)) {
      body.replaceSubrange(start, with: value.map { Array("<\(v)>\(CellXML.number($0))</\(v)>".utf8) } ?? [])
    } else if let value, let closing = body.lastIndex(of: UInt8(ascii: "<")) {
      body.insert(contentsOf: Array("<\(v)>\(CellXML.number(value))</\(v)>".utf8), at: closing)
    }
    bytes = tag.bytes + body
    return String(decoding: bytes, as: UTF8.self)
  }

  private func replacingFormulaElement(in cell: String, with formula: String, reference: CellReference, isNumbered: Bool) -> String {
    let f = index.sheetDataPrefix.map { "\($0):f" } ?? "f"
    var bytes = Array(cell.utf8)
    let tagLength = startTagLength(bytes)
    var body = Array(bytes[tagLength...])
    let openPrefix = Array("<\(f)".utf8)
    guard let start = body.firstRange(of: openPrefix) else { return cell }
    var end = start.upperBound
    while end < body.count, body[end] != UInt8(ascii: ">") { end += 1 }
    if end > 0, body[end - 1] == UInt8(ascii: "/") {
      end += 1
    } else if let close = body[end...].firstRange(of: Array("</\(f)>".utf8)) {
      end = close.upperBound
    }
    body.replaceSubrange(start.lowerBound..<end, with: Array(formula.utf8))
    var tag = OpenTag(Array(bytes[0..<tagLength]))
    if !isNumbered { tag = tag.settingAttribute("r", to: reference.description) }
    bytes = tag.bytes + body
    return String(decoding: bytes, as: UTF8.self)
  }

  // MARK: Sheet data and ranges

  private func sheetDataInsertions(_ insertions: [(at: Int, bytes: String)]) -> [Splice] {
    guard !insertions.isEmpty else { return [] }
    if index.sheetDataIsSelfClosing {
      let name = index.sheetDataPrefix.map { "\($0):sheetData" } ?? "sheetData"
      let tag = OpenTag(Array(original[index.sheetDataStartTag])).closed(false).text
      return [Splice(index.sheetDataStartTag, tag + insertions.map(\.bytes).joined() + "</\(name)>")]
    }
    return insertions.map { Splice($0.at..<$0.at, $0.bytes) }
  }

  private func rangeSplices(oldLast: Int, newLast: Int, edit: WorksheetEdit) -> [Splice] {
    var splices: [Splice] = []
    let maxColumn = edit.values.keys.map(\.column).max() ?? 0
    let maxRow = max(newLast, edit.values.keys.map(\.row).max() ?? 0)
    for site in index.rangeSites {
      let updated: String
      switch site.kind {
      case .dimension:
        guard let range = CellRange(site.value) else { continue }
        let last = CellReference(column: max(range.last.column, maxColumn), row: max(range.last.row, maxRow))!
        updated = CellRange(first: range.first, last: last).description
      default:
        guard newLast > oldLast, oldLast > 0 else { continue }
        updated = RangeList.extending(site.value, endingAt: oldLast, to: newLast)
      }
      if updated != site.value { splices.append(Splice(site.valueSpan, XMLEscaping.attribute(updated))) }
    }
    return splices
  }
}

/// Space-separated lists of ranges (`ST_Sqref`), such as `A2:A1001 C2:C1001`.
enum RangeList {
  /// Each range whose last row is `oldLast` made to end at `newLast`.
  static func extending(_ list: String, endingAt oldLast: Int, to newLast: Int) -> String {
    list.split(separator: " ", omittingEmptySubsequences: false).map { item -> String in
      guard let range = CellRange(String(item)), range.last.row == oldLast, range.first.row < oldLast || range.first.row == oldLast
      else { return String(item) }
      let last = CellReference(column: range.last.column, row: newLast)!
      return CellRange(first: range.first, last: last).description
    }.joined(separator: " ")
  }
}
