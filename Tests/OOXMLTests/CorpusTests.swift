import Foundation
import Testing

@testable import OOXML
import TestSupport

/// Every workbook of the shared corpus (made by Excel, LibreOffice, Google Sheets,
/// Numbers and libraries) is read whole or refused with a one-line error of the expected
/// kind; none crashes or hangs.
@Suite(.fullTier, .needsShared, .tags(.corpus)) struct CorpusTests {
  struct Outcome {
    var cells = 0
    var refusal: OOXMLError?
  }

  /// Calls `body` with every worksheet of every corpus workbook Suivi can open.
  static func forEachWorksheet(_ body: (_ file: String, Workbook, Sheet) throws -> Void) throws {
    for file in try CorpusSweep.files() {
      let path = SharedFolder.corpus.appendingPathComponent(file).path
      guard let workbook = try? Workbook(path: path) else { continue }
      for sheet in workbook.sheets where sheet.kind == .worksheet { try body(file, workbook, sheet) }
    }
  }

  static func expectations() throws -> [String: String] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/corpus-expectations.tsv")
    var result: [String: String] = [:]
    for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
      let fields = line.split(separator: "\t")
      if fields.count >= 2 { result[String(fields[0])] = String(fields[1]) }
    }
    return result
  }

  static func read(_ path: String) -> Outcome {
    var outcome = Outcome()
    do {
      let workbook = try Workbook(path: path)
      for sheet in workbook.sheets where sheet.kind != .chartsheet {
        let reader = try workbook.cells(of: sheet)
        while try reader.next() != nil { outcome.cells += 1 }
      }
    } catch let error as OOXMLError {
      outcome.refusal = error
    } catch {
      Issue.record("\(path): not an OOXMLError: \(error)")
    }
    return outcome
  }

  @Test(.timeLimit(.minutes(30)))
  func everyFileIsReadOrRefusedAsExpected() throws {
    let files = try CorpusSweep.files()
    let expected = try Self.expectations()
    if !CorpusSweep.isFiltered { #expect(files.count >= 290, "the corpus should hold about 295 files") }
    var read = 0
    var refusedByCategory: [String: Int] = [:]
    for file in files {
      let path = SharedFolder.corpus.appendingPathComponent(file).path
      let again = CorpusSweep.reproduce(file, test: "CorpusTests")
      let outcome = Self.read(path)
      if let refusal = outcome.refusal {
        let category = "\(refusal.category)"
        refusedByCategory[category, default: 0] += 1
        #expect(expected[file] == category, "\(file): refused as \(category): \(refusal); \(again)")
        #expect(!refusal.description.contains("\n"), "\(file): the error is not one line")
        #expect(refusal.description.hasPrefix(path), "\(file): the error does not name the file")
      } else {
        read += 1
        #expect(expected[file] == nil, "\(file): read \(outcome.cells) cells, but expected \(expected[file] ?? ""); \(again)")
      }
    }
    let listedButAbsent = CorpusSweep.isFiltered ? [] : Set(expected.keys).subtracting(files)
    #expect(listedButAbsent.isEmpty, "expectations name files not in the corpus: \(listedButAbsent.sorted())")
    print("corpus: \(files.count) files, \(read) read, \(files.count - read) refused \(refusedByCategory.sorted { $0.key < $1.key })")
  }
}
