import Wording

import GRDB
import CivilDate

/// Invoices: issuing them in a continuous series, finding them, and the facts that
/// change after issue (approval, sending, litige, voiding).
extension LedgerSession {
  /// Issues an invoice from `draft`.
  ///
  /// - Throws: ``LedgerError/unknownClient(name:)``, ``LedgerError/nonPositiveAmount(field:text:)``,
  ///   ``LedgerError/invalidInvoiceNumber(text:reason:)`` (year not the date's),
  ///   ``LedgerError/duplicateInvoiceNumber(number:)``, ``LedgerError/invalidValue(field:text:reason:)``
  ///   (a due date before the invoice date, a TTC that is not HT + VAT).
  @discardableResult
  public func addInvoice(_ given: InvoiceDraft) throws -> Invoice { try addInvoice(given, numberAsFound: false) }

  /// ``addInvoice(_:)``, or (`numberAsFound`) the invoice of a number a business wrote
  /// itself, kept as found: every rule but the chronology of the series (which
  /// ``numberingDisorders()`` reports), as an adoption does.
  func addInvoice(_ given: InvoiceDraft, numberAsFound: Bool) throws -> Invoice {
    var draft = given
    draft.service = try given.service.map { try LedgerText.note($0, field: "--service") }
    draft.notes = try given.notes.map { try LedgerText.note($0, field: "--notes") }
    let client = try client(named: draft.clientName)
    let ht = draft.amounts.ht ?? draft.amounts.ttc
    guard ht.isPositive else { throw LedgerError.nonPositiveAmount(field: "--amount-ht", text: ht.description) }
    let settings = try settings()
    let number = try draft.number ?? nextNumber(on: draft.issueDate)
    try checkNumber(number, issued: draft.issueDate, settings: settings, isCreditNote: false, chronological: !numberAsFound)
    let due = draft.dueDate ?? client.terms.dueDate(issued: draft.issueDate)
    try draft.issueDate.requireSupported(field: "--date")
    try due.requireSupported(field: draft.dueDate == nil ? "the due date (--date and the client's terms)" : "--due")
    if due < draft.issueDate {
      throw LedgerError.invalidValue(field: "--due", text: due.description, reason: "is before the invoice date \(draft.issueDate)")
    }
    try checkVAT(draft.amounts.vatRate, settings: settings)
    // C. com. L441-10 I: between professionals, no later than 60 days after the invoice or
    // 45 days end of month, unless a derogation is recorded (the invoice's, or its client's).
    let derogation = try draft.termsDerogation?.trimmingCharacters(in: " ").nonEmpty.map { try LedgerText.note($0, field: "--derogation") }
    if !client.isConsumer, due > PaymentTerms.latestLegalDueDate(issued: draft.issueDate), derogation == nil, try termsDerogation(of: client) == nil {
      throw LedgerError.invalidValue(
        field: draft.dueDate == nil ? "the client's terms" : "--due", text: due.description,
        reason: "is past \(PaymentTerms.latestLegalDueDate(issued: draft.issueDate)), the legal maximum between professionals (60 days, or 45 days end of month: C. com. L441-10 I): a sector agreement allowing more is given with --derogation REASON")
    }
    var invoice = Invoice(
      number: number, clientId: client.id!, issueDate: draft.issueDate, dueDate: due, service: draft.service,
      amounts: draft.amounts, notes: draft.notes, needsApproval: draft.needsApproval)
    if let expected = draft.expectedTTC, expected != invoice.ttc, let ht = invoice.ht, let vat = invoice.vat, let rate = invoice.vatRate {
      throw LedgerError.invalidValue(
        field: "--amount-ttc", text: expected.description, reason: "is not HT \(ht) + VAT \(vat) at \(rate) % = \(invoice.ttc)")
    }
    try invoice.insert(db)
    try journalCreation(entity: "invoice", key: invoice.number, invoice)
    if let derogation { try journalChange(entity: "invoice", key: invoice.number, field: "terms_derogation", old: nil, new: derogation) }
    return invoice
  }

  /// The VAT of an invoice Suivi issues: a rate in force in France
  /// (``VATRate/inForceInFrance``), or none at all for a business under the franchise en
  /// base (art. 293 B du CGI).
  func checkVAT(_ rate: VATRate?, settings: LedgerSettings) throws {
    if settings.vatFranchise {
      if let rate, rate.basisPoints != 0 {
        throw LedgerError.invalidValue(
          field: "--vat", text: rate.description,
          reason: "the business is under the franchise en base de TVA (vat.franchise): its invoices carry no VAT (\(VATRate.franchiseMention))")
      }
      return
    }
    if let rate, !rate.isInForceInFrance {
      throw LedgerError.invalidValue(
        field: "--vat", text: rate.description,
        reason: "is not a VAT rate in force in France (\(VATRate.inForceInFrance.map(\.description).joined(separator: ", ")) %)")
    }
  }

  /// The series new invoices continue: Suivi's own `PREFIX-YYNNNN` when `invoice.prefix`
  /// is set, else the series of the latest invoice whose number ends with a counter (a
  /// tracker's own, learnt from its numbers), else `FA-YYNNNN`.
  public func invoiceSeries() throws -> NumberSeries {
    let settings = try settings()
    let prefixSet = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM setting WHERE key = 'invoice.prefix')") ?? false
    if !prefixSet,
      let row = try Row.fetchOne(
        db,
        sql: """
          SELECT number, issueDate FROM invoice WHERE kind = 'invoice' AND counter IS NOT NULL
          ORDER BY issueDate DESC, counter DESC, id DESC LIMIT 1
          """),
      let issued = Day.iso(row[1]), let number = try? InvoiceNumber.parse(row[0]),
      let position = NumberSeries.position(of: number, issued: issued)
    {
      return position.series
    }
    return .standard(prefix: settings.invoicePrefix)
  }

  /// The next free number of the invoices' series (``invoiceSeries()``) for the period of
  /// `day`.
  public func nextNumber(on day: Day) throws -> InvoiceNumber {
    try nextNumber(in: try invoiceSeries(), on: day)
  }

  /// The next free number of Suivi's series `PREFIX-YYNNNN` for the year of `day`.
  public func nextNumber(prefix: String, on day: Day) throws -> InvoiceNumber {
    guard NumberSeries.isStandardPrefix(prefix) else {
      throw LedgerError.invalidInvoiceNumber(text: prefix, reason: "the prefix must be 1 to 8 capital letters")
    }
    return try nextNumber(in: .standard(prefix: prefix), on: day)
  }

  /// One more than the highest counter of `series` for the period of `day` (1 for a new
  /// period), past any number already used: by an invoice, or seen in a tracker.
  public func nextNumber(in series: NumberSeries, on day: Day) throws -> InvoiceNumber {
    let stem = series.stem(on: day)
    let highest = try Int.fetchOne(db, sql: "SELECT MAX(counter) FROM invoice WHERE series = ?", arguments: [stem])
    var counter = (highest ?? 0) + 1
    while try isNumberUsed(series.number(counter, on: day)) {
      counter += 1
    }
    return series.number(counter, on: day)
  }

  /// Whether `number` is an invoice's or credit note's, or was seen in a tracker
  /// (``reserveNumbers(_:seenIn:)``), whatever its letter case.
  public func isNumberUsed(_ number: InvoiceNumber) throws -> Bool {
    try Bool.fetchOne(
      db,
      sql: "SELECT EXISTS (SELECT 1 FROM invoice WHERE number = ?1) OR EXISTS (SELECT 1 FROM reserved_number WHERE number = ?1)",
      arguments: [number.text]) ?? false
  }

  /// Keeps `numbers` as used (a tracker's rows that the ledger did not take): no number
  /// Suivi issues is ever one of them. Numbers already kept, or an invoice's, are left.
  public func reserveNumbers(_ numbers: some Sequence<String>, seenIn source: String) throws {
    let statement = try db.makeStatement(
      sql: """
        INSERT INTO reserved_number (number, seenIn) SELECT ?1, ?2
        WHERE NOT EXISTS (SELECT 1 FROM invoice WHERE number = ?1) ON CONFLICT DO NOTHING
        """)
    for text in numbers {
      guard let number = try? InvoiceNumber.parse(text) else { continue }
      try statement.execute(arguments: [number.text, source])
    }
  }

  /// The tracker a reserved number was seen in, if it is one.
  public func reservation(of number: InvoiceNumber) throws -> String? {
    try String.fetchOne(db, sql: "SELECT seenIn FROM reserved_number WHERE number = ?", arguments: [number.text])
  }

  func checkNumber(_ number: InvoiceNumber, issued: Day, settings: LedgerSettings, isCreditNote: Bool, chronological: Bool = true) throws {
    try Self.checkSeries(number, issued: issued, settings: settings, isCreditNote: isCreditNote)
    if try Invoice.filter(Column("number") == number.text).fetchCount(db) > 0 {
      throw LedgerError.duplicateInvoiceNumber(number: number.text)
    }
    if let seenIn = try reservation(of: number) {
      throw LedgerError.invalidInvoiceNumber(text: number.text, reason: "it is already written in the tracker \(seenIn)")
    }
    if chronological { try checkChronology(number, issued: issued) }
  }

  /// A number Suivi issues comes after the last of its series, in number and in date
  /// (``InvoiceNumbering/checkIssued(_:counter:issued:last:)``).
  func checkChronology(_ number: InvoiceNumber, issued: Day) throws {
    guard let position = NumberSeries.position(of: number, issued: issued),
      let row = try Row.fetchOne(
        db, sql: "SELECT number, counter, issueDate FROM invoice WHERE series = ? ORDER BY counter DESC LIMIT 1", arguments: [position.stem]),
      let lastDay = Day.iso(row[2] as String)
    else { return }
    try InvoiceNumbering.checkIssued(number, counter: position.counter, issued: issued, last: (row[0], row[1], lastDay))
  }

  /// Numbers dated before the number before them in their series: an adopted tracker's,
  /// as found (``InvoiceNumbering/disorders(in:)``).
  public func numberingDisorders() throws -> [NumberingDisorder] {
    InvoiceNumbering.disorders(in: try numbersInSeries())
  }

  /// Every number with a place in a series: its text, its place, its date.
  private func numbersInSeries() throws -> [(number: String, position: NumberSeries.Position, issued: Day)] {
    var numbers: [(number: String, position: NumberSeries.Position, issued: Day)] = []
    let rows = try Row.fetchCursor(db, sql: "SELECT number, issueDate FROM invoice WHERE counter IS NOT NULL")
    while let row = try rows.next() {
      guard let number = try? InvoiceNumber.parse(row[0]), let day = Day.iso(row[1]),
        let position = NumberSeries.position(of: number, issued: day)
      else { continue }
      numbers.append((number.text, position, day))
    }
    return numbers
  }

  /// The rules of a number in Suivi's own series (`FA-240001`, the prefix of
  /// `invoice.prefix` or `credit_note.prefix`) that need no lookup: the year of the date,
  /// the series of its kind. Numbers of other series are the business's own: kept as they are.
  static func checkSeries(_ number: InvoiceNumber, issued: Day, settings: LedgerSettings, isCreditNote: Bool) throws {
    let parts = number.text.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[1].isEmpty, parts[1].allSatisfy(\.isASCIIDigit) else { return }
    let prefix = parts[0].uppercased()
    guard prefix == settings.invoicePrefix || prefix == settings.creditNotePrefix else { return }
    guard parts[1].count >= 6, Int(parts[1].dropFirst(2)) != 0 else {
      throw LedgerError.invalidInvoiceNumber(
        text: number.text, reason: "a number of the series \(prefix) is \(prefix)-YYNNNN: a two-digit year and a counter of four digits or more")
    }
    if Int(parts[1].prefix(2)) != issued.year % 100 {
      throw LedgerError.invalidInvoiceNumber(
        text: number.text, reason: "its year \(parts[1].prefix(2)) is not the year of its date \(issued)")
    }
    if (prefix == settings.creditNotePrefix) != isCreditNote {
      throw LedgerError.invalidInvoiceNumber(
        text: number.text,
        reason: isCreditNote ? "a credit note's prefix is \(settings.creditNotePrefix)" : "\(settings.creditNotePrefix) is the credit notes' series")
    }
  }

  /// The number of the invoice (or credit note) whose id is `id`.
  public func invoiceNumber(id: Int64) throws -> String? {
    try String.fetchOne(db.cachedStatement(sql: "SELECT number FROM invoice WHERE id = ?"), arguments: [id])
  }

  /// The invoice or credit note numbered `text` exactly, if the ledger has one (nothing
  /// suggested when it has none: a lookup, not a person's typing).
  public func invoice(ifNumbered text: String) throws -> Invoice? {
    try Invoice.fetchOne(db.cachedStatement(sql: "SELECT * FROM invoice WHERE number = ?"), arguments: [text])
  }

  /// The invoice or credit note numbered `text` (whatever its letter case).
  ///
  /// - Throws: ``LedgerError/invalidInvoiceNumber(text:reason:)`` or ``LedgerError/unknownInvoice(number:)``.
  public func invoice(numbered text: String) throws -> Invoice {
    let number = try InvoiceNumber.parse(text)
    guard let invoice = try invoice(ifNumbered: number.text) else {
      let numbers = try String.fetchAll(db, sql: "SELECT number FROM invoice")
      throw LedgerError.unknownInvoice(number: number.text, suggestions: NameSuggestions.nearest(number.text, among: numbers))
    }
    return invoice
  }

  /// Records the client's approval of a draft on `day`.
  ///
  /// - Throws: ``LedgerError/invalidState(number:reason:)`` when the invoice needs no
  ///   approval, is already approved, or is voided.
  public func approve(_ number: String, on day: Day) throws -> Invoice {
    var invoice = try invoice(numbered: number)
    try refuseIfVoided(invoice)
    guard invoice.needsApproval else { throw LedgerError.invalidState(number: invoice.number, reason: "it does not need approval") }
    if let approvedOn = invoice.approvedOn { throw LedgerError.invalidState(number: invoice.number, reason: "already approved on \(approvedOn)") }
    if day < invoice.issueDate { throw LedgerError.invalidState(number: invoice.number, reason: "approval on \(day) is before its date \(invoice.issueDate)") }
    invoice.approvedOn = day
    try update(invoice, field: "approvedOn", old: nil, new: day.description)
    return invoice
  }

  /// Records that the draft was sent to the client for approval on `day` (seed 002): it
  /// counts as approved 48 hours later without an answer.
  ///
  /// - Throws: ``LedgerError/invalidState(number:reason:)`` when it needs no approval, is
  ///   approved, voided, or submitted already (and not rejected since).
  public func submit(_ number: String, on day: Day) throws -> Invoice {
    var invoice = try invoice(numbered: number)
    try refuseIfVoided(invoice)
    guard invoice.needsApproval else { throw LedgerError.invalidState(number: invoice.number, reason: "it does not need approval") }
    if let approvedOn = invoice.approvedOn { throw LedgerError.invalidState(number: invoice.number, reason: "already approved on \(approvedOn)") }
    if let submitted = invoice.submittedOn { throw LedgerError.invalidState(number: invoice.number, reason: "already submitted on \(submitted)") }
    if day < invoice.issueDate { throw LedgerError.invalidState(number: invoice.number, reason: "submitting on \(day) is before its date \(invoice.issueDate)") }
    try day.requireSupported(field: "--date")
    invoice.submittedOn = day
    try update(invoice, field: "submittedOn", old: nil, new: day.description)
    return invoice
  }

  /// Records that the client rejected the draft on `day`, for `reason`: it is a draft
  /// again, to correct (``editDraft(_:_:)``) and submit again.
  public func reject(_ number: String, on day: Day, reason: String) throws -> Invoice {
    var invoice = try invoice(numbered: number)
    try refuseIfVoided(invoice)
    guard let submitted = invoice.submittedOn, invoice.approvedOn == nil, invoice.needsApproval else {
      throw LedgerError.invalidState(number: invoice.number, reason: "it is not a draft awaiting the client's approval")
    }
    if InvoiceFacts(invoice).isDraft(asOf: day) == false {
      throw LedgerError.invalidState(number: invoice.number, reason: "it counts as approved since \(InvoiceFacts.autoApprovalDay(submitted: submitted)), 48 hours after its submission")
    }
    let why = try LedgerText.note(reason.trimmingCharacters(in: " "), field: "--reason")
    guard !why.isEmpty else { throw LedgerError.invalidValue(field: "--reason", text: reason, reason: "is empty: say why the client rejected it") }
    invoice.submittedOn = nil
    try update(invoice, field: "submittedOn", old: submitted.description, new: nil)
    try journalChange(entity: "invoice", key: invoice.number, field: "rejected", old: nil, new: "\(day): \(why)")
    return invoice
  }

  /// Corrects a draft not submitted to the client (or rejected by it): an issued invoice
  /// is never edited, it is corrected by a credit note.
  @discardableResult
  public func editDraft(_ number: String, _ correction: InvoiceCorrection) throws -> Invoice {
    let invoice = try invoice(numbered: number)
    guard invoice.needsApproval, invoice.approvedOn == nil, invoice.submittedOn == nil, invoice.voidedOn == nil else {
      throw LedgerError.invalidState(
        number: invoice.number,
        reason: invoice.submittedOn != nil && invoice.approvedOn == nil
          ? "it was submitted to the client on \(invoice.submittedOn!): record its rejection first (suivi invoice reject)"
          : "an issued invoice is never edited: it is corrected by a credit note (suivi invoice credit)")
    }
    try checkVAT(correction.vatRate, settings: try settings())
    return try correctInvoice(number, correction)
  }

  /// Records that the invoice was sent on `day`.
  ///
  /// - Throws: ``LedgerError/invalidState(number:reason:)`` when it is voided, already
  ///   sent, or a draft still awaiting the client's validation on `day`.
  public func send(_ number: String, on day: Day) throws -> Invoice {
    var invoice = try invoice(numbered: number)
    try refuseIfVoided(invoice)
    if let sentOn = invoice.sentOn { throw LedgerError.invalidState(number: invoice.number, reason: "already sent on \(sentOn)") }
    if day < invoice.issueDate { throw LedgerError.invalidState(number: invoice.number, reason: "sending on \(day) is before its date \(invoice.issueDate)") }
    if InvoiceFacts(invoice).isDraft(asOf: day) {
      guard let submitted = invoice.submittedOn else {
        throw LedgerError.invalidState(number: invoice.number, reason: "a draft not yet submitted to the client for approval (suivi invoice submit)")
      }
      let auto = InvoiceFacts.autoApprovalDay(submitted: submitted)
      throw LedgerError.invalidState(
        number: invoice.number, reason: "awaiting the client's approval (approve it, or wait until \(auto), 48 hours after its submission)")
    }
    invoice.sentOn = day
    try update(invoice, field: "sentOn", old: nil, new: day.description)
    return invoice
  }

  /// Voids the invoice on `day`: it keeps its number and counts for nothing.
  ///
  /// - Throws: ``LedgerError/invalidState(number:reason:)`` when it is already voided, a
  ///   credit note, or has payments or credit notes against it (issue a credit note
  ///   instead, or reallocate the payments first).
  public func void(_ number: String, on day: Day) throws -> Invoice {
    var invoice = try invoice(numbered: number)
    try refuseIfVoided(invoice)
    if invoice.isCreditNote { throw LedgerError.invalidState(number: invoice.number, reason: "a credit note cannot be voided") }
    if try Allocation.filter(Column("invoiceId") == invoice.id!).fetchCount(db) > 0 {
      throw LedgerError.invalidState(number: invoice.number, reason: "payments are allocated to it: reallocate them first (suivi payment reallocate), or issue a credit note instead")
    }
    if try Invoice.filter(Column("creditedInvoiceId") == invoice.id!).fetchCount(db) > 0 {
      throw LedgerError.invalidState(number: invoice.number, reason: "credit notes were issued against it")
    }
    invoice.voidedOn = day
    try update(invoice, field: "voidedOn", old: nil, new: day.description)
    return invoice
  }

  /// Marks the invoice as contested (*litige*) from `day`, or clears it when `day` is `nil`.
  /// A contested invoice is never reminded.
  public func setDispute(_ number: String, from day: Day?, endedOn end: Day? = nil) throws -> Invoice {
    var invoice = try invoice(numbered: number)
    try refuseIfVoided(invoice)
    let old = invoice.disputedOn
    if old == day { return invoice }
    // A dispute that ends is kept: its days stay *Litige* for a look at the past. It ends
    // the day before `end` (by default the command's day).
    if let old, day == nil {
      let ended = end ?? Day.iso(String(commandTime.prefix(10))) ?? old
      try end?.requireSupported(field: "--date")
      try db.execute(
        sql: "INSERT INTO dispute_period (invoiceId, fromDay, toDay) VALUES (?, ?, ?)",
        arguments: [invoice.id!, old, max(old, ended.adding(days: -1))])
    }
    invoice.disputedOn = day
    try update(invoice, field: "disputedOn", old: old?.description, new: day?.description)
    return invoice
  }

  /// The numbers missing from every series (invoices and credit notes), as runs.
  public func numberingGaps() throws -> [NumberingGap] {
    let positions = try numbersInSeries().map(\.position)
    let settings = try settings()
    let own: Set<NumberSeries> = [.standard(prefix: settings.invoicePrefix), .standard(prefix: settings.creditNotePrefix)]
    return InvoiceNumbering.gaps(in: positions) { own.contains($0) }
  }

  /// The invoices (not credit notes) of `client`, or all, by number.
  public func invoices(clientId: Int64? = nil) throws -> [Invoice] {
    var request = Invoice.filter(Column("kind") == Invoice.Kind.invoice.rawValue)
    if let clientId { request = request.filter(Column("clientId") == clientId) }
    return try request.order(Invoice.numberOrder).fetchAll(db)
  }

  private func refuseIfVoided(_ invoice: Invoice) throws {
    if let voidedOn = invoice.voidedOn { throw LedgerError.invalidState(number: invoice.number, reason: "voided on \(voidedOn)") }
  }

  private func update(_ invoice: Invoice, field: String, old: String?, new: String?) throws {
    try invoice.update(db)
    try journalChange(entity: "invoice", key: invoice.number, field: field, old: old, new: new)
  }
}

extension LedgerSession {
  /// Gives the invoice `number` the next free number of its series (of Suivi's series when
  /// its number has none): for one number used by two different invoices, a row typed in
  /// a tracker and an invoice of the ledger, when a person keeps the number for the row.
  /// Journaled; its payments, reminders and credit notes follow it. The new number.
  public func renumberInvoice(_ number: String) throws -> InvoiceNumber {
    var invoice = try invoice(numbered: number)
    let series = try invoice.position?.series ?? invoiceSeries()
    let next = try nextNumber(in: series, on: invoice.issueDate)
    let old = invoice.number
    invoice.number = next.text
    invoice.placeInSeries()
    try invoice.update(db)  // (the change clock notes both numbers)
    try journalChange(entity: "invoice", key: next.text, field: "number", old: old, new: next.text)
    return next
  }
}
