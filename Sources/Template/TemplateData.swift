import Ledger
import OOXML

/// What fills a model sheet: the invoices of the tracker, the reminders log and the
/// clients table. Empty for the blank model; read from a ledger by
/// ``init(ledger:asOf:)``.
public struct TemplateData: Sendable {
  /// One invoice's row of the tracker.
  public struct InvoiceRow: Sendable, Equatable {
    public var number: String
    public var issued: Day
    public var client: String
    public var service: String?
    /// `nil` when unknown (an invoice adopted from a tracker that gave its TTC only).
    public var ht: Cents?
    /// `nil` when unknown.
    public var vatRate: VATRate?
    /// Written as a value (an override of the column's formula) when it is not HT at the
    /// rate.
    public var ttc: Cents
    /// The due date; written as a value (an override of the column's formula) when it is
    /// not what the client's terms give.
    public var due: Day
    /// The status's key in the model's list (the ledger's code: `en_attente`…).
    public var status: String
    /// What was settled: payments, and credit notes against the invoice.
    public var paid: Cents
    public var paidOn: Day?
    /// The payment method's key (the ledger's code: `virement`…).
    public var method: String?
    /// The days reminders 1 to 4 were sent (the tracker has columns for the first three;
    /// a fourth is mentioned in the notes).
    public var reminders: [Day?]
    /// The invoice's own notes.
    public var notes: String?
    /// Credit notes against the invoice (their TTC is counted in ``paid``), mentioned in
    /// the notes.
    public var creditNotes: [CreditNote] = []

    public init(
      number: String, issued: Day, client: String, service: String? = nil, ht: Cents?, vatRate: VATRate? = .standard, ttc: Cents,
      due: Day, status: String, paid: Cents = .zero, paidOn: Day? = nil, method: String? = nil, reminders: [Day?] = [],
      notes: String? = nil, creditNotes: [CreditNote] = []
    ) {
      self.number = number
      self.issued = issued
      self.client = client
      self.service = service
      self.ht = ht
      self.vatRate = vatRate
      self.ttc = ttc
      self.due = due
      self.status = status
      self.paid = paid
      self.paidOn = paidOn
      self.method = method
      self.reminders = reminders
      self.notes = notes
      self.creditNotes = creditNotes
    }

    /// The *reste dû* the row's formula computes.
    public var balance: Cents { ttc - paid }
  }

  /// A credit note (*avoir*) against an invoice: its number and TTC.
  public struct CreditNote: Sendable, Equatable {
    public var number: String
    public var amount: Cents

    public init(number: String, amount: Cents) {
      self.number = number
      self.amount = amount
    }
  }

  /// One reminder of the log.
  public struct ReminderRow: Sendable, Equatable {
    public var date: Day
    public var invoice: String
    public var client: String
    public var level: Int
    /// The channel's key (the ledger's code: `phone`…).
    public var channel: String
    /// The outcome's key, if any (`promise`…).
    public var outcome: String?
    public var note: String?

    public init(date: Day, invoice: String, client: String, level: Int, channel: String, outcome: String? = nil, note: String? = nil) {
      self.date = date
      self.invoice = invoice
      self.client = client
      self.level = level
      self.channel = channel
      self.outcome = outcome
      self.note = note
    }
  }

  /// One client of the clients table, with its payment terms.
  public struct ClientRow: Sendable, Equatable {
    public var name: String
    public var termsDays: Int
    public var endOfMonth: Bool

    public init(name: String, termsDays: Int, endOfMonth: Bool = false) {
      self.name = name
      self.termsDays = termsDays
      self.endOfMonth = endOfMonth
    }

    /// The due date of an invoice issued on `day` (what the tracker's formula computes).
    public func dueDate(issued day: Day) -> Day {
      PaymentTerms(days: termsDays, endOfMonth: endOfMonth).dueDate(issued: day)
    }
  }

  public var invoices: [InvoiceRow]
  public var reminders: [ReminderRow]
  public var clients: [ClientRow]

  public init(invoices: [InvoiceRow] = [], reminders: [ReminderRow] = [], clients: [ClientRow] = []) {
    self.invoices = invoices
    self.reminders = reminders
    self.clients = clients
  }

  /// The blank model's data: nothing.
  public static let empty = TemplateData()
}
