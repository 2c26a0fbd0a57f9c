import GRDB
import CivilDate

/// An invoice (*facture*) or a credit note (*avoir*) as issued: the facts, never a status.
///
/// Amounts are consistent to the cent (``InvoiceAmounts``): the TTC is always known; when
/// the HT is, `ttc == ht + vat` (a check constraint holds it). An invoice Suivi issues has
/// `vat == ht × rate` rounded half up; one adopted from a tracker keeps the tracker's
/// amounts, its VAT unknown when the tracker gives none. An invoice is never deleted or
/// renumbered; voiding sets ``voidedOn`` and keeps the number; a correction is a credit
/// note, a row of kind ``Kind/creditNote`` that names the invoice it reduces.
public struct Invoice: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "invoice"

  /// An invoice or a credit note.
  public enum Kind: String, Codable, Sendable { case invoice, creditNote = "credit_note" }

  public var id: Int64?
  /// The number as issued, `FA-240001`, `F-2026-00004401`, `151`.
  public var number: String
  /// The number's series as of its period (`FA-24`, `F-2026-`), `nil` for a number that
  /// ends with no digits (see ``NumberSeries``).
  public var series: String?
  /// The number's place in ``series``.
  public var counter: Int?
  public var kind: Kind
  public var clientId: Int64
  public var issueDate: Day
  public var dueDate: Day
  /// The service invoiced (*prestation*).
  public var service: String?
  /// `nil` when unknown (a tracker that gives the TTC only).
  public var ht: Cents?
  /// `nil` when unknown.
  public var vatRate: VATRate?
  /// `nil` when unknown, as ``ht``.
  public var vat: Cents?
  public var ttc: Cents
  public var notes: String?
  /// Whether the client validates a draft before it is sent (special prices,
  /// penalties, deposits…).
  public var needsApproval: Bool
  /// The day the client approved the draft, if they answered.
  public var approvedOn: Day?
  /// When a draft was sent to the client for approval (its 48 hours run from then).
  public var submittedOn: Day? = nil
  public var sentOn: Day?
  public var voidedOn: Day?
  /// Since when the client contests the invoice (*litige*); `nil` when not in dispute.
  public var disputedOn: Day?
  /// For a credit note, the invoice it reduces; `nil` for a credit note adopted from a
  /// tracker that does not say which (a negative row: the client's *avoir*).
  public var creditedInvoiceId: Int64?

  /// The number, as a value.
  public var invoiceNumber: InvoiceNumber { (try? InvoiceNumber.parse(number))! }

  /// Where the number sits in its series, read with the invoice's date.
  public var position: NumberSeries.Position? { NumberSeries.position(of: invoiceNumber, issued: issueDate) }

  /// Sets ``series`` and ``counter`` from the number and the date.
  mutating func placeInSeries() {
    let position = position
    series = position?.stem
    counter = position?.counter
  }

  public var isCreditNote: Bool { kind == .creditNote }

  /// The order invoices are listed in: by series, then counter, then number.
  static var numberOrder: [any SQLOrderingTerm] { [Column("series"), Column("counter"), Column("number")] }
  /// ``numberOrder`` as SQL, for the table aliased `alias`.
  static func numberOrderSQL(_ alias: String) -> String { "\(alias).series, \(alias).counter, \(alias).number" }

  /// The amounts, as a value.
  public var amounts: InvoiceAmounts {
    get { InvoiceAmounts(ht: ht, vatRate: vatRate, vat: vat, ttc: ttc) }
    set {
      ht = newValue.ht
      vatRate = newValue.vatRate
      vat = newValue.vat
      ttc = newValue.ttc
    }
  }

  /// Builds an invoice whose VAT and TTC are computed from `ht` and `vatRate`.
  public init(
    number: InvoiceNumber, kind: Kind = .invoice, clientId: Int64, issueDate: Day, dueDate: Day, service: String?,
    ht: Cents, vatRate: VATRate, notes: String? = nil, needsApproval: Bool = false, creditedInvoiceId: Int64? = nil
  ) {
    self.init(
      number: number, kind: kind, clientId: clientId, issueDate: issueDate, dueDate: dueDate, service: service,
      amounts: .computed(ht: ht, rate: vatRate), notes: notes, needsApproval: needsApproval, creditedInvoiceId: creditedInvoiceId)
  }

  /// Builds an invoice with `amounts` as they are.
  public init(
    number: InvoiceNumber, kind: Kind = .invoice, clientId: Int64, issueDate: Day, dueDate: Day, service: String?,
    amounts: InvoiceAmounts, notes: String? = nil, needsApproval: Bool = false, creditedInvoiceId: Int64? = nil
  ) {
    self.number = number.text
    self.kind = kind
    self.clientId = clientId
    self.issueDate = issueDate
    self.dueDate = dueDate
    self.service = service
    self.ht = amounts.ht
    self.vatRate = amounts.vatRate
    self.vat = amounts.vat
    self.ttc = amounts.ttc
    self.notes = notes
    self.needsApproval = needsApproval
    self.creditedInvoiceId = creditedInvoiceId
    placeInSeries()
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
