/// Checking that each series is continuous: the numbers missing between the lowest and
/// the highest counter of each stem (a voided invoice keeps its number, so a gap means a
/// number was skipped, which the law does not allow). A series the ledger holds from its
/// first number (Suivi's own start at 1) is checked from 1 that way; a series adopted
/// from a tracker is checked from its lowest number, the earlier ones being outside the
/// ledger.
public enum InvoiceNumbering {
  /// The missing numbers of every stem among `positions`, as runs, in stem order.
  ///
  /// The series for which `startsAtOne` holds are checked from 1 (the numbers before the
  /// lowest are missing too).
  ///
  /// - Complexity: O(n log n); the gaps are runs, however long.
  public static func gaps(
    in positions: [NumberSeries.Position], startsAtOne: (NumberSeries) -> Bool = { _ in false }
  ) -> [NumberingGap] {
    var byStem: [String: (series: NumberSeries, counters: [Int])] = [:]
    for position in positions {
      byStem[position.stem, default: (position.series, [])].counters.append(position.counter)
    }
    var gaps: [NumberingGap] = []
    for stem in byStem.keys.sorted() {
      let (series, counters) = byStem[stem]!
      let sorted = (startsAtOne(series) ? [0] : []) + counters.sorted()
      for (low, high) in zip(sorted, sorted.dropFirst()) where high > low + 1 {
        gaps.append(
          NumberingGap(
            first: InvoiceNumber.issued(stem: stem, counter: low + 1, width: series.width),
            last: InvoiceNumber.issued(stem: stem, counter: high - 1, width: series.width), count: high - low - 1))
      }
    }
    return gaps
  }
}

/// A run of numbers missing from a series: `first` to `last`, `count` numbers.
public struct NumberingGap: Hashable, Sendable, CustomStringConvertible {
  public var first: InvoiceNumber
  public var last: InvoiceNumber
  public var count: Int

  /// `FA-240003`, or `FA-240003…FA-240009` for a run.
  public var description: String { count == 1 ? first.text : "\(first.text)…\(last.text)" }
}
