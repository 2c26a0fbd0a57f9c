import GRDB
import OOXML

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
  public func addInvoice(_ draft: InvoiceDraft) throws -> Invoice {
    let client = try client(named: draft.clientName)
    guard draft.ht.isPositive else { throw LedgerError.nonPositiveAmount(field: "--amount-ht", text: draft.ht.description) }
    let settings = try settings()
    let number = try draft.number ?? nextNumber(prefix: settings.invoicePrefix, on: draft.issueDate)
    try checkNumber(number, issued: draft.issueDate, creditNotePrefix: settings.creditNotePrefix, isCreditNote: false)
    let due = draft.dueDate ?? client.terms.dueDate(issued: draft.issueDate)
    if due < draft.issueDate {
      throw LedgerError.invalidValue(field: "--due", text: due.description, reason: "is before the invoice date \(draft.issueDate)")
    }
    var invoice = Invoice(
      number: number, clientId: client.id!, issueDate: draft.issueDate, dueDate: due, service: draft.service, ht: draft.ht,
      vatRate: draft.vatRate, notes: draft.notes, needsApproval: draft.needsApproval)
    if let expected = draft.expectedTTC, expected != invoice.ttc {
      throw LedgerError.invalidValue(
        field: "--amount-ttc", text: expected.description,
        reason: "is not HT \(invoice.ht) + VAT \(invoice.vat) at \(invoice.vatRate) % = \(invoice.ttc)")
    }
    try invoice.insert(db)
    try journalCreation(entity: "invoice", key: invoice.number, invoice)
    return invoice
  }

  /// The next free number of the series `prefix` for the year of `day`: one more than
  /// the highest used, `PREFIX-YY0001` for a new series.
  public func nextNumber(prefix: String, on day: Day) throws -> InvoiceNumber {
    guard let first = InvoiceNumber.first(prefix: prefix, in: day) else {
      throw LedgerError.invalidInvoiceNumber(text: prefix, reason: "the prefix must be 1 to 8 capital letters")
    }
    let highest = try Int.fetchOne(
      db, sql: "SELECT MAX(sequence) FROM invoice WHERE prefix = ? AND year = ?", arguments: [first.prefix, first.year])
    guard let highest else { return first }
    guard let next = InvoiceNumber(prefix: first.prefix, year: first.year, sequence: highest + 1) else {
      throw LedgerError.invalidInvoiceNumber(text: first.series, reason: "the series is full")
    }
    return next
  }

  func checkNumber(_ number: InvoiceNumber, issued: Day, creditNotePrefix: String, isCreditNote: Bool) throws {
    try Self.checkSeries(number, issued: issued, creditNotePrefix: creditNotePrefix, isCreditNote: isCreditNote)
    if try Invoice.filter(Column("number") == number.description).fetchCount(db) > 0 {
      throw LedgerError.duplicateInvoiceNumber(number: number.description)
    }
  }

  /// The rules of a number that need no lookup: the year of the date, the series of its kind.
  static func checkSeries(_ number: InvoiceNumber, issued: Day, creditNotePrefix: String, isCreditNote: Bool) throws {
    if number.year != issued.year % 100 {
      throw LedgerError.invalidInvoiceNumber(
        text: number.description, reason: "its year \(InvoiceNumber.pad(number.year, 2)) is not the year of its date \(issued)")
    }
    if (number.prefix == creditNotePrefix) != isCreditNote {
      throw LedgerError.invalidInvoiceNumber(
        text: number.description,
        reason: isCreditNote ? "a credit note's prefix is \(creditNotePrefix)" : "\(creditNotePrefix) is the credit notes' series")
    }
  }

  /// The invoice or credit note numbered `text`.
  ///
  /// - Throws: ``LedgerError/invalidInvoiceNumber(text:reason:)`` or ``LedgerError/unknownInvoice(number:)``.
  public func invoice(numbered text: String) throws -> Invoice {
    let number = try InvoiceNumber.parse(text)
    guard let invoice = try Invoice.filter(Column("number") == number.description).fetchOne(db) else {
      throw LedgerError.unknownInvoice(number: number.description)
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
      let auto = InvoiceFacts.autoApprovalDay(issued: invoice.issueDate)
      throw LedgerError.invalidState(
        number: invoice.number, reason: "awaiting the client's approval (approve it, or wait until \(auto), 48 hours without answer)")
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
      throw LedgerError.invalidState(number: invoice.number, reason: "payments are allocated to it; issue a credit note instead")
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
  public func setDispute(_ number: String, from day: Day?) throws -> Invoice {
    var invoice = try invoice(numbered: number)
    try refuseIfVoided(invoice)
    let old = invoice.disputedOn
    if old == day { return invoice }
    invoice.disputedOn = day
    try update(invoice, field: "disputedOn", old: old?.description, new: day?.description)
    return invoice
  }

  /// The numbers missing from every series (invoices and credit notes).
  public func numberingGaps() throws -> [InvoiceNumber] {
    var gaps: [InvoiceNumber] = []
    let series = try Row.fetchAll(
      db, sql: "SELECT prefix, year, COUNT(*), MAX(sequence) FROM invoice GROUP BY prefix, year ORDER BY prefix, year")
    for row in series where (row[2] as Int) < (row[3] as Int) {
      let sequences = try Int.fetchAll(
        db, sql: "SELECT sequence FROM invoice WHERE prefix = ? AND year = ?", arguments: [row[0] as String, row[1] as Int])
      gaps += InvoiceNumbering.gaps(in: sequences.compactMap { InvoiceNumber(prefix: row[0], year: row[1], sequence: $0) })
    }
    return gaps
  }

  /// The invoices (not credit notes) of `client`, or all, by number.
  public func invoices(clientId: Int64? = nil) throws -> [Invoice] {
    var request = Invoice.filter(Column("kind") == Invoice.Kind.invoice.rawValue)
    if let clientId { request = request.filter(Column("clientId") == clientId) }
    return try request.order(Column("prefix"), Column("year"), Column("sequence")).fetchAll(db)
  }

  private func refuseIfVoided(_ invoice: Invoice) throws {
    if let voidedOn = invoice.voidedOn { throw LedgerError.invalidState(number: invoice.number, reason: "voided on \(voidedOn)") }
  }

  private func update(_ invoice: Invoice, field: String, old: String?, new: String?) throws {
    try invoice.update(db)
    try journalChange(entity: "invoice", key: invoice.number, field: field, old: old, new: new)
  }
}
