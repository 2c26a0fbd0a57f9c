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
  /// Which of ``TrackerRecognition`` the file at `path` is: its rows against each bound
  /// tracker's rows at its last sync (a copy has at least 4 in 5 of the rows the ledger
  /// knows as that tracker had them: the same client and amount under each number).
  static func recognise(
    _ table: TrackerTable, projection: LedgerProjection, store: SyncStore, fileExists: (String) -> Bool
  ) throws -> TrackerRecognition {
    var rows: [String: RowValues] = [:]
    for row in table.rows where !row.isTotal {
      guard let number = row.number, projection.rows[number] != nil, rows[number] == nil else { continue }
      rows[number] = row.values
    }
    guard !rows.isEmpty else { return .new }
    var best: (binding: SyncStore.Binding, same: Int)?
    var sharing: (binding: SyncStore.Binding, numbers: [String])?
    for binding in try store.allBindings() {
      let base = try store.base(of: binding, only: Set(rows.keys))
      var same = 0
      var shared: [String] = []
      for (number, values) in rows {
        guard let old = base[number] else { continue }
        shared.append(number)
        if Merge.sameInvoice(old.sheet, values) { same += 1 }
      }
      if !shared.isEmpty, sharing == nil || shared.count > sharing!.numbers.count { sharing = (binding, shared.sorted(by: seriesOrder)) }
      if same > 0, best == nil || same > best!.same { best = (binding, same) }
    }
    if let best, best.same * 5 >= rows.count * 4 {
      return fileExists(best.binding.path) ? .copy(of: best.binding) : .moved(best.binding)
    }
    if let sharing { return .other(bound: sharing.binding, numbers: sharing.numbers) }
    return .new
  }
}
