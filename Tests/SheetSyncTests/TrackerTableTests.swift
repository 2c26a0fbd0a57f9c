import Foundation
import OOXML
import Testing
import TestSupport

@testable import SheetSync

/// The tracker read a sync uses (parsed on one thread, rows built on another, the sheet
/// indexed for the save in the same parse) reads what the plain read does, or fails alike.
@Suite(.needsShared) struct TrackerTableTests {
  static func summary(_ table: TrackerTable) -> [String] {
    ["header \(table.headerRow) \(table.columns.sorted { $0.key < $1.key }) \(table.ambiguous) last \(table.lastRow)",
     "words \(table.statusWords.words.map { "\($0.key)=\($0.value)" }.sorted()) \(table.methodWords.words.map { "\($0.key)=\($0.value)" }.sorted())",
     "header texts \(table.headerTexts.sorted { $0.key < $1.key })"]
      + table.rows.map { "\($0.row) \($0.number ?? "-") \($0.values) \(Array($0.formulas)) \(Array($0.uncached))" }
  }

  /// Where two summaries first differ (`nil`: they are the same), for a short message.
  static func difference(_ a: [String], _ b: [String]) -> String? {
    if let index = a.indices.first(where: { $0 < b.count && a[$0] != b[$0] }) { return "line \(index): \(a[index]) ≠ \(b[index])" }
    return a.count == b.count ? nil : "\(a.count) lines ≠ \(b.count)"
  }

  static func outcome(_ body: () throws -> TrackerTable) -> [String] {
    do { return summary(try body()) } catch { return ["error: \(error)"] }
  }

  @Test func aGeneratedTrackerReadsAlike() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-table-\(UUID().uuidString).xlsx").path
    let maker = SharedFolder.url.appendingPathComponent("tools/make_tracker.py").path
    let made = try Subprocess.run(Subprocess.python, [maker, path, "20000", "--seed", "9"])
    try #require(made.status == 0, "\(made.stderr)")
    let workbook = try Workbook(path: path)
    let plain = Self.outcome { try TrackerTable.read(workbook, sheet: "Suivi") }
    let (table, prepared) = try TrackerTable.readPreparingEdit(Workbook(path: path), sheet: "Suivi")
    #expect(Self.difference(Self.summary(table), plain) == nil)
    #expect(plain.count > 20_000)
    #expect(prepared != nil)
  }

  @Test(.fullTier, .tags(.corpus), .timeLimit(.minutes(30)))
  func everyCorpusSheetReadsAlike() throws {
    let files = try CorpusSweep.files()
    var compared = 0
    for file in files {
      let path = SharedFolder.corpus.appendingPathComponent(file).path
      guard let workbook = try? Workbook(path: path) else { continue }
      // Each sheet opens the workbook again: a dozen sheets of a workbook that has more.
      for sheet in CorpusSweep.spread(workbook.sheets.filter { $0.kind == .worksheet }) {
        let plain = Self.outcome { try TrackerTable.read(workbook, sheet: sheet.name) }
        let parallel = Self.outcome { try TrackerTable.readPreparingEdit(Workbook(path: path), sheet: sheet.name).table }
        #expect(
          Self.difference(parallel, plain) == nil,
          "\(file) \(sheet.name); \(CorpusSweep.reproduce(file, test: "TrackerTableTests/everyCorpusSheetReadsAlike"))")
        compared += 1
      }
    }
    if !CorpusSweep.isFiltered { #expect(compared > 200) }
  }
}
