import GRDB
import Foundation
import OOXML

@testable import Ledger

/// A new ledger file in a temporary folder, removed with the folder at exit of the test
/// process (each test gets its own).
struct TemporaryLedger {
  let ledger: Ledger
  let path: String

  init(clock: @escaping @Sendable () -> Date = { Date(timeIntervalSince1970: 1_730_000_000) }) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-ledger-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    path = folder.appendingPathComponent("suivi.sqlite").path
    ledger = try Ledger.create(at: path, clock: clock).0
  }

  /// A new ledger with `clients`.
  init(clients: [Client]) throws {
    try self.init()
    try write { session in for client in clients { try session.addClient(client) } }
  }

  /// Runs one command.
  @discardableResult
  func write<T>(_ command: String = "test", _ body: (LedgerSession) throws -> T) throws -> T {
    try ledger.write(command: command, body)
  }

  func read<T>(_ body: (LedgerSession) throws -> T) throws -> T { try ledger.read(body) }

  /// The number of rows of `table`.
  func count(_ table: String) throws -> Int {
    try ledger.read { session in try session.rowCount(table) }
  }
}

extension LedgerSession {
  func rowCount(_ table: String) throws -> Int {
    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(table)\"") ?? 0
  }
}

/// `2024-11-02` as a `Day`, for tests.
func day(_ text: String) -> Day { Day.iso(text)! }

/// An amount from its text, for tests.
func euros(_ text: String) -> Cents { try! Cents.parse(text, requirePositive: false) }

/// Suivi's own number `PREFIX-YYNNNN`: `fa(24, 7)` is `FA-240007`.
func fa(_ year: Int, _ counter: Int, prefix: String = "FA") -> InvoiceNumber {
  NumberSeries.standard(prefix: prefix).number(counter, on: Day(year: 2000 + year, month: 1, day: 1)!)
}
