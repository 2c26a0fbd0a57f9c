import Ledger

/// What a run does each way once the sheet's edits were taken into the ledger: pure, no
/// I/O, and checked by its invariant (``keepsEveryEdit``) in debug builds.
///
/// Given the three sides of the rows a run looks at (the base, the ledger as it is now, the
/// sheet as read) and what is known of them (decisions taken on open conflicts, cells whose
/// fact waits for a person, payments a person said were not made, statements the ledger
/// holds already), the plan says which cells to write in the sheet, which conflicts to
/// raise, which sheet edits the ledger did not take, which invoices to append as rows, and
/// which rows are gone.
struct SyncPlan {
  /// A value to write in a cell of the sheet.
  struct SheetWrite: Equatable {
    var number: String
    var column: SyncColumn
    var value: SyncValue?
  }

  /// A conflict to raise.
  struct Raise: Equatable {
    var cell: Merge.Cell
    var kind: SyncConflict.Kind
  }

  /// A decision taken on an open conflict: the value both sides must end with.
  struct Decision {
    var conflict: SyncConflict
    var value: SyncValue?
  }

  /// What the plan is made from.
  struct Input {
    /// The rows looked at: their base, the ledger's values now, the sheet's as read.
    var base: [String: Merge.BaseRow] = [:]
    var ledger: [String: Merge.Values] = [:]
    var sheet: [String: Merge.Values] = [:]
    /// The sheet's columns (no other is compared or written).
    var columns: Set<SyncColumn> = []
    /// The sheet's rows as read (formulas, lines whose values differ), by number.
    var rows: [String: TrackerTable.Row] = [:]
    var decisions: [CellKey: Decision] = [:]
    /// Cells in conflict already (raised while the sheet's edits were taken).
    var inConflict: Set<CellKey> = []
    /// Cells whose fact waits for a person (``RowFacts``), by number.
    var factsWaiting: [String: Set<SyncColumn>] = [:]
    /// Cells of rows with an open conflict on what the sheet states, looked at again.
    var reexamine: [String: Set<SyncColumn>] = [:]
    /// Invoices whose payment, stated with no day, a person said was not made.
    var declinedPayments: Set<String> = []
    /// Cells whose statement the ledger holds already.
    var coveredCells: Set<CellKey> = []
    /// Numbers the ledger gave rows typed without one (written by the push, not appended).
    var numbered: Set<String> = []
    /// Whether the run takes the sheet's edits (a pull or a sync).
    var pulls = true
    /// Whether rows a person deleted are appended again.
    var restoreDeleted = false
    var strictRows = false
  }

  let input: Input
  /// The merge of the three sides.
  private(set) var merge = Merge.Result()
  private(set) var writes: [CellKey: SheetWrite] = [:]
  private(set) var raises: [Raise] = []
  /// Sheet edits the ledger did not take.
  private(set) var unapplied: Set<CellKey> = []
  /// Invoices of the ledger to append to the sheet, in series order.
  private(set) var appended: [String] = []
  private var raised: Set<CellKey> = []

  /// Rows new in the sheet (imported by a pull), gone from it, and numbers naming two invoices.
  var newInSheet: [String] { merge.newInSheet }
  var deleted: [String] { merge.deletedInSheet }
  var sameNumber: [String] { merge.sameNumber }

  init(_ input: Input) {
    self.input = input
    raised = input.inConflict
    merge = Merge.merge(base: input.base, ledger: input.ledger, sheet: input.sheet, columns: input.columns, strictRows: input.strictRows)
    takeLedgersValuesWhereTheyStand()
    collectConflicts()
    unapplied = Set(merge.toLedger.map { CellKey($0.number, $0.column) })
    planWrites()
    appended = merge.newInLedger.filter { !input.numbered.contains($0) }
    if input.restoreDeleted { appended += merge.deletedInSheet }
    appended.sort(by: InvoiceNumber.naturalOrder)
    assert(keepsEveryEdit, "the plan writes over a cell the sheet changed")
  }

  /// A payment the sheet stated with no day, which a person said was not made, and
  /// statements the ledger holds already: the sheet's cells take the ledger's values.
  private mutating func takeLedgersValuesWhereTheyStand() {
    let (declined, covered) = (input.declinedPayments, input.coveredCells)
    guard !declined.isEmpty || !covered.isEmpty else { return }
    let payment = SyncColumn.paymentColumns
    merge.toLedger.removeAll { cell in
      guard declined.contains(cell.number) && payment.contains(cell.column) || covered.contains(CellKey(cell.number, cell.column))
      else { return false }
      merge.toSheet.append(cell)
      return true
    }
    // (Those the merge does not list, their base being the sheet's value, too.)
    let extra = declined.flatMap { number in payment.map { CellKey(number, $0) } } + Array(covered)
    for key in Set(extra).sorted() {
      guard input.columns.contains(key.column), let sheet = input.rows[key.number]?.values, let ledger = input.ledger[key.number],
        sheet[key.column] != ledger[key.column],
        !merge.toSheet.contains(where: { $0.number == key.number && $0.column == key.column })
      else { continue }
      merge.toSheet.append(.init(number: key.number, column: key.column, base: nil, ledger: ledger[key.column], sheet: sheet[key.column]))
    }
  }

  private mutating func raise(_ cell: Merge.Cell, _ kind: SyncConflict.Kind) {
    guard raised.insert(CellKey(cell.number, cell.column)).inserted else { return }
    raises.append(Raise(cell: cell, kind: kind))
  }

  private mutating func collectConflicts() {
    for cell in merge.conflicts where input.decisions[CellKey(cell.number, cell.column)] == nil {
      let kind: SyncConflict.Kind =
        cell.sheet?.isUnreadable == true ? .unreadable : input.base[cell.number] == nil ? .newOnBothSides : .bothChanged
      raise(cell, kind)
    }
    // A computed column typed over, or an edit the ledger could not take as a fact. (A push
    // leaves the sheet's edits to the next pull.)
    for cell in merge.toLedger where input.pulls && input.decisions[CellKey(cell.number, cell.column)] == nil {
      if input.factsWaiting[cell.number]?.contains(cell.column) == true { continue }  // its conflict is on the fact's cell
      raise(cell, .notApplicable)
    }
    for number in merge.sameNumber {
      raise(.init(number: number, column: .number, base: nil, ledger: Self.summary(input.ledger[number]), sheet: Self.summary(input.sheet[number])), .sameNumber)
    }
    for number in merge.deletedButChanged {
      raise(.init(number: number, column: .number, base: .text(number), ledger: .text(number), sheet: nil), .deletedRow)
    }
  }

  /// What the sheet must show: the ledger's changes, and the values decided.
  private mutating func planWrites() {
    for cell in merge.toSheet where !raised.contains(CellKey(cell.number, cell.column)) {
      let key = CellKey(cell.number, cell.column)
      let row = input.rows[cell.number]
      // A cell whose fact waits for a person (a *Réglée* with no day) keeps what they typed,
      // whatever the ledger computes meanwhile (a push, which reads no fact, knows it from
      // the open conflict).
      if input.factsWaiting[cell.number]?.contains(cell.column) == true { continue }
      if input.reexamine[cell.number]?.contains(cell.column) == true, cell.sheet != nil, !input.coveredCells.contains(key) { continue }
      // A formula's cell in a column the ledger computes shows its own value: never
      // written over, never said written. (In an invoice's own column, as a due date
      // computed from the client's terms, the ledger's value is written over the formula:
      // else the next recalculation would change the invoice.)
      if row?.formulas.contains(cell.column) == true, cell.column.isDerived || cell.column.isComputed { continue }
      if row?.mixed.contains(cell.column) == true {
        raise(cell, .notApplicable)  // the invoice's lines differ there: no one cell to write
        continue
      }
      writes[key] = SheetWrite(number: cell.number, column: cell.column, value: cell.ledger)
    }
    for (key, decision) in input.decisions where !raised.contains(key) {
      guard let row = input.rows[key.number] else { continue }
      // (A column the sheet does not have, or a formula's cell, is not written.)
      guard input.columns.contains(key.column), !row.formulas.contains(key.column) || !(key.column.isDerived || key.column.isComputed)
      else { continue }
      if row.values[key.column] != decision.value {
        writes[key] = SheetWrite(number: key.number, column: key.column, value: decision.value)
      }
    }
  }

  /// The plan's invariant: nothing is written over a cell the sheet changed that the
  /// ledger did not take, nor over a cell in conflict, nor over one whose fact waits for a
  /// person — unless a person decided it, or said the ledger's payment stands, or the
  /// ledger holds what the cell states.
  var keepsEveryEdit: Bool {
    writes.keys.allSatisfy { key in
      if input.decisions[key] != nil || input.declinedPayments.contains(key.number) || input.coveredCells.contains(key) { return true }
      return !unapplied.contains(key) && !raised.contains(key) && input.factsWaiting[key.number]?.contains(key.column) != true
        && (input.reexamine[key.number]?.contains(key.column) != true || input.rows[key.number]?.values[key.column] == nil)
    }
  }

  /// What a same-number conflict shows of each invoice: its client, TTC and date.
  static func summary(_ values: Merge.Values?) -> SyncValue? {
    guard let values else { return nil }
    let amount = values[.amountTTC].map { "\($0.canonical) TTC" } ?? values[.amountHT].map { "\($0.canonical) HT" }
    return .text([values[.client]?.canonical, amount, values[.issueDate]?.canonical].compactMap { $0 }.joined(separator: " · "))
  }
}
