import CivilDate
import Foundation
import GRDB
import Testing

@testable import Ledger

/// VAT rates in force in France (CGI art. 278 to 281 nonies, 296, 297), the franchise en
/// base (art. 293 B), and payment terms between professionals (C. com. L441-10 I).
@Suite struct VATAndTermsLawTests {
  let store: TemporaryLedger

  init() throws { store = try TemporaryLedger(clients: [Client(name: "Garage Renaud")]) }

  func add(vat: Int64?, due: String? = nil, client: String = "Garage Renaud", derogation: String? = nil) throws -> Invoice {
    var draft = InvoiceDraft(
      clientName: client, issueDate: day("2025-03-10"), ht: Cents(10_000), vatRate: VATRate(basisPoints: vat ?? 2_000), dueDate: due.map(day))
    if vat == nil { draft.amounts = .withoutVAT(Cents(10_000)) }
    draft.termsDerogation = derogation
    return try store.write { try $0.addInvoice(draft) }
  }

  /// 20, 13, 10, 8.5, 5.5, 2.1, 1.75, 1.05, 0.9 and 0 % exist (mainland, Corsica, overseas
  /// departments); 7 % (until 2013), 19.6 % (until 2013) and 33 % never or no longer do.
  @Test(arguments: [(2000, true), (1300, true), (1000, true), (850, true), (550, true), (210, true), (175, true), (105, true), (90, true), (0, true), (700, false), (1960, false), (3300, false), (1500, false)] as [(Int64, Bool)])
  func onlyARateInForceInFranceIsAccepted(rate: Int64, accepted: Bool) throws {
    let result = Result { try add(vat: rate) }
    if accepted {
      #expect(try result.get().vatRate == VATRate(basisPoints: rate))
    } else {
      #expect(throws: LedgerError.self) { try result.get() }
      #expect(try store.count("invoice") == 0)
    }
  }

  /// Art. 293 B du CGI: a business under the franchise en base invoices no VAT (its
  /// invoices say "TVA non applicable, art. 293 B du CGI").
  @Test func underTheFranchiseAnInvoiceCarriesNoVAT() throws {
    try store.write { try $0.setSetting(key: "vat.franchise", value: "on") }
    #expect(throws: LedgerError.self) { try add(vat: 2_000) }
    let invoice = try add(vat: nil)
    #expect(invoice.vatRate == nil && invoice.vat == .zero && invoice.ttc == Cents(10_000))
    #expect(VATRate.franchiseMention == "TVA non applicable, art. 293 B du CGI")
  }

  /// L441-10 I: "le délai convenu entre les parties … ne peut dépasser soixante jours à
  /// compter de la date d'émission de la facture. Par dérogation, un délai maximal de
  /// quarante-cinq jours fin de mois … peut être convenu"; more only with a derogation,
  /// recorded.
  @Test func termsPastTheLegalMaximumNeedADerogationWhichIsRecorded() throws {
    #expect(throws: LedgerError.self) { try store.write { try $0.addClient(Client(name: "A", termsDays: 90)) } }
    #expect(throws: LedgerError.self) { try store.write { try $0.addClient(Client(name: "B", termsDays: 60, endOfMonth: true)) } }
    try store.write { try $0.addClient(Client(name: "C", termsDays: 60)) }
    try store.write { try $0.addClient(Client(name: "D", termsDays: 45, endOfMonth: true)) }
    try store.write { try $0.addClient(Client(name: "Particulier", termsDays: 90, isConsumer: true)) }  // not between professionals
    try store.write { try $0.addClient(Client(name: "Transports E", termsDays: 90), derogation: "accord interprofessionnel du transport") }
    let journal = try store.read { try String.fetchAll($0.database, sql: "SELECT new FROM journal WHERE field = 'terms_derogation'") }
    #expect(journal == ["accord interprofessionnel du transport"])
    // An invoice of the client with a derogation takes its terms.
    #expect(try add(vat: 2_000, client: "Transports E").dueDate == day("2025-06-08"))
    // A due date past the maximum: refused, or with a derogation of its own.
    #expect(throws: LedgerError.self) { try add(vat: 2_000, due: "2025-06-01") }
    #expect(try add(vat: 2_000, due: "2025-05-09").dueDate == day("2025-05-09"))  // 60 days
    #expect(try add(vat: 2_000, due: "2025-06-01", derogation: "accord sectoriel").dueDate == day("2025-06-01"))
  }
}
