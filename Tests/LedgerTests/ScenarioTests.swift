import Foundation
import OOXML
import Testing

@testable import Ledger

/// Scénarios tirés des seeds : le tableau de suivi FA-240001 à FA-240003, un règlement
/// partiel avec reste dû, un tiers payeur, une facture soumise à validation, et la
/// procédure de relance en quatre étapes.
@Suite struct ScenarioTests {
  /// Le tableau du seed 001 :
  ///
  ///     FA-240001  02/11/2024  Mr Boulo     Saisie de donnée        À relancer  500 €
  ///     FA-240002  10/11/2024  Art company  Envoi de colis          Réglé       350 €  15/11/2024  Virement
  ///     FA-240003  17/11/2024  Dumont & co  Standard téléphonique   En attente  750 €
  static func tableauDuSeed() throws -> TemporaryLedger {
    let store = try TemporaryLedger()
    try store.write { session in
      try session.addClient(Client(name: "Mr Boulo", isConsumer: true))
      try session.addClient(Client(name: "Art company"))
      try session.addClient(Client(name: "Dumont & co"))
      let sansTVA = VATRate(basisPoints: 0)
      try session.addInvoice(InvoiceDraft(clientName: "Mr Boulo", issueDate: day("2024-11-02"), ht: Cents(euros: 500), vatRate: sansTVA, service: "Saisie de donnée"))
      try session.addInvoice(InvoiceDraft(clientName: "Art company", issueDate: day("2024-11-10"), ht: Cents(euros: 350), vatRate: sansTVA, service: "Envoi de colis"))
      try session.addInvoice(InvoiceDraft(clientName: "Dumont & co", issueDate: day("2024-11-17"), ht: Cents(euros: 750), vatRate: sansTVA, service: "Standard téléphonique"))
      try session.addPayment(PaymentDraft(amount: Cents(euros: 350), receivedOn: day("2024-11-15"), method: .virement, invoices: [("FA-240002", nil)]))
    }
    return store
  }

  @Test func leTableauDuSeed001() throws {
    let store = try Self.tableauDuSeed()
    // Le 10 décembre : FA-240001 est échue depuis le 2 (30 jours), FA-240003 court jusqu'au 17.
    let lignes = try store.read { try $0.summaries(asOf: day("2024-12-10")) }
    #expect(lignes.map(\.invoice.number) == ["FA-240001", "FA-240002", "FA-240003"])
    #expect(lignes.map(\.status.label) == ["À relancer", "Réglée", "En attente"])
    #expect(lignes.map(\.balance) == [Cents(euros: 500), .zero, Cents(euros: 750)])
    let rapport = try store.read { try $0.report(asOf: day("2024-12-10")) }
    #expect(rapport.owed == Cents(euros: 1_250))
    #expect(rapport.aged.notDue == Cents(euros: 750))
    #expect(rapport.aged.days1to30 == Cents(euros: 500))
    #expect(rapport.collected == Cents(euros: 350))
    // DSO = 1 250 / 1 600 × 90 jours = 70.3
    #expect(rapport.dso == "70.3")
    let relances = try store.read { try $0.dueReminders(asOf: day("2024-12-10")) }
    #expect(relances.map(\.number) == ["FA-240001"])
    #expect(relances.first?.name == "relance cordiale")
    #expect(relances.first?.daysLate == 8)
  }

  @Test func unReglementPartielLaisseUnResteDu() throws {
    let store = try Self.tableauDuSeed()
    try store.write {
      try $0.addPayment(PaymentDraft(amount: Cents(euros: 200), receivedOn: day("2024-11-25"), method: .cheque, reference: "CHQ 1234567", clientName: "Mr Boulo"))
    }
    let facture = try store.read { try $0.details(of: "FA-240001", asOf: day("2024-11-30")) }
    #expect(facture.status == .partiallyPaid)
    #expect(facture.paid == Cents(euros: 200))
    #expect(facture.balance == Cents(euros: 300))  // reste dû
    // Après l'échéance, le reste dû déclenche une relance adaptée.
    let relance = try #require(try store.read { try $0.dueReminders(asOf: day("2024-12-03")) }.first)
    #expect(relance.amountDue == Cents(euros: 300))
  }

  @Test func unTiersPayeurRegleLaFactureDunClient() throws {
    let store = try Self.tableauDuSeed()
    let recu = try store.write {
      try $0.addPayment(
        PaymentDraft(amount: Cents(euros: 750), receivedOn: day("2024-12-01"), method: .virement, payer: "Mutuelle Dumont", reference: "VIR SEPA 88", invoices: [("FA-240003", nil)]))
    }
    #expect(recu.clientName == "Dumont & co")
    #expect(recu.payment.payer == "Mutuelle Dumont")
    #expect(try store.read { try $0.details(of: "FA-240003", asOf: day("2024-12-01")) }.status == .paid)
  }

  @Test func laFactureSoumiseAValidation() throws {
    let store = try TemporaryLedger()
    try store.write {
      try $0.addClient(Client(name: "Client à tarifs spéciaux"))
      try $0.addInvoice(
        InvoiceDraft(clientName: "Client à tarifs spéciaux", issueDate: day("2024-11-04"), ht: Cents(euros: 1_000), service: "Acompte", needsApproval: true))
      _ = try $0.submit("FA-240001", on: day("2024-11-04"))
    }
    // Un brouillon est transmis pour contrôle ; il n'est envoyé qu'après validation…
    #expect(throws: LedgerError.self) { try store.write { try $0.send("FA-240001", on: day("2024-11-05")) } }
    // … ou à défaut de retour dans les 48 heures.
    try store.write { _ = try $0.send("FA-240001", on: day("2024-11-06")) }
    #expect(try store.read { try $0.details(of: "FA-240001", asOf: day("2024-11-06")) }.status == .pending)
  }

  @Test func laProcedureDeRelanceEnQuatreEtapes() throws {
    let store = try Self.tableauDuSeed()
    var jour = day("2024-12-03")
    var etapes: [(Int, ReminderChannel, Int?)] = []
    for _ in 1...4 {
      let action = try #require(try store.read { try $0.dueReminders(asOf: jour) }.first { $0.number == "FA-240001" })
      etapes.append((action.level, action.channel, action.payWithinDays))
      if action.level >= 3 {
        #expect(action.penalty != nil)  // pénalités de retard L441-10
        #expect(action.indemnity == nil)  // Mr Boulo est un particulier : pas d'indemnité de 40 €
      }
      try store.write { try $0.recordReminder("FA-240001", level: action.level, channel: action.channel, on: jour) }
      #expect(try store.read { try $0.dueReminders(asOf: jour) }.allSatisfy { $0.number != "FA-240001" })
      jour = jour.adding(days: 15)
    }
    #expect(etapes.map(\.0) == [1, 2, 3, 4])
    #expect(etapes.map(\.1) == [.phone, .registeredLetter, .registeredLetterAR, .court])
    #expect(etapes.map(\.2) == [nil, 8, 2, nil])  // 8 jours, puis 48 heures
    #expect(try store.read { try $0.dueReminders(asOf: day("2025-06-01")) }.allSatisfy { $0.number != "FA-240001" })
    let tableau = try store.read { try $0.report(asOf: day("2025-01-31")) }.reminders
    #expect(tableau.map(\.level) == [1, 2, 3, 4])
  }

  @Test func unAvoirCorrigeUneFactureSansLaRenumeroter() throws {
    let store = try Self.tableauDuSeed()
    let avoir = try store.write { try $0.addCreditNote(against: "FA-240003", on: day("2024-11-20"), ht: Cents(euros: 150), reason: "Remise commerciale") }
    #expect(avoir.number == "AV-240001")
    let facture = try store.read { try $0.details(of: "FA-240003", asOf: day("2024-11-30")) }
    #expect(facture.invoice.number == "FA-240003")
    #expect(facture.balance == Cents(euros: 600))
    #expect(try store.read { try $0.numberingGaps() }.isEmpty)
  }
}
