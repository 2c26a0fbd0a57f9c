import Foundation
import Testing

import TestSupport

/// `suivi edit`, run as a script would.
@Suite struct EditCommandTests {
  @Test func setsCellsAppendsARowAndKeepsABackup() throws {
    let path = try InspectCommandTests.tracker.write("edit.xlsx")
    let result = try Subprocess.suivi(
      "edit", path, "--set", "A2=FA-240009", "--set-number", "C2=750.5", "--set-date", "B2=2024-12-01",
      "--append-row", "FA-240010,2024-12-02,100,Dumont\\, fils", "--json")
    #expect(result.status == 0, "\(result.stderr)")
    let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let backup = try #require(report["backup"] as? String)
    #expect(FileManager.default.fileExists(atPath: backup))
    let inspected = try Subprocess.suivi("inspect", path, "--json")
    for fragment in [
      "{\"ref\":\"A2\",\"type\":\"string\",\"value\":\"FA-240009\"}", "{\"ref\":\"C2\",\"type\":\"number\",\"value\":750.5}",
      "{\"ref\":\"B2\",\"type\":\"date\",\"value\":\"2024-12-01\"}", "{\"ref\":\"A3\",\"type\":\"string\",\"value\":\"FA-240010\"}",
      "{\"ref\":\"D3\",\"type\":\"string\",\"value\":\"Dumont, fils\"}",
    ] {
      #expect(inspected.stdout.contains(fragment), "\(fragment) missing")
    }
  }

  @Test func aLockedWorkbookExitsWith75AndIsNotTouched() throws {
    let path = try InspectCommandTests.tracker.write("locked.xlsx")
    let url = URL(fileURLWithPath: path)
    let lock = url.deletingLastPathComponent().appendingPathComponent(".~lock.\(url.lastPathComponent)#").path
    #expect(FileManager.default.createFile(atPath: lock, contents: Data()))
    defer { try? FileManager.default.removeItem(atPath: lock) }
    let before = try Data(contentsOf: url)
    let result = try Subprocess.suivi("edit", path, "--set", "A2=x")
    #expect(result.status == 75)
    #expect(result.stderr.hasPrefix("suivi: error: \(path): try again later"))
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(try Data(contentsOf: url) == before)
  }

  @Test func badArgumentsAreUsageErrors() throws {
    let path = try InspectCommandTests.tracker.write("usage.xlsx")
    for arguments in [["edit", path], ["edit", path, "--set", "nocell"], ["edit", path, "--set-number", "A1=abc"], ["edit", path, "--set-date", "A1=2024-02-30"]] {
      #expect(try Subprocess.run(Subprocess.suivi, arguments).status == 64, "\(arguments)")
    }
  }

  @Test func editsComeFromAFileToo() throws {
    let path = try InspectCommandTests.tracker.write("edits.xlsx")
    let edits = path + ".tsv"
    try "# relances\nset\tA2=FA-240011\nset-number\tC2=99.5\n\nnote\tA2=Relance 1 le 02/12\nappend-row\tFA-240012,2024-12-02,100\n"
      .write(toFile: edits, atomically: true, encoding: .utf8)
    let result = try Subprocess.suivi("edit", path, "--edits", edits, "--out", path + ".out.xlsx")
    #expect(result.status == 0, "\(result.stderr)")
    let inspected = try Subprocess.suivi("inspect", path + ".out.xlsx", "--json")
    for fragment in ["\"value\":\"FA-240011\"", "\"value\":99.5", "\"value\":\"FA-240012\""] {
      #expect(inspected.stdout.contains(fragment), "\(fragment) missing")
    }
  }

  @Test func aBadEditsFileNamesItsLineAndWritesNothing() throws {
    let path = try InspectCommandTests.tracker.write("bad-edits.xlsx")
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    let edits = path + ".tsv"
    try "set\tA2=ok\nset-date\tB2=2024-13-01\n".write(toFile: edits, atomically: true, encoding: .utf8)
    let result = try Subprocess.suivi("edit", path, "--edits", edits)
    #expect(result.status == 64)
    #expect(result.stderr == "suivi: error: \(edits):2: --set-date B2=2024-13-01: '2024-13-01' is not a date YYYY-MM-DD\n")
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    let missing = try Subprocess.suivi("edit", path, "--edits", path + ".nope")
    #expect(missing.status == 19)
    #expect(missing.stderr.split(separator: "\n").count == 1)
  }
}
