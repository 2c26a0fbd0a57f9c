import CivilDate
import Ledger
import Wording

/// A client's statement of account (*relevé de compte*): every invoice, credit note and
/// payment over a period with the running balance, then what is due, overdue, and aged.
public enum Statement {
  public static func make(
    _ account: ClientAccount, entries: [StatementEntry], opening: Cents, from: Day, context: DocumentContext
  ) throws -> MadeDocument {
    let words = context.words
    var balance = opening
    var rows: [[String]] = [[words.day(from), "", words.doc("Balance brought forward"), "", "", words.amount(opening)]]
    for entry in entries {
      balance = balance + entry.debit
      let label: String =
        switch entry.kind {
        case .invoice: words.doc("Invoice")
        case .creditNote: words.doc("Credit note")
        case .payment(let method): words.doc("Payment by \(method.name)")
        }
      let debit = entry.debit.isPositive ? words.amount(entry.debit) : ""
      let credit = entry.debit.isPositive ? "" : words.amount(-entry.debit)
      rows.append([words.day(entry.day), entry.reference, label, debit, credit, words.amount(balance)])
    }
    let table = Table(
      columns: [
        .init(title: words.doc("Date"), share: 1), .init(title: words.doc("Reference"), share: 1.6), .init(title: words.doc("Entry"), share: 2),
        .init(title: words.doc("Debit"), share: 1.1, alignment: .right), .init(title: words.doc("Credit"), share: 1.1, alignment: .right),
        .init(title: words.doc("Balance"), share: 1.2, alignment: .right),
      ], rows: rows, totals: [[words.doc("Balance on \(.verbatim(words.day(context.day)))"), "", "", "", "", words.amount(balance)]])
    var values = context.commonValues(client: account.client)
    values["from"] = words.longDay(from)
    values["owed"] = words.amount(account.owed)
    let overdue = account.overdueTotal - min(account.credit, account.overdueTotal)
    if overdue.isPositive { values["overdue"] = words.amount(overdue) }
    var (blocks, source) = try context.body("statement", values, table: table)
    // What is due, aged.
    var aged = AgedBalance()
    for line in account.open { aged.add(line.balance, daysLate: line.daysLate) }
    let agedTable = Table(
      columns: [
        .init(title: words.doc("Not due"), share: 1, alignment: .right), .init(title: words.doc("1–30 days"), share: 1, alignment: .right),
        .init(title: words.doc("31–60 days"), share: 1, alignment: .right), .init(title: words.doc("61–90 days"), share: 1, alignment: .right),
        .init(title: words.doc("> 90 days"), share: 1, alignment: .right), .init(title: words.doc("Total due"), share: 1.1, alignment: .right),
      ], rows: [aged.buckets.map { words.amount($0.amount) } + [words.amount(aged.total)]],
      // A payment not allocated yet is the client's credit: what is due is net of it, as the
      // running balance is.
      totals: account.credit.isPositive
        ? [["", "", "", "", words.doc("Client credit"), words.amount(-account.credit)], ["", "", "", "", words.doc("Net due"), words.amount(aged.total - account.credit)]]
        : [])
    let insertAt = (blocks.lastIndex { if case .table = $0 { true } else { false } } ?? blocks.count - 1) + 1
    blocks.insert(contentsOf: [.heading(words.doc("Due, by age")), .table(agedTable)], at: insertAt)
    context.signature(&blocks)
    let title = words.doc("Statement of account")
    let subject = words.doc("Subject: statement of account from \(.verbatim(words.day(from))) to \(.verbatim(words.day(context.day)))")
    let frame = try context.frame(title: title, recipient: account.client, subject: subject)
    return MadeDocument(
      kind: .statement, title: title, client: account.client.name, level: nil, invoices: account.open.map(\.number), amount: balance,
      templates: ["statement": source], bytes: try frame.render(blocks), fileName: context.fileName(title, client: account.client.name))
  }
}
