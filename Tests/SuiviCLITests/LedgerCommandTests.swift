import Foundation
import Testing

import TestSupport

/// The ledger commands, run as a script would: the built `suivi` binary on a ledger in
/// a temporary folder.
@Suite struct LedgerCommandTests {
  let folder: LedgerFolder
  var ledger: String { folder.ledger }

  init() throws { folder = try LedgerFolder() }

  @discardableResult
  func suivi(_ arguments: String...) throws -> Subprocess.Result { try folder.run(arguments) }

  func json(_ result: Subprocess.Result) throws -> Any {
    #expect(result.status == 0, "\(result.stderr)")
    return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
  }

  /// The seed's tracker: FA-240001 to FA-240003, FA-240002 paid by transfer.
  func seedTracker() throws {
    #expect(try suivi("init").status == 0)
    #expect(try suivi("client", "add", "Mr Boulo", "--consumer").status == 0)
    #expect(try suivi("client", "add", "Art company", "--email", "compta@art.example").status == 0)
    #expect(try suivi("client", "add", "Dumont & co", "--terms", "45", "--end-of-month").status == 0)
    for (client, date, amount, service) in [
      ("Mr Boulo", "2024-11-02", "500.00", "Saisie de donnée"), ("Art company", "2024-11-10", "350,00", "Envoi de colis"),
      ("Dumont & co", "2024-11-17", "625", "Standard téléphonique"),
    ] {
      let vat = client == "Dumont & co" ? "20" : "0"
      let result = try suivi("invoice", "add", "--client", client, "--date", date, "--amount-ht", amount, "--vat", vat, "--service", service)
      #expect(result.status == 0, "\(result.stderr)")
    }
    let payment = try suivi("payment", "add", "--amount", "350.00", "--date", "2024-11-15", "--method", "virement", "--invoice", "FA-240002", "--reference", "VIR 42")
    #expect(payment.status == 0, "\(payment.stderr)")
  }

  @Test func invoiceShowJSONHasTheDocumentedFields() throws {
    try seedTracker()
    #expect(try suivi("payment", "add", "--amount", "120.50", "--date", "2024-11-20", "--method", "chèque", "--client", "Mr Boulo").status == 0)
    let invoice = try #require(try json(try suivi("invoice", "show", "FA-240001", "--date", "2024-12-10", "--json")) as? [String: Any])
    #expect(invoice["number"] as? String == "FA-240001")
    #expect(invoice["client"] as? String == "Mr Boulo")
    #expect(invoice["ttc"] as? String == "500.00")
    #expect(invoice["paid"] as? String == "120.50")
    #expect(invoice["balance"] as? String == "379.50")
    #expect(invoice["due"] as? String == "2024-12-02")
    #expect(invoice["status"] as? String == "a_relancer")
    #expect(invoice["days_late"] as? Int == 8)
    let dumont = try #require(try json(try suivi("invoice", "show", "FA-240003", "--json", "--date", "2024-12-10")) as? [String: Any])
    #expect(dumont["ttc"] as? String == "750.00")
    #expect(dumont["due"] as? String == "2025-01-31")
    #expect(dumont["status"] as? String == "en_attente")
  }

  @Test func reportJSONHasOwedAgedAndDSO() throws {
    try seedTracker()
    let report = try #require(try json(try suivi("report", "--date", "2024-12-10", "--json")) as? [String: Any])
    #expect(report["owed"] as? String == "1250.00")
    let aged = try #require(report["aged"] as? [String: String])
    #expect(aged == ["not_due": "750.00", "days_1_30": "500.00", "days_31_60": "0.00", "days_61_90": "0.00", "days_over_90": "0.00"])
    #expect((report["dso"] as? NSNumber)?.doubleValue == 70.3)
    #expect(report["collected"] as? String == "350.00")
    #expect((report["clients"] as? [Any])?.count == 2)
    let text = try suivi("report", "--date", "2024-12-10")
    #expect(text.stdout.contains("owed 1250.00"))
  }

  @Test func remindListsTodaysActionsAndRecordsThem() throws {
    try seedTracker()
    let actions = try #require(try json(try suivi("remind", "--date", "2024-12-10", "--json")) as? [[String: Any]])
    #expect(actions.map { $0["number"] as? String } == ["FA-240001"])
    #expect(actions.first?["amount_due"] as? String == "500.00")
    #expect(actions.first?["days_late"] as? Int == 8)
    #expect(actions.first?["channel"] as? String == "phone")
    let record = try suivi("remind", "record", "FA-240001", "--level", "1", "--channel", "téléphone", "--date", "2024-12-10", "--note", "Promesse de paiement")
    #expect(record.status == 0, "\(record.stderr)")
    let twice = try suivi("remind", "record", "FA-240001", "--level", "1", "--channel", "phone", "--date", "2024-12-26")
    #expect(twice.status == 35)
    let withinTerms = try suivi("remind", "record", "FA-240003", "--level", "1", "--channel", "phone", "--date", "2024-12-10")
    #expect(withinTerms.status == 35)
    #expect(withinTerms.stderr.contains("within its terms"))
    // Level 3 shows the L441-10 penalty.
    #expect(try suivi("remind", "record", "FA-240001", "--level", "2", "--channel", "lrar", "--date", "2024-12-26").status == 0)
    let third = try #require(try json(try suivi("remind", "--date", "2025-01-10", "--json")) as? [[String: Any]]).first { $0["number"] as? String == "FA-240001" }
    #expect(third?["level"] as? Int == 3)
    // A consumer: no L441-10 penalty, no indemnity; legal interest runs from the mise en
    // demeure (C. civ. 1231-6), which this step is.
    #expect(third?["penalty"] as? String == "0.00")
    #expect(third?["penalty_basis"] as? String == "1231-6")
    #expect(third?["indemnity"] is NSNull)
  }

  @Test func listsAsJSON() throws {
    try seedTracker()
    let clients = try #require(try json(try suivi("client", "list", "--json")) as? [[String: Any]])
    #expect(clients.map { $0["name"] as? String } == ["Art company", "Dumont & co", "Mr Boulo"])
    let invoices = try #require(try json(try suivi("invoice", "list", "--date", "2024-12-10", "--json")) as? [[String: Any]])
    #expect(invoices.map { $0["status"] as? String } == ["a_relancer", "reglee", "en_attente"])
    let late = try #require(try json(try suivi("invoice", "list", "--date", "2024-12-10", "--status", "À relancer", "--json")) as? [[String: Any]])
    #expect(late.count == 1)
    let payments = try #require(try json(try suivi("payment", "list", "--json")) as? [[String: Any]])
    #expect(payments.first?["amount"] as? String == "350.00")
    #expect(payments.first?["reference"] as? String == "VIR 42")
  }

  @Test(arguments: [
    (["payment", "add", "--amount", "10", "--date", "2024-12-01", "--method", "virement", "--client", "Nobody"], Int32(23)),
    (["invoice", "show", "FA-249999"], 24),
    (["client", "add", "mr boulo"], 25),
    (["payment", "add", "--amount", "10.001", "--date", "2024-12-01", "--method", "virement", "--client", "Mr Boulo"], 26),
    (["payment", "add", "--amount", "0", "--date", "2024-12-01", "--method", "virement", "--client", "Mr Boulo"], 27),
    (["payment", "add", "--amount", "-5", "--date", "2024-12-01", "--method", "virement", "--client", "Mr Boulo"], 27),
    (["invoice", "add", "--client", "Mr Boulo", "--date", "2024-02-30", "--amount-ht", "10"], 28),
    (["invoice", "add", "--client", "Mr Boulo", "--date", "2024-12-01", "--amount-ht", "10", "--number", "FA-2401"], 29),
    (["invoice", "add", "--client", "Mr Boulo", "--date", "2024-12-01", "--amount-ht", "10", "--number", "FA-240002"], 30),
    (["payment", "add", "--amount", "501", "--date", "2024-12-01", "--method", "virement", "--client", "Mr Boulo"], 31),
    (["payment", "add", "--amount", "350", "--date", "2024-11-15", "--method", "virement", "--client", "Art company", "--reference", "VIR 42", "--credit"], 32),
    (["payment", "add", "--amount", "10", "--date", "2024-12-01", "--method", "bitcoin", "--client", "Mr Boulo"], 33),
    (["invoice", "void", "FA-240002"], 34),
  ] as [([String], Int32)])
  func badInputGetsOneLineADistinctStatusAndWritesNothing(arguments: [String], status: Int32) throws {
    try seedTracker()
    let before = try suivi("invoice", "list", "--json", "--date", "2025-01-01").stdout + (try suivi("payment", "list", "--json")).stdout
    let result = try Subprocess.run(Subprocess.suivi, arguments + ["--ledger", ledger])
    #expect(result.status == status, "\(arguments): \(result.stderr)")
    #expect(result.stderr.hasPrefix("suivi: error: "))
    #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    #expect(result.stdout.isEmpty)
    let after = try suivi("invoice", "list", "--json", "--date", "2025-01-01").stdout + (try suivi("payment", "list", "--json")).stdout
    #expect(after == before)
  }

  @Test func aMissingLedgerIsAClearError() throws {
    let result = try suivi("client", "list")
    #expect(result.status == 21)
    #expect(result.stderr.contains("suivi init"))
    #expect(!FileManager.default.fileExists(atPath: ledger))
  }

  @Test func theLedgerPathComesFromTheEnvironment() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Subprocess.suivi)
    process.arguments = ["init"]
    process.environment = ["SUIVI_LEDGER": ledger]
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(FileManager.default.fileExists(atPath: ledger))
  }

  @Test func overpaymentWithCreditAndNextNumber() throws {
    try seedTracker()
    let receipt = try #require(
      try json(try suivi("payment", "add", "--amount", "600", "--date", "2024-12-01", "--method", "cb", "--client", "Mr Boulo", "--credit", "--json")) as? [String: Any])
    #expect(receipt["credit"] as? String == "100.00")
    let next = try suivi("invoice", "next", "--date", "2024-12-20")
    #expect(next.stdout == "FA-240004\n")
  }
}
