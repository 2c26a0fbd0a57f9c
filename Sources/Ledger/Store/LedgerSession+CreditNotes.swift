import GRDB
import CivilDate

/// Credit notes (*avoirs*): the only way to correct an issued invoice, since invoices
/// are never renumbered or deleted.
extension LedgerSession {
  /// Issues a credit note of `ht` (at the invoice's VAT rate) against invoice `number`,
  /// numbered in the credit notes' series. Against an invoice whose VAT is unknown (a
  /// tracker that gave its TTC only), the amount is the credit note's TTC, its VAT unknown
  /// as the invoice's.
  ///
  /// - Throws: ``LedgerError/invalidState(number:reason:)`` when the invoice is voided, a
  ///   credit note itself, or owes less than the credit note's TTC (a credit note never
  ///   makes a balance negative; refund an overpayment outside the ledger).
  @discardableResult
  public func addCreditNote(against number: String, on day: Day, ht: Cents, reason: String? = nil) throws -> Invoice {
    let original = try invoice(numbered: number)
    guard ht.isPositive else { throw LedgerError.nonPositiveAmount(field: "--amount-ht", text: ht.description) }
    if original.isCreditNote { throw LedgerError.invalidState(number: original.number, reason: "it is a credit note itself") }
    if let voidedOn = original.voidedOn { throw LedgerError.invalidState(number: original.number, reason: "voided on \(voidedOn)") }
    if day < original.issueDate {
      throw LedgerError.invalidState(number: original.number, reason: "a credit note dated \(day) is before the invoice (\(original.issueDate))")
    }
    let settings = try settings()
    let creditNumber = try nextNumber(prefix: settings.creditNotePrefix, on: day)
    try checkChronology(creditNumber, issued: day)
    var note = Invoice(
      number: creditNumber, kind: .creditNote, clientId: original.clientId, issueDate: day, dueDate: day,
      service: original.service,
      amounts: original.vatRate.map { .computed(ht: ht, rate: $0) } ?? .ttcOnly(ht),
      notes: reason, creditedInvoiceId: original.id)
    let balance = try currentBalance(of: original)
    if note.ttc > balance {
      throw LedgerError.invalidState(
        number: original.number, reason: "a credit note of \(note.ttc) TTC is more than its balance \(balance)")
    }
    try note.insert(db)
    try journalCreation(entity: "invoice", key: note.number, note)
    return note
  }
}
