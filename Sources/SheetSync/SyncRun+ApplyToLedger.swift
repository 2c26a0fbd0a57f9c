import Wording
import GRDB
import Ledger
import OOXML

/// The sheet's side, turned into the ledger's facts.
///
/// Own fields (client, service, dates, HT, VAT, notes) are corrected; projections become
/// facts: *Réglée* is a payment of the balance (on *Réglé le*, by *Type de règlement*), a
/// higher *Montant réglé* a partial payment, *Litige* a dispute, a reminder date a
/// reminder. What cannot be a fact (un-paying, *Annulée*, a computed column typed over) is
/// a conflict, never applied silently.
extension SyncRun {
  /// Imports rows new in the sheet as invoices, with their facts, all at once (the
  /// ledger's ``LedgerSession/adopt(_:)``): a row is imported whole, or skipped whole with
  /// its reason.
  mutating func importRows(_ numbers: [String], projection: LedgerProjection) throws {
    var rows: [(number: String, row: TrackerTable.Row, draft: InvoiceDraft)] = []
    // Rows whose amounts the sheet says are in another currency are not read as euros.
    var currencies: [Int: String] = [:]
    if let workbook, !numbers.isEmpty {
      let lines = numbers.compactMap { sheetRows[$0] }.flatMap { [$0.row] + $0.lines }
      currencies = try CurrencyScan.foreignCurrencies(workbook, table: table, rows: Set(lines))
    }
    Timing.mark("  currencies")
    for number in numbers {
      guard let row = sheetRows[number] else { continue }
      skippedCells[number] = table.cellName(.number, row: row.row)
      if let currency = ([row.row] + row.lines).lazy.compactMap({ currencies[$0] }).first {
        report.skipped.append(
          .init(row: table.locate(row.row).row, reason: "\(table.rowName(row.row)): its amounts are in \(currency); Suivi keeps amounts in euros and never reads another currency as euros"))
        sheetRows[number] = nil
        continue
      }
      let parsed: InvoiceNumber
      do {
        parsed = try InvoiceNumber.parse(number)
      } catch {
        report.skipped.append(.init(row: table.locate(row.row).row, reason: "\(cellName(number, .number) ?? "?"): \(error)"))
        sheetRows[number] = nil
        continue
      }
      guard let draft = importDraft(row, number: parsed) else {
        sheetRows[number] = nil
        continue
      }
      rows.append((number, row, draft))
    }
    try linkCreditNotes(&rows)
    Timing.mark("  drafts")
    let taken = try adopt(rows)
    Timing.mark("  adopt")
    try reportCreditNotes(rows, taken: taken)
    for (number, _, _) in rows where !taken.contains(number) { sheetRows[number] = nil }
    // After the adoption, a row the ledger could not take is a conflict on its number, shown
    // in the sheet until the row is put right (the report says why).
    // (Unless a person said to leave the row out: `--keep-ledger`.)
    if !report.adopted {
      for number in numbers where !taken.contains(number) {
        let cell = Merge.Cell(number: number, column: .number, base: nil, ledger: nil, sheet: .text(number))
        if try store.wasDecidedForLedger(cell.conflictID, binding: binding) { continue }
        raise(cell, kind: .notApplicable, cell: skippedCells[number])
      }
    }
    report.imported += rows.map(\.number).filter(taken.contains)
    for (number, row, draft) in rows where taken.contains(number) {
      let sign: Int64 = draft.kind == .creditNote ? -1 : 1
      report.importedRows.append(
        .init(
          row: table.locate(row.row).row, number: number, client: draft.clientName, issueDate: draft.issueDate.description,
          ttc: CentsText.text(sign * draft.amounts.ttc.value), vatKnown: draft.amounts.vat != nil, lines: row.lines.map { table.locate($0).row }))
    }
  }

  /// Takes rows into the ledger, each invoice with its facts, with
  /// ``LedgerSession/adopt(_:)``: a row is taken whole, or listed as skipped with the
  /// ledger's reason. The numbers taken.
  private mutating func adopt(_ rows: [(number: String, row: TrackerTable.Row, draft: InvoiceDraft)]) throws -> Set<String> {
    // A credit note records no fact (its status or payment columns are the humans' own).
    let policy = try session.settings().dunning
    let facts = rows.map { $0.draft.kind == .creditNote ? RowFacts() : RowFacts.of($0.row.values, changed: Set($0.row.values.map(\.0)), ledger: nil) }
    let adoptions = zip(rows, facts).map { row, facts in
      InvoiceAdoption(draft: row.draft, facts: facts.facts.compactMap { Self.adoptionFact($0, policy: policy, asOf: options.asOf) })
    }
    let errors = try session.adopt(adoptions)
    var taken: Set<String> = []
    for (index, (number, row, _)) in rows.enumerated() {
      if let error = errors[index] {
        report.skipped.append(.init(row: table.locate(row.row).row, reason: "\(table.rowName(row.row)): \(error)"))
        continue
      }
      touched.insert(number)
      taken.insert(number)
      for (column, kind) in facts[index].conflicts {
        raiseFact(number: number, column: column, kind: kind, values: row.values, ledger: nil)
      }
      // Cells whose fact waits for a person: not in the row's base, so that every run
      // sees them (and their conflict) until it is decided.
      let waiting = facts[index].unapplied.union(facts[index].conflicts.map(\.column))
      if !waiting.isEmpty { factsWaiting[number] = waiting }
    }
    return taken
  }

  /// A fact of the sheet as the ledger's adoption records it.
  static func adoptionFact(_ fact: RowFacts.Fact, policy: DunningPolicy, asOf: Day) -> InvoiceAdoption.Fact? {
    switch fact {
    case let .payment(amount, day, method, note): .payment(amount: amount, receivedOn: day, method: method, note: note)
    case .dispute: .dispute(from: asOf)
    case .endDispute: nil
    case let .reminder(level, day): .reminder(level: level, channel: channel(level, policy: policy), on: day, note: reminderNote)
    }
  }

  /// A conflict on what a row's cells state (a fact the ledger cannot take, or not without
  /// a person's word): its id depends on the row and the sheet's value only, so that every
  /// run raises the same one until it is decided.
  mutating func raiseFact(number: String, column: SyncColumn, kind: SyncConflict.Kind, values: RowValues, ledger: RowValues?) {
    let key = CellKey(number, column)
    guard conflicts[key] == nil else { return }
    let id = Merge.Cell(number: number, column: column, base: nil, ledger: nil, sheet: values[column]).conflictID
    factKeys.insert(key)
    conflicts[key] = SyncConflict(
      id: id, number: number, column: column.rawValue, kind: kind, base: base[number]?.sheet[column]?.canonical, ledger: ledger?[column]?.canonical,
      sheet: values[column]?.canonical,
      cell: cellName(number, column), raisedAt: session.commandTime)
  }

  static let reminderNote = "Relance notée dans le tableau"

  /// Keeps the numbers of the sheet's rows that the ledger does not hold (skipped, doubled,
  /// or not pulled yet) as used: a number the ledger issues never collides with one the
  /// business wrote (``LedgerSession/reserveNumbers(_:seenIn:)``).
  mutating func reserveSheetNumbers(projection: LedgerProjection) throws {
    let imported = Set(report.imported)
    var numbers: [String] = []
    for row in table.rows {
      guard let number = row.number, !row.isTotal, projection.rows[number] == nil, !imported.contains(number) else { continue }
      numbers.append(number)
    }
    if !numbers.isEmpty { try session.reserveNumbers(numbers, seenIn: file) }
  }

  /// Imports rows typed without a number but with a client and an amount: the ledger gives
  /// them the next number, which a push writes in the row.
  mutating func importTypedRows() throws {
    for row in typedRows where !newNumbers.keys.contains(row.row) {
      let day = row.values.day(.issueDate) ?? options.asOf
      let number = try session.nextNumber(on: day)
      guard let draft = importDraft(row, number: number) else { continue }
      let taken = try adopt([(number.description, row, draft)])
      try reportCreditNotes([(number.description, row, draft)], taken: taken)
      if !taken.isEmpty {
        var values = row.values
        values[.number] = nil
        sheetRows[number.description] = TrackerTable.Row(row: row.row, values: values, formulas: row.formulas)
        unsettled.insert(number.description)
        newNumbers[row.row] = number.description
        report.imported.append(number.description)
        report.numbered.append(.init(row: table.locate(row.row).row, reason: .verbatim(number.description)))
      }
    }
  }

  /// Whether `row` was typed without a number but with a client and an amount.
  static func isTyped(_ row: TrackerTable.Row) -> Bool {
    row.number == nil && row.values[.client] != nil && (row.values[.amountHT] != nil || row.values[.amountTTC] != nil) && !row.isTotal
  }

  /// Matches typed rows to the numbers an earlier pull gave them (not yet written in the
  /// sheet: their base has no number on the sheet's side).
  mutating func matchTypedRows() {
    guard !typedRows.isEmpty else { return }
    let numbers = base.numbersWithoutSheetNumber
    for row in typedRows {
      guard
        let pending = numbers.first(where: {
          sheetRows[$0] == nil && base[$0].map { Self.sameTypedRow($0.ledger, row.values) } == true
        })
      else { continue }
      sheetRows[pending] = row
      newNumbers[row.row] = pending
    }
  }

  static func sameTypedRow(_ ledger: Merge.Values, _ sheet: Merge.Values) -> Bool {
    ledger[.client] == sheet[.client] && (sheet[.amountHT] == nil || ledger[.amountHT] == sheet[.amountHT])
      && (sheet[.issueDate] == nil || ledger[.issueDate] == sheet[.issueDate])
  }

  /// Notes what was taken as the sheet says but deserves a look, once.
  mutating func warn(row: TrackerTable.Row, _ text: Phrase) {
    let warning: Phrase = "\(table.rowName(row.row)): \(text)"
    if warned.insert(warning).inserted { report.warnings.append(warning) }
  }

  /// The invoice a row new in the sheet describes; `nil` (and the row listed as skipped)
  /// when it lacks what an invoice needs or holds a value that cannot be read.
  private mutating func importDraft(_ row: TrackerTable.Row, number: InvoiceNumber) -> InvoiceDraft? {
    let values = row.values
    func skip(_ reason: Phrase) -> InvoiceDraft? {
      report.skipped.append(.init(row: table.locate(row.row).row, reason: reason))
      return nil
    }
    for (column, value) in values {
      guard case let .unreadable(shown) = value else { continue }
      if column == .status {
        // A word of the business's own: the invoice is issued, the sheet keeps its word.
        let warning: Phrase = "\(column.header): '\(shown)' is not a status Suivi knows: read as issued, the sheet keeps its word"
        if warned.insert(warning).inserted { report.warnings.append(warning) }
        continue
      }
      let cell = table.cellName(column, row: row.row) ?? "?"
      if column.kind == .amount, let currency = CellNormalizer.foreignCurrency(shown) {
        return skip("\(cell): '\(shown)' is in another currency (\(currency)); Suivi keeps amounts in euros and never reads it as euros")
      }
      return skip("\(cell): '\(shown)' cannot be read as \(column.kind.label)")
    }
    guard let client = values.text(.client) else { return skip("\(table.rowName(row.row)): no client") }
    guard let issued = values.day(.issueDate) else { return skip("\(table.rowName(row.row)): no issue date") }
    // The amounts as the sheet states them: never a VAT it does not give (see InvoiceAmounts).
    let rate = values.rate.flatMap { (0...10_000).contains($0.basisPoints) ? $0 : nil }
    // Each amount read once. A row whose amounts are negative is a credit note (avoir) of
    // the client, its amounts taken as positive.
    let (rawTTC, rawHT) = (values.cents(.amountTTC)?.value, values.cents(.amountHT)?.value)
    let signs = Set([rawTTC, rawHT].compactMap { $0 }.filter { $0 != 0 }.map { $0 < 0 })
    guard signs.count <= 1 else { return skip("\(table.rowName(row.row)): its HT and TTC have opposite signs") }
    let isCreditNote = signs.first == true
    let sign: Int64 = isCreditNote ? -1 : 1
    let ttc = rawTTC.map { Cents(sign * $0) }
    let ht = rawHT.map { Cents(sign * $0) }
    let vatAmount = values.cents(.vatAmount).map { Cents(sign * $0.value) }
    let paidAmount = values.cents(.amountPaid)
    guard ttc.map({ $0.isPositive }) ?? true, ht.map({ $0.isPositive }) ?? true else {
      return skip("\(table.rowName(row.row)): no amount")
    }
    guard let amounts = InvoiceAmounts.stated(ht: ht, rate: rate, vat: vatAmount, ttc: ttc) else {
      if let ht, let ttc, ht > ttc { return skip("\(table.rowName(row.row)): the HT \(ht) is more than the TTC \(ttc)") }
      return skip("\(table.rowName(row.row)): no amount TTC (nor an HT with its VAT)")
    }
    // A formula saved without its value, and not arithmetic on its row: unknown.
    for column in row.uncached {
      warn(row: row, "\(table.cellName(column, row: row.row) ?? "?"): its formula has no value saved and is not arithmetic on its row: read as empty")
    }
    // *Relancée*: issued and reminded, on a day the sheet does not give: no reminder is
    // invented; said once per word.
    if let word = row.statusWord, StatusWords.isReminded(word), !SyncColumn.reminderColumns.contains(where: { values[$0] != nil }) {
      let warning: Phrase = "État: '\(CellNormalizer.collapsed(word))' is read as issued and reminded on a day the sheet does not give: no reminder is recorded (suivi remind record adds it with its day)"
      if warned.insert(warning).inserted { report.warnings.append(warning) }
    }
    // Oddities are taken as the sheet says, and listed.
    let due = values.day(.dueDate)
    if let due, due < issued { warn(row: row, "its due date \(due) is before its date \(issued): kept as the sheet says") }
    if let paidOn = values.day(.paidOn), paidOn < issued {
      warn(row: row, "it was paid on \(paidOn), before its date \(issued): kept as the sheet says")
    }
    if let paidAmount, paidAmount > amounts.ttc {
      warn(row: row, "the amount paid \(paidAmount) is more than the TTC \(amounts.ttc): the rest is the client's credit")
    }
    if let given = vatAmount, let vat = amounts.vat, given != vat {
      warn(row: row, "\(table.cellName(.vatAmount, row: row.row) ?? "?"): the VAT \(given) is not TTC − HT = \(vat); the HT and TTC are kept")
    }
    var draft = InvoiceDraft(
      clientName: client, issueDate: issued, amounts: amounts, service: values.text(.service), number: number,
      dueDate: due, notes: values.text(.notes))
    if isCreditNote { draft.kind = .creditNote }
    return draft
  }

  /// Applies the cells the sheet changed alone. Rows that only correct the invoice's own
  /// fields are corrected all at once (``LedgerSession/correctInvoices(_:)``); rows that
  /// record facts, one by one, each in a savepoint.
  mutating func applyToLedger(_ cells: [Merge.Cell], projection: LedgerProjection) throws {
    var byNumber: [String: [Merge.Cell]] = [:]
    let payment = SyncColumn.paymentColumns
    let decidedPayments = Set(decisions.values.filter { SyncColumn(rawValue: $0.conflict.column).map(payment.contains) == true }.map(\.conflict.number))
    for cell in cells where decisions[CellKey(cell.number, cell.column)] == nil {
      // A payment a person said was not made is not read again from the sheet.
      if declinedPayments.contains(cell.number), payment.contains(cell.column) { continue }
      byNumber[cell.number, default: []].append(cell)
    }
    // A row whose payment a person decided on is read with the decision, all its payment
    // cells at once (the decision's value in its cell; the sheet's row itself is left as it
    // is, for the decision to be written in it).
    // A row with an open conflict on what it states, looked at again: those cells are read
    // again as the facts they state (their base is as they are).
    for (number, columns) in reexamine where wasExamined(number) && sheetRows[number] != nil && projection.rows[number] != nil {
      let row = sheetRows[number]!
      let present = Set((byNumber[number] ?? []).map(\.column))
      // (Only the cells that state something: an empty one says nothing to read again.)
      for column in columns.sorted()
      where self.columns.contains(column) && !present.contains(column) && decisions[CellKey(number, column)] == nil && row.values[column] != nil
        && row.values[column] != projection.rows[number]?[column]
      {
        if declinedPayments.contains(number), payment.contains(column) { continue }
        byNumber[number, default: []].append(.init(number: number, column: column, base: nil, ledger: projection.rows[number]?[column], sheet: row.values[column]))
      }
    }
    var decidedRows: [String: TrackerTable.Row] = [:]
    for (_, decision) in decisions {
      let number = decision.conflict.number
      guard byNumber[number] != nil, decidedPayments.contains(number), !declinedPayments.contains(number),
        let column = SyncColumn(rawValue: decision.conflict.column),
        payment.contains(column), var row = decidedRows[number] ?? sheetRows[number]
      else { continue }
      row.values[column] = decision.value
      decidedRows[number] = row
      byNumber[number]!.append(.init(number: number, column: column, base: nil, ledger: projection.rows[number]?[column], sheet: decision.value))
      decidedWithRow.insert(number)
      // With the cells that state the payment, whether the merge lists them or not.
      for stated in [SyncColumn.status, .amountPaid] where columns.contains(stated) && stated != column {
        guard let value = row.values[stated], value != projection.rows[number]?[stated],
          !byNumber[number]!.contains(where: { $0.column == stated })
        else { continue }
        byNumber[number]!.append(.init(number: number, column: stated, base: nil, ledger: projection.rows[number]?[stated], sheet: value))
      }
    }
    var corrections: [(number: String, row: TrackerTable.Row, cells: [Merge.Cell], correction: InvoiceCorrection)] = []
    var changes: [String: [SyncReport.Change]] = [:]
    for (number, cells) in byNumber.sorted(by: { $0.key < $1.key }) {
      guard let row = decidedRows[number] ?? sheetRows[number], let (correction, facts) = plan(cells) else { continue }
      if facts.isEmpty, correction.isEmpty {
        touched.insert(number)
        changes[number] = applied(cells, number: number)
      } else if facts.isEmpty {
        corrections.append((number, row, cells, correction))
      } else {
        changes[number] = try applyCells(
          cells, row: row, number: number, correction: correction, facts: facts, projection: projection, decided: decidedWithRow.contains(number))
      }
    }
    let errors = try session.correctInvoices(corrections.map { ($0.number, $0.correction) })
    for (index, item) in corrections.enumerated() {
      touched.insert(item.number)
      if let error = errors[index] {
        refuse(item.cells, row: item.row, number: item.number, error)
      } else {
        changes[item.number] = applied(item.cells, number: item.number)
      }
    }
    for number in changes.keys.sorted() { report.toLedger += changes[number]! }
  }

  /// Applies decided values that the ledger does not hold yet.
  mutating func applyDecisionsToLedger(projection: LedgerProjection) throws {
    for (_, decision) in decisions.sorted(by: { $0.key < $1.key }) {
      guard let column = SyncColumn(rawValue: decision.conflict.column), var row = sheetRows[decision.conflict.number],
        projection.rows[decision.conflict.number]?[column] != decision.value,
        !(decidedWithRow.contains(decision.conflict.number) && SyncColumn.paymentColumns.contains(column))
      else { continue }
      row.values[column] = decision.value
      let cell = Merge.Cell(number: decision.conflict.number, column: column, base: nil, ledger: projection.rows[row.number ?? ""]?[column], sheet: decision.value)
      guard let (correction, facts) = plan([cell]) else { continue }
      report.toLedger += try applyCells(
        [cell], row: row, number: decision.conflict.number, correction: correction, facts: facts, projection: projection, decided: true)
    }
  }

  /// What the sheet's cells of one row ask of the ledger: a correction of the invoice's own
  /// fields, and the projection columns to turn into facts; `nil` (the cell raised as a
  /// conflict) when a cell asks what the ledger never does (an invoice keeps its client,
  /// date and amount).
  private mutating func plan(_ cells: [Merge.Cell]) -> (InvoiceCorrection, Set<SyncColumn>)? {
    var correction = InvoiceCorrection()
    var facts: Set<SyncColumn> = []
    for cell in cells {
      switch cell.column {
      case .number, .amountTTC, .balance, .vatAmount: continue  // checked by the second merge
      case .client: correction.clientName = cell.sheet?.text
      case .service: correction.service = .some(cell.sheet?.text)
      case .notes: correction.notes = .some(cell.sheet?.text)
      case .issueDate: correction.issueDate = cell.sheet?.day
      case .dueDate: correction.dueDate = cell.sheet?.day
      case .amountHT: correction.ht = cell.sheet?.cents
      case .vat: correction.vatRate = cell.sheet?.rate
      case .status, .amountPaid, .paidOn, .paymentMethod, .reminder1, .reminder2, .reminder3, .reminder4: facts.insert(cell.column)
      }
      if cell.column.kind != .status, cell.sheet == nil, [.client, .issueDate, .amountHT].contains(cell.column) {
        raise(cell, kind: .notApplicable)  // an invoice keeps its client, date and amount
        return nil
      }
    }
    return (correction, facts)
  }

  /// Applies one row's correction and facts, in a savepoint: all or nothing. The changes
  /// to report.
  private mutating func applyCells(
    _ cells: [Merge.Cell], row: TrackerTable.Row, number: String, correction: InvoiceCorrection, facts: Set<SyncColumn>,
    projection: LedgerProjection, decided: Bool = false
  ) throws -> [SyncReport.Change] {
    touched.insert(number)
    do {
      try session.database.inSavepoint {
        if !correction.isEmpty { try session.correctInvoice(number, correction) }
        if !facts.isEmpty { try applyFacts(of: row, number: number, changed: facts, projection: projection, decided: decided) }
        return .commit
      }
      return applied(cells, number: number)
    } catch let error as LedgerError {
      refuse(cells, row: row, number: number, error)
      return []
    }
  }

  /// The changes applied from `cells` (not those a fact left in conflict).
  private func applied(_ cells: [Merge.Cell], number: String) -> [SyncReport.Change] {
    // A cell that states a fact is said applied only when a fact was recorded.
    let statesFacts = SyncColumn.paymentColumns.union(SyncColumn.reminderColumns)
    return cells.filter {
      let key = CellKey(number, $0.column)
      if statesFacts.contains($0.column), !factsRecorded.contains(number) { return false }
      return !$0.column.isDerived && conflicts[key] == nil && factsWaiting[number]?.contains($0.column) != true && !coveredCells.contains(key)
        && !keptInSheet.contains(key)
    }.map {
      .init(number: number, column: $0.column, cell: cellName(number, $0.column), from: $0.ledger?.canonical, to: $0.sheet?.canonical)
    }
  }

  /// A row the ledger refused: its cells are conflicts, the row is listed as skipped.
  private mutating func refuse(_ cells: [Merge.Cell], row: TrackerTable.Row, number: String, _ error: LedgerError) {
    for cell in cells { raise(cell, kind: .notApplicable) }
    report.skipped.append(.init(row: table.locate(row.row).row, reason: "\(number): \(error)"))
  }

  /// Turns the row's projection columns among `changed` into facts (``RowFacts``).
  private mutating func applyFacts(of row: TrackerTable.Row, number: String, changed: Set<SyncColumn>, projection: LedgerProjection? = nil, decided: Bool = false) throws {
    let values = row.values
    let current = projection?.rows[number]
    let details = try session.details(of: number, asOf: options.asOf)
    let paidAtBase: Cents? = base[number].map { $0.ledger.cents(.amountPaid) ?? .zero }
    let side = RowFacts.LedgerSide(
      paid: details.paid, balance: details.balance, status: details.status, disputed: details.invoice.disputedOn != nil,
      reminderLevels: Set(details.reminders.map(\.level)),
      paidAtBase: paidAtBase)
    var found = RowFacts.of(values, changed: changed, ledger: side, decided: decided)
    if decided && !found.refusedOutright {
      // A person kept the sheet's word where the ledger cannot take it as a fact (a dispute
      // of an invoice settled since): the sheet keeps its word, the ledger its facts, and
      // the conflict is closed. Only a missing day still waits for them.
      found.conflicts.removeAll { $0.kind != .undatedPayment }
      if found.conflicts.isEmpty { found.unapplied = [] }
    }
    for (column, kind) in found.conflicts {
      raiseFact(number: number, column: column, kind: kind, values: values, ledger: current)
    }
    let waiting = found.unapplied.union(found.conflicts.map(\.column))
    if !waiting.isEmpty { factsWaiting[number, default: []].formUnion(waiting) }
    for column in found.covered { coveredCells.insert(CellKey(number, column)) }
    // A decision the ledger could not take as a fact: the sheet keeps its word, nothing is
    // said done.
    if decided, found.facts.isEmpty { for column in changed { keptInSheet.insert(CellKey(number, column)) } }
    let policy = try session.settings().dunning
    if !found.facts.isEmpty { factsRecorded.insert(number) }
    for fact in found.facts {
      switch fact {
      case let .payment(amount, day, method, note):
        let amount = amount ?? details.balance
        guard amount.isPositive else { continue }
        _ = try session.addPayment(PaymentDraft(
          amount: amount, receivedOn: day, method: method, clientName: details.client.name,
          invoices: [(number, amount)], force: true, note: note))
      case .dispute: _ = try session.setDispute(number, from: options.asOf)
      case .endDispute: _ = try session.setDispute(number, from: nil, endedOn: options.asOf)
      case let .reminder(level, day):
        _ = try session.recordReminder(number, level: level, channel: Self.channel(level, policy: policy), on: day, note: Self.reminderNote, force: true)
      }
    }
  }

  /// The channel a reminder of `level` goes by, as the ledger's dunning settings say.
  static func channel(_ level: Int, policy: DunningPolicy) -> ReminderChannel {
    policy.levels.first { $0.level == level }?.channel ?? .letter
  }
}
