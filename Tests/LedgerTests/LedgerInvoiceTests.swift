import Foundation
import OOXML
import Testing

@testable import Ledger

@Suite struct LedgerInvoiceTests {
  let store: TemporaryLedger

  init() throws {
    store = try TemporaryLedger()
    try store.write {
      try $0.addClient(Client(name: "Mr Boulo", isConsumer: true))
      try $0.addClient(Client(name: "Dumont & co", termsDays: 45, endOfMonth: true))
    }
  }

  @Test func numbersFollowTheSeriesOfTheYear() throws {
    let numbers = try store.write { session in
      try (0..<3).map { _ in try session.addInvoice(InvoiceDraft(clientName: "Mr Boulo", issueDate: day("2024-11-02"), ht: Cents(100))).number }
    }
    #expect(numbers == ["FA-240001", "FA-240002", "FA-240003"])
    let next = try store.write { try $0.addInvoice(InvoiceDraft(clientName: "mr boulo", issueDate: day("2025-01-02"), ht: Cents(100))) }
    #expect(next.number == "FA-250001")
    #expect(try store.read { try $0.nextNumber(prefix: "FA", on: day("2024-12-31")) }.description == "FA-240004")
  }

  @Test func duplicatesAreRefusedAndNothingIsWritten() throws {
    try store.write { try $0.addInvoice(InvoiceDraft(clientName: "Mr Boulo", issueDate: day("2024-11-02"), ht: Cents(100))) }
    let journal = try store.count("journal")
    #expect(throws: LedgerError.duplicateInvoiceNumber(number: "FA-240001")) {
      try store.write {
        try $0.addInvoice(InvoiceDraft(clientName: "Mr Boulo", issueDate: day("2024-11-03"), ht: Cents(200)))  // FA-240002, rolled back
        try $0.addInvoice(
          InvoiceDraft(clientName: "Mr Boulo", issueDate: day("2024-11-03"), ht: Cents(100), number: try InvoiceNumber.parse("FA-240001")))
      }
    }
    #expect(try store.count("invoice") == 1)
    #expect(try store.count("journal") == journal)
  }

  @Test func gapsAreReported() throws {
    try store.write { session in
      for number in ["FA-240001", "FA-240004"] {
        try session.addInvoice(
          InvoiceDraft(clientName: "Mr Boulo", issueDate: day("2024-11-02"), ht: Cents(100), number: try InvoiceNumber.parse(number)))
      }
    }
    #expect(try store.read { try $0.numberingGaps() }.map(\.description) == ["FA-240002…FA-240003"])
    #expect(try store.read { try $0.nextNumber(prefix: "FA", on: day("2024-12-01")) }.description == "FA-240005")
  }

  @Test func aNumberOfAnotherYearIsRefused() {
    #expect(throws: LedgerError.self) {
      try store.write {
        try $0.addInvoice(
          InvoiceDraft(clientName: "Mr Boulo", issueDate: day("2024-11-02"), ht: Cents(100), number: try InvoiceNumber.parse("FA-230001")))
      }
    }
  }

  @Test func amountsAreConsistentToTheCent() throws {
    let invoice = try store.write {
      try $0.addInvoice(InvoiceDraft(clientName: "Dumont & co", issueDate: day("2024-11-17"), ht: Cents(62_513), vatRate: .standard))
    }
    #expect(invoice.vat == Cents(12_503))  // 125.026 → 125.03
    #expect(invoice.ttc == Cents(75_016))
    #expect(invoice.dueDate == day("2025-01-31"))  // 45 days fin de mois
    #expect(throws: LedgerError.self) {
      try store.write {
        try $0.addInvoice(
          InvoiceDraft(clientName: "Dumont & co", issueDate: day("2024-11-17"), ht: Cents(62_513), expectedTTC: Cents(75_015)))
      }
    }
  }

  @Test func unknownClientZeroAmountAndEarlyDueDateAreRefused() {
    #expect(throws: LedgerError.unknownClient(name: "Nobody")) {
      try store.write { try $0.addInvoice(InvoiceDraft(clientName: "Nobody", issueDate: day("2024-11-02"), ht: Cents(100))) }
    }
    #expect(throws: LedgerError.self) {
      try store.write { try $0.addInvoice(InvoiceDraft(clientName: "Mr Boulo", issueDate: day("2024-11-02"), ht: .zero)) }
    }
    #expect(throws: LedgerError.self) {
      try store.write {
        try $0.addInvoice(InvoiceDraft(clientName: "Mr Boulo", issueDate: day("2024-11-02"), ht: Cents(1), dueDate: day("2024-11-01")))
      }
    }
  }

  @Test func duplicateClientsAreRefused() {
    #expect(throws: LedgerError.duplicateClient(name: "MR BOULO")) { try store.write { try $0.addClient(Client(name: "MR BOULO")) } }
  }

  @Test func approvalWorkflow() throws {
    try store.write {
      try $0.addInvoice(InvoiceDraft(clientName: "Dumont & co", issueDate: day("2024-11-17"), ht: Cents(100), needsApproval: true))
      _ = try $0.submit("FA-240001", on: day("2024-11-17"))
    }
    #expect(throws: LedgerError.self) { try store.write { try $0.send("FA-240001", on: day("2024-11-18")) } }
    #expect(try store.read { try $0.details(of: "FA-240001", asOf: day("2024-11-18")) }.status == .draft)
    try store.write { _ = try $0.send("FA-240001", on: day("2024-11-19")) }  // 48 hours without answer
    #expect(throws: LedgerError.self) { try store.write { try $0.send("FA-240001", on: day("2024-11-20")) } }

    try store.write {
      try $0.addInvoice(InvoiceDraft(clientName: "Dumont & co", issueDate: day("2024-11-17"), ht: Cents(100), needsApproval: true))
      _ = try $0.approve("FA-240002", on: day("2024-11-17"))
      _ = try $0.send("FA-240002", on: day("2024-11-17"))
    }
    #expect(try store.read { try $0.details(of: "FA-240002", asOf: day("2024-11-17")) }.invoice.sentOn == day("2024-11-17"))
    #expect(throws: LedgerError.self) { try store.write { try $0.approve("FA-240002", on: day("2024-11-18")) } }
  }

  @Test func aVoidedInvoiceKeepsItsNumber() throws {
    try store.write {
      try $0.addInvoice(InvoiceDraft(clientName: "Mr Boulo", issueDate: day("2024-11-02"), ht: Cents(100)))
      _ = try $0.void("FA-240001", on: day("2024-11-03"))
    }
    let next = try store.write { try $0.addInvoice(InvoiceDraft(clientName: "Mr Boulo", issueDate: day("2024-11-04"), ht: Cents(100))) }
    #expect(next.number == "FA-240002")
    #expect(try store.read { try $0.details(of: "FA-240001", asOf: day("2024-12-31")) }.status == .voided)
    #expect(try store.read { try $0.numberingGaps() }.isEmpty)
    #expect(throws: LedgerError.self) { try store.write { try $0.void("FA-240001", on: day("2024-11-05")) } }
  }

  @Test func anInvoiceWithPaymentsIsCorrectedByACreditNote() throws {
    try store.write {
      try $0.addInvoice(InvoiceDraft(clientName: "Mr Boulo", issueDate: day("2024-11-02"), ht: Cents(50_000), vatRate: VATRate(basisPoints: 0)))
      try $0.addPayment(PaymentDraft(amount: Cents(10_000), receivedOn: day("2024-11-10"), method: .cheque, clientName: "Mr Boulo"))
    }
    #expect(throws: LedgerError.self) { try store.write { try $0.void("FA-240001", on: day("2024-11-11")) } }
    let note = try store.write { try $0.addCreditNote(against: "FA-240001", on: day("2024-11-12"), ht: Cents(15_000), reason: "remise") }
    #expect(note.number == "AV-240001")
    let details = try store.read { try $0.details(of: "FA-240001", asOf: day("2024-11-12")) }
    #expect(details.paid == Cents(10_000))
    #expect(details.credited == Cents(15_000))
    #expect(details.balance == Cents(25_000))
    #expect(details.related == ["AV-240001"])
    #expect(throws: LedgerError.self) {  // more than the balance
      try store.write { try $0.addCreditNote(against: "FA-240001", on: day("2024-11-12"), ht: Cents(25_001)) }
    }
    #expect(throws: LedgerError.self) {  // an invoice number in the credit notes' series
      try store.write {
        try $0.addInvoice(
          InvoiceDraft(clientName: "Mr Boulo", issueDate: day("2024-11-02"), ht: Cents(100), number: try InvoiceNumber.parse("AV-240002")))
      }
    }
  }

  @Test func litigeCanBeMarkedAndCleared() throws {
    try store.write {
      try $0.addInvoice(InvoiceDraft(clientName: "Mr Boulo", issueDate: day("2024-11-02"), ht: Cents(100)))
      _ = try $0.setDispute("FA-240001", from: day("2024-12-05"))
    }
    #expect(try store.read { try $0.details(of: "FA-240001", asOf: day("2024-12-10")) }.status == .disputed)
    try store.write { _ = try $0.setDispute("FA-240001", from: nil) }
    #expect(try store.read { try $0.details(of: "FA-240001", asOf: day("2024-12-10")) }.status == .toRemind)
  }
}
