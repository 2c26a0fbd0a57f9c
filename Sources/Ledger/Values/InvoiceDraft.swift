import CivilDate

/// What `invoice add` asks for: the facts of a new invoice before the ledger numbers it,
/// computes its VAT and TTC and its due date (or, for an invoice adopted from a tracker,
/// its amounts as the tracker states them).
public struct InvoiceDraft: Sendable {
  public var clientName: String
  public var issueDate: Day
  public var amounts: InvoiceAmounts
  public var service: String?
  /// The number to use; `nil` takes the next one of the series.
  public var number: InvoiceNumber?
  /// The due date; `nil` computes it from the client's terms.
  public var dueDate: Day?
  public var notes: String?
  public var needsApproval: Bool
  /// A credit note adopted from a tracker's row with negative amounts (given here as
  /// positive ones): it records no fact, and is deducted from the invoice ``credits`` names
  /// if any (``LedgerSession/adopt(_:)`` only; `invoice add` issues invoices).
  public var kind: Invoice.Kind = .invoice
  /// For an adopted credit note: the number of the invoice its row says it credits. The
  /// adoption links it when that invoice is the same client's, dated on or before it, and
  /// owes at least its TTC (what ``LedgerSession/addCreditNote(against:on:ht:reason:)``
  /// requires); otherwise it stays a credit note of no invoice.
  public var credits: String?
  /// A TTC the user expects: refused when it is not HT + VAT to the cent.
  public var expectedTTC: Cents?
  /// Why a due date past the legal maximum is agreed (a sector agreement), recorded.
  public var termsDerogation: String?

  public init(
    clientName: String, issueDate: Day, ht: Cents, vatRate: VATRate = .standard, service: String? = nil,
    number: InvoiceNumber? = nil, dueDate: Day? = nil, notes: String? = nil, needsApproval: Bool = false,
    expectedTTC: Cents? = nil
  ) {
    self.clientName = clientName
    self.issueDate = issueDate
    self.amounts = .computed(ht: ht, rate: vatRate)
    self.service = service
    self.number = number
    self.dueDate = dueDate
    self.notes = notes
    self.needsApproval = needsApproval
    self.expectedTTC = expectedTTC
  }

  /// A draft whose amounts are `amounts` as they are (a tracker's row).
  public init(
    clientName: String, issueDate: Day, amounts: InvoiceAmounts, service: String? = nil, number: InvoiceNumber? = nil,
    dueDate: Day? = nil, notes: String? = nil
  ) {
    self.init(clientName: clientName, issueDate: issueDate, ht: .zero, service: service, number: number, dueDate: dueDate, notes: notes)
    self.amounts = amounts
  }
}
