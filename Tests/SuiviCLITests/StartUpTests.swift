import Foundation
import Testing

import TestSupport

/// What every command pays before it starts: the libraries loaded with the program. Cairo,
/// Pango and libcurl are loaded only when a document is made or sent.
@Suite struct StartUpTests {
  /// The shared libraries the dynamic loader maps when `arguments` run (glibc's LD_DEBUG).
  static func loaded(_ arguments: [String], environment: [String: String] = [:]) throws -> Set<String> {
    let result = try Subprocess.run(Subprocess.suivi, arguments, environment: environment.merging(["LD_DEBUG": "files"]) { $1 })
    var names: Set<String> = []
    for line in result.stderr.split(separator: "\n") {
      guard let range = line.range(of: "file=") else { continue }
      let name = line[range.upperBound...].prefix { $0 != " " && $0 != ";" && $0 != "[" }
      names.insert(String(name.split(separator: "/").last ?? name))
    }
    return names
  }

  static func documentLibraries(_ names: Set<String>) -> [String] {
    names.filter { $0.hasPrefix("libcairo") || $0.hasPrefix("libpango") || $0.hasPrefix("libcurl") }.sorted()
  }

  @Test func aCommandThatMakesNoDocumentLoadsNeitherCairoNorPangoNorCurl() throws {
    let names = try Self.loaded(["--version"])
    #expect(names.contains { $0.hasPrefix("libxml2") }, "LD_DEBUG reported the libraries: \(names.sorted())")
    #expect(Self.documentLibraries(names).isEmpty, "\(Self.documentLibraries(names))")
  }

  @Test func aLetterLoadsThemAndIsMade() throws {
    let ledger = try FrenchLedger("startup")
    try ledger.suivi(["init"])
    try ledger.suivi(["client", "add", "Garage Renaud", "--address", "3 rue du Port, 56100 Lorient"])
    try ledger.suivi(["invoice", "add", "--client", "Garage Renaud", "--date", "2024-09-01", "--amount-ht", "400"])
    try ledger.suivi(["config", "set", "business.name", "Dumont & Fils SARL"])
    try ledger.suivi(["config", "set", "business.address", "12 rue de la République / 69002 Lyon"])
    let out = ledger.folder.appendingPathComponent("lettres").path
    let names = try Self.loaded(["letter", "Garage Renaud", "--level", "1", "--date", "2024-12-02", "--out", out, "--ledger", ledger.ledger])
    #expect(Self.documentLibraries(names).contains("libcairo.so.2") && Self.documentLibraries(names).contains("libpangocairo-1.0.so.0"), "\(names.sorted())")
    let made = try FileManager.default.contentsOfDirectory(atPath: out)
    #expect(made.contains { $0.hasSuffix(".pdf") }, "\(made)")
  }
}
