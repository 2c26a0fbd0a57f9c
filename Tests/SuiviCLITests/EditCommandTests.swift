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
    FileManager.default.createFile(atPath: lock, contents: Data())
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
}
