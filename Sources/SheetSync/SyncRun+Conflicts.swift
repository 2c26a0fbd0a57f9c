import Ledger
import OOXML

/// The run's conflicts: raised, decided (by `suivi resolve` or in the Conflits sheet),
/// moved with their rows, and closed when they no longer hold.
extension SyncRun {
  mutating func raise(_ cell: Merge.Cell, kind: SyncConflict.Kind, cell name: String? = nil) {
    let key = CellKey(cell.number, cell.column)
    guard conflicts[key] == nil else { return }
    // A conflict about what the sheet states (not a difference of both sides' changes) has
    // an id of the row and the sheet's value only, whichever step raises it, so that it is
    // the same conflict from run to run until the sheet's value changes.
    let stable = kind == .notApplicable || kind == .undatedPayment
    let id = stable ? Merge.Cell(number: cell.number, column: cell.column, base: nil, ledger: nil, sheet: cell.sheet).conflictID : cell.conflictID
    conflicts[key] = SyncConflict(
      id: id, number: cell.number, column: cell.column.rawValue, kind: kind, base: cell.base?.canonical, ledger: cell.ledger?.canonical,
      sheet: cell.sheet?.canonical, cell: name ?? cellName(cell.number, cell.column), raisedAt: session.commandTime)
  }

  /// The binding's open conflicts, with the decisions typed in the Conflits sheet (which
  /// count as `suivi resolve`); the rows whose conflict is about what the sheet states are
  /// looked at again, and the decisions become the values both sides must end with.
  mutating func openConflicts() throws -> [SyncConflict] {
    var open = try store.conflicts(of: binding)
    if options.mode.pulls {
      let typed = try decisionsInSheet()
      for index in open.indices where open[index].resolution == nil {
        guard let resolution = typed[open[index].id] else { continue }
        _ = try store.resolve(id: open[index].id, resolution: resolution, decided: nil, at: session.commandTime)
        open[index].resolution = resolution
      }
    }
    // (A two-sided change the merge found is found again by the merge: its base is kept.)
    let payment = SyncColumn.paymentColumns
    for conflict in open where conflict.resolution == nil && [.undatedPayment, .notApplicable, .bothChanged].contains(conflict.kind) {
      guard let column = SyncColumn(rawValue: conflict.column), column != .number else { continue }
      if conflict.kind == .bothChanged, column != .status, column != .amountPaid { continue }
      reexamine[conflict.number, default: []].formUnion(payment.contains(column) ? payment : [column])
    }
    takeDecisions(open)
    return open
  }

  /// Decisions taken on open conflicts (by `suivi resolve`) become the values both sides
  /// must end with.
  mutating func takeDecisions(_ open: [SyncConflict]) {
    for conflict in open {
      guard let resolution = conflict.resolution, let column = SyncColumn(rawValue: conflict.column) else { continue }
      // The ledger kept against what the sheet says is paid: the sheet's payment cells (its
      // status, day, method, amount) take the ledger's values.
      if resolution == .ledger, SyncColumn.paymentColumns.contains(column) { declinedPayments.insert(conflict.number) }
      if conflict.kind == .sameNumber {
        renumbering[conflict.number] = resolution
        continue
      }
      // (A conflict's values are stored as canonical text: read back by its column's kind.)
      let value: SyncValue? =
        switch resolution {
        case .sheet: SyncValue(canonical: conflict.sheet, kind: column.kind)
        case .ledger: SyncValue(canonical: conflict.ledger, kind: column.kind)
        case .value: conflict.decided.flatMap { CellNormalizer.value(text: $0, kind: column.kind) }
        }
      decisions[CellKey(conflict.number, column)] = SyncPlan.Decision(conflict: conflict, value: value)
    }
  }

  /// Closes conflicts that were decided and applied, or that no longer hold (both sides
  /// agree now, or a newer conflict replaced them); stores the new ones.
  mutating func settleConflicts(open: [SyncConflict], pushed: Bool, projection: LedgerProjection) throws {
    let raisedIDs = Set(conflicts.values.map(\.id))
    for conflict in open {
      if let column = SyncColumn(rawValue: conflict.column), let decision = decisions[CellKey(conflict.number, column)] {
        // Applied once both sides hold the decided value (the sheet side needs a push, the
        // ledger's a pull).
        let sheetDone = pushed || sheetRows[conflict.number]?.values[column] == decision.value
        let ledgerDone = options.mode.pulls || projection.rows[conflict.number]?[column] == decision.value
        // (A decision this run could not carry out raised the same conflict again, or left a
        // fact waiting, as the day of a payment the person said was made: it stays.)
        let waiting = !(factsWaiting[conflict.number]?.isEmpty ?? true)
        let refused = conflicts[CellKey(conflict.number, column)] != nil  // the ledger refused the row
        // (Nor one whose row this run did not read.)
        let read = sheetRows[conflict.number] != nil || conflict.kind == .sameNumber || conflict.kind == .deletedRow
        if sheetDone && ledgerDone && !raisedIDs.contains(conflict.id) && !waiting && !refused && read {
          try store.close(conflict, binding: binding)
          report.closed.append(conflict)
        }
      } else if !raisedIDs.contains(conflict.id), wasExamined(conflict.number), options.mode.pulls || !stillHolds(conflict, projection: projection) {
        // (A push does not read the sheet's edits: a conflict about one holds until the
        // sheet's cell changes or both sides agree.)
        try store.close(conflict, binding: binding)
        report.closed.append(conflict)
      }
    }
    let known = Set(open.map(\.id))
    for conflict in conflicts.values.sorted(by: { ($0.number, $0.column) < ($1.number, $1.column) }) where !known.contains(conflict.id) {
      try store.insert(conflict, binding: binding)
      report.raised.append(conflict)
    }
  }

  /// Whether this run looked at the row of invoice `number` (a row both sides hold as at
  /// the last sync is not looked at: its open conflicts hold as they are).
  func wasExamined(_ number: String) -> Bool { unsettled.contains(number) }

  /// Whether a conflict may still hold, for a push (which does not take the sheet's edits,
  /// so cannot tell): until both sides show the same value in its cell. (A payment with no
  /// day holds until a pull records it or a person decides.)
  func stillHolds(_ conflict: SyncConflict, projection: LedgerProjection) -> Bool {
    guard let column = SyncColumn(rawValue: conflict.column) else { return false }
    if conflict.kind == .undatedPayment { return true }
    guard let row = sheetRows[conflict.number] else { return conflict.kind == .deletedRow || conflict.kind == .duplicateNumber }
    return row.values[column] != projection.rows[conflict.number]?[column]
  }

  /// Applies the decisions on numbers that named two invoices: kept for the sheet's row,
  /// the ledger's invoice takes the next number of its series (and is appended to the
  /// sheet); kept for the ledger's, the row is imported under the next number, which the
  /// push writes in it. Both invoices survive.
  mutating func renumber(_ projection: inout LedgerProjection) throws {
    for (number, resolution) in renumbering.sorted(by: { $0.key < $1.key }) {
      guard let row = sheetRows[number], projection.rows[number] != nil, !Merge.sameInvoice(projection.rows[number]!, row.values) else { continue }
      switch resolution {
      case .sheet, .value:
        let new = try session.renumberInvoice(number).text
        projection.rows[number] = nil
        try projection.refresh([new], in: session)
        unsettled.insert(new)
        report.renumbered.append(.init(from: number, to: new, side: "ledger"))
      case .ledger:
        sheetRows[number] = nil
        var values = row.values
        values[.number] = nil
        typedRows.append(TrackerTable.Row(row: row.row, values: values, formulas: row.formulas))
        report.renumbered.append(.init(from: number, to: nil, side: "sheet"))
      }
    }
  }

  /// Conflicts whose row moved since they were flagged (the rows sorted, a row deleted
  /// above, a column inserted): their cell is where their row is now (the program that moved
  /// the row moved its note and highlight with it), and an open one is flagged there again
  /// by the next save, a closed one cleared there. A conflict whose row is gone from the sheet has no cell any more,
  /// so that nothing is cleared in the cell its row used to be, which another invoice's
  /// row holds now.
  mutating func relocateConflicts() throws {
    guard workbook != nil else { return }  // a CSV has no cells to flag
    // Rows the digest says did not change are where they were.
    let notParsed = memory?.unparsedNumbers(among: nil) ?? []
    for conflict in try store.conflicts(of: binding) + store.closedButFlagged(of: binding) {
      guard conflict.kind != .duplicateNumber, let column = SyncColumn(rawValue: conflict.column), !notParsed.contains(conflict.number)
      else { continue }
      let now = sheetRows[conflict.number].flatMap { table.cellName(column, row: $0.row) }
      guard now != conflict.cell else { continue }
      try store.relocate(conflict, to: now, binding: binding)
      if now != nil { movedConflicts.insert(conflict.id) }
    }
  }

  /// A run that did not save leaves the open conflicts that moved to the next save, which
  /// flags them where they are now and lists their new cells in the Conflits sheet (a closed
  /// one stays flagged: the next save clears it where it is now).
  mutating func leaveMovedConflictsToTheNextSave() throws {
    guard !movedConflicts.isEmpty, !report.saved else { return }
    for conflict in try store.conflicts(of: binding) where movedConflicts.contains(conflict.id) {
      try store.markFlagged(conflict, binding: binding, flagged: false)
    }
  }
}
