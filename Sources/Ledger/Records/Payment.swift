import GRDB
import CivilDate

/// A payment received (*règlement*): what came in, separate from what it settles.
///
/// What it settles is in its ``Allocation`` rows; whatever they leave of ``amount`` is a
/// credit of the client (*avoir client*), never lost.
public struct Payment: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "payment"

  public var id: Int64?
  /// The client whose account the payment goes to.
  public var clientId: Int64
  public var receivedOn: Day
  public var amount: Cents
  public var method: PaymentMethod
  /// Who paid: the client's name, or a third-party payer (*tiers payeur*).
  public var payer: String
  /// The bank reference, cheque number…
  public var reference: String?
  public var note: String?

  public init(
    clientId: Int64, receivedOn: Day, amount: Cents, method: PaymentMethod, payer: String, reference: String? = nil,
    note: String? = nil
  ) {
    self.clientId = clientId
    self.receivedOn = receivedOn
    self.amount = amount
    self.method = method
    self.payer = payer
    self.reference = reference
    self.note = note
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// The part of a payment that settles one invoice (*rapprochement*).
public struct Allocation: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "allocation"

  public var id: Int64?
  public var paymentId: Int64
  public var invoiceId: Int64
  public var amount: Cents

  public init(paymentId: Int64, invoiceId: Int64, amount: Cents) {
    self.paymentId = paymentId
    self.invoiceId = invoiceId
    self.amount = amount
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
