import ArgumentParser
import Ledger
import OOXML

/// `suivi report`: the owner's summary.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Total owed, aged balance per client, DSO, collected, reminders and their outcomes, numbering gaps.")

  @OptionGroup var ledger: LedgerOptions
  @Option(help: "The day (default: today).") var date: String?
  @Option(help: "The first day of the period (default: 89 days before --date, a 90-day period).") var from: String?
  @Flag(help: "Print JSON.") var json = false

  func run() throws {
    try reportingErrors {
      let day = try LedgerArgument.day(date)
      let start = try from.map { try Day.parse($0, field: "--from") }
      if let start, start > day {
        throw LedgerError.invalidValue(field: "--from", text: start.description, reason: "is after --date \(day)")
      }
      let report = try ledger.open().read { try $0.report(asOf: day, from: start) }
      try emit(json ? report.json.rendered + "\n" : report.text)
    }
  }
}

extension LedgerReport {
  var json: LedgerJSON {
    let clients = clients.map { line -> LedgerJSON in
      .object([
        ("client", .string(line.client)), ("owed", .money(line.aged.total)), ("aged", line.aged.json), ("credit", .money(line.credit)),
        ("overdue_invoices", .int(line.overdueInvoices)),
      ])
    }
    let reminders = reminders.map { line -> LedgerJSON in
      .object([
        ("number", .string(line.number)), ("client", .string(line.client)), ("level", .int(line.level)),
        ("channel", .string(line.channel.rawValue)), ("date", .day(line.sentOn)), ("outcome", .text(line.outcome?.rawValue)),
        ("note", .text(line.note)), ("promised", .day(line.promisedOn)),
        ("status", .string(line.status.rawValue)), ("balance", .money(line.balance)),
      ])
    }
    return .object([
      ("date", .day(date)), ("from", .day(from)), ("period_days", .int(periodDays)), ("owed", .money(owed)), ("aged", aged.json),
      ("dso", dso.map { .number($0) } ?? .null), ("invoiced", .money(invoiced)), ("collected", .money(collected)),
      ("credit", .money(credit)), ("clients", .array(clients)),
      ("statuses", .object(InvoiceStatus.allCases.map { ($0.rawValue, .int(statusCounts[$0] ?? 0)) })),
      ("reminders", .array(reminders)), ("numbering_gaps", .array(numberingGaps.map { .string($0.description) })),
      ("numbering_disorders", .array(numberingDisorders.map { .string($0.description) })),
    ])
  }

  var text: String {
    var out = "Report as of \(date) (period \(from) – \(date), \(periodDays) days)\n"
    out += "  owed \(owed), invoiced \(invoiced), collected \(collected), client credit \(credit), DSO \(dso.map { "\($0) days" } ?? "n/a")\n\n"
    let header = ["Client", "Owed", "Not due", "1–30", "31–60", "61–90", "> 90", "Credit"]
    var rows = clients.map { line in [line.client, line.aged.total.description] + line.aged.buckets.map(\.amount.description) + [line.credit.description] }
    rows.append(["Total", owed.description] + aged.buckets.map(\.amount.description) + [credit.description])
    out += TextTable.render(header: header, rows: rows, indent: "  ")
    out += "\n  statuses: " + InvoiceStatus.allCases.compactMap { status in statusCounts[status].map { "\(status.label) \($0)" } }.joined(separator: ", ") + "\n"
    if !reminders.isEmpty {
      out += "\n  Reminders sent (tableau récapitulatif)\n"
      out += TextTable.render(
        header: ["Date", "Invoice", "Client", "Level", "Channel", "Outcome", "Note", "Status now", "Balance"],
        rows: reminders.map { line in
          let promised = line.promisedOn.map { " pour le \($0)" } ?? ""
          return [
            line.sentOn.description, line.number, line.client, String(line.level), line.channel.label,
            line.outcome.map { $0.label + promised } ?? "", line.note ?? "", line.status.label, line.balance.description,
          ]
        }, indent: "  ")
    }
    if !numberingGaps.isEmpty { out += "\n  numbering gaps: " + numberingGaps.map(\.description).joined(separator: ", ") + "\n" }
    if !numberingDisorders.isEmpty {
      out += "\n  numbers dated before the one before them: " + numberingDisorders.map(\.description).joined(separator: ", ") + "\n"
    }
    return out
  }
}
