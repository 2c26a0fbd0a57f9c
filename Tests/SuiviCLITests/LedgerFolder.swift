import Foundation

import TestSupport

/// A new ledger's path in a temporary folder of its own, and the built `suivi` run on it as
/// a script would.
struct LedgerFolder {
  let ledger: String

  init() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-ledger-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    ledger = folder.appendingPathComponent("suivi.sqlite").path
  }

  /// `suivi ARGUMENTS --ledger LEDGER`.
  func run(_ arguments: [String]) throws -> Subprocess.Result {
    try Subprocess.run(Subprocess.suivi, arguments + ["--ledger", ledger])
  }
}
