import Ledger
import Testing

@testable import SheetSync
import TestSupport

/// The sync's pure plan (``SyncPlan``): what a run writes in the sheet, which conflicts it
/// raises and which rows it appends, from the three sides of the rows, with no file and no
/// ledger.
@Suite struct SyncPlanTests {
  static let columns: Set<SyncColumn> = [.number, .client, .amountTTC, .status, .dueDate, .notes]

  /// An input where each side of invoice `number` holds `values` (the base's two sides
  /// too), the sheet's row at row 2.
  func input(_ rows: [String: RowValues]) -> SyncPlan.Input {
    var input = SyncPlan.Input()
    input.columns = Self.columns
    for (index, (number, values)) in rows.sorted(by: { $0.key < $1.key }).enumerated() {
      input.base[number] = Merge.BaseRow(sheet: values, ledger: values)
      input.ledger[number] = values
      input.sheet[number] = values
      input.rows[number] = TrackerTable.Row(row: index + 2, values: values)
    }
    return input
  }

  func setSheet(_ input: inout SyncPlan.Input, _ number: String, _ column: SyncColumn, _ value: String?) {
    input.sheet[number]?[text: column] = value
    input.rows[number]?.values[text: column] = value
  }

  static let open: RowValues = [.number: "FA-1", .client: "Garage Renaud", .amountTTC: "1200.00", .status: "en_attente", .dueDate: "2024-12-31"]

  @Test func aBaseWhoseTwoSidesDifferIsNoChangeUntilOneSideMoves() {
    // At the last sync the sheet said *Partiellement réglée*, the ledger *en retard*: both
    // still say so, nothing is written and nothing conflicts.
    var input = input(["FA-1": Self.open])
    input.base["FA-1"]?.sheet[text: .status] = "partiellement_reglee"
    input.base["FA-1"]?.ledger[text: .status] = "en_retard"
    setSheet(&input, "FA-1", .status, "partiellement_reglee")
    input.ledger["FA-1"]?[text: .status] = "en_retard"
    var plan = SyncPlan(input)
    #expect(plan.writes.isEmpty && plan.raises.isEmpty && plan.unapplied.isEmpty)
    // The ledger moves on: its new value is written.
    input.ledger["FA-1"]?[text: .status] = "a_relancer"
    plan = SyncPlan(input)
    #expect(plan.writes[CellKey("FA-1", .status)]?.value == "a_relancer")
    #expect(plan.raises.isEmpty && plan.keepsEveryEdit)
  }

  @Test func aCellBothSidesChangedDifferentlyIsOneConflictAndIsNotWritten() {
    var input = input(["FA-1": Self.open])
    setSheet(&input, "FA-1", .client, "Garage Renaud SARL")
    input.ledger["FA-1"]?[text: .client] = "Garage Renault"
    let plan = SyncPlan(input)
    #expect(plan.raises.map(\.kind) == [.bothChanged] && plan.raises.first?.cell.column == .client)
    #expect(plan.writes[CellKey("FA-1", .client)] == nil)
  }

  @Test func anUnreadableValueTypedInTheSheetIsAConflictThatKeepsIt() {
    var input = input(["FA-1": Self.open])
    setSheet(&input, "FA-1", .dueDate, CellNormalizer.unreadable("bientôt"))
    input.ledger["FA-1"]?[text: .dueDate] = "2025-01-31"
    let plan = SyncPlan(input)
    #expect(plan.raises.map(\.kind) == [.unreadable])
    #expect(plan.writes.isEmpty)
  }

  @Test func rowsNewOnEachSideAreImportedOrAppendedInSeriesOrder() {
    var input = input(["FA-1": Self.open])
    for number in ["F-10", "F-9", "F-11"] {
      var values = Self.open
      values[text: .number] = number
      input.ledger[number] = values
    }
    input.numbered = ["F-11"]  // given to a typed row: the push writes it in that row
    var typed = Self.open
    typed[text: .number] = "FA-7"
    input.sheet["FA-7"] = typed
    input.rows["FA-7"] = TrackerTable.Row(row: 9, values: typed)
    let plan = SyncPlan(input)
    #expect(plan.appended == ["F-9", "F-10"])
    #expect(plan.newInSheet == ["FA-7"])
  }

  @Test func aRowDeletedInTheSheetIsReportedAndAConflictWhenTheLedgerChangedItSince() {
    var input = input(["FA-1": Self.open, "FA-2": Self.open.filter { $0.key != .number }])
    input.base["FA-2"]?.sheet[text: .number] = "FA-2"
    input.base["FA-2"]?.ledger[text: .number] = "FA-2"
    input.ledger["FA-2"]?[text: .number] = "FA-2"
    input.sheet["FA-1"] = nil
    input.rows["FA-1"] = nil
    input.sheet["FA-2"] = nil
    input.rows["FA-2"] = nil
    input.ledger["FA-2"]?[text: .notes] = "promet virement"
    var plan = SyncPlan(input)
    #expect(plan.deleted == ["FA-1"])
    #expect(plan.raises.map(\.kind) == [.deletedRow] && plan.raises.first?.cell.number == "FA-2")
    #expect(plan.appended.isEmpty)
    input.restoreDeleted = true
    plan = SyncPlan(input)
    #expect(plan.appended == ["FA-1"])
  }

  @Test func aFactWaitingForAPersonKeepsWhatTheyTypedWhateverTheLedgerComputes() {
    var input = input(["FA-1": Self.open])
    setSheet(&input, "FA-1", .status, "reglee")  // *Réglée* with no day
    input.ledger["FA-1"]?[text: .status] = "en_retard"
    input.factsWaiting["FA-1"] = [.status, .paidOn]
    let plan = SyncPlan(input)
    #expect(plan.writes[CellKey("FA-1", .status)] == nil)
    #expect(plan.keepsEveryEdit)
  }

  @Test func aDecisionIsWrittenEvenOverWhatThePersonTyped() {
    var input = input(["FA-1": Self.open])
    setSheet(&input, "FA-1", .client, "Garage Renaud SARL")
    input.ledger["FA-1"]?[text: .client] = "Garage Renault"
    let conflict = SyncConflict(
      id: "c1", number: "FA-1", column: "client", kind: .bothChanged, base: "Garage Renaud", ledger: "Garage Renault",
      sheet: "Garage Renaud SARL", cell: "C2", raisedAt: "2024-12-01")
    input.decisions[CellKey("FA-1", .client)] = .init(conflict: conflict, value: .text("Garage Renault"))
    let plan = SyncPlan(input)
    #expect(plan.raises.isEmpty)
    #expect(plan.writes[CellKey("FA-1", .client)]?.value == "Garage Renault")
  }

  @Test func aFormulaInAComputedColumnIsNeverWrittenOver() {
    var input = input(["FA-1": Self.open])
    input.rows["FA-1"]?.formulas = [.amountTTC, .dueDate]
    input.ledger["FA-1"]?[text: .amountTTC] = "1300.00"
    input.ledger["FA-1"]?[text: .dueDate] = "2025-01-31"
    let plan = SyncPlan(input)
    #expect(plan.writes[CellKey("FA-1", .amountTTC)] == nil)
    // An invoice's own date is written over the formula (else a recalculation changes it).
    #expect(plan.writes[CellKey("FA-1", .dueDate)]?.value == "2025-01-31")
  }

  /// Random sides: the plan never writes over a cell the sheet changed, unless the ledger
  /// holds it; every cell the sheet changed goes to the ledger or is a conflict.
  @Test(arguments: (0..<200).map { UInt64($0) &* 0x2545_F491 &+ 3 }) func randomSidesNeverLoseTheSheetsEdits(seed: UInt64) {
    var random = SplitMix64(state: seed)
    let clients = ["A", "B", "C"]
    let statuses = ["en_attente", "en_retard", "reglee", "litige"]
    var input = SyncPlan.Input()
    input.columns = Self.columns
    func pick(_ values: [String]) -> String? { random.below(values.count + 1) == 0 ? nil : values[random.below(values.count)] }
    for index in 0..<6 {
      let number = "FA-\(index)"
      func values() -> RowValues {
        [.number: number, .client: pick(clients) ?? "A", .status: pick(statuses) ?? "en_attente", .notes: pick(["x", "y"]) ?? ""]
      }
      let base = values()
      let roll = random.below(10)
      if roll > 0 { input.base[number] = Merge.BaseRow(sheet: base, ledger: random.below(3) == 0 ? values() : base) }
      if roll != 1 { input.ledger[number] = random.below(2) == 0 ? base : values() }
      if roll != 2 {
        let sheet = random.below(2) == 0 ? base : values()
        input.sheet[number] = sheet
        input.rows[number] = TrackerTable.Row(row: index + 2, values: sheet)
      }
      if random.below(5) == 0 { input.factsWaiting[number] = [.status] }
    }
    let plan = SyncPlan(input)
    #expect(plan.keepsEveryEdit, "seed \(seed)")
    let conflicted = Set(plan.raises.map { CellKey($0.cell.number, $0.cell.column) })
    for (key, _) in plan.writes { #expect(!conflicted.contains(key), "seed \(seed): \(key) written and in conflict") }
    for (number, row) in input.base {
      guard let sheet = input.sheet[number], input.ledger[number] != nil else { continue }
      for column in Self.columns where sheet[column] != row.sheet[column] {
        let key = CellKey(number, column)
        let written = plan.writes[key]
        #expect(written == nil || written?.value == sheet[column], "seed \(seed): \(number) \(column.rawValue) changed in the sheet and written over")
        #expect(
          plan.unapplied.contains(key) || conflicted.contains(key) || input.ledger[number]?[column] == sheet[column],
          "seed \(seed): \(number) \(column.rawValue) changed in the sheet, neither for the ledger nor a conflict")
      }
    }
  }
}
