import CivilDate

/// Splitting a payment among invoices (*rapprochement*), as a pure function.
///
/// Explicit requests are taken in the order given: `N=AMOUNT` takes that amount, a bare
/// `N` takes what is left of the payment up to the invoice's balance. Automatic
/// allocation settles the one open invoice whose balance is exactly the amount paid when
/// there is one (a client pays an invoice, not the oldest ones: the oldest due of them
/// when several match), else the client's open invoices oldest due date first (then
/// oldest date, then number); it never touches a draft awaiting approval. Whatever is left is the client's credit, allowed only when asked
/// for: an overpayment is never silently lost.
///
/// Invariants (checked in tests over random inputs): the lines sum to at most the
/// amount, each line is positive and at most its invoice's balance, and
/// `lines + credit == amount`.
public enum Allocator {
  /// An invoice that can receive money: its balance now.
  public struct OpenInvoice: Sendable, Equatable {
    public var id: Int64
    public var number: String
    public var issueDate: Day
    public var dueDate: Day
    public var balance: Cents
    /// The first day a payment may settle it automatically: its date, or for a draft
    /// awaiting the client's approval, the day it is approved (or counts as approved).
    public var allocatableFrom: Day

    public init(id: Int64, number: String, issueDate: Day, dueDate: Day, balance: Cents, allocatableFrom: Day? = nil) {
      self.id = id
      self.number = number
      self.issueDate = issueDate
      self.dueDate = dueDate
      self.balance = balance
      self.allocatableFrom = allocatableFrom ?? issueDate
    }
  }

  /// What a payment should settle.
  public enum Request: Sendable {
    /// These invoices, in this order, each with an amount or `nil` for "what is left".
    case explicit([(invoice: OpenInvoice, amount: Cents?)])
    /// The oldest due of these invoices first.
    case automatic([OpenInvoice])
  }

  /// One allocation to make.
  public struct Line: Sendable, Equatable {
    public var invoiceId: Int64
    public var number: String
    public var amount: Cents
  }

  /// The allocations of a payment and the credit it leaves.
  public struct Plan: Sendable, Equatable {
    public var lines: [Line]
    public var credit: Cents
  }

  /// Plans the allocation of `amount`.
  ///
  /// - Throws: ``LedgerError/overpayment(amount:due:detail:)`` when an explicit amount is
  ///   more than its invoice's balance, or when money is left without `allowCredit`;
  ///   ``LedgerError/invalidValue(field:text:reason:)`` when explicit amounts add up to
  ///   more than the payment.
  /// - Complexity: O(n log n) for n open invoices.
  public static func plan(amount: Cents, request: Request, allowCredit: Bool) throws -> Plan {
    var remaining = amount
    var lines: [Line] = []
    var due = Cents.zero
    switch request {
    case .explicit(let requests):
      var left: [Int64: Cents] = [:]
      for (invoice, _) in requests where left[invoice.id] == nil {
        left[invoice.id] = max(invoice.balance, .zero)
        due = due + max(invoice.balance, .zero)
      }
      for (invoice, wanted) in requests {
        let balance = left[invoice.id]!
        let take = wanted ?? min(balance, remaining)
        if take > balance {
          throw LedgerError.overpayment(amount: take, due: balance, detail: invoice.number)
        }
        if take > remaining {
          throw LedgerError.invalidValue(
            field: "--invoice", text: "\(invoice.number)=\(take)", reason: "is more than what is left of the payment (\(remaining))")
        }
        guard take.isPositive else { continue }
        lines.append(Line(invoiceId: invoice.id, number: invoice.number, amount: take))
        left[invoice.id] = balance - take
        remaining = remaining - take
      }
    case .automatic(let invoices):
      var sorted = invoices.filter(\.balance.isPositive).sorted(by: oldestDueFirst)
      due = sorted.map(\.balance).sum()
      var start = 0
      let settled = settle(amount, oldestFirst: &sorted, from: &start)
      lines = settled.lines
      remaining = settled.left
    }
    if remaining.isPositive && !allowCredit {
      throw LedgerError.overpayment(amount: amount, due: due, detail: lines.isEmpty ? "" : lines.map(\.number).joined(separator: ", "))
    }
    return Plan(lines: lines, credit: remaining)
  }

  /// Settles `amount` against `invoices` (already in ``oldestDueFirst`` order) from
  /// index `start`, lowering their balances; moves `start` past the invoices left at zero
  /// so that repeated calls (the bulk import) do not walk settled invoices again.
  ///
  /// Invoices not allocatable on `day` (``OpenInvoice/allocatableFrom``), when given, are
  /// skipped: a payment does not settle an invoice issued after it was received, nor a
  /// draft awaiting approval. One invoice whose balance is exactly `amount` is settled
  /// alone.
  ///
  /// - Returns: the allocations and what is left of `amount`.
  /// - Complexity: O(k) for the k invoices walked.
  public static func settle(
    _ amount: Cents, oldestFirst invoices: inout [OpenInvoice], from start: inout Int, on day: Day? = nil
  ) -> (lines: [Line], left: Cents) {
    func allocatable(_ invoice: OpenInvoice) -> Bool { invoice.balance.isPositive && day.map { invoice.allocatableFrom <= $0 } ?? true }
    if let exact = invoices[start...].firstIndex(where: { allocatable($0) && $0.balance == amount }) {
      let invoice = invoices[exact]
      invoices[exact].balance = .zero
      if exact == start { start += 1 }
      return ([Line(invoiceId: invoice.id, number: invoice.number, amount: amount)], .zero)
    }
    var remaining = amount
    var lines: [Line] = []
    var index = start
    while index < invoices.count, remaining.isPositive {
      let invoice = invoices[index]
      if allocatable(invoice) {
        let take = min(invoice.balance, remaining)
        lines.append(Line(invoiceId: invoice.id, number: invoice.number, amount: take))
        invoices[index].balance = invoice.balance - take
        remaining = remaining - take
      }
      if index == start && !invoices[index].balance.isPositive { start += 1 }
      index += 1
    }
    return (lines, remaining)
  }

  /// The automatic order: due date, then date, then number.
  public static func oldestDueFirst(_ lhs: OpenInvoice, _ rhs: OpenInvoice) -> Bool {
    (lhs.dueDate, lhs.issueDate, lhs.number) < (rhs.dueDate, rhs.issueDate, rhs.number)
  }
}
