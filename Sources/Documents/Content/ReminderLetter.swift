import CivilDate
import Ledger
import Wording

/// A reminder letter to one client, listing every overdue invoice of that client, in the
/// tone of its level: (1) relance amiable, (2) lettre de relance recommandée (pay within
/// the level's days), (3) mise en demeure (LRAR: penalties L441-10 to the letter's day, the
/// D441-5 indemnity per invoice for a professional, the consequences); (4) the injonction de
/// payer file, a summary of the claim for the court.
public enum ReminderLetter {
  /// - Parameter proofs: for the injonction file, the proof of each level's letter (its
  ///   send: the registered letter's tracking number, the acknowledgement's day).
  public static func make(
    _ account: ClientAccount, level: Int, step: DunningPolicy.Level, context: DocumentContext, proofs: [Int: String] = [:], draft: Bool = false
  ) throws -> MadeDocument {
    let words = context.words
    let overdue = account.overdue
    guard !overdue.isEmpty else {
      throw DocumentError.nothingToSay(reason: "\(account.client.name) has no overdue invoice on \(context.day)")
    }
    let claims = level >= 3
    // A claim is sent with its amount known: not over a half-year whose rate is missing.
    if claims, !draft, let half = overdue.compactMap(\.claim).flatMap(\.provisionalHalfYears).min(),
      let from = Day(year: half.year, month: half.half == 1 ? 1 : 7, day: 1)
    {
      throw DocumentError.rateMissing(key: "\(account.client.isConsumer ? "rate.legal" : "rate.ecb").\(half)", from: from)
    }
    var values = context.commonValues(client: account.client)
    values["several"] = overdue.count > 1
    values["count"] = overdue.count
    // A client credit (a payment not allocated yet) is deducted from what is asked.
    let credit = min(account.credit, account.overdueTotal)
    values["total_due"] = words.amount(account.overdueTotal - credit)
    values["indemnity"] = words.amount(context.settings.indemnity)
    values["level"] = level
    let days = step.payWithinDays ?? (level >= 3 ? 2 : 8)
    values["pay_within"] = days == 2 ? words.doc("48 hours") : words.doc("\(days) days")
    values["deadline"] = words.longDay(context.day.adding(days: days))
    let sent = overdue.flatMap(\.reminders).sorted { $0.sentOn < $1.sentOn }
    if let last = sent.last { values["last_reminder"] = words.longDay(last.sentOn) }
    if !sent.isEmpty {
      let days = Array(Set(sent.map(\.sentOn))).sorted()
      values["reminders_sent"] = days.map { words.longDay($0) }.joined(separator: ", ")
    }
    let penalties = account.penalties
    let indemnities = account.indemnities
    values["penalties"] = words.amount(penalties)
    values["indemnities"] = words.amount(indemnities)
    let claimTotal = account.overdueTotal - credit + (claims ? penalties + indemnities : .zero)
    values["claim_total"] = words.amount(claimTotal)

    var columns: [Table.Column] = [
      .init(title: words.doc("Invoice"), share: 1.3), .init(title: words.doc("Date"), share: 1), .init(title: words.doc("Due"), share: 1),
      .init(title: words.doc("Incl. VAT"), share: 1.1, alignment: .right), .init(title: words.doc("Paid"), share: 1, alignment: .right),
      .init(title: words.doc("Balance"), share: 1.1, alignment: .right), .init(title: words.doc("Days late"), share: 0.8, alignment: .right),
    ]
    if claims {
      columns += [
        .init(title: words.doc("Penalties"), share: 1, alignment: .right), .init(title: words.doc("Indemnity"), share: 0.9, alignment: .right),
      ]
    }
    let rows: [[String]] = overdue.map { line in
      var row = [
        line.number, words.day(line.issueDate), words.day(line.dueDate), words.amount(line.ttc), words.amount(line.paid + line.credited),
        words.amount(line.balance), String(line.daysLate),
      ]
      if claims { row += [words.amount(line.claim?.interest ?? .zero), words.amount(line.claim?.indemnity ?? .zero)] }
      return row
    }
    var totals: [[String]] = [[words.doc("Total"), "", "", "", "", words.amount(account.overdueTotal), ""] + (claims ? [words.amount(penalties), words.amount(indemnities)] : [])]
    if credit.isPositive { totals.append([words.doc("Client credit, deducted"), "", "", "", "", words.amount(-credit), ""] + (claims ? ["", ""] : [])) }
    if claims { totals.append([words.doc("Total claimed"), "", "", "", "", words.amount(claimTotal), "", "", ""]) }
    let table = Table(columns: columns, rows: rows, totals: totals)

    let title: String
    var mentions: [String] = []
    switch level {
    case 1: title = words.doc("Payment reminder")
    case 2: title = words.doc("Reminder letter")
    case 3: title = words.doc("Formal notice to pay")
    default: title = words.doc("Order for payment: summary of the claim")
    }
    // How it goes, on its face: the level's channel.
    if level < 4, step.channel == .registeredLetterAR { mentions.append(words.doc("Registered letter with acknowledgement of receipt")) }
    if level < 4, step.channel == .registeredLetter { mentions.append(words.doc("Registered letter")) }
    if draft { mentions.insert(words.doc("DRAFT — not sent"), at: 0) }
    let name = level >= 4 ? "claim" : "letter-\(min(level, 3))"
    var (blocks, source) = try context.body(name, values, table: table)
    if claims, let rates = rateLine(overdue, account: account, words: words, day: context.day, settings: context.settings) {
      blocks.insert(.paragraph(rates, .small, after: 8), at: blocks.firstIndex { if case .table = $0 { true } else { false } }.map { $0 + 1 } ?? blocks.count)
    }
    if level >= 4 { blocks += remindersTable(overdue, words: words, proofs: proofs) } else { context.signature(&blocks) }
    let subject = words.doc("Subject: \(.verbatim(title))")
    let frame = try context.frame(title: title, recipient: account.client, mentions: mentions, subject: subject)
    var made = MadeDocument(
      kind: level >= 4 ? .claimFile : .letter, title: title, client: account.client.name, level: level, invoices: overdue.map(\.number),
      amount: claimTotal, templates: [name: source], bytes: try frame.render(blocks),
      fileName: context.fileName(draft ? words.doc("\(.verbatim(title)) (draft)") : title, client: account.client.name))
    made.isDraft = draft
    return made
  }

  /// How the penalties were computed: the rates applied, by half-year.
  static func rateLine(_ lines: [AccountLine], account: ClientAccount, words: DocumentWords, day: Day, settings: LedgerSettings) -> String? {
    let periods = lines.compactMap(\.claim).flatMap(\.periods)
    guard !periods.isEmpty else { return nil }
    var seen: [Int64] = []
    for period in periods where !seen.contains(period.rateBasisPoints) { seen.append(period.rateBasisPoints) }
    let rates = seen.map { words.percent(basisPoints: $0) }.joined(separator: ", ")
    let provisional = lines.compactMap(\.claim).contains { !$0.provisionalHalfYears.isEmpty }
    let basis: Phrase =
      account.client.isConsumer
      ? "Interest at the legal rate (\(.verbatim(rates))) from the formal notice, day by day to \(.verbatim(words.longDay(day)))."
      : settings.contractualRateBasisPoints != nil
        ? "Penalties at the contractual rate of \(.verbatim(rates)) a year, day by day from the day after each due date to \(.verbatim(words.longDay(day)))."
        : "Penalties at \(.verbatim(rates)) a year (the ECB rate plus \(.verbatim(words.number(basisPoints: settings.penaltyMarginBasisPoints))) percentage points), day by day from the day after each due date to \(.verbatim(words.longDay(day)))."
    return words.doc(provisional ? basis.followed(by: " (provisional: a half-year's rate is not in the table)") : basis)
  }

  /// The reminders sent for the invoices claimed: the court's proof of the steps taken.
  static func remindersTable(_ lines: [AccountLine], words: DocumentWords, proofs: [Int: String]) -> [Block] {
    let rows = lines.flatMap { line in
      line.reminders.map { [line.number, words.day($0.sentOn), "\($0.level)", words.doc($0.channel.name), proofs[$0.level] ?? ""] }
    }
    guard !rows.isEmpty else { return [.paragraph(words.doc("No reminder recorded for these invoices."), .body)] }
    return [
      .heading(words.doc("Reminders sent")),
      .table(
        Table(
          columns: [
            .init(title: words.doc("Invoice"), share: 1.2), .init(title: words.doc("Date"), share: 1), .init(title: words.doc("Level"), share: 0.6),
            .init(title: words.doc("Channel"), share: 1.8), .init(title: words.doc("Proof"), share: 1.8),
          ], rows: rows)),
    ]
  }
}
