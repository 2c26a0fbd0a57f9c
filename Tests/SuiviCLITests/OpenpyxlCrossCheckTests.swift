import Foundation
import Testing

import TestSupport

/// Every cell Suivi reads, compared with what openpyxl (a reader we did not write) reads
/// from the same file: the whole shared corpus, and trackers made by XlsxWriter.
/// Known differences are listed, each with its reason, in
/// `Tests/Interop/openpyxl-allowlist.tsv`; any other difference fails.
@Suite(.serialized, .fullTier, .needsShared, .tags(.interop, .corpus)) struct OpenpyxlCrossCheckTests {
  static let script = SharedFolder.repository.appendingPathComponent("Tests/Interop/openpyxl_crosscheck.py").path
  static let allowList = SharedFolder.repository.appendingPathComponent("Tests/Interop/openpyxl-allowlist.tsv").path

  func crossCheck(_ corpus: String) throws -> Subprocess.Result {
    try Subprocess.run(
      Subprocess.python,
      [Self.script, "--suivi", Subprocess.suivi, "--corpus", corpus, "--allow", Self.allowList, "--jobs", "2"],
      timeout: 1_800)
  }

  @Test(.timeLimit(.minutes(30)))
  func theCorpusReadsAsOpenpyxlReadsIt() throws {
    let result = try crossCheck(SharedFolder.corpus.path)
    let summary = result.stdout.split(separator: "\n").suffix(12).joined(separator: "\n")
    print(summary)
    #expect(result.status == 0, "\(result.stdout.suffix(6_000))\n\(result.stderr.suffix(2_000))")
    #expect(result.stdout.contains(" passed, 0 failed"))
  }

  @Test(.timeLimit(.minutes(10)))
  func generatedTrackersReadAsOpenpyxlReadsThem() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-trackers-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let maker = SharedFolder.url.appendingPathComponent("tools/make_tracker.py").path
    for (rows, seed) in [(1, 1), (250, 2), (3_000, 3)] {
      let made = try Subprocess.run(
        Subprocess.python, [maker, folder.appendingPathComponent("tracker-\(rows).xlsx").path, String(rows), "--seed", String(seed)])
      #expect(made.status == 0, "make_tracker: \(made.stderr)")
    }
    let result = try crossCheck(folder.path)
    #expect(result.status == 0, "\(result.stdout.suffix(6_000))\n\(result.stderr.suffix(2_000))")
    #expect(result.stdout.contains("3 passed, 0 failed"))
  }
}
