import Foundation
import Testing

@testable import OOXML
@testable import SheetSync
import TestSupport

/// The invoice table of real trackers and invoicing-app exports (`../shared/corpus/
/// real-trackers`, what each is in its `SOURCES.tsv`) is found where a person sees it:
/// the sheet, the header row (below a title or a parameters block) and the known
/// columns, whatever their spelling (`InvoiceID`, `facture_id`, `nom du client`,
/// `Total (RM)`…). The expectations are written by hand from the files.
@Suite(.needsShared) struct RealTrackerHeaderTests {
  struct Expected: Sendable, CustomStringConvertible {
    let file: String
    let sheet: String?
    let headerRow: Int
    /// Known column → its column letters.
    let columns: [SyncColumn: String]
    var description: String { file }
  }

  static let folder = SharedFolder.url.appendingPathComponent("corpus/real-trackers")

  static let expected: [Expected] = [
    Expected(
      file: "en_artool_receivables.xlsx", sheet: "Sheet1", headerRow: 1,
      columns: [.number: "A", .client: "B", .issueDate: "C", .amountTTC: "D"]),
    Expected(
      file: "en_cmaab_invoices.xlsx", sheet: "Sheet1", headerRow: 1,
      columns: [.client: "A", .number: "B", .issueDate: "C", .dueDate: "D", .amountTTC: "E"]),
    Expected(
      file: "en_freshbooks_invoices_csv.xlsx", sheet: "ninja__freshbooks_invoices", headerRow: 1,
      columns: [.client: "A", .number: "B", .issueDate: "C", .status: "D", .paidOn: "E"]),
    Expected(
      file: "en_invoice2go_invoices_csv.xlsx", sheet: "ninja__i2g_invoices", headerRow: 1,
      columns: [.issueDate: "F", .number: "G", .notes: "H", .client: "I", .status: "K"]),
    Expected(
      file: "en_invoiceninja_v4_export_csv.xlsx", sheet: "ninja__invoice", headerRow: 4,
      columns: [.client: "A", .number: "C", .amountTTC: "D", .amountPaid: "E", .status: "G", .issueDate: "H", .dueDate: "I"]),
    Expected(
      file: "en_kc_invoices.xlsx", sheet: "Invoices", headerRow: 1,
      columns: [.number: "A", .issueDate: "B", .paidOn: "F"]),
    Expected(
      file: "en_mcfwong_invoice_tracker.xlsx", sheet: "Invoice Tracker", headerRow: 3,
      columns: [.number: "B", .amountTTC: "C", .dueDate: "D", .notes: "G"]),
    Expected(
      file: "en_pqa_receivables.xlsx", sheet: "Sales", headerRow: 5,
      columns: [.issueDate: "A", .client: "B", .number: "C", .amountTTC: "D"]),
    Expected(
      file: "en_qoder_invoice_tracker.xlsx", sheet: "Invoice Tracker", headerRow: 1,
      columns: [.number: "A", .issueDate: "B", .service: "E", .amountHT: "F", .amountTTC: "H", .dueDate: "J", .status: "K"]),
    Expected(
      file: "en_sap_trade_receivables_listing.xlsx", sheet: "Sheet1", headerRow: 2,
      columns: [.client: "B", .issueDate: "D", .number: "E"]),
    Expected(
      file: "en_zoho_invoices_csv.xlsx", sheet: "ninja__zoho_invoices", headerRow: 1,
      columns: [.issueDate: "A", .number: "C", .status: "E", .client: "F", .dueDate: "K"]),
    Expected(
      file: "fr_artisans_factures.xlsx", sheet: "FACTURES", headerRow: 1,
      columns: [.number: "A", .issueDate: "B", .client: "C", .service: "H", .amountTTC: "K", .status: "L"]),
    Expected(
      file: "fr_cdfaudit_factures.xlsx", sheet: "Factures", headerRow: 1,
      columns: [.issueDate: "B", .number: "C", .service: "D", .status: "E", .client: "F", .amountTTC: "H", .amountHT: "I"]),
    Expected(
      file: "fr_chakibag_factures_csv.xlsx", sheet: "chakibag__factures", headerRow: 1,
      columns: [.number: "A", .issueDate: "C", .amountHT: "D", .vat: "E", .amountTTC: "F", .status: "G"]),
    Expected(
      file: "fr_kit_tracker_impayes_csv.xlsx", sheet: "nazruden__tracker-impayes", headerRow: 1,
      columns: [.client: "A", .number: "B", .amountTTC: "C", .issueDate: "D", .dueDate: "E", .status: "G", .notes: "K"]),
    Expected(
      file: "fr_pennylane_theoma_factures.xlsx", sheet: "Factures", headerRow: 1,
      columns: [.number: "B", .issueDate: "C", .dueDate: "D", .client: "E", .amountTTC: "H", .amountHT: "J", .status: "P"]),
    Expected(
      file: "fr_pennylane_theoma_lignes_csv.xlsx", sheet: "theoma__factures", headerRow: 1,
      columns: [.number: "B", .issueDate: "C", .dueDate: "D", .client: "E", .service: "H", .amountTTC: "P"]),
    Expected(
      file: "fr_profitos_sample_invoices.xlsx", sheet: "Sheet1", headerRow: 1,
      columns: [.number: "A", .client: "B", .amountTTC: "C", .issueDate: "D", .dueDate: "E", .status: "F"]),
    Expected(
      file: "fr_sprintjava_factures_poi.xlsx", sheet: "Facture Data", headerRow: 1,
      columns: [.number: "A", .issueDate: "B", .status: "C", .amountTTC: "D"]),
  ]

  static func letters(_ column: Int) -> String {
    CellReference(column: column, row: 1).map { String($0.description.dropLast()) } ?? "?"
  }

  @Test(arguments: expected)
  func theInvoiceTableIsFoundWhereAPersonSeesIt(_ expected: Expected) throws {
    let workbook = try Workbook(path: Self.folder.appendingPathComponent(expected.file).path)
    let table = try TrackerTable.read(workbook, sheet: nil)
    #expect(table.sheet == expected.sheet, "\(expected.file)")
    #expect(table.headerRow == expected.headerRow, "\(expected.file)")
    for (column, letters) in expected.columns {
      #expect(table.columns[column].map(Self.letters) == letters, "\(expected.file): \(column) is \(table.columns[column].map(Self.letters) ?? "not found")")
    }
  }

  /// Invoicely's export names its invoice numbers `Details`: no header names them, so the
  /// tracker is refused with the sheets it looked at (a person maps it).
  @Test func aTableWithoutAnInvoiceNumberHeaderIsRefusedWithTheSheetsLookedAt() throws {
    let path = Self.folder.appendingPathComponent("en_invoicely_invoices_csv.xlsx").path
    let workbook = try Workbook(path: path)
    #expect(throws: TrackerError.noTrackerSheet(file: path, sheets: ["ninja__invoicely_invoices"])) {
      try TrackerTable.read(workbook, sheet: nil)
    }
  }

  @Test(arguments: [
    ("InvoiceID", SyncColumn.number), ("facture_id", .number), ("DocumentNumber", .number), ("Invoice #", .number),
    ("numéro de facture", .number), ("N° facture", .number), ("CustomerName", .client), ("client_nom", .client),
    ("nom du client", .client), ("Tiers", .client), ("Total TTC", .amountTTC), ("montant_eur", .amountTTC),
    ("Total (RM)", .amountTTC), ("Subtotal (RM)", .amountHT), ("Montant payé (TTC)", .amountPaid),
    ("Date de paiement", .paidOn), ("DatePaid", .paidOn), ("dateFacturation", .issueDate), ("Date Issued", .issueDate),
    ("statut de la facture", .status), ("etatFacture", .status), ("Payment Due", .dueDate), ("BalanceDueAmount", .balance),
    ("Montant restant (TTC)", .balance), ("mode de paiement", .paymentMethod), ("montant TTC ", .amountTTC),
  ])
  func headersAsPeopleAndProgramsWriteThem(text: String, column: SyncColumn) {
    #expect(HeaderText.column(text) == column, "\(text)")
  }

  /// Two headers of one row naming a column: the better name is the column, the other
  /// stays the humans' own (`Invoice Number` beats `Invoice ID`; `numéro de facture`
  /// beats `id`).
  @Test func theBetterNameWinsAndTheOtherIsLeftToTheHumans() throws {
    let zoho = try #require(TrackerTable.header(in: [(1, [1: "Invoice ID", 2: "Invoice Number", 3: "Customer Name", 4: "Total"])]))
    #expect(zoho.columns[.number] == 2)
    #expect(zoho.ambiguous.isEmpty)
    let same = try #require(TrackerTable.header(in: [(1, [1: "N° facture", 2: "Client", 3: "Total", 4: "Date", 5: "Date"])]))
    #expect(same.columns[.issueDate] == nil)
    #expect(same.ambiguous == ["D1 \"Date\"", "E1 \"Date\""])
  }
}
