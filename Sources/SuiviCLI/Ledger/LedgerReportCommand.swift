import ArgumentParser
import Ledger
import Wording
import OOXML

/// `suivi report`: the owner's summary.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: say("Total owed, aged balance per client, DSO, collected, reminders and their outcomes, numbering gaps."))

  @OptionGroup var ledger: LedgerOptions
  @Option(help: ArgumentHelp(say("The day (default: today)."))) var date: String?
  @Option(help: ArgumentHelp(say("The first day of the period (default: 89 days before --date, a 90-day period)."))) var from: String?
  @Flag(help: ArgumentHelp(say("Print JSON."))) var json = false

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
    var out = say("Report as of \(date) (period \(from) – \(date), \(periodDays) days)") + "\n"
    let dso: Phrase = self.dso.map { "\(decimal: $0) days" } ?? "n/a"
    out += "  " + say("owed \(owed), invoiced \(invoiced), collected \(collected), client credit \(credit), DSO \(dso)") + "\n\n"
    let header: [Phrase] = ["Client", "Owed", "Not due", "1–30 days", "31–60 days", "61–90 days", "> 90 days", "Credit"]
    func amounts(_ values: [Cents]) -> [Phrase] { values.map { "\($0)" } }
    var rows = clients.map { line in [.verbatim(line.client)] + amounts([line.aged.total] + line.aged.buckets.map(\.amount) + [line.credit]) }
    rows.append(["Total"] + amounts([owed] + aged.buckets.map(\.amount) + [credit]))
    out += TextTable.say(header: header, rows: rows, indent: "  ")
    let statuses = InvoiceStatus.allCases.compactMap { status in statusCounts[status].map { "\(status.name) \($0)" as Phrase } }
    out += "\n  " + say("statuses: \(statuses.joined())") + "\n"
    if !reminders.isEmpty {
      out += "\n  " + say("Reminders sent (summary table)") + "\n"
      out += TextTable.say(
        header: ["Date", "Invoice", "Client", "Level", "Channel", "Outcome", "Note", "Status now", "Balance"],
        rows: reminders.map { line in
          let outcome: Phrase = line.outcome.map { outcome in line.promisedOn.map { "\(outcome.name) for \($0)" } ?? outcome.name } ?? ""
          return [
            "\(line.sentOn)", .verbatim(line.number), .verbatim(line.client), "\(line.level)", line.channel.name,
            outcome, .verbatim(line.note ?? ""), line.status.name, "\(line.balance)",
          ]
        }, indent: "  ")
    }
    if !numberingGaps.isEmpty { out += "\n  " + say("numbering gaps: \(numberingGaps.map(\.description).joined(separator: ", "))") + "\n" }
    if !numberingDisorders.isEmpty {
      let disorders = numberingDisorders.map { "\($0.number) (\($0.issued)) after \($0.after) (\($0.afterIssued))" as Phrase }
      out += "\n  " + say("numbers dated before the one before them: \(disorders.joined())") + "\n"
    }
    return out
  }
}
