import CivilDate
import Foundation
import GRDB
import Testing

@testable import Ledger

/// The dunning procedures of the seeds: per client (seed 003, Interencaiss: "2 à 3 relevés
/// de comptes espacés de 15 jours … pour les clients que vous avez préalablement
/// sélectionnés … il n'est pas dans notre intérêt … d'envoyer des rappels à des clients qui
/// seraient encore dans vos délais"), catching up missed days, and partial payments.
@Suite struct DunningLawTests {
  let store: TemporaryLedger

  /// Art company: two invoices due 2024-12-01 and 2024-12-10, one due 2025-01-20. Dumont:
  /// one invoice due 2025-01-30 (within terms on the days looked at). Roux: one due
  /// 2024-12-05, not selected for follow-up.
  init() throws {
    store = try TemporaryLedger(clients: ["Art company", "Dumont & co", "Roux"].map { Client(name: $0) })
    try store.write { session in
      for (client, date) in [("Art company", "2024-11-01"), ("Roux", "2024-11-05"), ("Art company", "2024-11-10"), ("Art company", "2024-12-21"), ("Dumont & co", "2024-12-31")] {
        _ = try session.addInvoice(InvoiceDraft(clientName: client, issueDate: day(date), ht: Cents(10_000), vatRate: VATRate(basisPoints: 0)))
      }
      try session.setFollowed("Roux", false)
    }
  }

  func statements(_ date: String) throws -> [ClientReminder] { try store.read { try $0.dueRemindersByClient(asOf: day(date)) } }

  /// One statement per client lists every overdue invoice of the client, and nothing of
  /// an invoice within its terms; a client whose invoices are all within terms, or not
  /// selected, is never contacted.
  @Test func oneStatementPerClientListsEveryOverdueInvoice() throws {
    let first = try statements("2024-12-15")
    #expect(first.map(\.client) == ["Art company"])
    #expect(first.first?.invoices.map(\.number) == ["FA-240001", "FA-240003"])
    #expect(first.first?.amountDue == Cents(20_000))
    try store.write { _ = try $0.recordClientReminder("Art company", on: day("2024-12-15")) }
    #expect(try statements("2024-12-20").isEmpty)  // 15 days apart
    // 2 or 3 statements, 15 days apart: the second on the 30th, the third 15 days later.
    #expect(try statements("2024-12-30").first?.level == 2)
    try store.write { _ = try $0.recordClientReminder("Art company", on: day("2024-12-30")) }
    try store.write { try $0.setSetting(key: "dunning.levels", value: "3") }
    try store.write { _ = try $0.recordClientReminder("Art company", on: day("2025-01-14")) }
    #expect(try statements("2025-02-15").allSatisfy { $0.client != "Art company" || $0.invoices.map(\.number) == ["FA-240004"] })
    // Dumont's invoice was within its terms on every one of those days; Roux is not followed.
    let journal = try store.read { try Int.fetchOne($0.database, sql: "SELECT COUNT(*) FROM reminder r JOIN invoice i ON i.id = r.invoiceId WHERE i.number IN ('FA-240002', 'FA-240005')") }
    #expect(journal == 0)
  }

  /// A client selected again is reminded again.
  @Test func aClientSelectedAgainIsRemindedAgain() throws {
    #expect(try statements("2024-12-15").contains { $0.client == "Roux" } == false)
    try store.write { _ = try $0.setFollowed("Roux", true) }
    #expect(try statements("2024-12-15").contains { $0.client == "Roux" })
  }

  /// Missed days are caught up: after weeks without a look, the list shows the level due,
  /// once per invoice, not each missed step.
  @Test func afterMissedDaysTheLevelDueIsShownOnce() throws {
    let actions = try store.read { try $0.dueReminders(asOf: day("2025-03-01")) }
    #expect(actions.filter { $0.number == "FA-240001" }.count == 1)
    #expect(actions.first { $0.number == "FA-240001" }?.level == 1)  // levels go in order
  }

  /// Seed 004: a partial payment leaves a reste dû, and a reminded invoice keeps its
  /// dunning level (the next reminder is the next level, on the reste dû).
  @Test func aPartialPaymentKeepsTheDunningLevelAndLeavesAResteDu() throws {
    try store.write { try $0.recordReminder("FA-240001", level: 1, channel: .phone, on: day("2024-12-02")) }
    try store.write {
      _ = try $0.addPayment(PaymentDraft(amount: Cents(4_000), receivedOn: day("2024-12-05"), method: .virement, clientName: "Art company", invoices: [("FA-240001", nil)]))
    }
    let next = try #require(try store.read { try $0.dueReminders(asOf: day("2024-12-20")) }.first { $0.number == "FA-240001" })
    #expect(next.level == 2 && next.amountDue == Cents(6_000))
    #expect(try store.read { try $0.details(of: "FA-240001", asOf: day("2024-12-20")) }.balance == Cents(6_000))
  }
}

/// Seed 002: "Un brouillon est transmis … pour contrôle … à défaut de retour dans les 48
/// heures, la facture est considérée comme validée": the 48 hours run from the draft's
/// submission; a rejected draft is corrected and submitted again; only a draft is edited.
@Suite struct ApprovalLawTests {
  let store: TemporaryLedger

  init() throws {
    store = try TemporaryLedger(clients: [Client(name: "Client à tarifs spéciaux")])
    try store.write { session in
      var draft = InvoiceDraft(clientName: "Client à tarifs spéciaux", issueDate: day("2024-11-04"), ht: Cents(100_000), service: "Acompte")
      draft.needsApproval = true
      _ = try session.addInvoice(draft)
    }
  }

  func status(_ date: String) throws -> InvoiceStatus { try store.read { try $0.details(of: "FA-240001", asOf: day(date)) }.status }

  @Test func theFortyEightHoursRunFromTheSubmissionNotTheInvoiceDate() throws {
    #expect(try status("2024-11-10") == .draft)  // never submitted: still a draft
    try store.write { _ = try $0.submit("FA-240001", on: day("2024-11-12")) }
    #expect(try status("2024-11-13") == .draft)
    #expect(try status("2024-11-14") == .pending)
    #expect(throws: LedgerError.self) { try store.write { try $0.submit("FA-240001", on: day("2024-11-13")) } }
  }

  @Test func aRejectedDraftIsCorrectedAndSubmittedAgain() throws {
    try store.write { _ = try $0.submit("FA-240001", on: day("2024-11-05")) }
    var correction = InvoiceCorrection()
    correction.ht = Cents(90_000)
    #expect(throws: LedgerError.self) { try store.write { try $0.editDraft("FA-240001", correction) } }  // submitted: reject first
    #expect(throws: LedgerError.self) { try store.write { try $0.reject("FA-240001", on: day("2024-11-06"), reason: " ") } }
    try store.write { _ = try $0.reject("FA-240001", on: day("2024-11-06"), reason: "le tarif convenu est 900 € HT") }
    try store.write { _ = try $0.editDraft("FA-240001", correction) }
    try store.write { _ = try $0.submit("FA-240001", on: day("2024-11-07")) }
    #expect(try status("2024-11-09") == .pending)
    #expect(try store.read { try $0.details(of: "FA-240001", asOf: day("2024-11-09")) }.invoice.ttc == Cents(108_000))
    let journal = try store.read { try String.fetchAll($0.database, sql: "SELECT new FROM journal WHERE field = 'rejected'") }
    #expect(journal == ["2024-11-06: le tarif convenu est 900 € HT"])
    // Approved (48 hours passed): never edited again; a credit note corrects it.
    try store.write { _ = try $0.approve("FA-240001", on: day("2024-11-08")) }
    #expect(throws: LedgerError.self) { try store.write { try $0.editDraft("FA-240001", correction) } }
  }
}
