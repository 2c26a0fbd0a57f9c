import CivilDate

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

extension InvoiceNumbering {
  /// Numbers dated before the number before them in their series (CGI ann. II art. 242
  /// nonies A: the sequence is chronological), in stem and number order: what a tracker
  /// adopted holds as found, reported, never changed.
  public static func disorders(in numbers: [(number: String, position: NumberSeries.Position, issued: Day)]) -> [NumberingDisorder] {
    var byStem: [String: [(number: String, counter: Int, issued: Day)]] = [:]
    for item in numbers { byStem[item.position.stem, default: []].append((item.number, item.position.counter, item.issued)) }
    var disorders: [NumberingDisorder] = []
    for stem in byStem.keys.sorted() {
      let sorted = byStem[stem]!.sorted { $0.counter < $1.counter }
      for (before, after) in zip(sorted, sorted.dropFirst()) where after.issued < before.issued {
        disorders.append(NumberingDisorder(number: after.number, issued: after.issued, after: before.number, afterIssued: before.issued))
      }
    }
    return disorders
  }

  /// The rule a number Suivi issues follows in its series, given the last number of the
  /// series (the highest counter) and its date: it comes after it, in number and in date.
  /// A missing number is reported (``gaps(in:startsAtOne:)``), never filled afterwards.
  ///
  /// - Throws: ``LedgerError/invalidInvoiceNumber(text:reason:)``.
  public static func checkIssued(_ number: InvoiceNumber, counter: Int, issued: Day, last: (number: String, counter: Int, issued: Day)?) throws {
    guard let last, last.counter != counter else { return }
    if counter < last.counter {
      throw LedgerError.invalidInvoiceNumber(
        text: number.text,
        reason: "it is below \(last.number), the last number of its series: a series only grows, and a missing number is never filled afterwards (CGI ann. II art. 242 nonies A)")
    }
    if issued < last.issued {
      throw LedgerError.invalidInvoiceNumber(
        text: number.text,
        reason: "dated \(issued), it would follow \(last.number) dated \(last.issued): a series is chronological (CGI ann. II art. 242 nonies A)")
    }
  }
}

/// A number dated before the one before it in its series.
public struct NumberingDisorder: Hashable, Sendable, CustomStringConvertible {
  public var number: String
  public var issued: Day
  /// The number before it in the series, and its later date.
  public var after: String
  public var afterIssued: Day

  /// `FA-240013 (2024-12-04) after FA-240012 (2024-12-05)`.
  public var description: String { "\(number) (\(issued)) after \(after) (\(afterIssued))" }
}

/// A run of numbers missing from a series: `first` to `last`, `count` numbers.
public struct NumberingGap: Hashable, Sendable, CustomStringConvertible {
  public var first: InvoiceNumber
  public var last: InvoiceNumber
  public var count: Int

  /// `FA-240003`, or `FA-240003…FA-240009` for a run.
  public var description: String { count == 1 ? first.text : "\(first.text)…\(last.text)" }
}
