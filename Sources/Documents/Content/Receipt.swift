import CivilDate
import Ledger
import Wording

/// The *facture acquittée* of a settled invoice (its amounts, the mention *Acquittée le … par
/// …*), or for a partly paid one the *solde actualisé* (initial amount, paid, balance). It
/// restates an invoice already issued and never changes its number.
public enum Receipt {
  public static func make(_ details: InvoiceDetails, context: DocumentContext) throws -> MadeDocument {
    let words = context.words
    let invoice = details.invoice
    guard invoice.kind == .invoice else { throw DocumentError.nothingToSay(reason: "\(invoice.number) is a credit note") }
    guard details.status != .draft else { throw DocumentError.nothingToSay(reason: "\(invoice.number) is a draft, not issued yet") }
    guard invoice.voidedOn == nil else { throw DocumentError.nothingToSay(reason: "\(invoice.number) is voided") }
    var details = details
    details.payments = details.payments.filter { $0.receivedOn <= context.day }
    let settled = !details.balance.isPositive
    if settled, details.payments.isEmpty {
      throw DocumentError.nothingToSay(reason: "\(invoice.number) is settled by credit notes, not by a payment: the credit notes say it")
    }
    guard settled || (details.paid + details.credited).isPositive else {
      throw DocumentError.nothingToSay(reason: "nothing is paid on \(invoice.number) yet: the invoice itself says what is due")
    }
    var values = context.commonValues(client: details.client)
    values["number"] = invoice.number
    values["issue_date"] = words.longDay(invoice.issueDate)
    values["due_date"] = words.longDay(invoice.dueDate)
    values["ttc"] = words.amount(invoice.ttc)
    values["paid"] = words.amount(details.paid)
    values["credited"] = words.amount(details.credited)
    values["credited_any"] = details.credited.isPositive
    values["balance"] = words.amount(details.balance)
    values["settled"] = settled
    if let last = details.payments.map(\.receivedOn).max() { values["paid_on"] = words.longDay(last) }
    let methods = Array(Set(details.payments.map(\.method))).sorted { $0.rawValue < $1.rawValue }
    if !methods.isEmpty { values["methods"] = methods.map { words.doc($0.name) }.joined(separator: ", ") }
    // The invoice's amounts, then its payments.
    var amounts: [[String]] = []
    if let ht = invoice.ht {
      amounts.append([invoice.service ?? words.doc("Service"), words.amount(ht), invoice.vatRate.map { words.percent(basisPoints: $0.basisPoints) } ?? "", words.amount(invoice.vat ?? .zero), words.amount(invoice.ttc)])
    } else {
      amounts.append([invoice.service ?? words.doc("Service"), "", "", "", words.amount(invoice.ttc)])
    }
    let table = Table(
      columns: [
        .init(title: words.doc("Service"), share: 3), .init(title: words.doc("Excl. VAT"), share: 1.1, alignment: .right),
        .init(title: words.doc("VAT rate"), share: 0.8, alignment: .right), .init(title: words.doc("VAT"), share: 1, alignment: .right),
        .init(title: words.doc("Incl. VAT"), share: 1.1, alignment: .right),
      ], rows: amounts)
    var (blocks, source) = try context.body("receipt", values, table: table)
    // Under the franchise en base, the invoice's mention, restated.
    if context.settings.vatFranchise, invoice.vatRate == nil { blocks.insert(.paragraph(VATRate.franchiseMention, .small, after: 6), at: 0) }
    let paymentRows = details.payments.map { [words.day($0.receivedOn), words.doc($0.method.name), $0.payer, words.amount($0.amount)] }
    var payments: [Block] = [.heading(words.doc("Payments received"))]
    payments.append(
      .table(
        Table(
          columns: [
            .init(title: words.doc("Date"), share: 1), .init(title: words.doc("Method"), share: 1.4), .init(title: words.doc("Payer"), share: 2.4),
            .init(title: words.doc("Amount"), share: 1.2, alignment: .right),
          ], rows: paymentRows,
          totals: [[words.doc("Paid"), "", "", words.amount(details.paid)]]
            + (details.credited.isPositive ? [[words.doc("Credit notes"), "", "", words.amount(details.credited)]] : [])
            + [[words.doc("Balance due"), "", "", words.amount(details.balance)]])))
    if settled, let paidOn = values["paid_on"] as? String {
      var stamp = TextStyle(size: 12, bold: true, colour: .accent)
      stamp.alignment = .right
      let said: Phrase = values["methods"].map { "Paid on \(.verbatim(paidOn)) by \(.verbatim("\($0)"))" } ?? "Paid on \(.verbatim(paidOn))"
      payments.append(.paragraph(words.doc(said), stamp, after: 8))
    }
    let insertAt = (blocks.firstIndex { if case .table = $0 { true } else { false } } ?? blocks.count - 1) + 1
    blocks.insert(contentsOf: payments, at: insertAt)
    let title = settled ? words.doc("Receipted invoice \(.verbatim(invoice.number))") : words.doc("Updated balance of invoice \(.verbatim(invoice.number))")
    let frame = try context.frame(title: title, recipient: details.client, subject: words.doc("Subject: \(.verbatim(title))"))
    return MadeDocument(
      kind: settled ? .receipt : .balance, title: title, client: details.client.name, level: nil, invoices: [invoice.number],
      amount: settled ? details.paid : details.balance, templates: ["receipt": source], bytes: try frame.render(blocks),
      fileName: context.fileName(title, client: details.client.name))
  }
}
