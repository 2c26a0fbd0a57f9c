import Ledger
import OOXML
import Testing
import TestSupport

@testable import SheetSync

/// Values parsed once (``SyncValue``): a value read back from its canonical text is the
/// value parsed, whatever the cell showed.
@Suite struct SyncValueTests {
  /// Seeded random cells of every kind: parsed, kept as canonical text, read back: the same
  /// value.
  @Test func aValueReadBackFromItsCanonicalTextIsTheValueParsed() {
    var random = SplitMix64(state: 29)
    let kinds: [SyncColumn.Kind] = [.text, .date, .amount, .rate, .status, .method]
    let words = ["Réglée", "payée", "En retard", "Virement", "chèque", "CB", "bientôt", "n/a", "20 %", "5,5%", "0.2", "1 234,56 €", "02/11/2024",
      "2024-11-02", "31/02/2024", "  Garage   Renaud ", "1e400", "-12,30", "", "\u{1}unreadable:x"]
    for index in 0..<4_000 {
      let kind = kinds[random.below(kinds.count)]
      let cell: CellValue =
        switch random.below(4) {
        case 0: .number(Double(Int64.random(in: -10_000_000...10_000_000, using: &random)) / 100)
        case 1: .date(Day(year: 1990 + random.below(60), month: 1 + random.below(12), day: 1 + random.below(28))!)
        case 2: .bool(random.below(2) == 0)
        default: .string(words[random.below(words.count)])
        }
      let parsed = CellNormalizer.value(cell, kind: kind, dateSystem: .excel1900)
      let canonical = parsed?.canonical
      #expect(SyncValue(canonical: canonical, kind: kind) == parsed, "seed 29, case \(index): \(cell) as \(kind)")
      #expect(CellNormalizer.normalize(cell, kind: kind, dateSystem: .excel1900) == canonical, "seed 29, case \(index)")
    }
  }

  /// A number no rate can be was a crash (an integer from an infinite double): it is a value
  /// that cannot be read, kept as the cell shows it.
  @Test(arguments: [CellValue.number(1e308), .number(-1e300), .string("1e400"), .string("1e400 %")])
  func aVATCellHoldingAHugeNumberIsUnreadableNotACrash(cell: CellValue) {
    #expect(CellNormalizer.value(cell, kind: .rate, dateSystem: .excel1900)?.isUnreadable == true)
  }

  /// An unreadable value written back (a decision a person typed) shows what they typed,
  /// never Suivi's marker.
  @Test func anUnreadableValueIsShownAsTyped() {
    let marker = CellNormalizer.unreadable("bientôt")
    #expect(SyncValue(canonical: marker, kind: .date) == .unreadable("bientôt"))
    #expect(SyncValue(canonical: "bientôt", kind: .date) == .unreadable("bientôt"))
  }
}
