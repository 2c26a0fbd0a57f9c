import Ledger
import OOXML

/// Recording the run: the new base (what both sides hold now, except where a conflict or a
/// write is pending), the binding, the digest for the next run, and the run itself.
extension SyncRun {
  /// The new base: for every row in both, the values each side holds now, except in cells
  /// still in conflict or waiting to be written to the sheet (a pull), which keep their base.
  mutating func updateBase(projection: LedgerProjection, pushed: Bool, appended: [String]) throws {
    let columns = columns.sorted()
    // Rows with a cell in conflict, not applied or to write: their cells are looked at one
    // by one; every other row's cells take both sides' values.
    var special: Set<String> = []
    for cell in conflicts.values { special.insert(cell.number) }
    for write in sheetWrites.values { special.insert(write.number) }
    for key in unappliedSheetEdits { special.insert(key.number) }
    for number in factsWaiting.keys { special.insert(number) }
    for key in factKeys { special.insert(key.number) }
    let numbered = Set(newNumbers.values)
    let empty = [SyncValue?](repeating: nil, count: SyncColumn.count)
    for number in unsettled where !settled.contains(number) && !sameNumberRows.contains(number) {
      guard let row = sheetRows[number], let ledgerValues = projection.rows[number] else { continue }
      var sheetValues = row.values.slots
      let ledgerSlots = ledgerValues.slots
      let old = base[number]
      var oldSheet = old?.sheet.slots ?? empty
      var oldLedger = old?.ledger.slots ?? empty
      if old == nil, numbered.contains(number) { oldSheet[SyncColumn.number.ordinal] = nil }
      let isSpecial = special.contains(number)
      for column in columns {
        let slot = column.ordinal
        if isSpecial {
          let key = CellKey(number, column)
          // A decided cell takes both sides' values as they are now (the sheet's word kept
          // where the ledger could not take it as a fact); so does a cell whose fact waits
          // for a person (its conflict stays open while the row is as it is, and is looked
          // at again with the row: ``reexamine``).
          let waiting = factsWaiting[number]?.contains(column) == true || factKeys.contains(key)
          if decisions[key] == nil && !waiting {
            if conflicts[key] != nil { continue }
            if unappliedSheetEdits.contains(key) { continue }
          }
          if let write = sheetWrites[key] {
            guard pushed else { continue }
            sheetValues[slot] = write.value
          }
        }
        oldSheet[slot] = sheetValues[slot]
        oldLedger[slot] = ledgerSlots[slot]
      }
      // What was paid, kept while no conflict on it is open (else the conflict would
      // seem settled by the next run).
      let payment = SyncColumn.paymentColumns
      if !columns.contains(.amountPaid), !payment.contains(where: { conflicts[CellKey(number, $0)] != nil || factsWaiting[number]?.contains($0) == true }) {
        oldLedger[SyncColumn.amountPaid.ordinal] = ledgerSlots[SyncColumn.amountPaid.ordinal]
      }
      base[number] = Merge.BaseRow(sheet: RowValues(slots: oldSheet), ledger: RowValues(slots: oldLedger))
    }
    // Typed rows that got a number: until it is written in the sheet, their base says the
    // sheet has none, so that the next push writes it.
    for (_, number) in newNumbers where !pushed || report.dryRun {
      base[number]?.sheet[.number] = nil
      base[number]?.ledger[.number] = nil
    }
    let kept = Set(columns)
    for number in appended {
      guard let values = projection.rows[number] else { continue }
      base[number] = Merge.BaseRow(sheet: values.restricted(to: kept), ledger: values.restricted(to: ledgerBaseColumns))
    }
    try Timing.measure("save base") { try store.saveBase(of: binding, base) }
  }

  mutating func finish(projection: LedgerProjection) throws {
    let latest = try session.latestJournalID()
    let after = report.saved ? try SyncEngine.checksum(SyncEngine.readFile(path)) : checksum
    binding.checksum = after
    binding.journalID = latest
    binding.asOf = options.asOf.description
    // Work left for a later run: values for the sheet a pull did not write, sheet edits a
    // push did not apply, rows new in the sheet a push did not import.
    let flagsToClear = try !store.closedButFlagged(of: binding).isEmpty
    binding.pushPending = (!pushedThisRun && (!sheetWrites.isEmpty || !pendingAppends.isEmpty || !newNumbers.isEmpty || staleComputed
      || report.open.contains { !$0.flagged } || flagsToClear))
      || !unappliedSheetEdits.isEmpty || (!options.mode.pulls && (!pendingImports.isEmpty || hasTypedRows))
    try store.update(binding, at: session.commandTime)
    try Timing.measure("save digest") {
      // Changes from now on are the next run's.
      let tick = try session.advanceChangeClock()
      let digest = Timing.measure("next digest") { nextDigest(projection: projection, tick: tick) }
      try store.saveDigest(digest, of: binding)
    }
    let counts = "{\"to_ledger\":\(report.toLedger.count),\"to_sheet\":\(report.toSheet.count),\"imported\":\(report.imported.count),"
      + "\"appended\":\(report.appended.count),\"raised\":\(report.raised.count),\"closed\":\(report.closed.count)}"
    try store.recordRun(binding: binding, command: options.mode.rawValue, at: session.commandTime, before: checksum, after: after,
      counts: counts, open: report.open.count)
  }
}
