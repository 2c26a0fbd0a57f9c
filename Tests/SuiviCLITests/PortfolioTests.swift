import Foundation
import Testing

import TestSupport

/// An assistant's portfolio: three businesses of one workspace, two trackers each. The
/// day's agenda is checked line by line, `sync --all` syncs them all, a tracker is refused
/// by the wrong business, and the dashboard is rendered by headless Chromium.
@Suite(.serialized) struct PortfolioTests {
  let home: URL
  /// The day of the agenda.
  static let day = "2025-03-10"

  init() throws {
    home = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-portfolio-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
  }

  @discardableResult
  func suivi(_ arguments: String..., language: String = "C", expect status: Int32? = 0) throws -> Subprocess.Result {
    let result = try Subprocess.run(Subprocess.suivi, arguments, environment: ["SUIVI_HOME": home.path, "LANG": language])
    if let status { #expect(result.status == status, "suivi \(arguments.joined(separator: " ")): \(result.status)\n\(result.stdout)\(result.stderr)") }
    #expect(!result.stderr.contains("untranslated"), "\(result.stderr)")
    return result
  }

  /// A tracker as a business keeps it (written by XlsxWriter, not by Suivi): number, date,
  /// client, status, TTC, due date, notes.
  func tracker(_ name: String, _ rows: [(String, String, String, String, Double, String)]) throws -> String {
    let path = home.appendingPathComponent("\(name).xlsx").path
    let data = rows.map { "[\"\($0.0)\",\"\($0.1)\",\"\($0.2)\",\"\($0.3)\",\($0.4),\"\($0.5)\"]" }.joined(separator: ",")
    let script = """
      import datetime, sys, xlsxwriter
      wb = xlsxwriter.Workbook(sys.argv[1])
      ws = wb.add_worksheet("Factures")
      date = wb.add_format({"num_format": "dd/mm/yyyy"})
      for c, h in enumerate(["N° de facture", "Date", "Client", "État", "Montant TTC", "Échéance", "Notes"]):
          ws.write(0, c, h)
      for r, (n, d, client, state, ttc, due) in enumerate([\(data)], start=1):
          ws.write_string(r, 0, n)
          ws.write_datetime(r, 1, datetime.datetime.fromisoformat(d), date)
          ws.write_string(r, 2, client)
          ws.write_string(r, 3, state)
          ws.write_number(r, 4, ttc)
          ws.write_datetime(r, 5, datetime.datetime.fromisoformat(due), date)
      wb.close()
      """
    let made = try Subprocess.run(Subprocess.python, ["-c", script, path])
    try #require(made.status == 0, "\(made.stderr)")
    return path
  }

  /// The portfolio as of ``day``, before its agenda.
  func portfolio() throws -> (martinB: String, renaudB: String) {
    // Plomberie Martin: Mme Leroy owes two overdue invoices on its two trackers; a row says
    // partly paid without the amount (a conflict).
    let martinA = try tracker(
      "martin-a", [("PM-A-01", "2025-01-02", "Mme Leroy", "En attente", 600, "2025-02-01"), ("PM-A-02", "2025-03-01", "M. Petit", "En attente", 240, "2025-03-31")])
    let martinB = try tracker(
      "martin-b", [("PM-B-01", "2025-01-15", "Mme Leroy", "En attente", 300, "2025-02-14"), ("PM-B-02", "2025-01-20", "M. Petit", "Partiellement réglée", 500, "2025-04-20")])
    try suivi("business", "add", "Plomberie Martin", "--tracker", martinA, "--date", Self.day)
    try suivi("pull", martinB, "--business", "Plomberie Martin", "--date", Self.day, expect: 1)
    // Garage Renaud: Transports Vidal promised to pay by 1 March after a first reminder; the
    // second tracker is edited after its sync.
    let renaudA = try tracker("renaud-a", [("GR-A-01", "2024-12-01", "Transports Vidal", "En attente", 1200, "2024-12-31")])
    let renaudB = try tracker("renaud-b", [("GR-B-01", "2025-03-05", "Taxi Bleu", "En attente", 80, "2025-04-04")])
    try suivi("business", "add", "Garage Renaud", "--tracker", renaudA, "--date", Self.day)
    try suivi("pull", renaudB, "--business", "Garage Renaud", "--date", Self.day)
    try suivi(
      "remind", "record", "GR-A-01", "--level", "1", "--date", "2025-01-05", "--outcome", "promise", "--promised", "2025-03-01", "--business",
      "garage renaud")
    // Café du Port: nothing overdue; a draft submitted on 8 March counts as approved on the 10th.
    let portA = try tracker("port-a", [("CP-A-01", "2025-02-20", "Hôtel de la Plage", "En attente", 450, "2025-03-22")])
    let portB = try tracker("port-b", [("CP-B-01", "2025-03-01", "Restaurant Marin", "En attente", 90, "2025-03-31")])
    try suivi("business", "add", "Café du Port", "--tracker", portA, "--date", Self.day)
    try suivi("pull", portB, "--business", "Café du Port", "--date", Self.day)
    try suivi("client", "add", "Hôtel de la Plage", "--business", "Café du Port", expect: nil)
    try suivi(
      "invoice", "add", "--client", "Hôtel de la Plage", "--date", "2025-03-08", "--amount-ht", "100", "--number", "CP-A-02", "--needs-approval",
      "--business", "Café du Port")
    try suivi("invoice", "submit", "CP-A-02", "--date", "2025-03-08", "--business", "Café du Port")
    // The second tracker of Garage Renaud changes after its sync.
    try suivi("edit", renaudB, "--set", "G2=appelé le 6 mars")
    return (martinB, renaudB)
  }

  @Test(.needsShared) func theDaysAgendaAcrossThreeBusinessesInPriorityOrder() throws {
    let (_, renaudB) = try portfolio()
    let agenda = try suivi("today", "--date", Self.day).stdout
    let expected = """
      [Plomberie Martin] 1 open conflict(s) on PM-B-02 (their reminders are held back)
          → suivi conflicts --business 'Plomberie Martin'
      [Garage Renaud] \(renaudB) changed since its last sync
          → suivi sync \(renaudB) --business 'Garage Renaud'
      [Garage Renaud] Transports Vidal promised to pay GR-A-01 by 2025-03-01: 1200.00 still due
          → suivi invoice show GR-A-01 --business 'Garage Renaud'
      [Garage Renaud] Transports Vidal: level 2, reminder letter (registered) by registered letter, 1200.00 on GR-A-01
          → suivi remind statement 'Transports Vidal' --business 'Garage Renaud'
      [Plomberie Martin] Mme Leroy: level 1, friendly reminder by phone, 900.00 on PM-A-01, PM-B-01
          → suivi remind statement 'Mme Leroy' --business 'Plomberie Martin'
      [Café du Port] CP-A-02 of Hôtel de la Plage counts as approved on 2025-03-10 without an answer
          → suivi invoice send CP-A-02 --date 2025-03-10 --business 'Café du Port'

      """
    #expect(agenda == expected, "\(agenda)")
    // In French, the same agenda in French.
    let french = try suivi("today", "--date", Self.day, language: "fr_FR.UTF-8").stdout
    #expect(
      french.contains("[Garage Renaud] Transports Vidal a promis de régler GR-A-01 au plus tard le 01/03/2025 : reste dû 1\u{202F}200,00\u{A0}€"),
      "\(french)")
  }

  @Test(.needsShared) func syncAllSyncsEveryTrackerAndSaysWhereConflictsRemain() throws {
    let (martinB, renaudB) = try portfolio()
    let all = try suivi("sync", "--all", "--date", Self.day, expect: 1)
    let headers = all.stdout.split(separator: "\n").filter { $0.hasPrefix("== ") }
    #expect(headers.count == 6, "\(all.stdout)")
    #expect(all.stdout.contains("== Garage Renaud: \(renaudB)") && all.stdout.contains("== Plomberie Martin: \(martinB)"), "\(all.stdout)")
    // Garage Renaud's edit was taken; the agenda no longer says its tracker changed.
    #expect(!(try suivi("today", "--date", Self.day).stdout.contains("changed since its last sync")))
    // A tracker of one business refused by another, naming both, nothing written.
    let before = try Data(contentsOf: URL(fileURLWithPath: martinB))
    let refused = try suivi("pull", martinB, "--business", "Café du Port", expect: 55)
    #expect(refused.stderr.contains("Plomberie Martin") && refused.stderr.contains("Café du Port"), "\(refused.stderr)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: martinB)) == before)
  }

  @Test(.needsShared, .enabled(if: Chromium.path != nil, "headless Chromium (Debian chromium) is not installed: scripts/setup installs it"))
  func theDashboardIsOneSelfContainedPageChromiumRenders() throws {
    _ = try portfolio()
    let page = home.appendingPathComponent("tableau.html").path
    try suivi("dashboard", "--out", page, "--date", Self.day, language: "fr_FR.UTF-8")
    let html = try String(contentsOfFile: page, encoding: .utf8)
    // Self-contained: nothing to fetch, no script.
    #expect(!html.contains("http:") && !html.contains("https:") && !html.contains("<script") && !html.contains("src="), "the page fetches nothing")
    #expect(html.contains("<svg class=\"aged\"") && html.contains("<svg class=\"dso\""))
    // Chromium prints it; the text read back holds each business, its amount owed in
    // French, the reminders due and the conflict.
    let pdf = home.appendingPathComponent("tableau.pdf").path
    let printed = try Chromium.run(["--print-to-pdf=\(pdf)", "--no-pdf-header-footer", "file://\(page)"])
    try #require(printed.status == 0, "\(printed.stderr)")
    // (Spaces of every kind as one: a table's cell may wrap, and amounts keep their narrow
    // no-break spaces.)
    let text = try Subprocess.run("/usr/bin/pdftotext", [pdf, "-"]).stdout
      .replacing("\u{202F}", with: " ").replacing("\u{A0}", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    for name in ["Plomberie Martin", "Garage Renaud", "Café du Port"] { #expect(text.contains(name), "\(name) in\n\(text)") }
    #expect(text.contains("Tableau de bord") && text.contains("Balance âgée") && text.contains("Relances dues"), "\(text)")
    #expect(text.contains("Au 10/03/2025 : 3 580,00 € dus pour 3 entreprise(s)"), "\(text)")
    #expect(text.contains("Plomberie Martin Dû Échu DSO (90 jours) Relances dues 1 640,00 € 900,00 €"), "600 + 240 + 300 + 500 owed, 900 overdue: \(text)")
    #expect(text.contains("Transports Vidal") && text.contains("Mme Leroy"), "\(text)")
    // And a screenshot: a PNG of the page's width.
    let png = home.appendingPathComponent("tableau.png").path
    let shot = try Chromium.run(["--screenshot=\(png)", "--window-size=1000,1400", "file://\(page)"])
    try #require(shot.status == 0, "\(shot.stderr)")
    let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
    #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) && bytes.count > 20_000, "a PNG with something drawn (\(bytes.count) bytes)")
    let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
    #expect(width == 1000)
  }
}

/// Headless Chromium, as Debian installs it, with nothing from a network.
enum Chromium {
  static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

  static func run(_ arguments: [String]) throws -> Subprocess.Result {
    let profile = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-chromium-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: profile) }
    return try Subprocess.run(
      path!,
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--user-data-dir=\(profile)",
        "--host-resolver-rules=MAP * ~NOTFOUND", "--disable-background-networking",
      ] + arguments, timeout: 120)
  }
}
