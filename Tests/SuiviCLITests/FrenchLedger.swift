import Foundation
import Testing

import TestSupport

/// A ledger in a folder of its own, and `suivi` run on it as the assistant runs it: in
/// French, every sentence checked to be in the catalogue.
struct FrenchLedger {
  let folder: URL
  let ledger: String

  init(_ name: String) throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    ledger = folder.appendingPathComponent("suivi.sqlite").path
  }

  /// `suivi ARGUMENTS --ledger LEDGER` under `LANG=fr_FR.UTF-8`, expecting `status` (any, if nil).
  @discardableResult
  func suivi(_ arguments: [String], expect status: Int32? = 0, sourceLocation: SourceLocation = #_sourceLocation) throws -> Subprocess.Result {
    let result = try Subprocess.run(Subprocess.suivi, arguments + ["--ledger", ledger], environment: ["LANG": "fr_FR.UTF-8"])
    if let status {
      #expect(result.status == status, "suivi \(arguments.joined(separator: " ")): \(result.status) \(result.stderr)", sourceLocation: sourceLocation)
    }
    #expect(!result.stderr.contains("untranslated"), "\(result.stderr)", sourceLocation: sourceLocation)
    return result
  }
}
