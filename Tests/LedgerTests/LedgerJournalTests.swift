import Foundation
import GRDB
import OOXML
import Testing

@testable import Ledger

@Suite struct LedgerJournalTests {
  @Test func everyChangeIsJournaledWithItsCommand() throws {
    let store = try TemporaryLedger()
    try store.write("client add") { try $0.addClient(Client(name: "Art company")) }
    let mark = try store.ledger.latestChange()
    try store.write("invoice add") { try $0.addInvoice(InvoiceDraft(clientName: "Art company", issueDate: day("2024-11-10"), ht: Cents(35_000), vatRate: VATRate(basisPoints: 0))) }
    try store.write("payment add") { try $0.addPayment(PaymentDraft(amount: Cents(35_000), receivedOn: day("2024-11-15"), method: .virement, clientName: "Art company")) }
    try store.write("invoice send") { _ = try $0.send("FA-240001", on: day("2024-11-10")) }
    let changes = try store.ledger.changes(since: mark)
    #expect(changes.map(\.entity) == ["invoice", "payment", "allocation", "invoice"])
    #expect(changes.map(\.command) == ["invoice add", "payment add", "payment add", "invoice send"])
    #expect(changes.map(\.key) == ["FA-240001", "1", "1→FA-240001", "FA-240001"])
    #expect(changes[0].field == nil)
    #expect(changes[0].new?.contains("\"ttc\":35000") == true)
    #expect(changes[3].field == "sentOn")
    #expect(changes[3].old == nil)
    #expect(changes[3].new == "2024-11-10")
    #expect(changes.map(\.id!) == changes.map(\.id!).sorted())
    #expect(changes.allSatisfy { $0.at == "2024-10-27T03:33:20Z" })
    #expect(try store.ledger.changes(since: try store.ledger.latestChange()).isEmpty)
  }

  @Test func aRefusedCommandLeavesNoTrace() throws {
    let store = try TemporaryLedger()
    try store.write { try $0.addClient(Client(name: "Art company")) }
    let mark = try store.ledger.latestChange()
    #expect(throws: LedgerError.self) {
      try store.write {
        try $0.addInvoice(InvoiceDraft(clientName: "Art company", issueDate: day("2024-11-10"), ht: Cents(100)))
        try $0.addPayment(PaymentDraft(amount: Cents(1_000), receivedOn: day("2024-11-15"), method: .virement, clientName: "Art company"))
      }
    }
    #expect(try store.ledger.changes(since: mark).isEmpty)
    #expect(try store.count("invoice") == 0)
  }

  @Test func idsAreNeverReusedAfterARollback() throws {
    let store = try TemporaryLedger()
    try store.write { try $0.addClient(Client(name: "A")) }
    #expect(throws: LedgerError.self) {
      try store.write {
        try $0.addClient(Client(name: "B"))
        try $0.addClient(Client(name: "b"))
      }
    }
    try store.write { try $0.addClient(Client(name: "C")) }
    let ids = try store.ledger.changes(since: 0).map(\.id!)
    #expect(ids.count == 2)
    #expect(ids[1] > ids[0])
  }

  @Test func settingsAreCheckedAndJournaled() throws {
    let store = try TemporaryLedger()
    let half = HalfYear("2026-H2")!
    try store.write("config set") { try $0.setSetting(key: "rate.ecb.2026-H2", value: "3.15") }
    #expect(try store.read { try $0.settings() }.penaltyRate(in: half) == DatedRates.Applied(basisPoints: 1315, isKnown: true))
    #expect(throws: LedgerError.self) { try store.write { try $0.setSetting(key: "rate.ecb.2026-H2", value: "abc") } }
    #expect(throws: LedgerError.self) { try store.write { try $0.setSetting(key: "nope", value: "1") } }
    try store.write { try $0.setSetting(key: "rate.ecb.2026-H2", value: "") }
    // (Not in the shipped table: the last known, 2.15 % of 2026-H1, provisionally.)
    #expect(try store.read { try $0.settings() }.penaltyRate(in: half) == DatedRates.Applied(basisPoints: 1215, isKnown: false))
    #expect(try store.ledger.changes(since: 0).map(\.new) == ["3.15", nil])
  }
}

@Suite struct LedgerFileTests {
  @Test func aMissingLedgerIsNamed() {
    #expect(throws: LedgerError.ledgerNotFound(path: "/nonexistent/suivi.sqlite")) { try Ledger.open(at: "/nonexistent/suivi.sqlite") }
  }

  @Test func aFileThatIsNotALedgerIsRefused() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-not-ledger-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let text = folder.appendingPathComponent("notes.txt").path
    try Data(String(repeating: "not a database ", count: 100).utf8).write(to: URL(fileURLWithPath: text))
    #expect(throws: LedgerError.self) { try Ledger.open(at: text) }
    let other = folder.appendingPathComponent("other.sqlite").path
    try DatabaseQueue(path: other).write { try $0.execute(sql: "CREATE TABLE t (x)") }
    #expect(throws: LedgerError.self) { try Ledger.open(at: other) }
    #expect(throws: LedgerError.self) { try Ledger.open(at: folder.path) }
  }

  @Test func initTakesAnEmptyFile() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-empty-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("suivi.sqlite").path
    #expect(FileManager.default.createFile(atPath: path, contents: Data()))
    #expect(throws: LedgerError.self) { try Ledger.open(at: path) }
    let (ledger, created) = try Ledger.create(at: path)
    #expect(created)
    #expect(try ledger.read { try $0.clients() }.isEmpty)
  }

  @Test func createIsIdempotentAndUsesWAL() throws {
    let store = try TemporaryLedger()
    let (_, created) = try Ledger.create(at: store.path)
    #expect(!created)
    let mode = try store.read { session in try String.fetchOne(session.db, sql: "PRAGMA journal_mode") }
    #expect(mode == "wal")
    let foreignKeys = try store.read { session in try Int.fetchOne(session.db, sql: "PRAGMA foreign_keys") }
    #expect(foreignKeys == 1)
  }
}
