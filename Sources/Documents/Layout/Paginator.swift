import Wording

/// Lays a document's blocks out on A4 pages, then draws them: tables break between rows
/// with their header repeated, blocks kept together move to the next page whole, and every
/// page has its footer and its number (`Page 2 / 3`).
struct Paginator {
  /// One thing drawn on a page, at its place.
  enum Mark {
    case text(String, TextStyle, x: Double, y: Double, width: Double)
    case line(x1: Double, x2: Double, y: Double)
    case band(x: Double, y: Double, width: Double, height: Double)
  }

  let engine: TextEngine
  /// Where the body starts on the first page (below the letterhead and the address) and on
  /// the others (below the running header).
  let firstTop: Double
  let nextTop: Double

  private(set) var pages: [[Mark]] = [[]]
  private var y: Double

  init(engine: TextEngine, firstTop: Double, nextTop: Double) {
    self.engine = engine
    self.firstTop = firstTop
    self.nextTop = nextTop
    y = firstTop
  }

  private var left: Double { PageGeometry.left }
  private var width: Double { PageGeometry.textWidth }

  mutating func newPage() {
    pages.append([])
    y = nextTop
  }

  private mutating func mark(_ mark: Mark) { pages[pages.count - 1].append(mark) }

  /// The height `blocks` take.
  func height(of blocks: [Block]) -> Double {
    blocks.reduce(0) { total, block in
      switch block {
      case let .paragraph(text, style, after): total + engine.measure(text, style, width: width).height + after
      case let .heading(text): total + engine.measure(text, .strong, width: width).height + 4
      case let .space(height): total + height
      case .rule: total + 6
      case let .keepTogether(inner): total + height(of: inner)
      case let .table(table): total + tableHeight(table)
      }
    }
  }

  mutating func lay(_ blocks: [Block]) {
    for block in blocks {
      switch block {
      case let .paragraph(text, style, after):
        let height = engine.measure(text, style, width: width).height
        if y + height > PageGeometry.bodyBottom, y > nextTop { newPage() }
        mark(.text(text, style, x: left, y: y, width: width))
        y += height + after
      case let .heading(text):
        let height = engine.measure(text, .strong, width: width).height
        // Room for the heading and the first lines of what follows.
        if y + height + 48 > PageGeometry.bodyBottom, y > nextTop { newPage() }
        mark(.text(text, .strong, x: left, y: y, width: width))
        y += height + 4
      case let .space(height):
        y += height
      case .rule:
        if y + 6 > PageGeometry.bodyBottom { newPage() }
        mark(.line(x1: left, x2: left + width, y: y + 3))
        y += 6
      case let .keepTogether(inner):
        if y + height(of: inner) > PageGeometry.bodyBottom, y > nextTop { newPage() }
        lay(inner)
      case let .table(table):
        layTable(table)
      }
    }
  }

  // MARK: Tables

  private static let padding = 2.5

  private func cellWidths(_ table: Table) -> [Double] {
    let total = table.columns.map(\.share).reduce(0, +)
    return table.columns.map { width * $0.share / total }
  }

  private func rowHeight(_ cells: [String], _ table: Table, style: TextStyle) -> Double {
    let widths = cellWidths(table)
    let heights = cells.enumerated().map { index, text in
      engine.measure(text, style, width: widths[index] - 2 * Self.padding).height
    }
    return (heights.max() ?? 0) + 2 * Self.padding
  }

  private func tableHeight(_ table: Table) -> Double {
    let header = rowHeight(table.columns.map(\.title), table, style: headerStyle(table))
    let rows = table.rows.reduce(0) { $0 + rowHeight($1, table, style: table.style) }
    let totals = table.totals.reduce(0) { $0 + rowHeight($1, table, style: totalStyle(table)) }
    return header + rows + totals + 8
  }

  private func headerStyle(_ table: Table) -> TextStyle {
    var style = table.style
    style.bold = true
    return style
  }

  private func totalStyle(_ table: Table) -> TextStyle { headerStyle(table) }

  private mutating func layRow(_ cells: [String], _ table: Table, style: TextStyle, band: Bool) {
    let widths = cellWidths(table)
    let height = rowHeight(cells, table, style: style)
    if band { mark(.band(x: left, y: y, width: width, height: height)) }
    var x = left
    for (index, text) in cells.enumerated() where index < widths.count {
      var cellStyle = style
      cellStyle.alignment = table.columns[index].alignment
      mark(.text(text, cellStyle, x: x + Self.padding, y: y + Self.padding, width: widths[index] - 2 * Self.padding))
      x += widths[index]
    }
    y += height
  }

  private mutating func layHeader(_ table: Table) {
    layRow(table.columns.map(\.title), table, style: headerStyle(table), band: true)
    mark(.line(x1: left, x2: left + width, y: y))
  }

  private mutating func layTable(_ table: Table) {
    let header = rowHeight(table.columns.map(\.title), table, style: headerStyle(table))
    let first = table.rows.first.map { rowHeight($0, table, style: table.style) } ?? 0
    if y + header + first > PageGeometry.bodyBottom, y > nextTop { newPage() }
    layHeader(table)
    for row in table.rows {
      if y + rowHeight(row, table, style: table.style) > PageGeometry.bodyBottom {
        newPage()
        layHeader(table)
      }
      layRow(row, table, style: table.style, band: false)
    }
    let totals = table.totals.reduce(0) { $0 + rowHeight($1, table, style: totalStyle(table)) }
    if !table.totals.isEmpty, y + totals > PageGeometry.bodyBottom {
      newPage()
      layHeader(table)
    }
    if !table.totals.isEmpty { mark(.line(x1: left, x2: left + width, y: y)) }
    for row in table.totals { layRow(row, table, style: totalStyle(table), band: false) }
    y += 8
  }

  // MARK: Drawing

  /// Draws every page: `decorate` draws what a page has besides its body (the letterhead on
  /// the first, the running header on the others), then the body, then the footer lines and
  /// the page's number.
  func draw(on writer: PDFWriter, footer: [String], language: Language, decorate: (Int) throws -> Void) rethrows {
    for (index, marks) in pages.enumerated() {
      if index > 0 { writer.showPage() }
      try decorate(index)
      for mark in marks {
        switch mark {
        case let .text(text, style, x, y, width): engine.draw(text, style, x: x, y: y, width: width)
        case let .line(x1, x2, y): writer.line(x1, y, x2, y)
        case let .band(x, y, width, height): writer.fill(x: x, y: y, width: width, height: height, colour: .band)
        }
      }
      var y = PageGeometry.height - PageGeometry.bottom
      writer.line(PageGeometry.left, y - 3, PageGeometry.left + PageGeometry.textWidth, y - 3, width: 0.3)
      for line in footer {
        var style = TextStyle.small
        style.size = 7
        style.alignment = .center
        y += engine.draw(line, style, x: PageGeometry.left, y: y, width: PageGeometry.textWidth)
      }
      var number = TextStyle.small
      number.alignment = .right
      let said: Phrase = "Page \(index + 1) / \(pages.count)"
      engine.draw(said.rendered(in: language), number, x: PageGeometry.left, y: PageGeometry.height - PageGeometry.bottom - 14, width: PageGeometry.textWidth)
    }
  }
}
