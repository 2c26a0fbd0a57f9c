import CivilDate
import Foundation
import Ledger
import Testing
import TestSupport
import Wording

@testable import Documents

/// The documents' parts that read or compute on their own: the fingerprint, the message,
/// the templates and the logo an assistant gives (untrusted), the pages.
@Suite struct DocumentsTests {
  @Test func theFingerprintIsSHA256() throws {
    #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    // Lengths around the padding's edges, against sha256sum.
    var random = SplitMix64(state: 14)
    for length in [55, 56, 63, 64, 65, 119, 120, 1000, 65_537] {
      let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
      let file = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-sha-\(UUID().uuidString)")
      try Data(bytes).write(to: file)
      defer { try? FileManager.default.removeItem(at: file) }
      let expected = try Subprocess.run("/usr/bin/sha256sum", [file.path]).stdout.prefix(64)
      #expect(SHA256.hex(bytes) == String(expected), "seed 14, length \(length)")
    }
  }

  @Test func onlyThisMachineIsSpokenToWithoutTLS() {
    for (url, loopback) in [
      ("smtp://127.0.0.1:25", true), ("smtp://localhost:2525", true), ("smtp://[::1]:25", true),
      ("smtp://127.mail.example.com:587", false), ("smtp://mail.example.com:587", false), ("smtp://127.0.0.1.example.com", false),
    ] {
      #expect(SMTPSender(url: url, user: nil, password: nil).isLoopback == loopback, "\(url)")
    }
  }

  @Test func anAddressIsSplitOnLineBreaksAndSpacedSlashesOnly() {
    #expect(BusinessIdentity.addressLines("12/14 rue de la Paix / 75002 Paris") == ["12/14 rue de la Paix", "75002 Paris"])
    #expect(BusinessIdentity.addressLines("Bât. B\r\n3 place Bellecour\n\n69002 Lyon") == ["Bât. B", "3 place Bellecour", "69002 Lyon"])
    #expect(DocumentArchive.safeName("../..") == "_.." && DocumentArchive.safeName(".cache") == "cache" && DocumentArchive.safeName("..") == "_")
    #expect(DocumentArchive.safeName(String(repeating: "é", count: 300)).utf8.count <= 200)
  }

  @Test func headersInUTF8AreEncodedWordsOfAtMost75Characters() {
    #expect(MailMessage.encodedWord("Relance") == "Relance")
    let long = String(repeating: "Relevé de compte — Boulangerie Lefèvre ", count: 4)
    let encoded = MailMessage.encodedWord(long)
    let words = encoded.components(separatedBy: "\r\n ")
    #expect(words.count > 1 && words.allSatisfy { $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") && $0.count <= 75 }, "\(words)")
    let decoded = words.map { String(decoding: Data(base64Encoded: String($0.dropFirst(10).dropLast(2)))!, as: UTF8.self) }.joined()
    #expect(decoded == long, "no character cut between two words")
    #expect(MailMessage.extendedValue("Café « Le Zinc ».pdf") == "UTF-8''Caf%C3%A9%20%C2%AB%20Le%20Zinc%20%C2%BB.pdf")
  }

  /// An assistant's template is untrusted: random cuts and flips of the built-in ones are
  /// rendered or refused with the template's name, never a crash.
  @Test func aDamagedTemplateIsRefusedWithItsName() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-templates-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let templates = DocumentTemplates(folder: folder.path)
    var random = SplitMix64(state: 2024)
    let values: [String: Any] = ["salutation": "Madame, Monsieur", "several": true, "total_due": "1 200,00 €"]
    for round in 0..<300 {
      var bytes = Array(try DocumentTemplates.builtIn("letter-3.fr").utf8)
      switch round % 3 {
      case 0: bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &random)))
      case 1: for _ in 0..<4 { bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random) }
      default: bytes.insert(contentsOf: Array("{{#x}}{{{".utf8), at: Int.random(in: 0..<bytes.count, using: &random))
      }
      try Data(bytes).write(to: folder.appendingPathComponent("letter-3.fr.mustache"))
      do {
        _ = try templates.paragraphs("letter-3.fr", values)
      } catch let error as DocumentError {
        guard case .template(let name, _) = error else { Issue.record("seed 2024, round \(round): \(error)"); continue }
        #expect(name.hasSuffix("letter-3.fr.mustache"), "seed 2024, round \(round): \(name)")
      }
    }
  }

  @Test func aLogoThatIsNotAPNGIsRefused() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-logo-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let png = folder.appendingPathComponent("logo.png")
    // A 1 × 1 PNG, then cut short: its signature is right, its data is not.
    let valid = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")!
    try valid.write(to: png)
    let writer = try PDFWriter(width: 100, height: 100, title: "t", author: "a", day: Day(year: 2024, month: 1, day: 1)!)
    try writer.image(png: try #require(try DocumentFrame.logo(at: png.path)), x: 0, y: 0, width: 10, height: 10)
    for cut in [8, 20, 40, valid.count - 10] {
      try valid.prefix(cut).write(to: png)
      #expect(throws: DocumentError.self, "cut at \(cut)") {
        let bytes = try #require(try DocumentFrame.logo(at: png.path))
        try writer.image(png: bytes, x: 0, y: 0, width: 10, height: 10)
      }
    }
    try Data("not a png".utf8).write(to: png)
    #expect(throws: DocumentError.self) { _ = try DocumentFrame.logo(at: png.path) }
    #expect(throws: DocumentError.self) { _ = try DocumentFrame.logo(at: folder.appendingPathComponent("absent.png").path) }
  }

  /// A long table makes pages, each with its number; the same blocks make the same bytes.
  @Test func aLongTableMakesNumberedPagesAndTheSameBytesEachTime() throws {
    let words = DocumentWords(language: .french)
    let rows = (1...120).map { ["FA-\($0)", words.amount(Cents(Int64($0) * 1234))] }
    let table = Table(columns: [.init(title: "Facture", share: 1), .init(title: "Montant", share: 1, alignment: .right)], rows: rows)
    var identity = BusinessIdentity()
    identity.name = "Dumont"
    let frame = DocumentFrame(identity: identity, recipient: ("Client", []), title: "Essai", day: Day(year: 2024, month: 12, day: 2)!, words: words)
    let one = try frame.render([.table(table)])
    let two = try frame.render([.table(table)])
    #expect(one == two)
    let text = String(decoding: one, as: UTF8.self)
    #expect(text.matches(of: /\/Type\s*\/Page[^s]/).count >= 3)
    #expect(text.contains("/CreationDate (20241202000000Z)") || text.contains("/CreationDate (D:20241202000000"), "the creation date is the document's day")
  }
}
