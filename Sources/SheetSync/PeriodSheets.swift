import Wording
import Ledger
import OOXML

/// A tracker kept as one table per period: sheets named by a year (`2024`, `2025`) or a
/// month (`Janvier`, `Février 2025`, `2025-03`), each with the same header. They are one
/// tracker: every sheet is read, rows are keyed by invoice number across them, and a new
/// invoice goes to the sheet of its period (a new sheet, after the last, when its period
/// has none).
///
/// The rows of such a tracker live in one ``TrackerTable``: a row of the sheet at index `k`
/// (in workbook order) is numbered `k << sheetShift + its row`, so that the first sheet's
/// rows keep their own numbers (a tracker of one sheet is read as before).
package struct SheetPeriod: Hashable, Sendable, CustomStringConvertible {
  package var year: Int?
  package var month: Int?

  /// Rows of a sheet fit in 2^20; the sheet's index goes above.
  package static let sheetShift = 21

  static let months: [[String]] = [
    ["janvier", "janv", "jan", "january"], ["fevrier", "fevr", "fev", "february", "feb"], ["mars", "mar", "march"],
    ["avril", "avr", "april", "apr"], ["mai", "may"], ["juin", "june", "jun"], ["juillet", "juil", "july", "jul"],
    ["aout", "august", "aug"], ["septembre", "sept", "sep", "september"], ["octobre", "oct", "october"],
    ["novembre", "nov", "november"], ["decembre", "dec", "december"],
  ]
  static let monthNames = ["Janvier", "Février", "Mars", "Avril", "Mai", "Juin", "Juillet", "Août", "Septembre", "Octobre", "Novembre", "Décembre"]

  /// The period a sheet's name says, if it says one: a year (1990–2099), a month (in
  /// French or English, full or short, or as digits beside a year), or both.
  package static func of(sheetName name: String) -> SheetPeriod? {
    let words = Spelling.key(name).split { !$0.isLetter && !$0.isNumber }.map(String.init)
    guard !words.isEmpty, words.count <= 3 else { return nil }
    var period = SheetPeriod()
    var numbers: [Int] = []
    for word in words {
      if let number = Int(word) {
        numbers.append(number)
      } else if let month = months.firstIndex(where: { $0.contains(word) }), period.month == nil {
        period.month = month + 1
      } else if !["annee", "year", "factures", "invoices", "suivi"].contains(word) {
        return nil
      }
    }
    for number in numbers {
      if (1990...2099).contains(number), period.year == nil {
        period.year = number
      } else if (1...12).contains(number), period.month == nil, !numbers.filter({ (1990...2099).contains($0) }).isEmpty {
        period.month = number
      } else {
        return nil
      }
    }
    return period.year == nil && period.month == nil ? nil : period
  }

  /// Whether `day` falls in this period.
  func contains(_ day: Day) -> Bool {
    (year.map { $0 == day.year } ?? true) && (month.map { $0 == day.month } ?? true)
  }

  /// The name of `day`'s period in the style of `model` (a sheet named `2025` gives `2026`,
  /// `Janvier 2025` gives `Mars 2026`, `2025-01` gives `2026-03`).
  static func name(of day: Day, like model: String) -> String {
    guard let period = of(sheetName: model) else { return String(day.year) }
    switch (period.year, period.month) {
    case (_?, nil): return String(day.year)
    case (nil, _?): return monthNames[day.month - 1]
    default:
      let digits = model.contains { $0.isLetter } == false
      if digits {
        let yearFirst = model.trimmingCharacters(in: .whitespaces).prefix(4).allSatisfy(\.isNumber)
        let separator = model.first { !$0.isNumber && !$0.isWhitespace } ?? "-"
        let month = (day.month < 10 ? "0" : "") + String(day.month)
        return yearFirst ? "\(day.year)\(separator)\(month)" : "\(month)\(separator)\(day.year)"
      }
      return "\(monthNames[day.month - 1]) \(day.year)"
    }
  }

  package var description: String {
    [month.map { Self.monthNames[$0 - 1] }, year.map(String.init)].compactMap { $0 }.joined(separator: " ")
  }
}

extension TrackerTable {
  /// Whether the table spans several period sheets (``SheetPeriod``).
  package var isPeriodic: Bool { periodSheets.count > 1 }

  /// The sheet and its own row number of a row of the table.
  package func locate(_ row: Int) -> (sheet: String?, row: Int) {
    guard isPeriodic else { return (sheet, row) }
    let index = row >> SheetPeriod.sheetShift
    return (index < periodSheets.count ? periodSheets[index] : sheet, row & ((1 << SheetPeriod.sheetShift) - 1))
  }

  /// The reference of a known column's cell in `row`, in the row's own sheet.
  package func reference(_ column: SyncColumn, row: Int) -> CellReference? {
    columns[column].flatMap { CellReference(column: $0, row: locate(row).row) }
  }

  /// The cell as a person finds it: `E3`, or `'2025'!E3` in another period sheet than the
  /// first.
  package func cellName(_ column: SyncColumn, row: Int) -> String? {
    guard let reference = reference(column, row: row) else { return nil }
    guard isPeriodic, row >> SheetPeriod.sheetShift > 0, let sheet = locate(row).sheet else { return reference.description }
    return "'\(sheet)'!\(reference)"
  }

  /// `row 12`, or `row 12 of 2025` in another period sheet than the first.
  package func rowName(_ row: Int) -> Phrase {
    let (sheet, local) = locate(row)
    return isPeriodic && row >> SheetPeriod.sheetShift > 0 ? "row \(local) of \(sheet ?? "?")" : "row \(local)"
  }

  /// Period sheets found among `found` (sheet name → its table): those named by a period
  /// whose header is `best`'s, in workbook order; empty when fewer than two.
  static func periodSheets(_ found: [TrackerTable], best: TrackerTable) -> [TrackerTable] {
    guard let name = best.sheet, SheetPeriod.of(sheetName: name) != nil else { return [] }
    func signature(_ table: TrackerTable) -> [Int: String] { table.headerTexts.mapValues(HeaderText.key) }
    let alike = found.filter { table in
      table.sheet.flatMap(SheetPeriod.of(sheetName:)) != nil && table.headerRow == best.headerRow && table.columns == best.columns
        && signature(table) == signature(best)
    }
    return alike.count > 1 ? alike : []
  }

  /// One table of period sheets (in workbook order): their rows renumbered by sheet.
  static func joined(_ tables: [TrackerTable]) -> TrackerTable {
    var joined = tables[0]
    joined.periodSheets = tables.compactMap(\.sheet)
    for (index, table) in tables.enumerated().dropFirst() {
      for var row in table.rows {
        row.row += index << SheetPeriod.sheetShift
        row.lines = row.lines.map { $0 + index << SheetPeriod.sheetShift }
        joined.rows.append(row)
      }
      joined.ambiguous += table.ambiguous
    }
    var statusTexts = DistinctTexts()
    var methodTexts = DistinctTexts()
    for row in joined.rows {
      if let word = row.statusWord { statusTexts.insert(word) }
      if let word = row.methodWord { methodTexts.insert(word) }
    }
    joined.statusWords = StatusWords(list: joined.statusList, values: statusTexts.inOrder)
    joined.methodWords = MethodWords(list: joined.methodList, values: methodTexts.inOrder)
    return joined
  }

  /// The sheet a new invoice of `day` goes to: the period sheet of its month, else of its
  /// year; `nil` when none is (a new sheet is then added, ``newPeriodSheetName(for:)``).
  func periodSheet(for day: Day) -> String? {
    let periods = periodSheets.compactMap { name in SheetPeriod.of(sheetName: name).map { (name, $0) } }
    return periods.first { $0.1.month != nil && $0.1.contains(day) }?.0 ?? periods.first { $0.1.month == nil && $0.1.contains(day) }?.0
  }

  /// The name of a new sheet for `day`'s period, in the style of the last period sheet.
  func newPeriodSheetName(for day: Day) -> String {
    SheetPeriod.name(of: day, like: periodSheets.last ?? String(day.year))
  }
}
