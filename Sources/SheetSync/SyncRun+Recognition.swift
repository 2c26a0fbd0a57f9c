import Foundation
import Ledger

/// A file this ledger never synced, whose invoice numbers the ledger knows: a tracker moved
/// or renamed, a copy of one (a download, `tracker (1).xlsx`), or another tracker.
enum TrackerRecognition {
  /// No tracker bound to the ledger has its rows: adopted (its rows the ledger knows are
  /// merged with no base).
  case new
  /// The rows of a bound tracker whose file is gone: the binding follows the file.
  case moved(SyncStore.Binding)
  /// The rows of a bound tracker still in its place: a copy, merged from the original's
  /// last sync.
  case copy(of: SyncStore.Binding)
  /// Other rows under numbers of a bound tracker: refused before anything is written.
  case other(bound: SyncStore.Binding, numbers: [String])
}

extension SyncRun {
  /// Whether a row is, under its number, the row a tracker had at its last sync, edits
  /// aside: two of its client, amount and date as they were (one when it has only one).
  static func sameRow(_ old: RowValues, _ now: RowValues) -> Bool {
    var agree = 0
    var known = 0
    if let a = old.text(.client), let b = now.text(.client) { known += 1; if Merge.fold(a) == Merge.fold(b) { agree += 1 } }
    if let a = old.cents(.amountTTC) ?? old.cents(.amountHT), let b = now.cents(.amountTTC) ?? now.cents(.amountHT) {
      known += 1
      if a == b { agree += 1 }
    }
    if let a = old[.issueDate], let b = now[.issueDate] { known += 1; if a == b { agree += 1 } }
    return agree >= min(2, known) && agree > 0
  }

  /// Which of ``TrackerRecognition`` the file at `path` is: its rows against each bound
  /// tracker's rows at its last sync (a copy has at least 4 in 5 of the rows the ledger
  /// knows as that tracker had them, ``sameRow(_:_:)``).
  static func recognise(
    _ table: TrackerTable, projection: LedgerProjection, store: SyncStore, fileExists: (String) -> Bool
  ) throws -> TrackerRecognition {
    var rows: [String: RowValues] = [:]
    for row in table.rows where !row.isTotal {
      guard let number = row.number, projection.rows[number] != nil, rows[number] == nil else { continue }
      rows[number] = row.values
    }
    guard !rows.isEmpty else { return .new }
    var best: (binding: SyncStore.Binding, same: Int, exact: Int)?
    var sharing: (binding: SyncStore.Binding, numbers: [String])?
    for binding in try store.allBindings() {
      let base = try store.base(of: binding, only: Set(rows.keys))
      var same = 0
      var exact = 0
      var shared: [String] = []
      for (number, values) in rows {
        guard let old = base[number] else { continue }
        shared.append(number)
        if Self.sameRow(old.sheet, values) { same += 1 }
        if old.sheet == values { exact += 1 }
      }
      if !shared.isEmpty, sharing == nil || shared.count > sharing!.numbers.count { sharing = (binding, shared.sorted(by: seriesOrder)) }
      // Of two trackers it could be a copy of (a copy of a copy), the one whose last sync
      // left its rows exactly as they are, then the latest bound.
      if same > 0, best == nil || (same, exact) >= (best!.same, best!.exact) { best = (binding, same, exact) }
    }
    if let best, best.same * 5 >= rows.count * 4 {
      return fileExists(best.binding.path) ? .copy(of: best.binding) : .moved(best.binding)
    }
    if let sharing { return .other(bound: sharing.binding, numbers: sharing.numbers) }
    return .new
  }
}
