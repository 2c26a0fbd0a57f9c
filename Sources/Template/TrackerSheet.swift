import Foundation
import Ledger
import OOXML

/// The tracker sheet (**Suivi**): one row per invoice under a frozen, filtered header;
/// TTC, due date and balance as formulas; drop-down lists from the lists sheet; late
/// and unpaid rows highlighted, paid ones quiet; printed landscape, one page wide, the
/// header repeated.
struct TrackerSheet {
  let layout: TemplateLayout
  let data: TemplateData
  let company: String?

  private var model: TemplateModel { layout.model }
  private var columns: ColumnSheet { ColumnSheet(model: model.tracker, layout: layout, lastRow: layout.lastTrackerRow) }

  func write(into sheet: WorksheetWriter, styles: inout TemplateStyles) throws {
    let dates = DateSystem.excel1900
    let clients = Dictionary(data.clients.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    let defaultTerms = Int(model.parameters.first { $0.name == "terms" }?.number ?? 30)
    var rows: [ColumnSheet.RowValues] = []
    rows.reserveCapacity(data.invoices.count)
    for invoice in data.invoices {
      rows.append(try values(of: invoice, clients: clients, defaultTerms: defaultTerms))
    }
    try columns.write(into: sheet, styles: &styles, rows: rows) { key, index in
      let invoice = index.map { data.invoices[$0] }
      switch key {
      case "ttc": return .number(invoice.map { Self.euros($0.ttc) } ?? 0)
      case "balance": return .number(invoice.map { Self.euros($0.balance) } ?? 0)
      case "due": return invoice.map { .number(Double(dates.serial(of: $0.due))) } ?? .text("")
      default: return nil
      }
    }
    sheet.frozen = (1, model.tracker.frozenColumns ?? 0)
    sheet.autoFilter = "A1:\(CellReference.columnName(model.tracker.columns.count))\(layout.lastTrackerRow)"
    sheet.validations = try columns.validations(invoicesRange: "")
    sheet.conditionalFormats = [ConditionalFormat(range: columns.bodyRange, rules: try highlightRules(&styles))]
    sheet.page.isLandscape = true
    sheet.page.fitsToWidth = true
    sheet.page.header = "&L&\"-,Bold\"\(Self.headerText(company))&R\(model.title[layout.language])"
    sheet.page.footer = "&C\(model.footer[layout.language])"
    sheet.tabARGB = styles.color("header")
  }

  /// The header's left part: the company's name, with `&` doubled (a code otherwise).
  static func headerText(_ company: String?) -> String {
    (company ?? "").split(separator: "&", omittingEmptySubsequences: false).joined(separator: "&&")
  }

  static func euros(_ amount: Cents) -> Double { Double(amount.value) / 100 }

  private func values(
    of invoice: TemplateData.InvoiceRow, clients: [String: TemplateData.ClientRow], defaultTerms: Int
  ) throws -> ColumnSheet.RowValues {
    let dates = DateSystem.excel1900
    func day(_ value: Day) -> NewCell.Content { .number(Double(dates.serial(of: value))) }
    var values: ColumnSheet.RowValues = [
      "number": .text(invoice.number), "issued": day(invoice.issued), "client": .text(invoice.client),
      "status": .text(try model.list("statuses").item(invoice.status).label(layout.language))
    ]
    if let ht = invoice.ht { values["ht"] = .number(Self.euros(ht)) }
    if let rate = invoice.vatRate { values["vat"] = .number(Double(rate.basisPoints) / 10_000) }
    if !InvoiceAmounts(ht: invoice.ht, vatRate: invoice.vatRate, vat: invoice.ht.map { invoice.ttc - $0 }, ttc: invoice.ttc).isComputed {
      values["ttc"] = .number(Self.euros(invoice.ttc))  // the amounts as the tracker stated them
    }
    let terms = clients[invoice.client] ?? TemplateData.ClientRow(name: invoice.client, termsDays: defaultTerms, endOfMonth: false)
    if terms.dueDate(issued: invoice.issued) != invoice.due { values["due"] = day(invoice.due) }
    if let service = invoice.service { values["service"] = .text(service) }
    if invoice.paid != .zero { values["paid"] = .number(Self.euros(invoice.paid)) }
    if let paidOn = invoice.paidOn { values["paidOn"] = day(paidOn) }
    if let method = invoice.method { values["method"] = .text(try model.list("methods").item(method).label(layout.language)) }
    for (level, sent) in invoice.reminders.prefix(3).enumerated() {
      if let sent { values["reminder\(level + 1)"] = day(sent) }
    }
    if let notes = try notes(of: invoice) { values["notes"] = .text(notes) }
    return values
  }

  /// The invoice's notes, then what the tracker has no column for: credit notes, a
  /// fourth reminder.
  private func notes(of invoice: TemplateData.InvoiceRow) throws -> String? {
    let language = layout.language
    func text(_ key: String, _ fields: [String: String]) throws -> String {
      guard let template = model.noteTexts[key]?[language] else { throw TemplateError.invalidModel("no note text \(key)") }
      return try FormulaTemplate.expand(template) { fields[$0] }
    }
    var parts = invoice.notes.map { [$0] } ?? []
    for credit in invoice.creditNotes {
      let amount = language == .fr ? credit.amount.description.replacingOccurrences(of: ".", with: ",") : credit.amount.description
      parts.append(try text("creditNote", ["number": credit.number, "amount": amount]))
    }
    if invoice.reminders.count > 3, let fourth = invoice.reminders[3] {
      let date = String(format: "%02d/%02d/%04d", fourth.day, fourth.month, fourth.year)
      parts.append(try text("reminder4", ["date": date]))
    }
    return parts.isEmpty ? nil : parts.joined(separator: " ; ")
  }

  private func highlightRules(_ styles: inout TemplateStyles) throws -> [ConditionalFormat.Rule] {
    let resolve = layout.resolver(for: model.tracker, row: 2)
    return try (model.tracker.highlights ?? []).map { highlight in
      ConditionalFormat.Rule(
        formula: try FormulaTemplate.expand(highlight.formula, resolve: resolve), differentialStyle: try styles.highlight(highlight.style))
    }
  }
}
