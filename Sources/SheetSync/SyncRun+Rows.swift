import Ledger
import OOXML

/// The sheet's rows, indexed by number, and the rows the merge must look at.
extension SyncRun {
  /// The sheet's rows keyed by number; a number on two rows is a conflict on both.
  mutating func indexSheetRows() throws {
    var duplicates: [String: [TrackerTable.Row]] = [:]
    sheetRows.reserveCapacity(table.rows.count)
    for row in table.rows {
      guard let number = row.number, !row.isTotal else { continue }
      if let first = sheetRows.updateValue(row, forKey: number) {
        duplicates[number, default: [first]].append(row)
      }
    }
    for (number, rows) in duplicates.sorted(by: { $0.key < $1.key }) {
      if let invoice = TrackerTable.invoice(ofLines: rows, columns: table.columns.keys) {
        sheetRows[number] = invoice
        report.grouped.append(.init(number: number, rows: rows.map { table.locate($0.row).row }))
        continue
      }
      sheetRows[number] = nil
      let cells = rows.compactMap { table.cellName(.number, row: $0.row) }
      raise(.init(number: number, column: .number, base: .text(number), ledger: nil, sheet: .text(number)), kind: .duplicateNumber,
        cell: cells.joined(separator: ", "))
    }
    // A formula without a cached value says nothing: it keeps the value it had.
    for row in table.rows where !row.uncached.isEmpty {
      guard let number = row.number, sheetRows[number] != nil else { continue }
      for column in row.uncached { sheetRows[number]!.values[column] = base[number]?.sheet[column] }
    }
  }

  /// Finds the rows both sides hold as at the last sync (see ``settled``).
  mutating func findSettledRows(projection: LedgerProjection) {
    let decided = Set(decisions.values.map(\.conflict.number))
    let numbered = Set(newNumbers.values)
    let columns = ColumnSet(ledgerBaseColumns)
    let (rows, ledger, base) = (sheetRows, projection.rows, base)
    // Rows are independent: each core compares a half.
    let found = Self.inParts(of: rows) { part in
      var numbers: (settled: [String], unsettled: [String]) = ([], [])
      numbers.settled.reserveCapacity(part.count)
      for (number, row) in part {
        if (decided.isEmpty || !decided.contains(number)) && (numbered.isEmpty || !numbered.contains(number)),
          let values = ledger[number], base.holds(number, sheet: row.values, ledger: values, columns: columns)
        {
          numbers.settled.append(number)
        } else {
          numbers.unsettled.append(number)
        }
      }
      return numbers
    }
    settled.reserveCapacity(found.reduce(0) { $0 + $1.settled.count })
    for numbers in found {
      settled.formUnion(numbers.settled)
      unsettled.formUnion(numbers.unsettled)
    }
    // Rows not read: settled (see ``SheetDigest``).
    // (A partial ledger's side holds only those that may have changed.)
    let unparsed = memory?.unparsedNumbers(among: ledgerChanged) ?? []
    // Rows gone from the sheet, or not in it yet.
    for number in base.numbers where rows[number] == nil && !unparsed.contains(number) { unsettled.insert(number) }
    for number in ledger.keys where rows[number] == nil && !unparsed.contains(number) { unsettled.insert(number) }
  }

  /// `work` done on each half of `dictionary` at once (on two cores); the halves' results.
  static func inParts<Key, Value, Result>(
    of dictionary: [Key: Value], _ work: @escaping (Slice<[Key: Value]>) -> Result
  ) -> [Result] {
    let middle = dictionary.index(dictionary.startIndex, offsetBy: dictionary.count / 2)
    let second = Concurrent { work(dictionary[middle...]) }
    let first = work(dictionary[..<middle])
    return [first, try! second.value()]  // the work does not throw
  }
}
