import Foundation
import Ledger
import OOXML
import Testing

@testable import SheetSync
import TestSupport

/// Trackers laid out in many ways (a title block, the header anywhere in rows 1–20,
/// synonyms in every case style, every numbering scheme, amounts and dates as text,
/// line-item rows, a TOTAL row at the bottom, one sheet per year or month, columns of the
/// humans' own), generated from
/// a seed: adoption imports exactly the generated invoices, with their clients, dates and
/// amounts to the cent, and nothing else.
@Suite struct AdoptionPropertyTests {
  /// An invoice as generated: what the ledger must hold after adoption.
  struct Generated {
    var number: String
    var client: String
    var issued: Day
    var ttc: Int64  // cents
    /// Its lines' TTC when it is written as several rows.
    var lines: [Int64]
  }

  struct Layout: CustomStringConvertible {
    var seed: UInt64
    var fixture: TrackerFixture
    var invoices: [Generated]
    var description: String { "seed \(seed)" }
  }

  static let clients = ["Dumont & co", "Boulangerie Lefèvre", "Garage Renaud", "Café « Le Zinc »", "Ébénisterie Roux", "Atelier 9"]
  static let headers: [SyncColumn: [String]] = [
    .number: ["N° facture", "Numéro de facture", "Invoice #", "InvoiceID", "facture_id", "Document Number", "Réf. facture", "Invoice No"],
    .client: ["Client", "Nom du client", "Tiers", "Customer Name", "client_nom", "Raison sociale"],
    .issueDate: ["Date", "Date de facture", "Invoice Date", "date_emission", "Date issued", "DocumentDate"],
    .amountTTC: ["Montant TTC", "Total TTC", "Total", "Amount", "montant_eur", "Montant à payer"],
    .service: ["Libellé", "Description", "Prestation", "Item Name"],
  ]
  static let extras = ["Commentaire interne", "Code analytique", "Responsable", "Pays"]

  static func style(_ header: String, _ choice: Int) -> String {
    switch choice {
    case 0: return header
    case 1: return header.uppercased()
    case 2: return " " + header.lowercased() + " "
    default: return header
    }
  }

  static func number(_ scheme: Int, _ index: Int, on day: Day) -> TrackerFixture.Cell {
    switch scheme {
    case 0: return .text("FA-\(day.year % 100)\(String(format: "%04d", index))")
    case 1: return .text("F-\(day.year)-\(String(format: "%08d", 4_400 + index))")
    case 2: return .number(Double(150 + index))
    case 3: return .text("INV-\(String(format: "%06d", index))")
    default: return .text(String(format: "%04d%02d%02d-%03d", day.year, day.month, day.day, index))
    }
  }

  static func text(of cell: TrackerFixture.Cell) -> String {
    switch cell {
    case let .text(text): return text
    case let .number(value): return String(Int(value))
    default: return ""
    }
  }

  static func layout(seed: UInt64) -> Layout {
    var random = SplitMix64(state: seed)
    func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
    let scheme = Int.random(in: 0...4, using: &random)
    let linesLayout = Bool.random(using: &random)
    var columns: [SyncColumn?] = [.number, .client, .issueDate, .amountTTC]
    if linesLayout || Bool.random(using: &random) { columns.append(.service) }
    for _ in 0..<Int.random(in: 0...2, using: &random) { columns.append(nil) }
    columns.shuffle(using: &random)
    let caseStyle = Int.random(in: 0...2, using: &random)
    var header: [TrackerFixture.Cell?] = []
    var extras = extras.shuffled(using: &random)
    for column in columns {
      header.append(.text(column.map { style(pick(headers[$0]!), caseStyle) } ?? extras.removeFirst()))
    }
    var prefix: [[TrackerFixture.Cell?]] = []
    // A title block: a title, a parameters line, blank rows.
    let above = Int.random(in: 0...19, using: &random)
    if above > 0 { prefix.append([.text("Suivi des factures — \(pick(clients))")]) }
    if above > 2 { prefix.append(["Date du jour", .date(year: 2026, month: 3, day: 1)]) }
    while prefix.count < above { prefix.append([]) }
    prefix.append(header)
    let textAmounts = Int.random(in: 0...2, using: &random)
    let textDates = Int.random(in: 0...2, using: &random)
    // One sheet per year or per month, sometimes.
    let periods = Int.random(in: 0...3, using: &random)  // 0, 1: one sheet; 2: per year; 3: per month
    var invoices: [Generated] = []
    var dataRows: [(period: String, rows: [[TrackerFixture.Cell?]])] = []
    for index in 1...Int.random(in: 1...14, using: &random) {
      let day = Day(year: 2025 + Int.random(in: 0...1, using: &random), month: Int.random(in: 1...12, using: &random), day: Int.random(in: 1...28, using: &random))!
      let numberCell = number(scheme, index, on: day)
      let lineCount = linesLayout && Bool.random(using: &random) ? Int.random(in: 2...3, using: &random) : 1
      let lines = (0..<lineCount).map { _ in Int64.random(in: 100...900_000, using: &random) }
      let invoice = Generated(number: text(of: numberCell), client: pick(clients), issued: day, ttc: lines.reduce(0, +), lines: lines)
      invoices.append(invoice)
      var invoiceRows: [[TrackerFixture.Cell?]] = []
      for (lineIndex, amount) in lines.enumerated() {
        var row: [TrackerFixture.Cell?] = []
        for column in columns {
          switch column {
          case .number?: row.append(numberCell)
          case .client?: row.append(.text(invoice.client))
          case .issueDate?:
            switch textDates {
            case 0: row.append(.date(year: day.year, month: day.month, day: day.day))
            case 1: row.append(.text(String(format: "%02d/%02d/%04d", day.day, day.month, day.year)))
            default: row.append(.text(day.description))
            }
          case .amountTTC?:
            let euros = "\(amount / 100)", cents = String(format: "%02lld", amount % 100)
            switch textAmounts {
            case 0: row.append(.number(Double(amount) / 100))
            case 1: row.append(.text("\(euros),\(cents) €"))
            default: row.append(.text("\(euros).\(cents)"))
            }
          case .service?: row.append(.text("Prestation \(index).\(lineIndex + 1)"))
          default: row.append(Bool.random(using: &random) ? .text("x\(Int.random(in: 1...99, using: &random))") : nil)
          }
        }
        invoiceRows.append(row)
      }
      let period: String
      switch periods {
      case 2: period = String(day.year)
      case 3: period = String(format: "%04d-%02d", day.year, day.month)
      default: period = ""
      }
      dataRows.append((period, invoiceRows))
    }
    // A TOTAL row at the bottom (in the number's or the client's column).
    let withTotal = Bool.random(using: &random)
    let totalLabel = columns.firstIndex(of: pick([SyncColumn.number, .client]))!
    let totalWord = pick(["TOTAL", "Total", "Sous-total"])
    func sheetRows(_ periodRows: [[[TrackerFixture.Cell?]]]) -> [[TrackerFixture.Cell?]] {
      var rows = prefix + periodRows.flatMap { $0 }
      if withTotal {
        var total = [TrackerFixture.Cell?](repeating: nil, count: columns.count)
        total[totalLabel] = .text(totalWord)
        total[columns.firstIndex(of: .amountTTC)!] = .number(1_234)
        rows.append(total)
      }
      return rows
    }
    let names = Set(dataRows.map(\.period)).sorted()
    let sheets: [(name: String, rows: [[TrackerFixture.Cell?]])]
    if names.count > 1 {
      sheets = names.map { name in (name, sheetRows(dataRows.filter { $0.period == name }.map(\.rows))) }
    } else {
      sheets = [(pick(["Factures", "Suivi 2025", "Sheet1"]), sheetRows(dataRows.map(\.rows)))]
    }
    return Layout(seed: seed, fixture: TrackerFixture(sheets: sheets), invoices: invoices)
  }

  @Test(arguments: (1...60).map { UInt64($0) })
  func adoptionImportsExactlyTheGeneratedInvoices(seed: UInt64) throws {
    let layout = Self.layout(seed: seed)
    let tracker = try layout.fixture.write()
    let ledger = try Ledger.create(at: ZipFixture.temporaryPath("suivi.sqlite")).0
    let report = try SyncEngine(ledger: ledger).run(tracker, options: SyncOptions(mode: .pull, asOf: Day(year: 2027, month: 1, day: 1)!))
    #expect(Set(report.imported) == Set(layout.invoices.map(\.number)), "seed \(seed): skipped \(report.skipped)")
    #expect(report.skipped.isEmpty && report.raised.isEmpty, "seed \(seed): \(report.skipped) \(report.raised)")
    let held = try ledger.read { session in
      let names = Dictionary(uniqueKeysWithValues: try session.clients().map { ($0.id!, $0.name) })
      return try session.invoices().map { ($0.number, $0, names[$0.clientId] ?? "?") }
    }
    #expect(held.count == layout.invoices.count, "seed \(seed)")
    for invoice in layout.invoices {
      guard let (_, stored, client) = held.first(where: { $0.0 == invoice.number }) else { continue }
      #expect(stored.ttc == Cents(invoice.ttc), "seed \(seed): \(invoice.number) TTC")
      #expect(stored.issueDate == invoice.issued, "seed \(seed): \(invoice.number) date")
      #expect(client == invoice.client, "seed \(seed): \(invoice.number) client")
      #expect(stored.ht == nil && stored.vatRate == nil, "seed \(seed): \(invoice.number): no VAT invented")
    }
    #expect(report.grouped.count == layout.invoices.filter { $0.lines.count > 1 }.count, "seed \(seed)")
    if layout.fixture.sheets.count > 1 {
      #expect(report.sheet == layout.fixture.sheets.map(\.name).joined(separator: ", "), "seed \(seed): one tracker of period sheets")
    }
  }
}
