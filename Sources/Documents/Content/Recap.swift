import CivilDate
import Foundation
import Ledger
import OOXML
import Wording

/// The owner's summary table (*tableau récapitulatif*) over a period: the reminders made
/// with their outcomes and notes, the payments received, what is still owed by client and
/// aged. As PDF, and as an `.xlsx` written by Suivi's own writer.
public enum Recap {
  /// The recap's data: the report of the period and its payments.
  public struct Data {
    public var report: LedgerReport
    public var payments: [(payment: Payment, client: String, allocations: [(number: String, amount: Cents)])]

    public init(report: LedgerReport, payments: [(payment: Payment, client: String, allocations: [(number: String, amount: Cents)])]) {
      self.report = report
      self.payments = payments
    }
  }

  struct Tables {
    var reminders: Table
    var payments: Table
    var owed: Table
  }

  static func tables(_ data: Data, words: DocumentWords) -> Tables {
    let report = data.report
    let reminders = Table(
      columns: [
        .init(title: words.doc("Date"), share: 1), .init(title: words.doc("Invoice"), share: 1.2), .init(title: words.doc("Client"), share: 1.6),
        .init(title: words.doc("Level"), share: 0.6), .init(title: words.doc("Channel"), share: 1.3), .init(title: words.doc("Outcome"), share: 1.4),
        .init(title: words.doc("Note"), share: 1.8), .init(title: words.doc("Status now"), share: 1.2),
        .init(title: words.doc("Balance"), share: 1.1, alignment: .right),
      ],
      rows: report.reminders.map { line in
        let outcome = line.outcome.map { outcome in
          line.promisedOn.map { words.doc("\(outcome.name) for \(.verbatim(words.day($0)))") } ?? words.doc(outcome.name)
        }
        return [
          words.day(line.sentOn), line.number, line.client, "\(line.level)", words.doc(line.channel.name), outcome ?? "", line.note ?? "",
          words.doc(line.status.name), words.amount(line.balance),
        ]
      }, style: TextStyle(size: 7.5))
    let received = data.payments.map(\.payment.amount).reduce(.zero, +)
    let payments = Table(
      columns: [
        .init(title: words.doc("Date"), share: 1), .init(title: words.doc("Client"), share: 1.8), .init(title: words.doc("Payer"), share: 1.8),
        .init(title: words.doc("Method"), share: 1.2), .init(title: words.doc("Amount"), share: 1.1, alignment: .right),
        .init(title: words.doc("Allocated to"), share: 2.2),
      ],
      rows: data.payments.map { entry in
        [
          words.day(entry.payment.receivedOn), entry.client, entry.payment.payer, words.doc(entry.payment.method.name), words.amount(entry.payment.amount),
          entry.allocations.map { "\($0.number) (\(words.amount($0.amount)))" }.joined(separator: ", "),
        ]
      }, totals: [[words.doc("Total"), "", "", "", words.amount(received), ""]], style: TextStyle(size: 7.5))
    let owed = Table(
      columns: [
        .init(title: words.doc("Client"), share: 2), .init(title: words.doc("Owed"), share: 1.1, alignment: .right),
        .init(title: words.doc("Not due"), share: 1, alignment: .right), .init(title: words.doc("1–30 days"), share: 1, alignment: .right),
        .init(title: words.doc("31–60 days"), share: 1, alignment: .right), .init(title: words.doc("61–90 days"), share: 1, alignment: .right),
        .init(title: words.doc("> 90 days"), share: 1, alignment: .right),
      ],
      rows: report.clients.filter { $0.aged.total.isPositive }.map { line in
        [line.client, words.amount(line.aged.total)] + line.aged.buckets.map { words.amount($0.amount) }
      }, totals: [[words.doc("Total"), words.amount(report.owed)] + report.aged.buckets.map { words.amount($0.amount) }], style: TextStyle(size: 7.5))
    return Tables(reminders: reminders, payments: payments, owed: owed)
  }

  public static func make(_ data: Data, context: DocumentContext) throws -> MadeDocument {
    let words = context.words
    let report = data.report
    let tables = tables(data, words: words)
    var values = context.commonValues(client: nil)
    values["from"] = words.longDay(report.from)
    values["reminder_count"] = report.reminders.count
    values["payment_count"] = data.payments.count
    values["collected"] = words.amount(data.payments.map(\.payment.amount).reduce(.zero, +))
    values["owed"] = words.amount(report.owed)
    values["overdue"] = words.amount(report.owed - report.aged.notDue)
    var (blocks, source) = try context.body("recap", values, table: nil)
    blocks += [
      .heading(words.doc("Reminders made")),
      report.reminders.isEmpty ? .paragraph(words.doc("No reminder over the period."), .body) : .table(tables.reminders),
      .heading(words.doc("Payments received")),
      data.payments.isEmpty ? .paragraph(words.doc("No payment over the period."), .body) : .table(tables.payments),
      .heading(words.doc("Still owed, by client and age")), .table(tables.owed),
    ]
    let title = words.doc("Summary table")
    let subject = words.doc("Subject: summary table from \(.verbatim(words.day(report.from))) to \(.verbatim(words.day(context.day)))")
    let frame = try context.frame(title: title, recipient: nil, subject: subject)
    return MadeDocument(
      kind: .recap, title: title, client: nil, level: nil, invoices: [], amount: report.owed, templates: ["recap": source],
      bytes: try frame.render(blocks), fileName: context.fileName(title, client: nil))
  }

  /// The same tables as a workbook: one sheet each, amounts as numbers in euros, days as
  /// dates.
  public static func workbook(_ data: Data, context: DocumentContext, pdf: MadeDocument) throws -> MadeDocument {
    let words = context.words
    let report = data.report
    var styles = StyleSheet()
    let header = styles.index(of: CellStyle(font: .init(isBold: true), fill: .init(argb: "FFDDEBF7")))
    let euro = styles.index(of: CellStyle(numberFormat: #"#,##0.00\ "€""#))
    let date = styles.index(of: CellStyle(numberFormat: "dd/mm/yyyy"))
    let writer = WorkbookWriter(styles: styles)
    writer.properties.title = pdf.title
    writer.properties.creator = context.settings.business.name.isEmpty ? "Suivi" : context.settings.business.name
    func serial(_ day: Day) -> Double { Double(day.daysSinceEpoch + 25569) }
    func sheet(_ name: String, _ titles: [String], _ rows: [[NewCell.Content]], widths: [Double], amounts: Set<Int>, dates: Set<Int>) {
      let sheet = writer.addSheet(named: name)
      sheet.frozen = (1, 0)
      for (index, width) in widths.enumerated() { sheet.columns.append((index + 1...index + 1, width, 0)) }
      sheet.addRow(1, titles.enumerated().map { NewCell(column: $0.offset + 1, style: header, .text($0.element)) })
      for (offset, row) in rows.enumerated() {
        sheet.addRow(
          offset + 2,
          row.enumerated().map { column, content in
            NewCell(column: column + 1, style: amounts.contains(column) ? euro : dates.contains(column) ? date : 0, content)
          })
      }
    }
    sheet(
      words.doc("Reminders"), [words.doc("Date"), words.doc("Invoice"), words.doc("Client"), words.doc("Level"), words.doc("Channel"), words.doc("Outcome"), words.doc("Note"), words.doc("Status now"), words.doc("Balance")],
      report.reminders.map { line in
        [
          .number(serial(line.sentOn)), .text(line.number), .text(line.client), .number(Double(line.level)), .text(words.doc(line.channel.name)),
          .text(line.outcome.map { words.doc($0.name) } ?? ""), .text(line.note ?? ""), .text(words.doc(line.status.name)),
          .number(Double(line.balance.value) / 100),
        ]
      }, widths: [12, 14, 26, 7, 20, 20, 34, 18, 14], amounts: [8], dates: [0])
    sheet(
      words.doc("Payments"), [words.doc("Date"), words.doc("Client"), words.doc("Payer"), words.doc("Method"), words.doc("Amount"), words.doc("Allocated to")],
      data.payments.map { entry in
        [
          .number(serial(entry.payment.receivedOn)), .text(entry.client), .text(entry.payment.payer), .text(words.doc(entry.payment.method.name)),
          .number(Double(entry.payment.amount.value) / 100), .text(entry.allocations.map(\.number).joined(separator: ", ")),
        ]
      }, widths: [12, 26, 26, 18, 14, 30], amounts: [4], dates: [0])
    sheet(
      words.doc("Still owed"), [words.doc("Client"), words.doc("Owed"), words.doc("Not due"), words.doc("1–30 days"), words.doc("31–60 days"), words.doc("61–90 days"), words.doc("> 90 days")],
      report.clients.filter { $0.aged.total.isPositive }.map { line in
        [.text(line.client), .number(Double(line.aged.total.value) / 100)] + line.aged.buckets.map { .number(Double($0.amount.value) / 100) }
      }, widths: [28, 14, 14, 14, 14, 14, 14], amounts: [1, 2, 3, 4, 5, 6], dates: [])
    // Written by the writer, then read back: the archive writes it beside the PDF, never over
    // another file.
    let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-recap-\(UUID().uuidString).xlsx").path
    defer { try? FileManager.default.removeItem(atPath: temporary) }
    try writer.write(to: temporary)
    guard let bytes = FileManager.default.contents(atPath: temporary) else {
      throw DocumentError.cannotWrite(path: temporary, reason: "cannot read the workbook back")
    }
    var made = pdf
    made.bytes = [UInt8](bytes)
    made.fileName = String(pdf.fileName.dropLast(4)) + ".xlsx"
    made.templates = [:]
    return made
  }
}
