import Foundation
import Testing

@testable import SheetSync
import TestSupport

/// A tracker exported as CSV, as programs write it (and as they damage it): the fault run's
/// findings F-D6, F-D7, F-U2 and F-H3, each read right or refused naming its line.
@Suite struct CSVTrackerTests {
  static let header = "N° de facture;Date d'émission;Client;Montant TTC"

  static func lines(_ count: Int) -> [String] {
    [header] + (1...count).map { "FA-2400\(String(format: "%02d", $0));0\($0 % 9 + 1)/11/2024;Client \($0);\(100 + $0),00" }
  }

  func read(_ text: String) throws -> TrackerTable { try TrackerTable.readCSV(Array(text.utf8), file: "export.csv") }

  func clients(_ table: TrackerTable) -> [String] { table.rows.compactMap { $0.values.text(.client) } }

  /// F-D7 (b): Excel for Mac's "CSV (Macintosh)" ends lines with a lone CR: adopted nothing.
  @Test func aCSVWithCROnlyLineEndingsReadsEveryRow() throws {
    let table = try read(Self.lines(49).joined(separator: "\r") + "\r")
    #expect(table.rows.count == 49)
    #expect(clients(try read(Self.lines(3).joined(separator: "\r\n"))) == ["Client 1", "Client 2", "Client 3"])
  }

  /// F-D7 (a): an unbalanced quote before a client's name swallowed the next lines into one
  /// field; 5 rows vanished without a word.
  @Test func anUnbalancedQuoteIsRefusedNamingItsLine() throws {
    var lines = Self.lines(50)
    lines[5] = lines[5].replacingOccurrences(of: ";Client 5", with: ";\"Client 5")
    lines[11] = lines[11].replacingOccurrences(of: ";Client 11", with: ";Client \"11\"")
    #expect {
      try read(lines.joined(separator: "\n"))
    } throws: { error in
      "\(error)".contains("line 6") && "\(error)".contains("unbalanced quote")
    }
    // A note over two lines, quoted, is one field.
    var noted = Self.lines(3)
    noted[2] = noted[2].replacingOccurrences(of: ";Client 2", with: ";\"Client 2\nservice compta\"")
    #expect(clients(try read(noted.joined(separator: "\n"))) == ["Client 1", "Client 2 service compta", "Client 3"])
  }

  /// F-D6: a NUL byte in a field cut the rest of it (`Café « Le Zinc »` became `Caf`).
  @Test func aNULByteInAFieldNeitherCutsItNorIsKept() throws {
    let table = try read(Self.header + "\nFA-240001;02/11/2024;Caf\u{0}é « Le Zinc »;120,00\n")
    #expect(clients(table) == ["Café « Le Zinc »"])
  }

  /// F-U2: a CSV in UTF-16 (Excel's "Unicode text", tabs, with its byte-order mark) was
  /// "no header row"; bytes no encoding reads are said as such, with their line.
  @Test func aUTF16CSVReadsAndUndecodableBytesAreNamed() throws {
    let text = Self.lines(3).map { $0.replacingOccurrences(of: ";", with: "\t") }.joined(separator: "\r\n")
    var utf16: [UInt8] = [0xFF, 0xFE]
    for unit in text.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    #expect(clients(try TrackerTable.readCSV(utf16, file: "unicode.txt")) == ["Client 1", "Client 2", "Client 3"])
    var latin = Array((Self.header + "\nFA-240001;02/11/2024;Caf").utf8)
    latin += [0xE9, 0x81] + Array(";120,00\n".utf8)
    #expect {
      try TrackerTable.readCSV(latin, file: "odd.csv")
    } throws: { error in
      "\(error)".contains("line 2") && "\(error)".contains("0x81")
    }
  }

  /// F-H3: a 100 MB one-line CSV took 147 s and 2 GB before "no header row". A field longer
  /// than a cell can hold is refused as soon as it is read.
  @Test func aFieldLongerThanACellIsRefusedAtOnce() throws {
    let long = Self.header + "\nFA-240001;02/11/2024;" + String(repeating: "x", count: 40_000) + ";120,00\n"
    #expect {
      try read(long)
    } throws: { error in
      "\(error)".contains("line 2") && "\(error)".contains("32767")
    }
  }

  /// Every truncation of a CSV export reads or is refused with a one-line reason; it never
  /// crashes (seeded).
  @Test func everyTruncationOrCorruptionOfAnExportReadsOrIsRefused() throws {
    let bytes = Array(Self.lines(20).joined(separator: "\r\n").utf8)
    var random = SplitMix64(state: 37)
    for cut in stride(from: 0, to: bytes.count, by: 7) {
      _ = try? TrackerTable.readCSV(Array(bytes[..<cut]), file: "cut.csv")
    }
    for round in 0..<300 {
      var damaged = bytes
      for _ in 0..<(1 + random.below(4)) { damaged[random.below(damaged.count)] = UInt8(truncatingIfNeeded: random.next()) }
      do {
        _ = try TrackerTable.readCSV(damaged, file: "damaged.csv")
      } catch let error as TrackerError {
        #expect(!"\(error)".contains("\n"), "seed 37, round \(round): \(error)")
      }
    }
  }
}
