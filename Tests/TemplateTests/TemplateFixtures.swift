import Foundation
import Ledger
import OOXML

@testable import Template

/// Folders and data the model-sheet tests share.
enum TemplateFixtures {
  /// A new empty folder under the system's temporary folder.
  static func folder(_ name: String = "suivi-template") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// A model sheet written at `url/name`.
  static func write(_ sheet: ModelSheet, in folder: URL, name: String = "model.xlsx") throws -> String {
    let path = folder.appendingPathComponent(name).path
    try sheet.write(to: path)
    return path
  }

  static func day(_ text: String) -> Day { Day.iso(text)! }

  /// Three invoices of two clients (one on 45 days end-of-month terms), a partial
  /// payment, a paid invoice, a due date typed over the terms, and two reminders.
  static var sample: TemplateData {
    TemplateData(
      invoices: [
        .init(
          number: "FA-240001", issued: day("2024-11-02"), client: "Mr Boulo", service: "Saisie de données", ht: Cents(50_000),
          vatRate: .standard, ttc: Cents(60_000), due: day("2024-12-02"), status: "a_relancer", paid: .zero, paidOn: nil,
          method: nil, reminders: [day("2024-12-10"), nil, nil], notes: "appel le 12, promet virement"),
        .init(
          number: "FA-240002", issued: day("2024-11-10"), client: "Art company", service: "Envoi de colis", ht: Cents(35_000),
          vatRate: .standard, ttc: Cents(42_000), due: day("2024-12-31"), status: "reglee", paid: Cents(42_000),
          paidOn: day("2024-11-15"), method: "virement", reminders: [nil, nil, nil], notes: nil),
        .init(
          number: "FA-240003", issued: day("2024-11-17"), client: "Mr Boulo", service: "Standard téléphonique",
          ht: Cents(62_550), vatRate: VATRate(basisPoints: 550), ttc: Cents(65_990), due: day("2024-11-30"),
          status: "partiellement_reglee", paid: Cents(20_000), paidOn: day("2024-11-20"), method: "cheque",
          reminders: [nil, nil, nil], notes: nil),
      ],
      reminders: [
        .init(date: day("2024-12-10"), invoice: "FA-240001", client: "Mr Boulo", level: 1, channel: "phone", outcome: "promise", note: nil)
      ],
      clients: [.init(name: "Mr Boulo", termsDays: 30, endOfMonth: false), .init(name: "Art company", termsDays: 45, endOfMonth: true)])
  }
}
