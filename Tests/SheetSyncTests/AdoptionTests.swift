import Foundation
import Ledger
import OOXML
import Testing

@testable import SheetSync
import TestSupport

/// Adopting trackers laid out as businesses keep them (``TrackerFixture``): what the
/// ledger takes is what the sheet says, to the cent, and nothing it does not say.
@Suite struct AdoptionTests {
  static let day = Day(year: 2026, month: 3, day: 1)!

  /// A tracker file and an empty ledger beside it.
  struct Adoption {
    let tracker: String
    let ledger: Ledger

    init(_ fixture: TrackerFixture) throws {
      tracker = try fixture.write()
      ledger = try Ledger.create(at: ZipFixture.temporaryPath("suivi.sqlite")).0
    }

    @discardableResult
    func run(_ mode: SyncMode, dryRun: Bool = false) throws -> SyncReport {
      var options = SyncOptions(mode: mode, asOf: AdoptionTests.day)
      options.dryRun = dryRun
      options.saveOptions = SaveOptions(backupsKept: 1)
      return try SyncEngine(ledger: ledger).run(tracker, options: options)
    }

    func invoice(_ number: String) throws -> Invoice { try ledger.read { try $0.invoice(numbered: number) } }

    func bytes() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: tracker)) }

    /// The first sheet's cells by reference (`E3`).
    func cells() throws -> [String: CellValue] {
      let workbook = try Workbook(path: tracker)
      let reader = try workbook.cells(of: workbook.sheets[0])
      var cells: [String: CellValue] = [:]
      while let cell = try reader.next() { cells[cell.reference.description] = cell.value }
      return cells
    }
  }

  /// A micro-entrepreneur's tracker has one amount: it is the TTC, and no VAT is invented
  /// (it used to become HT × 1.20 at 20 %).
  @Test func aMicroEntrepreneursSingleAmountIsTheTTCAndItsVATIsUnknown() throws {
    let adoption = try Adoption(
      TrackerFixture(rows: [
        ["N° facture", "Client", "Date", "Montant"],
        ["151", "Boulangerie Lefèvre", .date(year: 2026, month: 1, day: 5), 1_234.56],
        [152, "Atelier Roux", .date(year: 2026, month: 1, day: 12), "480,00 €"],
      ]))
    let before = try adoption.bytes()
    let report = try adoption.run(.pull)
    #expect(report.imported == ["151", "152"], "\(report.skipped)")
    let first = try adoption.invoice("151")
    #expect(first.ttc == Cents(123_456))
    #expect(first.ht == nil && first.vat == nil && first.vatRate == nil)
    #expect(try adoption.invoice("152").ttc == Cents(48_000))
    // Nothing to write back: the sheet says what the ledger holds.
    let push = try adoption.run(.push)
    #expect(push.toSheet.isEmpty, "\(push.toSheet)")
    #expect(try adoption.bytes() == before)
  }

  /// HT and TTC without a rate: both kept as given, the VAT their difference and its rate
  /// derived (38 invoices of one real tracker had their TTC changed to HT × 1.20).
  @Test func htAndTTCWithoutARateAreBothKept() throws {
    let adoption = try Adoption(
      TrackerFixture(rows: [
        ["Facture", "Tiers", "Date de facture", "Total HT", "Total TTC"],
        ["F-2026-00004401", "Garage Renaud", .date(year: 2026, month: 1, day: 5), 100, 105.5],
        ["F-2026-00004402", "Garage Renaud", .date(year: 2026, month: 1, day: 6), 100, 119.99],
      ]))
    let report = try adoption.run(.pull)
    #expect(report.imported.count == 2, "\(report.skipped)")
    let reduced = try adoption.invoice("F-2026-00004401")
    #expect(reduced.ht == Cents(10_000) && reduced.ttc == Cents(10_550) && reduced.vat == Cents(550))
    #expect(reduced.vatRate == VATRate(basisPoints: 550))
    let odd = try adoption.invoice("F-2026-00004402")
    #expect(odd.ttc == Cents(11_999) && odd.vat == Cents(1_999))
    #expect(try adoption.run(.push).toSheet.isEmpty)
  }

  /// A tracker's numbers go on: after `F-2026-00004402` comes `F-2026-00004403`, and a
  /// number written on a row the ledger skipped is never issued again.
  @Test func theNextNumberContinuesTheTrackersSeriesPastSkippedRows() throws {
    let adoption = try Adoption(
      TrackerFixture(rows: [
        ["N° facture", "Client", "Date", "Montant TTC"],
        ["F-2026-00004401", "Garage Renaud", .date(year: 2026, month: 1, day: 5), 120],
        ["F-2026-00004402", "Garage Renaud", .date(year: 2026, month: 1, day: 6), 240],
        ["F-2026-00004403", "Garage Renaud", "bientôt", 240],
      ]))
    let report = try adoption.run(.pull)
    #expect(report.imported == ["F-2026-00004401", "F-2026-00004402"])
    #expect(report.skipped.map(\.row) == [4])
    let next = try adoption.ledger.read { try $0.nextNumber(on: Day(year: 2026, month: 2, day: 1)!) }
    #expect(next.text == "F-2026-00004404")
    #expect(try adoption.ledger.read { try $0.nextNumber(on: Day(year: 2027, month: 1, day: 4)!) }.text == "F-2027-00000001")
  }

  /// A line export (Pennylane, FreshBooks): one row per line, no invoice total; the
  /// invoice is the sum of its lines, and a push writes a payment on every line.
  @Test func aLineExportIsOneInvoiceWhoseAmountIsTheSumOfItsLines() throws {
    let issued = TrackerFixture.Cell.date(year: 2026, month: 1, day: 5)
    let adoption = try Adoption(
      TrackerFixture(rows: [
        ["Numéro de facture", "Tiers", "Date", "Libellé", "Montant TTC", "Statut", "Date de paiement"],
        ["F-2026-00004401", "Garage Renaud", issued, "Vidange", 90, "Envoyée", nil],
        ["F-2026-00004401", "Garage Renaud", issued, "Pneus", 300.5, "Envoyée", nil],
        ["F-2026-00004401", "Garage Renaud", issued, "Main d'œuvre", 120, "Envoyée", nil],
        ["F-2026-00004402", "Atelier Roux", issued, "Conseil", 480, "Envoyée", nil],
      ]))
    let report = try adoption.run(.pull)
    #expect(report.imported == ["F-2026-00004401", "F-2026-00004402"], "\(report.skipped)")
    #expect(report.grouped == [.init(number: "F-2026-00004401", rows: [2, 3, 4])])
    #expect(report.raised.isEmpty)
    #expect(try adoption.invoice("F-2026-00004401").ttc == Cents(51_050))
    #expect(try adoption.invoice("F-2026-00004401").service == nil)  // the lines differ: not the invoice's
    // Paid in full: the status and the day go on every line; the amounts and labels stay.
    try adoption.ledger.write(command: "payment add") { session in
      _ = try session.addPayment(
        PaymentDraft(
          amount: Cents(51_050), receivedOn: Day(year: 2026, month: 2, day: 2)!, method: .virement, clientName: "Garage Renaud",
          invoices: [("F-2026-00004401", nil)]))
    }
    let push = try adoption.run(.push)
    #expect(push.raised.isEmpty, "\(push.raised)")
    let cells = try adoption.cells()
    for row in 2...4 {
      #expect(cells["G\(row)"] == .date(Day(year: 2026, month: 2, day: 2)!), "G\(row)")
      #expect(cells["F\(row)"] != .string("Envoyée"), "F\(row)")
    }
    #expect(cells["E3"] == .number(300.5) && cells["D3"] == .string("Pneus"))
    // Envoyée is a status the ledger computes: the push brought it up to date.
    #expect(cells["F5"] != .string("Envoyée") && cells["F5"] != nil)
    #expect(try adoption.run(.push).toSheet.isEmpty)
  }

  /// Zoho and Invoice Ninja repeat the invoice's total on each of its lines: it is taken
  /// once, not added up.
  @Test func anInvoiceTotalRepeatedOnEachLineIsTakenOnce() throws {
    let issued = TrackerFixture.Cell.date(year: 2026, month: 1, day: 5)
    let adoption = try Adoption(
      TrackerFixture(rows: [
        ["Invoice Date", "Invoice Number", "Customer Name", "Item Name", "Total"],
        [issued, "INV-000001", "Dumont & co", "Audit", 489.75],
        [issued, "INV-000001", "Dumont & co", "Report", 489.75],
        [issued, "INV-000002", "Dumont & co", "Audit", 460],
      ]))
    let report = try adoption.run(.pull)
    #expect(report.imported == ["INV-000001", "INV-000002"])
    #expect(try adoption.invoice("INV-000001").ttc == Cents(48_975))
  }

  /// One number typed on two rows for two clients is two invoices, not lines: a conflict
  /// on both rows, neither adopted.
  @Test func theSameNumberForTwoClientsIsADuplicateNotLines() throws {
    let adoption = try Adoption(
      TrackerFixture(rows: [
        ["N° facture", "Client", "Date", "Montant TTC"],
        ["F-001", "Garage Renaud", .date(year: 2026, month: 1, day: 5), 120],
        ["F-001", "Atelier Roux", .date(year: 2026, month: 1, day: 5), 240],
        ["F-002", "Atelier Roux", .date(year: 2026, month: 1, day: 6), 240],
      ]))
    let report = try adoption.run(.pull)
    #expect(report.imported == ["F-002"])
    #expect(report.grouped.isEmpty)
    #expect(report.raised.map(\.kind) == [.duplicateNumber])
  }

  /// A row whose currency column says USD is not read as euros; a row in EUR is.
  @Test func anInvoiceInAnotherCurrencyIsNotReadAsEuros() throws {
    let issued = TrackerFixture.Cell.date(year: 2026, month: 1, day: 5)
    let adoption = try Adoption(
      TrackerFixture(rows: [
        ["Invoice Number", "Customer Name", "Invoice Date", "Total", "Currency Code"],
        ["INV-000001", "Highlander", issued, 489.75, "USD"],
        ["INV-000002", "Dumont & co", issued, 460, "EUR"],
        ["INV-000003", "Dumont & co", issued, 120, "€"],
      ]))
    let report = try adoption.run(.pull)
    #expect(report.imported == ["INV-000002", "INV-000003"])
    #expect(report.skipped.map(\.row) == [2])
    #expect(report.skipped.first?.reason.description.contains("USD") == true, "\(report.skipped)")
  }

  @Test(arguments: [
    ("[$$-409]#,##0.00;[RED]\\-[$$-409]#,##0.00", "$"), ("\"$\"#,##0.00", "$"), ("#,##0.00 £", "£"), ("#,##0.00 [$€-40C]", nil),
    ("#,##0.00\\ \"€\"", nil), ("_(* #,##0.00_);_(* \\(#,##0.00\\);_(* \"-\"??_);_(@_)", nil), ("[Red]0.00", nil), ("[$USD] #,##0", "USD"),
  ] as [(String, String?)])
  func aNumberFormatNamesItsCurrency(code: String, currency: String?) {
    #expect(CurrencyScan.foreign(inFormat: code) == currency, "\(code)")
  }

  /// Oddities are warnings: a due date before the invoice's date is kept as the sheet
  /// says (215 of Invoice Ninja's sample invoices), and listed.
  @Test func aDueDateBeforeTheInvoiceDateIsKeptAndListed() throws {
    let adoption = try Adoption(
      TrackerFixture(rows: [
        ["N° facture", "Client", "Date", "Échéance", "Montant TTC"],
        ["F-001", "Garage Renaud", .date(year: 2026, month: 1, day: 25), .date(year: 2026, month: 1, day: 5), 120],
      ]))
    let report = try adoption.run(.pull)
    #expect(report.imported == ["F-001"])
    #expect(report.warnings.map(\.description).contains { $0.hasPrefix("row 2:") && $0.contains("before its date") }, "\(report.warnings)")
    #expect(try adoption.invoice("F-001").dueDate == Day(year: 2026, month: 1, day: 5)!)
  }

  /// Invoicely names its numbers `Details` and a law firm's export has no client column:
  /// a person says so once (`suivi map`), and every run reads the tracker that way.
  @Test func aPersonSaysWhatTheHeuristicsCouldNot() throws {
    let adoption = try Adoption(
      TrackerFixture(rows: [
        ["Rapport des factures"],
        [],
        ["Details", "Dossier", "Date", "Total", "Remarque"],
        ["INV-1", "Wayne", .date(year: 2026, month: 1, day: 28), 1_020, "à relancer"],
      ]))
    #expect(throws: TrackerError.self) { try adoption.run(.pull) }
    let engine = SyncEngine(ledger: adoption.ledger)
    // A header the row does not have, or a column Suivi does not know: refused, nothing kept.
    #expect(throws: TrackerError.self) {
      try engine.map(adoption.tracker, change: TrackerMapping(headerRow: 3, assignments: [.init(header: "Référence", column: .number)]))
    }
    #expect(throws: TrackerError.self) { try TrackerMapping.assignment("Details=numero de serie") }
    let change = TrackerMapping(
      headerRow: 3, assignments: [try TrackerMapping.assignment("Details=number"), try TrackerMapping.assignment("Dossier=client"),
        try TrackerMapping.assignment("Remarque=none")])
    let map = try engine.map(adoption.tracker, change: change)
    #expect(map.saved && map.headerRow == 3)
    #expect(map.cells.map(\.column) == [.number, .client, .issueDate, .amountTTC, nil])
    #expect(try engine.map(adoption.tracker).mapping == change)  // kept
    let report = try adoption.run(.pull)
    #expect(report.imported == ["INV-1"])
    #expect(try adoption.invoice("INV-1").ttc == Cents(102_000))
    // Forgotten when asked, though the tracker cannot be read without it.
    #expect(throws: TrackerError.self) { try engine.map(adoption.tracker, reset: true) }
    do {
      _ = try engine.map(adoption.tracker, change: TrackerMapping(headerRow: 3))
      Issue.record("the number column should be forgotten")
    } catch let error as TrackerError {
      #expect("\(error)".contains("names no invoice-number column"), "\(error)")
    }
  }

  /// A negative row is a credit note (avoir) of its client: adopted as one, kept in the
  /// sheet as it is, never appended again nor chased.
  @Test func aNegativeAmountIsACreditNoteOfTheClient() throws {
    let adoption = try Adoption(
      TrackerFixture(rows: [
        ["Numéro de facture", "Nom du client", "Date de facture", "Montant TTC", "Montant HT", "Statut"],
        [151, "Clay", .date(year: 2026, month: 1, day: 5), 2_283.6, 1_903, "Payée"],
        [152, "Clay", .date(year: 2026, month: 1, day: 20), -2_283.6, -1_903, "Payée"],
      ]))
    let before = try adoption.bytes()
    let report = try adoption.run(.pull)
    #expect(report.imported == ["151", "152"], "\(report.skipped)")
    let credit = try adoption.invoice("152")
    #expect(credit.kind == .creditNote && credit.ttc == Cents(228_360) && credit.ht == Cents(190_300) && credit.creditedInvoiceId == nil)
    #expect(report.warnings.contains { $0.description.contains("credit note") })
    // 151 is Payée with no day: no payment is invented; a conflict waits for the day.
    #expect(report.raised.map { "\($0.number) \($0.column) \($0.kind)" } == ["151 paidOn undatedPayment"])
    #expect(try adoption.bytes() == before)
    let push = try adoption.run(.push)
    #expect(push.toSheet.isEmpty && push.appended.isEmpty && push.raised.isEmpty, "\(push.toSheet) \(push.appended)")
    let later = try adoption.run(.sync)
    #expect(later.imported.isEmpty && later.skipped.isEmpty && later.raised.isEmpty && later.open.count == 1, "\(later.raised) \(later.open)")
  }

  /// A VTC company's export (fr_cdfaudit_factures): a cancelled invoice's credit note is a
  /// negative row whose text names it (*avoir annulant la facture n°111*), or the invoice's
  /// row names the credit note (*annulée par l'avoir n°114*). Each is deducted from the invoice
  /// it names (which is then no longer owed, nor chased); one that names an invoice the ledger
  /// does not have, another client's, or one owing less, is deducted from none, and said. The
  /// credit notes' own *Statut* cells stay as the sheet says (a push used to empty them).
  @Test func aCreditNoteIsDeductedFromTheInvoiceItsRowNames() throws {
    let adoption = try Adoption(
      TrackerFixture(rows: [
        ["Numéro de facture", "Nom du client", "Date de facture", "Montant TTC", "Intitulé", "Statut"],
        [111, "Pilgrims", .date(year: 2025, month: 6, day: 24), 10_500, "mission Cannes", "Facturée"],
        [112, "Pilgrims", .date(year: 2025, month: 6, day: 24), 4_500, "mission (facture annulée par l'avoir n°114)", "Facturée"],
        [113, "Adel", .date(year: 2025, month: 6, day: 24), 900, "transfert", "Envoyée"],
        [114, "Pilgrims", .date(year: 2025, month: 6, day: 25), -4_500, "mission", "Facturée"],
        [115, "Pilgrims", .date(year: 2025, month: 6, day: 25), -10_500, "mission Cannes (avoir annulant la facture N° 111)", "Facturée"],
        [116, "Clay", .date(year: 2025, month: 6, day: 26), -374, "mission Nice (avoir sur la facture n°27)", "Envoyée"],
        [117, "Clay", .date(year: 2025, month: 6, day: 26), -100, "avoir sur la facture n°113", "Envoyée"],
        [118, "Adel", .date(year: 2025, month: 6, day: 27), -1_000, "avoir sur la facture 113.", "Envoyée"],
      ]))
    let before = try adoption.bytes()
    let report = try adoption.run(.pull)
    #expect(report.imported.count == 8 && report.skipped.isEmpty, "\(report.skipped)")
    func credited(_ number: String) throws -> String? {
      try adoption.invoice(number).creditedInvoiceId.flatMap { id in try adoption.ledger.read { try $0.invoiceNumber(id: id) } }
    }
    #expect(try credited("115") == "111" && credited("114") == "112", "the credit notes whose rows (or their invoices' rows) name them")
    #expect(try credited("116") == nil && credited("117") == nil && credited("118") == nil, "27 is unknown, 113 is Adel's, 113 owes 900 < 1 000")
    let lines = try adoption.ledger.read { try $0.invoiceLines(asOf: Self.day) }
    let balances = Dictionary(uniqueKeysWithValues: lines.filter { $0.kind == .invoice }.map { ($0.number, $0.balance) })
    #expect(balances == ["111": .zero, "112": .zero, "113": Cents(90_000)], "\(balances)")
    let warnings = report.warnings.map(\.description)
    #expect(warnings.contains { $0.contains("row 6") && $0.contains("deducted from invoice 111") }, "\(warnings)")
    #expect(warnings.contains { $0.contains("row 9") && $0.contains("names invoice 113, which does not owe that much") }, "\(warnings)")
    #expect(warnings.contains { $0.contains("row 7") && $0.contains("which names no invoice") }, "\(warnings)")
    #expect(try adoption.bytes() == before)
    // The next sync writes the invoices' statuses; the credit notes' cells are left alone.
    let sync = try adoption.run(.sync)
    #expect(sync.imported.isEmpty && sync.skipped.isEmpty && sync.raised.isEmpty && sync.appended.isEmpty, "\(sync.skipped) \(sync.raised)")
    #expect(sync.toSheet.allSatisfy { ["111", "112", "113"].contains($0.number) }, "\(sync.toSheet)")
    // A cancelled invoice is said cancelled (*Annulée*), not paid: nothing was paid on it.
    for number in ["111", "112"] {
      #expect(sync.toSheet.first { $0.number == number && $0.column == .status }?.to == "annulee", "\(sync.toSheet)")
    }
    let cells = try adoption.cells()
    #expect(cells["F2"] == .string("Annulée") && cells["F3"] == .string("Annulée"), "\(String(describing: cells["F2"]))")
    for row in 5...9 { #expect(cells["F\(row)"] != nil && cells["F\(row)"] != .empty, "F\(row) emptied: \(String(describing: cells["F\(row)"]))") }
    #expect(try adoption.run(.sync).unchanged)
  }

  /// A file saved by openpyxl keeps formulas without their values: the TTC `F+G` (and the
  /// VAT `F*0.06` it adds) is computed from its row; a formula on another sheet is unknown,
  /// and said so.
  @Test func aFormulaSavedWithoutItsValueIsComputedFromItsRow() throws {
    let adoption = try Adoption(
      TrackerFixture(rows: [
        ["Invoice No", "Customer", "Invoice Date", "Subtotal", "Montant TVA", "Total"],
        ["INV-2026-0001", "Dumont & co", .date(year: 2026, month: 1, day: 5), 1_000, .formula("D2*0.06", cached: nil), .formula("D2+E2", cached: nil)],
        ["INV-2026-0002", "Dumont & co", .date(year: 2026, month: 1, day: 6), 500, .formula("D3*0.06", cached: nil), .formula("Tarifs!B2", cached: nil)],
      ]))
    let report = try adoption.run(.pull)
    #expect(report.imported == ["INV-2026-0001", "INV-2026-0002"], "\(report.skipped)")
    let computed = try adoption.invoice("INV-2026-0001")
    #expect(computed.ttc == Cents(106_000) && computed.ht == Cents(100_000) && computed.vat == Cents(6_000))
    // HT and VAT amount known, the TTC's formula unknown: the TTC follows from them.
    #expect(try adoption.invoice("INV-2026-0002").ttc == Cents(53_000))
    #expect(report.warnings.map(\.description).contains { $0.hasPrefix("row 3: F3: its formula has no value saved") }, "\(report.warnings)")
  }

  /// `pull --dry-run` on a tracker never adopted says, row by row, what adoption would
  /// import, group and skip, and writes nothing: no invoice, no binding.
  @Test func aDryRunShowsRowByRowWhatAdoptionWouldDo() throws {
    let issued = TrackerFixture.Cell.date(year: 2026, month: 1, day: 5)
    let adoption = try Adoption(
      TrackerFixture(rows: [
        ["N° facture", "Client", "Date", "Montant TTC"],
        ["F-001", "Garage Renaud", issued, 90],
        ["F-001", "Garage Renaud", issued, 30],
        ["F-002", "Atelier Roux", "bientôt", 480],
      ]))
    let report = try adoption.run(.pull, dryRun: true)
    #expect(report.importedRows.map(\.row) == [2] && report.importedRows.first?.ttc == "120.00")
    #expect(report.importedRows.first?.lines == [3] && report.importedRows.first?.vatKnown == false)
    #expect(report.skipped.map(\.row) == [4])
    #expect(try adoption.ledger.read { try $0.invoiceCount() } == 0)
    // Nothing was kept: the real pull is still the first.
    #expect(try adoption.run(.pull).adopted)
  }

  /// A tracker kept as one sheet per year is one tracker: both years adopted, a payment
  /// written in its invoice's sheet, a new invoice appended to the sheet of its year, and a
  /// year with no sheet yet gets one after the last, with the same header.
  @Test func oneSheetPerYearIsOneTracker() throws {
    let header: [TrackerFixture.Cell?] = ["N° facture", "Client", "Date", "Montant TTC", "Réglé le"]
    let fixture = TrackerFixture(sheets: [
      ("Synthèse", [["Total facturé", 1_000]]),
      ("2024", [header, ["151", "Garage Renaud", .date(year: 2024, month: 11, day: 5), 120, nil]]),
      ("2025", [header, ["152", "Atelier Roux", .date(year: 2025, month: 1, day: 8), 240, nil], ["153", "Garage Renaud", .date(year: 2025, month: 2, day: 3), 360, nil]]),
    ])
    let adoption = try Adoption(fixture)
    let report = try adoption.run(.pull)
    #expect(Set(report.imported) == ["151", "152", "153"], "\(report.skipped)")
    #expect(report.sheet == "2024, 2025")
    try adoption.ledger.write(command: "payment add") { session in
      _ = try session.addPayment(
        PaymentDraft(amount: Cents(12_000), receivedOn: Day(year: 2025, month: 3, day: 1)!, method: .virement, invoices: [("151", nil)]))
      _ = try session.addPayment(
        PaymentDraft(amount: Cents(24_000), receivedOn: Day(year: 2025, month: 3, day: 2)!, method: .virement, invoices: [("152", nil)]))
      _ = try session.addInvoice(InvoiceDraft(clientName: "Atelier Roux", issueDate: Day(year: 2025, month: 2, day: 20)!, ht: Cents(10_000)))
      _ = try session.addInvoice(InvoiceDraft(clientName: "Garage Renaud", issueDate: Day(year: 2026, month: 1, day: 12)!, ht: Cents(20_000)))
    }
    let push = try adoption.run(.push)
    #expect(push.raised.isEmpty, "\(push.raised)")
    #expect(push.appended == ["154", "155"])
    let workbook = try Workbook(path: adoption.tracker)
    #expect(workbook.sheets.map(\.name) == ["Synthèse", "2024", "2025", "2026"])
    func cells(_ sheet: String) throws -> [String: CellValue] {
      let reader = try workbook.cells(of: workbook.requireSheet(named: sheet))
      var cells: [String: CellValue] = [:]
      while let cell = try reader.next() { cells[cell.reference.description] = cell.value }
      return cells
    }
    #expect(try cells("2024")["E2"] == .date(Day(year: 2025, month: 3, day: 1)!))
    #expect(try cells("2025")["E2"] == .date(Day(year: 2025, month: 3, day: 2)!))
    #expect(try cells("2025")["A4"] == .string("154"))
    let new = try cells("2026")
    #expect(new["A1"] == .string("N° facture") && new["E1"] == .string("Réglé le"))
    #expect(new["A2"] == .string("155") && new["D2"] == .number(240))
    #expect(try cells("Synthèse")["B1"] == .number(1_000))
    // The next runs read the three years, and find nothing to do.
    let again = try adoption.run(.sync)
    #expect(again.toSheet.isEmpty && again.toLedger.isEmpty && again.appended.isEmpty && again.raised.isEmpty, "\(again.toSheet) \(again.raised)")
    // A person types a payment date alone in the new year's sheet: read there, and raised
    // there (a date alone says no amount).
    let editor = try WorkbookEditor(path: adoption.tracker)
    try editor.set(.date(Day(year: 2026, month: 2, day: 1)!), at: CellReference("E2")!, sheet: "2026")
    _ = try editor.save(options: SaveOptions(backupsKept: 0))
    let pulled = try adoption.run(.pull)
    #expect(pulled.sheet == "2024, 2025, 2026")
    #expect(pulled.raised.map(\.cell) == ["'2026'!E2"], "\(pulled.raised)")
  }

  @Test(arguments: [
    ("2025", "2025", nil), ("Janvier", nil, 1), ("Février 2025", "2025", 2), ("2025-03", "2025", 3), ("03-2025", "2025", 3),
    ("Factures 2024", "2024", nil), ("sept. 2025", "2025", 9), ("Synthèse", nil, nil), ("Clients", nil, nil), ("Feuil1", nil, nil),
  ] as [(String, String?, Int?)])
  func aSheetNamesItsPeriod(name: String, year: String?, month: Int?) {
    let period = SheetPeriod.of(sheetName: name)
    #expect(period?.year.map(String.init) == year && period?.month == month, "\(name): \(String(describing: period))")
  }

  /// A tracker that says *Relancée* without a reminder's day: the invoice is issued and
  /// reminded on a day nobody wrote, so no reminder is invented, the word is reported once,
  /// and Suivi never writes *Relancée* for an invoice it finds to remind.
  @Test func relanceeWithoutADayIsIssuedAndNoReminderIsInvented() throws {
    let adoption = try Adoption(
      TrackerFixture(rows: [
        ["N° facture", "Client", "Date", "Montant TTC", "Statut"],
        ["F-001", "Garage Renaud", .date(year: 2025, month: 10, day: 1), 120, "Relancée"],
        ["F-002", "Garage Renaud", .date(year: 2025, month: 10, day: 2), 240, "Relancée"],
        ["F-003", "Atelier Roux", .date(year: 2025, month: 10, day: 3), 360, "Envoyée"],
      ]))
    let report = try adoption.run(.pull)
    #expect(report.imported.count == 3, "\(report.skipped)")
    #expect(report.warnings.map(\.description).filter { $0.contains("'Relancée'") }.count == 1, "\(report.warnings)")
    let details = try adoption.ledger.read { try $0.details(of: "F-001", asOf: AdoptionTests.day) }
    #expect(details.reminders.isEmpty)
    #expect(details.status != .paid)
    // The sheet's words for the statuses Suivi writes never include *Relancée*.
    let words = StatusWords(values: ["Relancée", "Envoyée"])
    #expect(words.word(for: .toRemind) == "À relancer" && words.word(for: .pending) == "Envoyée")
  }
}
