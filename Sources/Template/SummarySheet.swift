import OOXML

/// The summary sheet (**Synthèse**): totals per status, the amount owed and its aged
/// balance (not yet due, 1–30, 31–60, 61–90, over 90 days past due), collections and DSO
/// over an editable period, reminders per level — all by formulas on the tracker's whole
/// columns (`SUMIFS`, `COUNTIFS`, `TODAY`), which Excel, LibreOffice and Google Sheets
/// compute alike. No cached values: every program computes them on opening.
struct SummarySheet {
  let layout: TemplateLayout
  let company: String?

  private var model: TemplateModel { layout.model }
  private var summary: TemplateModel.SummaryModel { model.summary }

  /// Where each description row starts, its named cells, and its repeated block.
  private struct Placement {
    var firstRow: [Int] = []
    var named: [String: String] = [:]
    /// For each description row, the rows of the last repeated block above it.
    var block: [ClosedRange<Int>?] = []
  }

  func write(into sheet: WorksheetWriter, styles: inout TemplateStyles) throws {
    let placement = try place()
    let width = summary.widths.count
    sheet.columns = summary.widths.enumerated().map { (offset, width) in (offset + 1...offset + 1, width, 0) }
    for (index, row) in summary.rows.enumerated() {
      let items: [TemplateModel.ListModel.Item?] = try row.forEach.map { try model.list($0).items } ?? [nil]
      for (offset, item) in items.enumerated() {
        let number = placement.firstRow[index] + offset
        let resolve = resolver(row: number, item: item, placement: placement, index: index)
        var cells: [NewCell] = []
        for (column, cell) in (row.cells ?? []).enumerated() {
          cells.append(try self.cell(cell, column: column + 1, rowStyle: row.style, item: item, resolve: resolve, styles: &styles))
        }
        if row.cells != nil, row.style != "title", cells.count < width, row.cells?.first?.style == nil {
          let role = role(row.style)
          for column in cells.count + 1...width { cells.append(NewCell(column: column, style: styles.index(role), .empty)) }
        }
        sheet.addRow(number, cells, height: row.style == "title" ? 30 : (row.style == "header" ? 22 : nil))
      }
    }
    sheet.showsGridLines = false
    sheet.page.fitsToWidth = true
    sheet.page.isCentered = true
    sheet.page.footer = "&C\(model.footer[layout.language])"
    sheet.tabARGB = styles.color("accent")
  }

  private func role(_ rowStyle: String?) -> TemplateStyles.Role {
    switch rowStyle {
    case "header": .header
    case "total": .total
    case "title": .title
    default: .body
    }
  }

  private func cell(
    _ cell: TemplateModel.SummaryCell, column: Int, rowStyle: String?, item: TemplateModel.ListModel.Item?,
    resolve: @escaping (String) throws -> String?, styles: inout TemplateStyles
  ) throws -> NewCell {
    let role: TemplateStyles.Role =
      switch cell.style {
      case "strong": .strong
      case "input": .input
      default: self.role(rowStyle)
      }
    let format = rowStyle == "header" && column == 1 ? "left" : cell.format
    let style = styles.index(role, format: format)
    if let text = cell.text {
      let company = (cell.company ?? false) ? self.company.map { " — " + $0 } ?? "" : ""
      return NewCell(column: column, style: style, .text(text[layout.language] + company))
    }
    if let item, cell.item == true { return NewCell(column: column, style: style, .text(item.label(layout.language))) }
    if let number = cell.number { return NewCell(column: column, style: style, .number(number)) }
    if let formula = cell.formula {
      return NewCell(column: column, style: style, .formula(try FormulaTemplate.expand(formula, resolve: resolve), cached: nil))
    }
    return NewCell(column: column, style: style, .empty)
  }

  private func resolver(
    row: Int, item: TemplateModel.ListModel.Item?, placement: Placement, index: Int
  ) -> (String) throws -> String? {
    { name in
      switch name {
      case "item": return "$A\(row)"
      case "key": return item?.key
      case "A", "B", "C", "D", "E", "F": return "\(name)\(row)"
      default: break
      }
      if name.hasPrefix("cell:") { return placement.named[String(name.dropFirst(5))] }
      if name.hasPrefix("block:"), let block = placement.block[index] {
        let letter = name.dropFirst(6)
        return "\(letter)\(block.lowerBound):\(letter)\(block.upperBound)"
      }
      if let snippet = summary.snippets?[name] { return snippet }
      return try layout.resolveShared(name)
    }
  }

  /// Numbers the rows (a repeated row takes one per item of its list) and finds the named cells.
  private func place() throws -> Placement {
    var placement = Placement()
    var next = 1
    var lastBlock: ClosedRange<Int>?
    for row in summary.rows {
      placement.firstRow.append(next)
      placement.block.append(lastBlock)
      let count = try row.forEach.map { try model.list($0).items.count } ?? 1
      for (column, cell) in (row.cells ?? []).enumerated() {
        guard let name = cell.name else { continue }
        placement.named[name] = "$\(CellReference.columnName(column + 1))$\(next)"
      }
      if row.forEach != nil { lastBlock = next...(next + count - 1) }
      next += count
    }
    return placement
  }
}
