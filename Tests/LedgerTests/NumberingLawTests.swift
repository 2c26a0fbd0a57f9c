import CivilDate
import Testing
import TestSupport

@testable import Ledger

/// CGI ann. II art. 242 nonies A (BOI-TVA-DECLA-30-20-20): invoices bear "un numéro unique
/// basé sur une séquence chronologique et continue". Numbers Suivi issues follow the last
/// of their series in number and in date; numbers adopted from a tracker are kept as found,
/// their gaps and disorders reported.
@Suite struct NumberingLawTests {
  let store: TemporaryLedger

  init() throws { store = try TemporaryLedger(clients: [Client(name: "Garage Renaud")]) }

  func add(_ date: String, number: String? = nil) throws -> String {
    var draft = InvoiceDraft(clientName: "Garage Renaud", issueDate: day(date), ht: Cents(10_000))
    draft.number = try number.map { try InvoiceNumber.parse($0) }
    return try store.write { try $0.addInvoice(draft) }.number
  }

  /// FA-240013 dated 4 December after FA-240012 dated 5 December was accepted.
  @Test func anInvoiceDatedBeforeTheLastOfItsSeriesIsRefused() throws {
    #expect(try add("2024-12-05") == "FA-240001")
    #expect(throws: LedgerError.self) { try add("2024-12-04") }
    #expect(try add("2024-12-05") == "FA-240002")  // the same day follows
    do {
      _ = try add("2024-12-04")
    } catch let error as LedgerError {
      #expect("\(error)".contains("chronological") && "\(error)".contains("FA-240002"), "\(error)")
    }
  }

  /// A gap is reported, never filled afterwards by a number below the last one.
  @Test func aMissingNumberIsNeverFilledAfterwards() throws {
    _ = try add("2024-12-01", number: "FA-240001")
    _ = try add("2024-12-10", number: "FA-240003")
    #expect(try store.read { try $0.numberingGaps() }.map(\.description) == ["FA-240002"])
    #expect(throws: LedgerError.self) { try add("2024-12-05", number: "FA-240002") }
    #expect(try store.read { try $0.numberingGaps() }.map(\.description) == ["FA-240002"])
  }

  /// A credit note is numbered in its own series, which is chronological too.
  @Test func aCreditNoteDatedBeforeTheLastCreditNoteIsRefused() throws {
    let first = try add("2024-12-01")
    let second = try add("2024-12-02")
    try store.write { _ = try $0.addCreditNote(against: first, on: day("2024-12-20"), ht: Cents(1_000)) }
    #expect(throws: LedgerError.self) { try store.write { _ = try $0.addCreditNote(against: second, on: day("2024-12-10"), ht: Cents(1_000)) } }
  }

  /// Numbers adopted from a tracker are kept as found; their disorder is reported.
  @Test func anAdoptedTrackersDisorderIsKeptAndReported() throws {
    let errors = try store.write { session in
      try session.adopt(
        [("F-0012", "2024-12-05"), ("F-0013", "2024-12-04"), ("F-0015", "2024-12-06")].map { number, date in
          var draft = InvoiceDraft(clientName: "Garage Renaud", issueDate: day(date), ht: Cents(10_000))
          draft.number = try InvoiceNumber.parse(number)
          return InvoiceAdoption(draft: draft)
        })
    }
    #expect(errors.isEmpty)
    #expect(try store.read { try $0.numberingDisorders() }.map(\.description) == ["F-0013 (2024-12-04) after F-0012 (2024-12-05)"])
    #expect(try store.read { try $0.numberingGaps() }.map(\.description) == ["F-0014"])
    let report = try store.read { try $0.report(asOf: day("2024-12-31")) }
    #expect(report.numberingDisorders.count == 1)
  }

  /// Whatever invoices are asked for, in whatever order of dates, the series Suivi issues
  /// is continuous and its dates never go back; an invoice is refused exactly when dated
  /// before the last. Seeded.
  @Test(arguments: 0..<20)
  func theSeriesIssuedIsContinuousAndChronological(seed: UInt64) throws {
    var random = SplitMix64(state: seed)
    var last: Day?
    var issued: [(String, Day)] = []
    for _ in 0..<30 {
      let date = Day(year: 2025, month: 1 + random.below(12), day: 1 + random.below(28))!
      let accepted = (try? add(date.description)) != nil
      #expect(accepted == (last.map { date >= $0 } ?? true), "seed \(seed): \(date) after \(String(describing: last))")
      if accepted {
        last = date
        issued.append(("", date))
      }
    }
    let invoices = try store.read { try $0.invoices() }
    #expect(invoices.map(\.counter) == Array(1...invoices.count).map(Optional.some), "seed \(seed)")
    #expect(zip(invoices, invoices.dropFirst()).allSatisfy { $0.issueDate <= $1.issueDate }, "seed \(seed)")
    #expect(try store.read { try $0.numberingGaps() }.isEmpty, "seed \(seed)")
  }
}
