import CivilDate

/// What `payment add` asks for.
public struct PaymentDraft: Sendable {
  public var amount: Cents
  public var receivedOn: Day
  public var method: PaymentMethod
  /// Who paid, when not the client itself (a third-party payer).
  public var payer: String?
  public var reference: String?
  /// The client; optional when the invoices or the payer name it.
  public var clientName: String?
  /// Explicit allocations: invoice numbers, each with an amount or `nil` for "the rest".
  public var invoices: [(number: String, amount: Cents?)]
  /// Keep what is left as the client's credit instead of refusing an overpayment.
  public var allowCredit: Bool
  /// Record it even if it looks like a duplicate.
  public var force: Bool
  public var note: String?

  public init(
    amount: Cents, receivedOn: Day, method: PaymentMethod, payer: String? = nil, reference: String? = nil,
    clientName: String? = nil, invoices: [(number: String, amount: Cents?)] = [], allowCredit: Bool = false,
    force: Bool = false, note: String? = nil
  ) {
    self.amount = amount
    self.receivedOn = receivedOn
    self.method = method
    self.payer = payer
    self.reference = reference
    self.clientName = clientName
    self.invoices = invoices
    self.allowCredit = allowCredit
    self.force = force
    self.note = note
  }
}

/// A recorded payment, what it settled and the credit it left.
public struct PaymentReceipt: Sendable {
  public var payment: Payment
  public var clientName: String
  public var lines: [Allocator.Line]
  public var credit: Cents
}
