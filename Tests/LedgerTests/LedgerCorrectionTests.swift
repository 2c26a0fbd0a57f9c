import GRDB
import OOXML
import Testing

@testable import Ledger

/// `correctInvoices` (a sync's edited rows, all at once) against the same corrections
/// made one command at a time, each in a savepoint: the same refusals, invoices, clients
/// and journal.
@Suite struct LedgerCorrectionTests {
  static func corrections(seed: UInt64, count: Int) -> [(number: String, correction: InvoiceCorrection)] {
    var generator = LedgerAdoptionTests.Generator(state: seed)
    var result: [(number: String, correction: InvoiceCorrection)] = []
    for _ in 0..<count {
      var correction = InvoiceCorrection()
      switch generator.next(9) {
      case 0: correction.notes = .some("Note \(generator.next(1000))")
      case 1: correction.notes = .some(nil)
      case 2: correction.service = .some("Service \(generator.next(50))")
      case 3: correction.clientName = ["Dumont SARL", "Client nouveau \(generator.next(3))", "atelier roux"][generator.next(3)]
      case 4: correction.ht = Cents(Int64(generator.next(5) == 0 ? -100 : 500 + generator.next(50_000)))  // some not positive
      case 5: correction.vatRate = VATRate(basisPoints: [550, 1000, 2000][generator.next(3)])
      case 6: correction.dueDate = day("2024-06-01").adding(days: generator.next(200))
      case 7: correction.issueDate = day("2024-02-01").adding(days: generator.next(100))
      default:
        correction.notes = .some("Les deux")
        correction.ht = Cents(Int64(generator.next(4) == 0 ? 0 : 700))
      }
      // Some numbers the ledger lacks, one that is not a number, and some corrected twice.
      let number = switch generator.next(25) {
      case 0: "FA-249999"
      case 1: "pas un numéro"
      default: "fa-24\(String(format: "%04d", 1 + generator.next(60)))"
      }
      result.append((number, correction))
    }
    return result
  }

  static func seeded() throws -> TemporaryLedger {
    let ledger = try TemporaryLedger()
    // Invoices FA-240001 to FA-240060, without facts (some are paid by the adoption's
    // own rules being broken otherwise).
    var seen: Set<Int> = []
    let adoptions = LedgerAdoptionTests.adoptions(seed: 42, count: 60).compactMap { adoption -> InvoiceAdoption? in
      var draft = adoption.draft
      guard let digits = draft.number?.trailingDigits?.digits, let sequence = Int(digits.dropFirst(2)),
        seen.insert(sequence).inserted
      else { return nil }
      draft.number = fa(24, sequence)
      draft.issueDate = day("2024-01-01").adding(days: sequence)
      draft.dueDate = nil
      return InvoiceAdoption(draft: draft, facts: [])
    }
    let refused = try ledger.write("pull") { try $0.adopt(adoptions) }
    #expect(refused.isEmpty)
    return ledger
  }

  static func contents(_ session: LedgerSession) throws -> [String] {
    var lines = try LedgerAdoptionTests.contents(session)
    lines += try Row.fetchAll(
      session.database, sql: "SELECT number, clientId, issueDate, dueDate, service, ht, vatRate, vat, ttc, notes FROM invoice ORDER BY number"
    ).map { $0.description }
    lines += try Row.fetchAll(session.database, sql: "SELECT entity, key, field, old, new FROM journal WHERE field IS NOT NULL ORDER BY id")
      .map { $0.description }
    return lines
  }

  @Test(arguments: [1, 2, 3] as [UInt64])
  func correctingAllAtOnceIsCorrectingOneByOne(seed: UInt64) throws {
    let corrections = Self.corrections(seed: seed, count: 120)
    let bulk = try Self.seeded()
    let errors = try bulk.write("sync") { try $0.correctInvoices(corrections) }
    let single = try Self.seeded()
    var refused: [Int: LedgerError] = [:]
    try single.write("sync") { session in
      for (index, item) in corrections.enumerated() {
        do {
          try session.database.inSavepoint {
            try session.correctInvoice(item.number, item.correction)
            return .commit
          }
        } catch let error as LedgerError {
          refused[index] = error
        }
      }
    }
    #expect(errors.mapValues(\.description) == refused.mapValues(\.description))
    #expect(!refused.isEmpty && refused.count < corrections.count / 2, "some corrections are refused, not most: \(Set(refused.values.map { "\($0)".prefix(30) }))")
    let expected = try single.read(Self.contents)
    #expect(try bulk.read(Self.contents) == expected)
    #expect(expected.contains { $0.contains("field:\"notes\"") } && expected.contains { $0.contains("field:\"client\"") })
  }
}
