import Foundation
import OOXML
import Testing

@testable import Template

@Suite struct TemplateModelTests {
  @Test func bundledModelDecodes() throws {
    let model = try TemplateModel.bundled()
    #expect(model.tracker.columns.count == 17)
    #expect(model.tracker.columns.map { $0.header.fr } == [
      "N° de facture", "Date d'émission", "Client", "Service", "Montant HT", "TVA", "Montant TTC", "Échéance", "État",
      "Montant réglé", "Reste dû", "Réglé le", "Type de règlement", "Relance 1", "Relance 2", "Relance 3", "Notes",
    ])
    #expect(model.tracker.columns.map { $0.header.en } == [
      "Invoice #", "Issue date", "Client", "Service", "Amount excl. VAT", "VAT", "Amount incl. VAT", "Due date", "Status",
      "Amount paid", "Balance due", "Paid on", "Payment method", "Reminder 1", "Reminder 2", "Reminder 3", "Notes",
    ])
  }
}
