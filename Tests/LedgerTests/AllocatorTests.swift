import OOXML
import PropertyBased
import Testing

@testable import Ledger

@Suite struct AllocatorTests {
  static func open(_ id: Int64, due: String, balance: Int64) -> Allocator.OpenInvoice {
    Allocator.OpenInvoice(id: id, number: "FA-24000\(id)", issueDate: day("2024-01-01"), dueDate: day(due), balance: Cents(balance))
  }

  let invoices = [open(1, due: "2024-03-01", balance: 500), open(2, due: "2024-02-01", balance: 300), open(3, due: "2024-04-01", balance: 200)]

  @Test func automaticSettlesTheOldestDueFirst() throws {
    let plan = try Allocator.plan(amount: Cents(600), request: .automatic(invoices), allowCredit: false)
    #expect(plan.lines.map(\.invoiceId) == [2, 1])
    #expect(plan.lines.map(\.amount) == [Cents(300), Cents(300)])
    #expect(plan.credit == .zero)
  }

  @Test func anOverpaymentIsRefusedUnlessCredited() throws {
    #expect(throws: LedgerError.overpayment(amount: Cents(1100), due: Cents(1000), detail: "FA-240002, FA-240001, FA-240003")) {
      try Allocator.plan(amount: Cents(1100), request: .automatic(invoices), allowCredit: false)
    }
    let plan = try Allocator.plan(amount: Cents(1100), request: .automatic(invoices), allowCredit: true)
    #expect(plan.credit == Cents(100))
    #expect(plan.lines.map(\.amount).sum() == Cents(1000))
  }

  @Test func explicitAmountsAndTheRest() throws {
    let plan = try Allocator.plan(
      amount: Cents(450), request: .explicit([(invoices[0], Cents(100)), (invoices[2], nil)]), allowCredit: true)
    #expect(plan.lines.map(\.amount) == [Cents(100), Cents(200)])
    #expect(plan.credit == Cents(150))
  }

  @Test func anExplicitAmountAboveTheBalanceIsRefused() {
    #expect(throws: LedgerError.overpayment(amount: Cents(250), due: Cents(200), detail: "FA-240003")) {
      try Allocator.plan(amount: Cents(450), request: .explicit([(invoices[2], Cents(250))]), allowCredit: true)
    }
  }

  @Test func explicitAmountsBeyondThePaymentAreRefused() {
    #expect(throws: LedgerError.self) {
      try Allocator.plan(amount: Cents(100), request: .explicit([(invoices[0], Cents(150))]), allowCredit: true)
    }
  }

  @Test func theSameInvoiceTwiceCannotExceedItsBalance() {
    #expect(throws: LedgerError.self) {
      try Allocator.plan(amount: Cents(600), request: .explicit([(invoices[1], Cents(200)), (invoices[1], Cents(200))]), allowCredit: true)
    }
  }

  @Test func settleSkipsInvoicesIssuedAfterThePayment() {
    var sorted = [Self.open(1, due: "2024-02-01", balance: 100), Self.open(2, due: "2024-03-01", balance: 100)]
    sorted[0].issueDate = day("2024-06-01")
    sorted[0].allocatableFrom = day("2024-06-01")
    var start = 0
    let settled = Allocator.settle(Cents(150), oldestFirst: &sorted, from: &start, on: day("2024-05-01"))
    #expect(settled.lines.map(\.invoiceId) == [2])
    #expect(settled.left == Cents(50))
    #expect(start == 0)
  }

  /// A 600 payment went to six old invoices instead of the 600 one: the invoice whose
  /// balance is exactly the amount paid is the one paid.
  @Test func aPaymentOfExactlyOneInvoicesBalanceSettlesThatInvoice() throws {
    var invoices = (1...6).map { Self.open(Int64($0), due: "2024-0\($0)-01", balance: 100) }
    invoices.append(Self.open(7, due: "2024-09-01", balance: 600))
    let plan = try Allocator.plan(amount: Cents(600), request: .automatic(invoices), allowCredit: false)
    #expect(plan.lines.map(\.invoiceId) == [7])
    // Several of exactly that balance: the oldest due of them.
    invoices.append(Self.open(8, due: "2024-08-01", balance: 600))
    #expect(try Allocator.plan(amount: Cents(600), request: .automatic(invoices), allowCredit: false).lines.map(\.invoiceId) == [8])
  }

  /// A draft awaiting the client's approval is never settled automatically.
  @Test func automaticAllocationSkipsADraftAwaitingApproval() {
    var sorted = [Self.open(1, due: "2024-02-01", balance: 100), Self.open(2, due: "2024-03-01", balance: 100)]
    sorted[0].allocatableFrom = day("2024-05-10")
    var start = 0
    let settled = Allocator.settle(Cents(100), oldestFirst: &sorted, from: &start, on: day("2024-05-01"))
    #expect(settled.lines.map(\.invoiceId) == [2])
  }

  // MARK: - Invariants over random inputs

  static let balances = Gen.int(in: 0...50_000).array(of: 0...8)
  static let amounts = Gen.int(in: 1...120_000)

  static func openInvoices(_ balances: [Int]) -> [Allocator.OpenInvoice] {
    balances.enumerated().map { index, balance in
      Allocator.OpenInvoice(
        id: Int64(index + 1), number: "FA-24\(1000 + index)", issueDate: day("2024-01-01"),
        dueDate: day("2024-01-01").adding(days: (index * 7919) % 97), balance: Cents(Int64(balance)))
    }
  }

  @Test func automaticAllocationInvariants() async {
    await propertyCheck(count: 300, input: Self.balances, Self.amounts) { balances, amount in
      let invoices = Self.openInvoices(balances)
      let payment = Cents(Int64(amount))
      let plan = try Allocator.plan(amount: payment, request: .automatic(invoices), allowCredit: true)
      let allocated = plan.lines.map(\.amount).sum()
      #expect(allocated <= payment)
      #expect(allocated + plan.credit == payment)
      #expect(plan.credit >= .zero)
      for invoice in invoices {
        let taken = plan.lines.filter { $0.invoiceId == invoice.id }.map(\.amount).sum()
        #expect(taken <= invoice.balance)
        #expect(invoice.balance - taken >= .zero)
      }
      #expect(plan.lines.allSatisfy { $0.amount.isPositive })
      // Credit only when every invoice is settled.
      if plan.credit.isPositive { #expect(allocated == invoices.map(\.balance).sum()) }
      // Refused without --credit exactly when money would be left.
      let refused = (try? Allocator.plan(amount: payment, request: .automatic(invoices), allowCredit: false)) == nil
      #expect(refused == plan.credit.isPositive)
    }
  }

  /// Settling on a day never touches an invoice not allocatable that day (a draft awaiting
  /// approval, an invoice dated after the payment), takes an invoice of exactly the amount
  /// alone when there is one, and otherwise keeps the invariants above.
  @Test func settlingNeverTouchesADraftOrALaterInvoice() async {
    await propertyCheck(count: 300, input: Self.balances, Gen.int(in: 0...20).array(of: 0...8), Self.amounts, Gen.int(in: 0...20)) {
      balances, offsets, amount, dayOffset in
      var invoices = Self.openInvoices(balances).sorted(by: Allocator.oldestDueFirst)
      for index in invoices.indices { invoices[index].allocatableFrom = day("2024-01-01").adding(days: offsets[safe: index] ?? 0) }
      let on = day("2024-01-01").adding(days: dayOffset)
      let before = invoices
      var start = 0
      let settled = Allocator.settle(Cents(Int64(amount)), oldestFirst: &invoices, from: &start, on: on)
      for line in settled.lines {
        let invoice = before.first { $0.id == line.invoiceId }!
        #expect(invoice.allocatableFrom <= on, "allocated to an invoice allocatable from \(invoice.allocatableFrom), on \(on)")
        #expect(line.amount <= invoice.balance)
      }
      if before.contains(where: { $0.allocatableFrom <= on && $0.balance == Cents(Int64(amount)) }) {
        #expect(settled.lines.count == 1 && settled.left == .zero)
      }
      #expect(settled.lines.map(\.amount).sum() + settled.left == Cents(Int64(amount)))
    }
  }

  @Test func explicitAllocationInvariants() async {
    await propertyCheck(count: 300, input: Self.balances, Gen.int(in: 0...30_000).array(of: 0...8), Self.amounts) { balances, wants, amount in
      let invoices = Self.openInvoices(balances)
      let requests = zip(invoices, wants).map { invoice, want in (invoice: invoice, amount: want == 0 ? nil : Cents(Int64(want))) }
      let payment = Cents(Int64(amount))
      guard let plan = try? Allocator.plan(amount: payment, request: .explicit(requests), allowCredit: true) else { return }
      let allocated = plan.lines.map(\.amount).sum()
      #expect(allocated <= payment)
      #expect(allocated + plan.credit == payment)
      for invoice in invoices {
        #expect(plan.lines.filter { $0.invoiceId == invoice.id }.map(\.amount).sum() <= invoice.balance)
      }
    }
  }
}

extension Array {
  subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
