import Foundation
import Ledger
import OOXML
import Testing

@testable import SheetSync
import TestSupport

/// Adopting trackers laid out as businesses keep them (``TrackerFixture``): what the
/// ledger takes is what the sheet says, to the cent, and nothing it does not say.
@Suite struct AdoptionTests {
  static let day = Day(year: 2026, month: 3, day: 1)!

  /// A tracker file and an empty ledger beside it.
  struct Adoption {
    let tracker: String
    let ledger: Ledger

    init(_ fixture: TrackerFixture) throws {
      tracker = try fixture.write()
      ledger = try Ledger.create(at: ZipFixture.temporaryPath("suivi.sqlite")).0
    }

    @discardableResult
    func run(_ mode: SyncMode, dryRun: Bool = false) throws -> SyncReport {
      var options = SyncOptions(mode: mode, asOf: AdoptionTests.day)
      options.dryRun = dryRun
      options.saveOptions = SaveOptions(backupsKept: 1)
      return try SyncEngine(ledger: ledger).run(tracker, options: options)
    }

    func invoice(_ number: String) throws -> Invoice { try ledger.read { try $0.invoice(numbered: number) } }

    func bytes() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: tracker)) }
  }

  /// A micro-entrepreneur's tracker has one amount: it is the TTC, and no VAT is invented
  /// (it used to become HT × 1.20 at 20 %).
  @Test func aMicroEntrepreneursSingleAmountIsTheTTCAndItsVATIsUnknown() throws {
    let adoption = try Adoption(
      TrackerFixture(rows: [
        ["N° facture", "Client", "Date", "Montant"],
        ["151", "Boulangerie Lefèvre", .date(year: 2026, month: 1, day: 5), 1_234.56],
        [152, "Atelier Roux", .date(year: 2026, month: 1, day: 12), "480,00 €"],
      ]))
    let before = try adoption.bytes()
    let report = try adoption.run(.pull)
    #expect(report.imported == ["151", "152"], "\(report.skipped)")
    let first = try adoption.invoice("151")
    #expect(first.ttc == Cents(123_456))
    #expect(first.ht == nil && first.vat == nil && first.vatRate == nil)
    #expect(try adoption.invoice("152").ttc == Cents(48_000))
    // Nothing to write back: the sheet says what the ledger holds.
    let push = try adoption.run(.push)
    #expect(push.toSheet.isEmpty, "\(push.toSheet)")
    #expect(try adoption.bytes() == before)
  }

  /// HT and TTC without a rate: both kept as given, the VAT their difference and its rate
  /// derived (38 invoices of one real tracker had their TTC changed to HT × 1.20).
  @Test func htAndTTCWithoutARateAreBothKept() throws {
    let adoption = try Adoption(
      TrackerFixture(rows: [
        ["Facture", "Tiers", "Date de facture", "Total HT", "Total TTC"],
        ["F-2026-00004401", "Garage Renaud", .date(year: 2026, month: 1, day: 5), 100, 105.5],
        ["F-2026-00004402", "Garage Renaud", .date(year: 2026, month: 1, day: 6), 100, 119.99],
      ]))
    let report = try adoption.run(.pull)
    #expect(report.imported.count == 2, "\(report.skipped)")
    let reduced = try adoption.invoice("F-2026-00004401")
    #expect(reduced.ht == Cents(10_000) && reduced.ttc == Cents(10_550) && reduced.vat == Cents(550))
    #expect(reduced.vatRate == VATRate(basisPoints: 550))
    let odd = try adoption.invoice("F-2026-00004402")
    #expect(odd.ttc == Cents(11_999) && odd.vat == Cents(1_999))
    #expect(try adoption.run(.push).toSheet.isEmpty)
  }

  /// A tracker's numbers go on: after `F-2026-00004402` comes `F-2026-00004403`, and a
  /// number written on a row the ledger skipped is never issued again.
  @Test func theNextNumberContinuesTheTrackersSeriesPastSkippedRows() throws {
    let adoption = try Adoption(
      TrackerFixture(rows: [
        ["N° facture", "Client", "Date", "Montant TTC"],
        ["F-2026-00004401", "Garage Renaud", .date(year: 2026, month: 1, day: 5), 120],
        ["F-2026-00004402", "Garage Renaud", .date(year: 2026, month: 1, day: 6), 240],
        ["F-2026-00004403", "Garage Renaud", "bientôt", 240],
      ]))
    let report = try adoption.run(.pull)
    #expect(report.imported == ["F-2026-00004401", "F-2026-00004402"])
    #expect(report.skipped.map(\.row) == [4])
    let next = try adoption.ledger.read { try $0.nextNumber(on: Day(year: 2026, month: 2, day: 1)!) }
    #expect(next.text == "F-2026-00004404")
    #expect(try adoption.ledger.read { try $0.nextNumber(on: Day(year: 2027, month: 1, day: 4)!) }.text == "F-2027-00000001")
  }
}
