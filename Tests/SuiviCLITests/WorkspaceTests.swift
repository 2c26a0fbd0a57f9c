import Foundation
import Testing

import TestSupport

@testable import SuiviCLI

/// Many businesses in one workspace ($SUIVI_HOME): each its folder and ledger, found by
/// `--business` (letter case and accents aside, with "did you mean") or by the folder a
/// command runs in; a tracker bound to one business refused by another, naming both.
@Suite struct WorkspaceTests {
  let home: URL

  init() throws {
    home = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-workspace-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
  }

  @discardableResult
  func suivi(_ first: String, _ rest: [String]) throws -> Subprocess.Result {
    try Subprocess.run(Subprocess.suivi, [first] + rest, environment: ["SUIVI_HOME": home.path])
  }

  @discardableResult
  func suivi(_ arguments: String..., in folder: URL? = nil) throws -> Subprocess.Result {
    guard let folder else { return try Subprocess.run(Subprocess.suivi, arguments, environment: ["SUIVI_HOME": home.path]) }
    let quoted = ([Subprocess.suivi] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
    return try Subprocess.run("/bin/sh", ["-c", "cd '\(folder.path)' && exec \(quoted)"], environment: ["SUIVI_HOME": home.path])
  }

  @Test func eachBusinessHasItsLedgerFoundByNameOrByItsFolder() throws {
    #expect(try suivi("business", "add", "Plomberie Martin").status == 0)
    #expect(try suivi("business", "add", "Garage Renaud").status == 0)
    #expect(try suivi("business", "add", "PLOMBERIE  martin").status == 57)
    #expect(try suivi("client", "add", "Mme Leroy", "--business", "plomberie martin").status == 0)
    #expect(try suivi("invoice", "add", "--client", "Mme Leroy", "--date", "02/11/2024", "--amount-ht", "500", "--business", "Plomberie Martin").status == 0)
    // The other business's ledger knows nothing of it.
    #expect(try suivi("invoice", "show", "FA-240001", "--business", "Garage Renaud").status == 24)
    let unknown = try suivi("invoice", "list", "--business", "Plomberie Martn")
    #expect(unknown.status == 56 && unknown.stderr.contains("did you mean \"Plomberie Martin\""), "\(unknown.stderr)")
    // Inside the business's folder (or below), its ledger.
    let trackers = home.appendingPathComponent("businesses/plomberie-martin/trackers")
    let listed = try suivi("invoice", "list", "--json", in: trackers)
    #expect(listed.status == 0 && listed.stdout.contains("FA-240001"), "\(listed.stderr)")
    let businesses = try #require(try JSONSerialization.jsonObject(with: Data(try suivi("business", "list", "--json", "--date", "2024-12-31").stdout.utf8)) as? [[String: Any]])
    #expect(businesses.map { $0["name"] as? String } == ["Garage Renaud", "Plomberie Martin"])
    #expect(businesses.last?["owed"] as? String == "600.00")
    #expect(try suivi("invoice", "list", "--ledger", "x.sqlite", "--business", "Garage Renaud").status == 64)
    // Outside every business's folder, with none named: which business, not `suivi init`.
    let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-elsewhere-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
    for (command, argument) in [("invoice", "list"), ("sync", "suivi.xlsx")] {
      let lost = try suivi(command, argument, in: elsewhere)
      let named = lost.stderr.contains("--business \"Garage Renaud\", \"Plomberie Martin\"") && !lost.stderr.contains("suivi init")
      #expect(lost.status == 21 && named, "\(command): \(lost.stderr)")
    }
  }

  @Test func aTrackerBoundToOneBusinessIsRefusedByAnother() throws {
    let tracker = home.appendingPathComponent("suivi-martin.xlsx").path
    #expect(try suivi("template", tracker, "--company", "Plomberie Martin").status == 0)
    #expect(try suivi("business", "add", "Plomberie Martin", "--tracker", tracker).status == 0)
    #expect(try suivi("business", "add", "Garage Renaud").status == 0)
    let before = try Data(contentsOf: URL(fileURLWithPath: tracker))
    let refused = try suivi("pull", tracker, "--business", "Garage Renaud")
    #expect(refused.status == 55, "\(refused.stderr)")
    #expect(refused.stderr.contains("Plomberie Martin") && refused.stderr.contains("Garage Renaud"), "\(refused.stderr)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: tracker)) == before)
    #expect(try suivi("business", "add", "Atelier Roux", "--tracker", tracker).status == 55)
    #expect(try suivi("business", "show", "Atelier Roux").status == 56)  // not added
    #expect(try suivi("pull", tracker, "--business", "Plomberie Martin").status == 0)
  }

  /// `sync --all`: every tracker of every business, one report each; a tracker that cannot
  /// be read is said with its status, and the others are synced all the same.
  @Test func syncAllSyncsEveryBusinesssTrackers() throws {
    var trackers: [String] = []
    for name in ["Plomberie Martin", "Garage Renaud"] {
      let tracker = home.appendingPathComponent("\(Workspace.slug(name)).xlsx").path
      #expect(try suivi("template", tracker, "--company", name).status == 0)
      #expect(try suivi("business", "add", name, "--tracker", tracker).status == 0)
      trackers.append(tracker)
    }
    let all = try suivi("sync", "--all", "--date", "2024-12-31")
    #expect(all.status == 0, "\(all.stderr)")
    #expect(all.stdout.contains("== Garage Renaud: ") && all.stdout.contains("== Plomberie Martin: "), "\(all.stdout)")
    try FileManager.default.removeItem(atPath: trackers[1])
    let partial = try suivi("sync", "--all", "--date", "2024-12-31")
    #expect(partial.status == 19, "\(partial.stderr)")
    #expect(partial.stdout.contains("== Plomberie Martin: "), "the other business was not synced")
    #expect(try suivi("sync", "--all", trackers[0]).status == 64)
  }

  /// `suivi today`: the day's agenda across every business, in priority order, each line
  /// with the command that does it.
  @Test func theDaysAgendaCoversEveryBusinessInPriorityOrder() throws {
    let tracker = home.appendingPathComponent("martin.xlsx").path
    #expect(try suivi("template", tracker, "--company", "Plomberie Martin").status == 0)
    #expect(try suivi("business", "add", "Plomberie Martin", "--tracker", tracker, "--date", "2024-12-01").status == 0)
    #expect(try suivi("business", "add", "Garage Renaud").status == 0)
    for arguments in [
      ["client", "add", "Mme Leroy", "--business", "Plomberie Martin"],
      ["invoice", "add", "--client", "Mme Leroy", "--date", "01/10/2024", "--amount-ht", "500", "--business", "Plomberie Martin"],
      ["client", "add", "Boulangerie Lefèvre", "--business", "Garage Renaud"],
      ["invoice", "add", "--client", "Boulangerie Lefèvre", "--date", "02/10/2024", "--amount-ht", "100", "--business", "Garage Renaud"],
      ["remind", "record", "FA-240001", "--level", "1", "--date", "2024-11-05", "--outcome", "promise", "--promised", "2024-11-30", "--business", "Garage Renaud"],
      ["invoice", "add", "--client", "Boulangerie Lefèvre", "--date", "10/12/2024", "--amount-ht", "200", "--needs-approval", "--business", "Garage Renaud"],
      ["invoice", "submit", "FA-240002", "--date", "10/12/2024", "--business", "Garage Renaud"],
    ] {
      let result = try suivi(arguments[0], Array(arguments.dropFirst()))
      #expect(result.status == 0, "\(arguments): \(result.stderr)")
    }
    // The tracker is edited by hand after its last sync.
    #expect(try suivi("edit", tracker, "--set", "B3=note").status == 0)
    let today = try suivi("today", "--date", "2024-12-11", "--json")
    #expect(today.status == 0, "\(today.stderr)")
    let items = try #require(try JSONSerialization.jsonObject(with: Data(today.stdout.utf8)) as? [[String: Any]])
    let kinds = items.map { "\($0["business"] as? String ?? "-"): \($0["kind"] as? String ?? "")" }
    #expect(
      kinds == [
        "Plomberie Martin: tracker_changed", "Garage Renaud: promise_due", "Garage Renaud: reminder", "Plomberie Martin: reminder",
        "Garage Renaud: draft_ending",
      ], "\(kinds)")  // (the promise passed unkept: the reminders go on)
    #expect(items.contains { ($0["command"] as? String) == "suivi remind statement 'Mme Leroy' --business 'Plomberie Martin'" }, "\(items)")
    let text = try suivi("today", "--date", "2024-12-11")
    #expect(text.stdout.contains("[Garage Renaud] FA-240002 of Boulangerie Lefèvre counts as approved on 2024-12-12"), "\(text.stdout)")
  }
}
