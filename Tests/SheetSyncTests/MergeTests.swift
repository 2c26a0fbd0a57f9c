import Testing
import Ledger

@testable import SheetSync

/// The merge matrix: every case of the three-way merge, one test each.
@Suite struct MergeTests {
  typealias Values = Merge.Values
  let columns: Set<SyncColumn> = [.number, .client, .amountHT, .status, .notes]

  func row(_ client: String = "Dumont", ht: String = "500.00", status: String = "en_attente", notes: String? = nil) -> Values {
    var values: Values = [.number: "FA-240001", .client: client, .amountHT: ht, .status: status]
    values[text: .notes] = notes
    return values
  }

  func merge(base: Values?, ledger: Values?, sheet: Values?, baseLedger: Values? = nil, strict: Bool = false) -> Merge.Result {
    Merge.merge(
      base: base.map { ["FA-240001": Merge.BaseRow(sheet: $0, ledger: baseLedger ?? $0)] } ?? [:],
      ledger: ledger.map { ["FA-240001": $0] } ?? [:], sheet: sheet.map { ["FA-240001": $0] } ?? [:],
      columns: columns, strictRows: strict)
  }

  @Test func nothingChangedIsNothingToDo() {
    #expect(merge(base: row(), ledger: row(), sheet: row()).isEmpty)
  }

  @Test func aSheetOnlyChangeGoesToTheLedger() {
    let result = merge(base: row(), ledger: row(), sheet: row(ht: "550.00"))
    #expect(result.toLedger == [Merge.Cell(number: "FA-240001", column: .amountHT, base: "500.00", ledger: "500.00", sheet: "550.00")])
    #expect(result.toSheet.isEmpty && result.conflicts.isEmpty)
  }

  @Test func aLedgerOnlyChangeGoesToTheSheet() {
    let result = merge(base: row(), ledger: row(status: "reglee"), sheet: row())
    #expect(result.toSheet.map(\.column) == [.status])
    #expect(result.toSheet.first?.ledger == "reglee")
    #expect(result.toLedger.isEmpty && result.conflicts.isEmpty)
  }

  @Test func bothChangedToTheSameValueAgree() {
    #expect(merge(base: row(), ledger: row(notes: "appelé"), sheet: row(notes: "appelé")).isEmpty)
  }

  @Test func bothChangedDifferentlyIsAConflict() {
    let result = merge(base: row(), ledger: row(ht: "600.00"), sheet: row(ht: "550.00"))
    #expect(result.conflicts == [Merge.Cell(number: "FA-240001", column: .amountHT, base: "500.00", ledger: "600.00", sheet: "550.00")])
    #expect(result.toLedger.isEmpty && result.toSheet.isEmpty)
  }

  @Test func differentCellsOfOneRowMergeCleanly() {
    let result = merge(base: row(), ledger: row(status: "reglee"), sheet: row(notes: "virement annoncé"))
    #expect(result.toLedger.map(\.column) == [.notes])
    #expect(result.toSheet.map(\.column) == [.status])
    #expect(result.conflicts.isEmpty)
  }

  @Test func strictRowsMakeAnyTwoSidedRowEditAConflict() {
    let result = merge(base: row(), ledger: row(status: "reglee"), sheet: row(notes: "virement annoncé"), strict: true)
    #expect(result.conflicts.map(\.column) == [.status, .notes])
    #expect(result.toLedger.isEmpty && result.toSheet.isEmpty)
  }

  @Test func anUnreadableSheetValueIsAConflict() {
    let result = merge(base: row(), ledger: row(), sheet: row(ht: CellNormalizer.unreadable("bientôt")))
    #expect(result.conflicts.map(\.column) == [.amountHT])
  }

  @Test func aDifferenceAlreadyThereAtTheLastSyncIsNotAChange() {
    // The sheet said "partiellement réglée" where the ledger, knowing no amount, said "en retard".
    let result = merge(base: row(status: "partiellement_reglee"), ledger: row(status: "en_retard"), sheet: row(status: "partiellement_reglee"),
      baseLedger: row(status: "en_retard"))
    #expect(result.isEmpty)
  }

  @Test func aSheetChangeToTheLedgersValueAgrees() {
    let result = merge(base: row(status: "partiellement_reglee"), ledger: row(status: "en_retard"), sheet: row(status: "en_retard"),
      baseLedger: row(status: "en_retard"))
    #expect(result.isEmpty)
  }

  @Test func aNewSheetRowIsImported() {
    #expect(merge(base: nil, ledger: nil, sheet: row()).newInSheet == ["FA-240001"])
  }

  @Test func aNewLedgerInvoiceIsAppended() {
    #expect(merge(base: nil, ledger: row(), sheet: nil).newInLedger == ["FA-240001"])
  }

  @Test func theSameNewNumberOnBothSidesAgreesOrConflicts() {
    #expect(merge(base: nil, ledger: row(), sheet: row()).isEmpty)
    // One invoice (same client, same amount): each cell that differs is a two-sided difference.
    let result = merge(base: nil, ledger: row(notes: "relancé"), sheet: row(notes: "à rappeler"))
    #expect(result.conflicts.map(\.column) == [.notes])
    #expect(result.conflicts.first?.base == nil)
    // A value one side lacks is no difference of opinion: the side that has it fills the other.
    #expect(merge(base: nil, ledger: row(), sheet: row(notes: "à rappeler")).toLedger.map(\.column) == [.notes])
    #expect(merge(base: nil, ledger: row(notes: "relancé"), sheet: row()).toSheet.map(\.column) == [.notes])
    // Two invoices (another amount): one same-number finding, no cell merged.
    let two = merge(base: nil, ledger: row(ht: "500.00"), sheet: row(ht: "450.00"))
    #expect(two.sameNumber == ["FA-240001"] && two.conflicts.isEmpty && two.toSheet.isEmpty && two.toLedger.isEmpty)
  }

  @Test func aRowDeletedInTheSheetIsReportedNotDeleted() {
    let result = merge(base: row(), ledger: row(), sheet: nil)
    #expect(result.deletedInSheet == ["FA-240001"])
    #expect(result.toLedger.isEmpty && result.conflicts.isEmpty)
  }

  @Test func aRowDeletedInTheSheetWhoseInvoiceChangedIsFlagged() {
    #expect(merge(base: row(), ledger: row(status: "reglee"), sheet: nil).deletedButChanged == ["FA-240001"])
  }

  @Test func columnsTheSheetLacksAreNotCompared() {
    var ledger = row()
    ledger[text: .dueDate] = "2024-12-01"
    #expect(merge(base: row(), ledger: ledger, sheet: row()).isEmpty)
  }

  @Test func conflictIDsAreStableAndDistinct() {
    let a = Merge.Cell(number: "FA-240001", column: .amountHT, base: "500.00", ledger: "600.00", sheet: "550.00")
    var b = a
    #expect(a.conflictID == b.conflictID)
    #expect(a.conflictID.count == 10)
    b.sheet = .amount(Cents(55_100))
    #expect(a.conflictID != b.conflictID)
  }
}
