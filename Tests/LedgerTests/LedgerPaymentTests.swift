import Foundation
import OOXML
import Testing

@testable import Ledger

@Suite struct LedgerPaymentTests {
  let store: TemporaryLedger

  /// Three invoices of Art company: 100, 200 (older due), 300; numbered in date order
  /// (a series is chronological), the second due first.
  init() throws {
    store = try TemporaryLedger()
    try store.write { session in
      try session.addClient(Client(name: "Art company"))
      try session.addClient(Client(name: "Dumont & co"))
      for (date, due, ht) in [("2024-11-01", "2024-12-10", 10_000), ("2024-11-01", "2024-12-01", 20_000), ("2024-11-20", "2024-12-20", 30_000)] as [(String, String, Int64)] {
        try session.addInvoice(
          InvoiceDraft(clientName: "Art company", issueDate: day(date), ht: Cents(ht), vatRate: VATRate(basisPoints: 0), dueDate: day(due)))
      }
      try session.addInvoice(
        InvoiceDraft(clientName: "Dumont & co", issueDate: day("2024-11-20"), ht: Cents(75_000), vatRate: VATRate(basisPoints: 0), dueDate: day("2024-12-17")))
    }
  }

  func balance(_ number: String, _ date: String = "2024-12-31") throws -> Cents {
    try store.read { try $0.details(of: number, asOf: day(date)) }.balance
  }

  @Test func automaticAllocationSettlesTheOldestDueFirst() throws {
    let receipt = try store.write {
      try $0.addPayment(PaymentDraft(amount: Cents(25_000), receivedOn: day("2024-11-25"), method: .virement, clientName: "Art company"))
    }
    #expect(receipt.lines.map(\.number) == ["FA-240002", "FA-240001"])
    #expect(receipt.lines.map(\.amount) == [Cents(20_000), Cents(5_000)])
    #expect(try balance("FA-240001") == Cents(5_000))  // reste dû
    #expect(try balance("FA-240002") == .zero)
    #expect(try store.read { try $0.details(of: "FA-240001", asOf: day("2024-11-30")) }.status == .partiallyPaid)
  }

  @Test func explicitAllocationWithAmounts() throws {
    let receipt = try store.write {
      try $0.addPayment(
        PaymentDraft(
          amount: Cents(35_000), receivedOn: day("2024-11-25"), method: .cheque, payer: "Tiers payeur SA",
          invoices: [("FA-240003", Cents(30_000)), ("FA-240001", nil)]))
    }
    #expect(receipt.clientName == "Art company")
    #expect(receipt.payment.payer == "Tiers payeur SA")
    #expect(receipt.lines.map(\.amount) == [Cents(30_000), Cents(5_000)])
    #expect(try balance("FA-240003") == .zero)
    #expect(try balance("FA-240001") == Cents(5_000))
  }

  @Test func anOverpaymentIsRefusedAndNothingIsWritten() throws {
    let before = (try store.count("payment"), try store.count("allocation"), try store.count("journal"))
    #expect(throws: LedgerError.overpayment(amount: Cents(60_001), due: Cents(60_000), detail: "FA-240002, FA-240001, FA-240003")) {
      try store.write {
        try $0.addPayment(PaymentDraft(amount: Cents(60_001), receivedOn: day("2024-11-25"), method: .virement, clientName: "Art company"))
      }
    }
    #expect((try store.count("payment"), try store.count("allocation"), try store.count("journal")) == before)
  }

  @Test func anOverpaymentWithCreditBecomesClientCredit() throws {
    let receipt = try store.write {
      try $0.addPayment(
        PaymentDraft(amount: Cents(70_000), receivedOn: day("2024-11-25"), method: .virement, clientName: "Art company", allowCredit: true))
    }
    #expect(receipt.credit == Cents(10_000))
    let report = try store.read { try $0.report(asOf: day("2024-11-30")) }
    #expect(report.credit == Cents(10_000))
    #expect(report.clients.first { $0.client == "Art company" }?.credit == Cents(10_000))
    // A later invoice takes the credit when asked.
    try store.write { try $0.addInvoice(InvoiceDraft(clientName: "Art company", issueDate: day("2024-12-01"), ht: Cents(4_000), vatRate: VATRate(basisPoints: 0))) }
    let applied = try store.write { try $0.applyCredit(clientName: "Art company") }
    #expect(applied.flatMap(\.lines).map(\.amount) == [Cents(4_000)])
    #expect(try balance("FA-240005") == .zero)
    #expect(try store.read { try $0.credits(clientId: 1) }.map(\.credit) == [Cents(6_000)])
  }

  @Test func anExplicitAmountAboveTheBalanceIsRefused() {
    #expect(throws: LedgerError.self) {
      try store.write {
        try $0.addPayment(
          PaymentDraft(amount: Cents(20_000), receivedOn: day("2024-11-25"), method: .virement, invoices: [("FA-240001", Cents(10_001))], allowCredit: true))
      }
    }
  }

  @Test func aLikelyDuplicateIsRefusedUnlessForced() throws {
    let draft = PaymentDraft(amount: Cents(10_000), receivedOn: day("2024-11-25"), method: .virement, reference: "VIR 123", clientName: "Art company")
    try store.write { try $0.addPayment(draft) }
    #expect(throws: LedgerError.duplicatePayment(existing: 1, payer: "Art company", amount: Cents(10_000), date: "2024-11-25")) {
      try store.write { try $0.addPayment(draft) }
    }
    var other = draft
    other.reference = "VIR 124"
    try store.write { try $0.addPayment(other) }  // another reference is another payment
    var forced = draft
    forced.force = true
    try store.write { try $0.addPayment(forced) }
    #expect(try store.count("payment") == 3)
  }

  /// A payment allocated to the wrong invoice is allocated again; one recorded by mistake
  /// is cancelled; both journaled with the reason, and an invoice freed of its payment can
  /// be voided (before, "void → issue a credit note" and "credit → more than its balance
  /// 0.00" left no way out).
  @Test func aWrongAllocationIsUndoneAndAMistakenPaymentCancelled() throws {
    let receipt = try store.write {
      try $0.addPayment(PaymentDraft(amount: Cents(10_000), receivedOn: day("2024-11-25"), method: .virement, clientName: "Art company", invoices: [("FA-240002", nil)]))
    }
    let id = try #require(receipt.payment.id)
    #expect(throws: LedgerError.self) { try store.write { try $0.void("FA-240002", on: day("2024-11-26")) } }
    #expect(throws: LedgerError.self) { try store.write { try $0.reallocatePayment(id, invoices: [("FA-240004", nil)], allowCredit: false, reason: "Dumont's") } }
    #expect(try balance("FA-240002") == Cents(10_000))  // a refused reallocation changes nothing
    try store.write { _ = try $0.reallocatePayment(id, invoices: [("FA-240001", nil)], allowCredit: false, reason: "le virement cite FA-240001") }
    #expect(try balance("FA-240001") == .zero && balance("FA-240002") == Cents(20_000))
    try store.write { _ = try $0.void("FA-240002", on: day("2024-11-26")) }
    try store.write { _ = try $0.cancelPayment(id, reason: "saisi deux fois") }
    #expect(try balance("FA-240001") == Cents(10_000))
    #expect(try store.count("payment") == 0)
    let journal = try store.read { try String.fetchAll($0.database, sql: "SELECT field || ': ' || new FROM journal WHERE entity = 'payment' AND field IS NOT NULL ORDER BY id") }
    #expect(journal == ["reallocated: le virement cite FA-240001", "cancelled: saisi deux fois"])
    #expect(throws: LedgerError.self) { try store.write { try $0.cancelPayment(id, reason: "encore") } }
  }

  /// The same payer, amount and day, typed once with its bank reference and once without:
  /// one payment, not two.
  @Test func theSamePaymentWithoutItsReferenceIsALikelyDuplicate() throws {
    let draft = PaymentDraft(amount: Cents(10_000), receivedOn: day("2024-11-25"), method: .virement, reference: "VIR 123", clientName: "Art company")
    try store.write { try $0.addPayment(draft) }
    var without = draft
    without.reference = nil
    #expect(throws: LedgerError.self) { try store.write { try $0.addPayment(without) } }
    #expect(throws: LedgerError.self) { try store.write { try $0.importPayments([without]) } }
    #expect(try store.count("payment") == 1)
  }

  /// A payment settles the invoice of exactly its amount, never a draft awaiting approval
  /// (seed 002: the client validates within 48 hours).
  @Test func aPaymentSkipsADraftAndPrefersTheInvoiceOfItsAmount() throws {
    try store.write { session in
      var draft = InvoiceDraft(clientName: "Art company", issueDate: day("2024-11-24"), ht: Cents(5_000), vatRate: VATRate(basisPoints: 0))
      draft.needsApproval = true
      _ = try session.addInvoice(draft)  // FA-240005, a draft until 2024-11-26
    }
    // 300.00: exactly FA-240003's balance, though FA-240002 and FA-240001 are due before it.
    try store.write { try $0.addPayment(PaymentDraft(amount: Cents(30_000), receivedOn: day("2024-11-25"), method: .virement, clientName: "Art company")) }
    #expect(try balance("FA-240003") == .zero && balance("FA-240002") == Cents(20_000))
    // 50.00 on the 25th: the draft of 50.00 is not settled; the oldest due is.
    try store.write { try $0.addPayment(PaymentDraft(amount: Cents(5_000), receivedOn: day("2024-11-25"), method: .cheque, clientName: "Art company")) }
    #expect(try balance("FA-240005") == Cents(5_000))
    #expect(try balance("FA-240002") == Cents(15_000))
  }

  @Test func invoicesOfAnotherClientOrVoidedOnesAreRefused() throws {
    #expect(throws: LedgerError.self) {
      try store.write {
        try $0.addPayment(PaymentDraft(amount: Cents(100), receivedOn: day("2024-11-25"), method: .virement, clientName: "Art company", invoices: [("FA-240004", nil)]))
      }
    }
    try store.write { _ = try $0.void("FA-240003", on: day("2024-11-21")) }
    #expect(throws: LedgerError.self) {
      try store.write { try $0.addPayment(PaymentDraft(amount: Cents(100), receivedOn: day("2024-11-25"), method: .virement, invoices: [("FA-240003", nil)])) }
    }
    #expect(throws: LedgerError.unknownInvoice(number: "FA-249999")) {
      try store.write { try $0.addPayment(PaymentDraft(amount: Cents(100), receivedOn: day("2024-11-25"), method: .virement, invoices: [("FA-249999", nil)])) }
    }
  }

  @Test func thePayerNamesTheClientWhenNothingElseDoes() throws {
    let receipt = try store.write { try $0.addPayment(PaymentDraft(amount: Cents(100), receivedOn: day("2024-11-25"), method: .especes, payer: "dumont & CO")) }
    #expect(receipt.clientName == "Dumont & co")
    #expect(throws: LedgerError.self) {
      try store.write { try $0.addPayment(PaymentDraft(amount: Cents(100), receivedOn: day("2024-11-25"), method: .especes, payer: "Quelqu'un")) }
    }
  }

  @Test func bulkImportAllocatesLikeOneAtATime() throws {
    let drafts = [
      PaymentDraft(amount: Cents(25_000), receivedOn: day("2024-11-25"), method: .virement, reference: "A", clientName: "Art company"),
      PaymentDraft(amount: Cents(40_000), receivedOn: day("2024-11-26"), method: .virement, reference: "B", clientName: "Art company", allowCredit: true),
      PaymentDraft(amount: Cents(5_000), receivedOn: day("2024-11-26"), method: .virement, reference: "C", clientName: "Dumont & co"),
    ]
    let other = try TemporaryLedger()
    try other.write { session in
      try session.addClient(Client(name: "Art company"))
      try session.addClient(Client(name: "Dumont & co"))
      let invoices = [
        ("Art company", "2024-11-01", "2024-12-10", 10_000), ("Art company", "2024-11-01", "2024-12-01", 20_000),
        ("Art company", "2024-11-20", "2024-12-20", 30_000), ("Dumont & co", "2024-11-20", "2024-12-17", 75_000),
      ]
      _ = try session.importInvoices(
        invoices.map { InvoiceDraft(clientName: $0.0, issueDate: day($0.1), ht: Cents(Int64($0.3)), vatRate: VATRate(basisPoints: 0), dueDate: day($0.2)) })
      _ = try session.importPayments(drafts)
    }
    try store.write { session in for draft in drafts { try session.addPayment(draft) } }
    for number in ["FA-240001", "FA-240002", "FA-240003", "FA-240004"] {
      let one = try store.read { try $0.details(of: number, asOf: day("2024-12-31")) }
      let bulk = try other.read { try $0.details(of: number, asOf: day("2024-12-31")) }
      #expect(one.invoice.ttc == bulk.invoice.ttc)
      #expect(one.balance == bulk.balance, "\(number)")
      #expect(one.payments.map(\.amount) == bulk.payments.map(\.amount), "\(number)")
    }
    #expect(try other.count("journal") > 0)
    #expect(throws: LedgerError.self) { try other.write { _ = try $0.importPayments([drafts[0]]) } }  // a duplicate
  }
}
