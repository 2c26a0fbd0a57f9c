import Foundation
import Testing

@testable import OOXML
import TestSupport

@Suite struct ZipArchiveTests {
  @Test func readsEntriesInOrder() throws {
    let path = ZipFixture.temporaryPath("plain.zip")
    try ZipFixture.write([("a.xml", "<a/>"), ("dir\\b.xml", "<b/>")], to: path)
    let archive = try ZipArchive(path: path)
    #expect(archive.entries.map(\.name) == ["a.xml", "dir\\b.xml"])
    let entry = try #require(archive.entry(named: "/DIR/b.xml"))
    #expect(try archive.contents(of: entry) == Array("<b/>".utf8))
  }

  @Test func aMissingFileCannotBeOpened() {
    #expect(throws: OOXMLError.self) { try ZipArchive(path: "/nonexistent/book.xlsx") }
    do {
      _ = try ZipArchive(path: "/nonexistent/book.xlsx")
    } catch let error as OOXMLError {
      #expect(error.category == .cannotOpen)
    } catch {}
  }

  @Test(arguments: ["/etc/passwd", "../evil.xml", "xl/../../evil.xml", "C:/evil.xml", "xl\\..\\..\\evil.xml"])
  func absoluteAndClimbingNamesAreRefused(name: String) throws {
    let path = ZipFixture.temporaryPath("names.zip")
    try ZipFixture.write([("ok.xml", "<a/>"), (name, "<a/>")], to: path)
    #expect(throws: OOXMLError.unsafeArchive(file: path, entry: name, reason: "an absolute or '..' entry name")) {
      try ZipArchive(path: path)
    }
  }

  @Test func duplicateNamesAreRefused() throws {
    let path = ZipFixture.temporaryPath("dup.zip")
    try ZipFixture.write([("xl/sheet1.xml", "<a/>"), ("xl/sheetX.xml", "<b/>")], to: path)
    try ZipFixture.patch(path, replacing: Array("sheetX".utf8), with: Array("sheet1".utf8))
    #expect { try ZipArchive(path: path) } throws: { ($0 as? OOXMLError)?.category == .unsafeArchive }
  }

  @Test func namesDifferingOnlyInCaseAreDuplicates() throws {
    let path = ZipFixture.temporaryPath("case.zip")
    try ZipFixture.write([("xl/Sheet1.xml", "<a/>"), ("xl/sheet1.xml", "<b/>")], to: path)
    #expect { try ZipArchive(path: path) } throws: { ($0 as? OOXMLError)?.category == .unsafeArchive }
  }

  @Test func aZipBombIsStoppedWhileInflating() throws {
    let path = ZipFixture.temporaryPath("bomb.zip")
    try ZipFixture.write([("bomb.xml", [UInt8](repeating: 0x20, count: 40 << 20))], to: path)
    let archive = try ZipArchive(path: path)
    let entry = try #require(archive.entry(named: "bomb.xml"))
    #expect(entry.compressedSize < 1 << 20)
    #expect { try archive.contents(of: entry) } throws: { error in
      guard case let .unsafeArchive(_, name, reason) = error as? OOXMLError else { return false }
      return name == "bomb.xml" && reason.description.contains("times its compressed size")
    }
  }

  @Test func theSizeCapHoldsEvenWhenTheRatioIsModest() throws {
    let path = ZipFixture.temporaryPath("big.zip")
    try ZipFixture.write([("big.xml", [UInt8](repeating: 0x41, count: 3 << 20))], to: path, stored: true)
    let limits = ZipLimits(maxEntrySize: 1 << 20, maxTotalSize: 8 << 20, maxRatio: 500, ratioFloor: 16 << 20, maxEntries: 10)
    let archive = try ZipArchive(path: path, limits: limits)
    #expect { try archive.contents(of: archive.entries[0]) } throws: { ($0 as? OOXMLError)?.category == .unsafeArchive }
  }

  @Test func aHeaderThatUnderstatesTheSizeIsCaught() throws {
    let path = ZipFixture.temporaryPath("liar.zip")
    let payload = [UInt8](repeating: 0x42, count: 0x1234_56)
    try ZipFixture.write([("liar.xml", payload)], to: path)
    // Rewrite the declared uncompressed size (0x123456, little-endian) to 0x000056.
    try ZipFixture.patch(path, replacing: [0x56, 0x34, 0x12, 0x00], with: [0x56, 0x00, 0x00, 0x00])
    #expect {
      let archive = try ZipArchive(path: path)
      _ = try archive.contents(of: archive.entries[0])
    } throws: { error in
      guard let error = error as? OOXMLError else { return false }
      return error.category == .corruptArchive || error.category == .unsafeArchive
    }
  }

  @Test(arguments: [0.99, 0.9, 0.5, 0.1])
  func aTruncatedArchiveIsDamaged(fraction: Double) throws {
    let path = ZipFixture.temporaryPath("whole.zip")
    try ZipFixture.write([("a.xml", String(repeating: "<row/>", count: 5000)), ("b.xml", "<b/>")], to: path)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    let truncated = ZipFixture.temporaryPath("truncated.zip")
    try bytes.prefix(Int(Double(bytes.count) * fraction)).write(to: URL(fileURLWithPath: truncated))
    #expect {
      let archive = try ZipArchive(path: truncated)
      for entry in archive.entries { _ = try archive.contents(of: entry) }
    } throws: { ($0 as? OOXMLError)?.category == .corruptArchive }
  }

  @Test func aCorruptedEntryFailsItsCRC() throws {
    let path = ZipFixture.temporaryPath("crc.zip")
    try ZipFixture.write([("a.xml", Array("<a>hello world, hello world</a>".utf8))], to: path, stored: true)
    try ZipFixture.patch(path, replacing: Array("hello world, hello".utf8), with: Array("HELLO world, hello".utf8))
    let archive = try ZipArchive(path: path)
    #expect { try archive.contents(of: archive.entries[0]) } throws: { error in
      guard case let .corruptArchive(_, entry, reason) = error as? OOXMLError else { return false }
      return entry == "a.xml" && reason.description.contains("crc")
    }
  }
}
