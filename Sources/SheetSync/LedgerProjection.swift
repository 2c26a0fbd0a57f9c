import Ledger
import OOXML

/// The ledger's invoices as a tracker's rows: what each column should show, computed
/// from the facts as of a day, in canonical form (see ``CellNormalizer``).
package struct LedgerProjection {
  /// Invoice number → its row's values.
  package var rows: [String: Merge.Values] = [:]
  let day: Day
  /// Whether only some invoices were projected (``init(_:asOf:only:)``).
  private var isPartial = false
  private var scratch: [UInt8] = []
  /// Credit notes deducted from an invoice, kept out of ``rows`` until the tracker is known
  /// to list them (``showCreditNotes(listedIn:)``): one issued by `suivi invoice credit`
  /// shows as its invoice's lower balance, not as a row the sheet never had.
  private var linkedCreditNotes: [String: Merge.Values] = [:]
  /// The linked credit notes that are rows of the tracker (its rows and its base).
  private var listed: Set<String> = []
  /// The credit notes' numbers: their status, due date, payment and reminder columns are
  /// the sheet's own words (a credit note has none in the ledger).
  package private(set) var creditNotes: Set<String> = []

  /// Projects every invoice and credit note as of `day`.
  package init(_ session: LedgerSession, asOf day: Day) throws {
    self.day = day
    rows.reserveCapacity(try session.invoiceCount())
    try session.forEachInvoiceLine(asOf: day) { add($0) }
  }

  /// Projects the invoices `numbers` only (those the ledger has) as of `day`.
  package init(_ session: LedgerSession, asOf day: Day, only numbers: Set<String>) throws {
    self.day = day
    isPartial = true
    guard !numbers.isEmpty else { return }
    try session.forEachInvoiceLine(asOf: day, only: Array(numbers)) { add($0) }
  }

  /// Projects the invoices `numbers` again (after the run changed them).
  package mutating func refresh(_ numbers: some Collection<String>, in session: LedgerSession) throws {
    guard !numbers.isEmpty else { return }
    // Many (a tracker adopted whole): projecting everything again is cheaper than
    // looking each up.
    let all = !isPartial && numbers.count > 1_000 && numbers.count * 4 > rows.count
    try session.forEachInvoiceLine(asOf: day, only: all ? nil : Array(numbers)) { add($0) }
  }

  private mutating func add(_ line: InvoiceLine) {
    var slots = [SyncValue?](repeating: nil, count: SyncColumn.count)
    func set(_ column: SyncColumn, _ value: SyncValue) { slots[column.ordinal] = value }
    set(.number, .text(line.number))
    set(.issueDate, .day(line.issueDate))
    set(.client, .text(line.client))
    if let service = line.service, !service.isEmpty { set(.service, .text(CellNormalizer.collapsed(service))) }
    if let notes = line.notes, !notes.isEmpty { set(.notes, .text(CellNormalizer.collapsed(notes))) }
    // A credit note the tracker lists as a negative row shows its own fields only.
    let sign: Int64 = line.kind == .creditNote ? -1 : 1
    if let ht = line.ht { set(.amountHT, .amount(Cents(sign * ht.value))) }
    if let rate = line.vatRate { set(.vat, .rate(rate)) }
    if let vat = line.vat { set(.vatAmount, .amount(Cents(sign * vat.value))) }
    set(.amountTTC, .amount(Cents(sign * line.ttc.value)))
    if line.kind == .invoice {
      set(.status, .status(line.status))
      set(.dueDate, .day(line.dueDate))
      set(.balance, .amount(line.balance))
      if line.paid != .zero { set(.amountPaid, .amount(line.paid)) }
      if line.status == .paid, let payment = line.lastPayment {
        set(.paidOn, .day(payment.day))
        set(.paymentMethod, .method(payment.method))
      }
      for reminder in line.reminders {
        if let column = SyncColumn.reminderColumns.first(where: { $0.reminderLevel == reminder.level }) {
          set(column, .day(reminder.sentOn))
        }
      }
    }
    let values = RowValues(slots: slots, scratch: &scratch)
    if line.kind == .creditNote { creditNotes.insert(line.number) }
    if line.creditsAnInvoice, !listed.contains(line.number) {
      linkedCreditNotes[line.number] = values
    } else {
      rows[line.number] = values
    }
  }

  /// Shows the credit notes deducted from an invoice that `isListed` says the tracker lists
  /// (adopted from its negative rows), now and on every refresh.
  package mutating func showCreditNotes(listedIn isListed: (String) -> Bool) {
    for (number, values) in linkedCreditNotes where isListed(number) {
      listed.insert(number)
      rows[number] = values
      linkedCreditNotes[number] = nil
    }
  }

  /// The columns a credit note's row has in the sheet only (the ledger has no status, due
  /// date, payment nor reminder for it): what the sheet shows there is taken as the ledger's
  /// too, so that neither side changes it.
  static let sheetOnlyForCreditNotes: [SyncColumn] =
    [.status, .dueDate, .balance, .amountPaid, .paidOn, .paymentMethod] + SyncColumn.reminderColumns

  /// Takes, for each credit note, the sheet's values of ``sheetOnlyForCreditNotes``.
  package mutating func mirrorCreditNotes(_ sheet: [String: TrackerTable.Row]) {
    for number in creditNotes {
      guard var values = rows[number], let row = sheet[number] else { continue }
      var changed = false
      for column in Self.sheetOnlyForCreditNotes where values[column] != row.values[column] {
        values[column] = row.values[column]
        changed = true
      }
      if changed { rows[number] = values }
    }
  }

}

extension SyncColumn {
  static let reminderColumns: [SyncColumn] = [.reminder1, .reminder2, .reminder3, .reminder4]
}
