/// A sheet read in part: the rows that changed since ``SheetFacts`` were taken are parsed
/// (in a document made of the part's head, those rows and its tail), the others are
/// known from the facts. This is what ``CellReader`` needs to give an editor the index of
/// the whole sheet.
struct PartialRead {
  let scan: SheetScan
  let map: SheetScan.OffsetMap
  /// The numbers of the rows parsed.
  let parsed: Set<Int>
  let facts: SheetFacts

  /// The shared-formula masters in rows not parsed: the parse of the others needs them to
  /// work out their followers' formulas.
  var mastersOfUnparsedRows: [Int: WorksheetIndex.SharedMaster] {
    var masters: [Int: WorksheetIndex.SharedMaster] = [:]
    for (si, master) in facts.masters where !parsed.contains(master.cell.row) {
      masters[si] = .init(cell: master.cell, text: master.text, range: master.range)
    }
    return masters
  }

  /// The whole sheet's index, from the index of the parsed document; `nil` when the
  /// facts do not fit it (a shared formula's master or first follower moved): the sheet
  /// must then be read whole.
  func assemble(_ sparse: WorksheetIndex) -> WorksheetIndex? {
    var index = sparse
    // Offsets of the parsed document → offsets in the part.
    index.rootStartTag = map.original(sparse.rootStartTag)
    index.sheetDataStartTag = map.original(sparse.sheetDataStartTag)
    index.sheetDataEnd = map.original(sparse.sheetDataEnd)
    index.rootEndTagStart = map.original(sparse.rootEndTagStart)
    index.topLevelElements = sparse.topLevelElements.map { ($0.name, map.original($0.start)) }
    index.rangeSites = sparse.rangeSites.map { .init(kind: $0.kind, valueSpan: map.original($0.valueSpan), value: $0.value) }
    guard !sparse.hasUnnumberedRows, sparse.sheetDataEnd == map.segments.last.map({ $0.made }) else { return nil }

    // Rows, in file order: parsed ones from the parse, the others from the facts.
    var parsedRows: [Int: WorksheetIndex.Row] = [:]
    for row in sparse.rows { parsedRows[row.number] = row }
    guard parsedRows.count == parsed.count else { return nil }
    index.rows = []
    index.rows.reserveCapacity(scan.rows.count)
    index.lastDataRow = 0
    index.lastContentRow = 0
    var nextFact = 0
    for scanned in scan.rows {
      var row: WorksheetIndex.Row
      if parsed.contains(scanned.number) {
        guard let found = parsedRows[scanned.number] else { return nil }
        row = .init(number: found.number, span: map.original(found.span), isNumbered: true, hasData: found.hasData, hasContent: found.hasContent)
        guard row.span == scanned.span else { return nil }
      } else {
        while nextFact < facts.rows.count, facts.rows[nextFact].number < scanned.number { nextFact += 1 }
        guard nextFact < facts.rows.count, facts.rows[nextFact].number == scanned.number, facts.rows[nextFact].hash == scanned.hash else {
          return nil
        }
        let known = facts.rows[nextFact]
        row = .init(number: scanned.number, span: scanned.span, isNumbered: true, hasData: known.hasData, hasContent: known.hasContent)
      }
      if row.hasData { index.lastDataRow = row.number }
      if row.hasContent { index.lastContentRow = row.number }
      index.rows.append(row)
    }

    // Shared formulas: the masters of rows not parsed stay (the parse was given them);
    // a master the facts place in a parsed row must be found there as it was.
    for (si, master) in facts.masters {
      guard let found = sparse.sharedMasters[si], found.cell == master.cell, found.text == master.text, found.range == master.range else {
        return nil
      }
    }
    guard sparse.sharedMasters.count == facts.masters.count else { return nil }
    // A group's first follower: the earlier of the facts' (when its row was not parsed)
    // and the parse's; when the facts' row was parsed, the parse must find it or an earlier one.
    var followers: [Int: CellReference] = [:]
    for si in Set(facts.firstFollowers.keys).union(sparse.firstSharedFollower.keys) {
      let known = facts.firstFollowers[si]
      let found = sparse.firstSharedFollower[si]
      if let known, parsed.contains(known.row) {
        guard let found, Self.precedes(found, orEquals: known) else { return nil }
        followers[si] = found
      } else if let known, let found {
        followers[si] = Self.precedes(found, orEquals: known) ? found : known
      } else {
        followers[si] = known ?? found
      }
    }
    index.firstSharedFollower = followers

    // Formulas and array formulas, in file order.
    guard let parsedFormulas = sparse.deferredFormulas else { return nil }
    var formulas: [(cell: CellReference, text: String)] = []
    formulas.reserveCapacity(facts.formulas.count + parsedFormulas.count)
    var next = 0
    for known in facts.formulas where !parsed.contains(known.cell.row) {
      while next < parsedFormulas.count, parsedFormulas[next].cell.row < known.cell.row {
        formulas.append(parsedFormulas[next])
        next += 1
      }
      formulas.append((known.cell, known.text))
    }
    formulas += parsedFormulas[next...]
    index.deferredFormulas = formulas
    let arrays = facts.arrays.filter { !parsed.contains($0.first.row) } + sparse.arrayFormulas
    index.arrayFormulas = arrays.sorted { ($0.first.row, $0.first.column) < ($1.first.row, $1.first.column) }
    return index
  }

  static func precedes(_ a: CellReference, orEquals b: CellReference) -> Bool {
    (a.row, a.column) <= (b.row, b.column)
  }
}
