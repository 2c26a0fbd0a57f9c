import CivilDate
import Ledger
import Testing

@testable import SheetSync
import TestSupport

/// Random edit scripts on both sides of random trackers: after the merge, every one-sided
/// change is on the other side, every two-sided different change is a conflict, nothing
/// else moved, and merging again is a no-op. Seeded, so a failure names its seed.
@Suite struct MergePropertyTests {
  typealias Generator = SplitMix64

  static let columns: [SyncColumn] = [.client, .service, .status, .amountHT, .dueDate, .notes]
  /// A few values a column of each kind can hold (and no value), so that edits collide.
  static func words(_ column: SyncColumn) -> [SyncValue?] {
    switch column.kind {
    case .text: ["a", "b", "c", "d"].map { .text($0) } + [nil]
    case .amount: [100, 250, 999, 10_000].map { .amount(Cents($0)) } + [nil]
    case .date: [1, 2, 15, 28].map { .day(Day(year: 2024, month: 11, day: $0)!) } + [nil]
    case .status: [.pending, .late, .paid, .disputed].map { .status($0) } + [nil]
    case .rate: [550, 2000].map { .rate(VATRate(basisPoints: $0)) } + [nil]
    case .method: [.virement, .cheque].map { .method($0) } + [nil]
    }
  }

  func random(_ column: SyncColumn, _ generator: inout Generator) -> SyncValue? {
    Self.words(column).randomElement(using: &generator)!
  }

  func randomValues(_ generator: inout Generator) -> Merge.Values {
    var values = Merge.Values()
    for column in Self.columns { values[column] = random(column, &generator) }
    return values
  }

  @Test(arguments: 0..<400)
  func aMergeMovesExactlyTheOneSidedChanges(seed: Int) {
    var generator = Generator(state: UInt64(seed))
    var base: [String: Merge.BaseRow] = [:]
    var ledger: [String: Merge.Values] = [:]
    var sheet: [String: Merge.Values] = [:]
    for index in 0..<Int.random(in: 1...6, using: &generator) {
      let number = "FA-24\(1000 + index)"
      var values = randomValues(&generator)
      values[text: .number] = number
      base[number] = Merge.BaseRow(sheet: values, ledger: values)
      ledger[number] = values
      sheet[number] = values
    }
    // Edit scripts: each side changes some cells.
    var sheetEdits: [String: SyncColumn] = [:]
    var ledgerEdits: [String: SyncColumn] = [:]
    for number in base.keys.sorted() {
      for column in Self.columns {
        if Int.random(in: 0..<4, using: &generator) == 0 {
          sheet[number]![column] = random(column, &generator)
          sheetEdits[number + column.rawValue] = column
        }
        if Int.random(in: 0..<4, using: &generator) == 0 {
          ledger[number]![column] = random(column, &generator)
          ledgerEdits[number + column.rawValue] = column
        }
      }
    }
    let columns = Set(Self.columns + [.number])
    let result = Merge.merge(base: base, ledger: ledger, sheet: sheet, columns: columns)
    let listed = Set((result.toLedger + result.toSheet + result.conflicts).map { $0.number + $0.column.rawValue })
    for number in base.keys {
      for column in Self.columns {
        let (b, s, l) = (base[number]!.sheet[column], sheet[number]![column], ledger[number]![column])
        let key = number + column.rawValue
        switch (s != b, l != b) {
        case (false, false):
          #expect(!listed.contains(key), "seed \(seed): \(key) moved though neither side changed it")
        case (true, false) where s != l:
          #expect(result.toLedger.contains { $0.number == number && $0.column == column && $0.sheet == s }, "seed \(seed): \(key)")
        case (false, true) where s != l:
          #expect(result.toSheet.contains { $0.number == number && $0.column == column && $0.ledger == l }, "seed \(seed): \(key)")
        case (true, true) where s != l && column.isComputed:
          // A column the ledger computes: the sheet's edit is a fact to take, or its conflict (RowFacts).
          #expect(result.toLedger.contains { $0.number == number && $0.column == column && $0.sheet == s }, "seed \(seed): \(key)")
        case (true, true) where s != l:
          #expect(result.conflicts.contains { $0.number == number && $0.column == column }, "seed \(seed): \(key) is not a conflict")
        default:
          #expect(!listed.contains(key), "seed \(seed): \(key): both sides agree, nothing to move")
        }
      }
    }
    // Apply the decisions as a sync would; a second merge then has only the conflicts left.
    var nextBase = base
    for cell in result.toLedger { ledger[cell.number]![cell.column] = cell.sheet }
    for cell in result.toSheet { sheet[cell.number]![cell.column] = cell.ledger }
    let conflicted = Set(result.conflicts.map { $0.number + $0.column.rawValue })
    for number in base.keys {
      for column in Self.columns where !conflicted.contains(number + column.rawValue) {
        nextBase[number]!.sheet[column] = sheet[number]![column]
        nextBase[number]!.ledger[column] = ledger[number]![column]
      }
    }
    let second = Merge.merge(base: nextBase, ledger: ledger, sheet: sheet, columns: columns)
    #expect(second.toLedger.isEmpty && second.toSheet.isEmpty, "seed \(seed): a second merge moved values")
    #expect(Set(second.conflicts.map { $0.number + $0.column.rawValue }) == conflicted, "seed \(seed)")
  }
}
