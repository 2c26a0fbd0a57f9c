import Foundation
/// The three-way merge of a tracker's rows with the ledger: pure, no I/O.
///
/// Rows are matched by invoice number. The base remembers, for every cell of every row
/// synced before, both the sheet's value and the ledger's value at the last sync (they may
/// differ for good: the sheet says *Partiellement réglée* where the ledger, which knows no
/// amount, says *en retard*). A side changed a cell when its value differs from its own
/// base value, so a difference that was already there at the last sync is not a change.
///
/// Per cell: changed on one side only → that side wins; changed on both to the same value,
/// or changed on one side to the other side's value → they agree; changed on both
/// differently → conflict, except in a column the ledger computes (État, Montant réglé,
/// Reste dû): the sheet's edit there goes to the ledger, whose ``RowFacts`` take it as the
/// fact it states or raise the conflict (both sides changed what is paid). A value the sheet changed to something unreadable is a
/// conflict. Rows: new in the sheet → imported; new in the ledger → appended to the sheet;
/// new on both sides → one invoice compared cell by cell with no base, or two different
/// invoices under one number (``sameInvoice(_:_:)``), never merged; gone from the sheet →
/// reported, and a conflict when the ledger changed the invoice since.
package enum Merge {
  /// One synced row's values, typed, by column; a missing column is empty.
  package typealias Values = RowValues

  /// What both sides held at the last sync.
  package struct BaseRow: Equatable, Sendable {
    package var sheet: Values
    package var ledger: Values

    package init(sheet: Values, ledger: Values) {
      self.sheet = sheet
      self.ledger = ledger
    }
  }

  /// One cell's three values.
  package struct Cell: Equatable, Sendable {
    package var number: String
    package var column: SyncColumn
    package var base: SyncValue?
    package var ledger: SyncValue?
    package var sheet: SyncValue?

    package init(number: String, column: SyncColumn, base: SyncValue?, ledger: SyncValue?, sheet: SyncValue?) {
      self.number = number
      self.column = column
      self.base = base
      self.ledger = ledger
      self.sheet = sheet
    }
  }

  /// The merge's decisions.
  package struct Result: Equatable, Sendable {
    /// Cells the sheet changed alone: to apply to the ledger.
    package var toLedger: [Cell] = []
    /// Cells the ledger changed alone: to write in the sheet.
    package var toSheet: [Cell] = []
    /// Cells both sides changed differently (or the sheet made unreadable).
    package var conflicts: [Cell] = []
    /// Rows new in the sheet, by number.
    package var newInSheet: [String] = []
    /// Rows new in the ledger, by number.
    package var newInLedger: [String] = []
    /// Rows gone from the sheet whose invoice the ledger did not change since.
    package var deletedInSheet: [String] = []
    /// Rows gone from the sheet whose invoice the ledger changed since.
    package var deletedButChanged: [String] = []
    /// Numbers new on both sides that name two different invoices (another client, another
    /// amount): never merged field by field.
    package var sameNumber: [String] = []
    /// Whether nothing is to be done.
    package var isEmpty: Bool {
      toLedger.isEmpty && toSheet.isEmpty && conflicts.isEmpty && newInSheet.isEmpty && newInLedger.isEmpty
        && deletedInSheet.isEmpty && deletedButChanged.isEmpty && sameNumber.isEmpty
    }
  }

  /// Merges. `columns` are the columns the sheet has (no other is compared); with
  /// `strictRows`, a row both sides changed is a conflict in every cell either changed.
  package static func merge(
    base: [String: BaseRow], ledger: [String: Values], sheet: [String: Values], columns: Set<SyncColumn>, strictRows: Bool = false
  ) -> Result {
    var result = Result()
    let ordered = columns.sorted()
    for number in Set(base.keys).union(ledger.keys).union(sheet.keys).sorted() {
      let baseRow = base[number]
      switch (baseRow, ledger[number], sheet[number]) {
      case let (baseRow?, ledgerRow?, sheetRow?):
        mergeRow(number, base: baseRow, ledger: ledgerRow, sheet: sheetRow, columns: ordered, strict: strictRows, into: &result)
      case let (nil, ledgerRow?, sheetRow?):
        // New on both sides. Two different invoices under one number are one conflict, about
        // the number; one invoice is compared cell by cell, with no base: a difference is a
        // two-sided one (a conflict), except in a column the ledger computes, where the
        // sheet's value is a fact to take (``RowFacts``) or not.
        guard sameInvoice(ledgerRow, sheetRow) else {
          result.sameNumber.append(number)
          continue
        }
        for column in ordered where ledgerRow[column] != sheetRow[column] {
          let cell = Cell(number: number, column: column, base: nil, ledger: ledgerRow[column], sheet: sheetRow[column])
          if sheetRow[column]?.isUnreadable == true {
            result.conflicts.append(cell)
          } else if sheetRow[column] == nil {
            result.toSheet.append(cell)  // an empty cell states nothing: the ledger's value fills it
          } else if column.isComputed || ledgerRow[column] == nil {
            result.toLedger.append(cell)  // a fact to take (RowFacts), or a value the ledger lacks
          } else {
            result.conflicts.append(cell)
          }
        }
      case (_, nil, _?):
        result.newInSheet.append(number)
      case (nil, _?, nil):
        result.newInLedger.append(number)
      case let (baseRow?, ledgerRow?, nil):
        let changed = ordered.contains { ledgerRow[$0] != baseRow.ledger[$0] }
        if changed { result.deletedButChanged.append(number) } else { result.deletedInSheet.append(number) }
      case (_, nil, nil):
        break
      }
    }
    return result
  }

  /// Whether two rows with one number describe one invoice: the same client (letter case,
  /// accents and spacing aside) and, where both give one, the same TTC (else HT).
  package static func sameInvoice(_ a: Values, _ b: Values) -> Bool {
    if let x = a.text(.client), let y = b.text(.client), fold(x) != fold(y) { return false }
    if let x = a.value(.amountTTC), let y = b.value(.amountTTC) { return x == y }
    if let x = a.value(.amountHT), let y = b.value(.amountHT) { return x == y }
    return true
  }

  static func fold(_ text: String) -> String {
    text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
      .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }

  private static func mergeRow(
    _ number: String, base: BaseRow, ledger: Values, sheet: Values, columns: [SyncColumn], strict: Bool, into result: inout Result
  ) {
    var sheetChanges: [Cell] = []
    var ledgerChanges: [Cell] = []
    // Each side decoded once (reading a column of a ``RowValues`` walks its bytes).
    let (sheet, ledger, baseSheet, baseLedger) = (sheet.slots, ledger.slots, base.sheet.slots, base.ledger.slots)
    for column in columns {
      let (s, l) = (sheet[column.ordinal], ledger[column.ordinal])
      let sheetChanged = s != baseSheet[column.ordinal]
      let ledgerChanged = l != baseLedger[column.ordinal]
      guard sheetChanged || ledgerChanged else { continue }
      let cell = Cell(number: number, column: column, base: baseSheet[column.ordinal], ledger: l, sheet: s)
      if sheetChanged, s?.isUnreadable == true {
        result.conflicts.append(cell)
      } else if s == l {
        continue  // they agree
      } else if sheetChanged && ledgerChanged && !column.isComputed {
        result.conflicts.append(cell)
      } else if sheetChanged {
        sheetChanges.append(cell)
      } else {
        ledgerChanges.append(cell)
      }
    }
    if strict, !sheetChanges.isEmpty, !ledgerChanges.isEmpty {
      result.conflicts += (sheetChanges + ledgerChanges).sorted { $0.column < $1.column }
    } else {
      result.toLedger += sheetChanges
      result.toSheet += ledgerChanges
    }
  }
}

extension Merge.Cell {
  /// A stable id for the conflict: the same invoice, column and three values always give
  /// the same id (FNV-1a, 64 bits, in hexadecimal; 10 digits shown).
  package var conflictID: String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    let (base, ledger, sheet) = (base?.canonical ?? "\u{0}", ledger?.canonical ?? "\u{0}", sheet?.canonical ?? "\u{0}")
    for byte in "\(number)\u{1F}\(column.rawValue)\u{1F}\(base)\u{1F}\(ledger)\u{1F}\(sheet)".utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String((String(repeating: "0", count: 16 - hex.count) + hex).prefix(10))
  }
}
