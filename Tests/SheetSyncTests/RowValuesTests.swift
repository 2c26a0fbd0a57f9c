import CivilDate
import Foundation
import GRDB
@testable import Ledger
import OOXML
import Testing
import TestSupport

@testable import SheetSync

/// A row's values kept typed, in compact bytes (``RowValues``): what goes in comes out the
/// same value, equal values have equal bytes, stored bytes a ledger holds are read safely,
/// and a base an earlier version stored as canonical text is read as the same values.
@Suite struct RowValuesTests {
  static let texts = ["Garage Renaud", "", "a\u{1F}b\\c\u{2}", "é", String(repeating: "x", count: 300), "FA-240001"]

  static func randomValue(_ column: SyncColumn, _ random: inout SplitMix64, amounts: ClosedRange<Int64> = .min ... .max) -> SyncValue? {
    if random.below(5) == 0 { return nil }
    if random.below(12) == 0 { return .unreadable(texts[random.below(texts.count)]) }
    switch column.kind {
    case .text: return .text(texts[random.below(texts.count)])
    case .date: return .day(Day(year: 1900 + random.below(8100), month: 1 + random.below(12), day: 1 + random.below(28))!)
    case .amount: return .amount(Cents(Int64.random(in: amounts, using: &random)))
    case .rate: return .rate(VATRate(basisPoints: Int64.random(in: -1_000...1_000_000, using: &random)))
    case .status: return .status(InvoiceStatus.allCases[random.below(InvoiceStatus.allCases.count)])
    case .method: return .method(PaymentMethod.allCases[random.below(PaymentMethod.allCases.count)])
    }
  }

  static func randomSlots(_ random: inout SplitMix64, amounts: ClosedRange<Int64> = .min ... .max) -> [SyncValue?] {
    SyncColumn.byOrdinal.map { randomValue($0, &random, amounts: amounts) }
  }

  /// What a row holds once kept: an empty text is no value.
  static func kept(_ slots: [SyncValue?]) -> [SyncValue?] { slots.map { $0 == .text("") ? nil : $0 } }

  @Test func everyValueKeptIsReadBackAsItWas() {
    var random = SplitMix64(state: 41)
    for index in 0..<2_000 {
      let slots = Self.randomSlots(&random)
      let values = RowValues(slots: slots)
      #expect(values.slots == Self.kept(slots), "seed 41, case \(index)")
      for column in SyncColumn.allCases {
        #expect(values[column] == Self.kept(slots)[column.ordinal], "seed 41, case \(index), \(column)")
      }
      #expect(RowValues(stored: values.stored) == values, "seed 41, case \(index): its stored bytes read back")
    }
  }

  @Test func equalValuesHaveEqualBytesAndOnlyThey() {
    var random = SplitMix64(state: 43)
    for index in 0..<2_000 {
      let a = Self.randomSlots(&random)
      var b = a
      if random.below(2) == 0 {
        let column = SyncColumn.byOrdinal[random.below(SyncColumn.count)]
        b[column.ordinal] = Self.randomValue(column, &random)
      }
      let (x, y) = (RowValues(slots: a), RowValues(slots: b))
      #expect((x == y) == (Self.kept(a) == Self.kept(b)), "seed 43, case \(index)")
      if x == y { #expect(x.hashValue == y.hashValue, "seed 43, case \(index)") }
    }
  }

  /// The digest's comparison without decoding (``RowValues/matches(stored:only:)``) says
  /// what comparing the values of those columns says.
  @Test func comparingStoredBytesOnSomeColumnsIsComparingTheirValues() {
    var random = SplitMix64(state: 47)
    for index in 0..<2_000 {
      let a = Self.randomSlots(&random)
      var b = a
      for _ in 0..<random.below(3) {
        let column = SyncColumn.byOrdinal[random.below(SyncColumn.count)]
        b[column.ordinal] = Self.randomValue(column, &random)
      }
      let columns = ColumnSet(SyncColumn.allCases.filter { _ in random.below(2) == 0 })
      let expected = columns.allSatisfy { Self.kept(a)[$0.ordinal] == Self.kept(b)[$0.ordinal] }
      #expect(RowValues(slots: a).matches(stored: RowValues(slots: b).stored, only: columns) == expected, "seed 47, case \(index)")
    }
  }

  /// Stored bytes come from a ledger file anyone can edit: cut short, flipped or random,
  /// they are refused or read as values whose bytes they are — never a crash, never a
  /// value read past the end.
  @Test func corruptedStoredBytesAreRefusedOrReadExactly() {
    var random = SplitMix64(state: 53)
    for index in 0..<5_000 {
      var bytes = RowValues(slots: Self.randomSlots(&random)).stored
      switch random.below(4) {
      case 0: bytes = Array(bytes.prefix(random.below(bytes.count + 1)))
      case 1: for _ in 0..<1 + random.below(4) { bytes[random.below(bytes.count)] = UInt8(random.below(256)) }
      case 2: bytes = [RowValues.marker] + (0..<random.below(40)).map { _ in UInt8(random.below(256)) }
      default: bytes.insert(UInt8(random.below(256)), at: 1 + random.below(bytes.count))
      }
      guard let values = RowValues(stored: bytes) else { continue }
      #expect(RowValues(slots: values.slots).stored == bytes, "seed 53, case \(index): \(bytes)")
      _ = RowValues(slots: Self.randomSlots(&random)).matches(stored: bytes, only: ColumnSet(SyncColumn.allCases))
    }
  }

  /// The form of the previous version: `\u{2}`, then each column's canonical text by
  /// ordinal, separated by `\u{1F}`.
  static func previousVersionsForm(_ values: RowValues) -> [UInt8] {
    var slots = values.slots.map { $0?.canonical ?? "" }
    while slots.last == "" { slots.removeLast() }
    let escaped = slots.map {
      $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\u{1F}", with: "\\u").replacingOccurrences(of: "\u{2}", with: "\\s")
    }
    return Array(("\u{2}" + escaped.joined(separator: "\u{1F}")).utf8)
  }

  @Test func aBaseStoredByThePreviousVersionIsReadAsTheSameValues() {
    var random = SplitMix64(state: 59)
    for index in 0..<1_000 {
      // (The previous version's amounts were up to the ledger's maximum, as today's.)
      let values = RowValues(slots: Self.randomSlots(&random, amounts: -Cents.maximum.value...Cents.maximum.value))
      #expect(SyncStore.decode(Self.previousVersionsForm(values)) == values, "seed 59, case \(index)")
    }
  }

  /// A ledger synced by the previous version, whose base holds canonical texts, syncs with
  /// the same tracker as if nothing happened: no change, no conflict; a row the next sync
  /// changes is kept in today's form from then on.
  @Test func aLedgerSyncedByThePreviousVersionSyncsUnchanged() throws {
    let tracker = try TrackerFixture(rows: [
      ["N° facture", "Client", "Date", "Montant HT", "TVA", "Montant TTC", "Échéance", "État"],
      ["FA-260001", "Boulangerie Lefèvre", .date(year: 2026, month: 1, day: 5), 1_000, 0.2, 1_200, .date(year: 2026, month: 2, day: 4), "En attente"],
      ["FA-260002", "Atelier Roux", .date(year: 2026, month: 1, day: 12), 400, 0.2, 480, .date(year: 2026, month: 2, day: 11), "Réglée"],
    ]).write()
    let ledger = try Ledger.create(at: ZipFixture.temporaryPath("suivi.sqlite")).0
    func sync(usesDigest: Bool = true) throws -> SyncReport {
      var options = SyncOptions(mode: .sync, asOf: Day(year: 2026, month: 3, day: 1)!)
      options.saveOptions = SaveOptions(backupsKept: 0)
      options.usesDigest = usesDigest
      return try SyncEngine(ledger: ledger).run(tracker, options: options)
    }
    _ = try sync()
    _ = try sync()
    let bytes = try Data(contentsOf: URL(fileURLWithPath: tracker))
    // The base as the previous version stored it.
    try ledger.database.write { db in
      for row in try GRDB.Row.fetchAll(db, sql: "SELECT binding_id, number, sheet_values, ledger_values FROM sync_base") {
        let (sheet, ledger) = (RowValues(stored: [UInt8](row[2] as Data))!, RowValues(stored: [UInt8](row[3] as Data))!)
        try db.execute(
          sql: "UPDATE sync_base SET sheet_values = ?, ledger_values = ? WHERE binding_id = ? AND number = ?",
          arguments: [
            String(decoding: Self.previousVersionsForm(sheet), as: UTF8.self), String(decoding: Self.previousVersionsForm(ledger), as: UTF8.self),
            row[0] as Int64, row[1] as String,
          ])
      }
    }
    let report = try sync(usesDigest: false)
    #expect(report.toLedger.isEmpty && report.toSheet.isEmpty && report.raised.isEmpty, "\(report.toLedger) \(report.toSheet) \(report.raised)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: tracker)) == bytes, "the tracker was rewritten")
    try ledger.write(command: "payment add") { session in
      _ = try session.addPayment(
        PaymentDraft(amount: Cents(120_000), receivedOn: Day(year: 2026, month: 2, day: 20)!, method: .virement, clientName: "Boulangerie Lefèvre",
          invoices: [("FA-260001", nil)]))
    }
    let paid = try sync()
    #expect(paid.toSheet.map(\.number).contains("FA-260001") && paid.raised.isEmpty, "\(paid.toSheet) \(paid.raised)")
    let forms = try ledger.database.read { db in
      try String.fetchAll(db, sql: "SELECT number || ' ' || typeof(sheet_values) || ' ' || typeof(ledger_values) FROM sync_base ORDER BY number")
    }
    #expect(forms.contains("FA-260001 blob blob"), "\(forms)")
  }
}
