import Foundation
import Testing

import TestSupport

/// A bank statement taken in, in French, end to end: certain payments applied with the
/// bank's day and method, a proposal accepted, nothing twice, a returned payment undone, and
/// the tracker showing it all after a push.
@Suite(.serialized) struct BankCommandTests {
  let base: FrenchLedger
  var folder: URL { base.folder }

  init() throws { base = try FrenchLedger("bank") }

  @discardableResult
  func suivi(_ arguments: String..., expect status: Int32? = 0, sourceLocation: SourceLocation = #_sourceLocation) throws -> Subprocess.Result {
    try base.suivi(arguments, expect: status, sourceLocation: sourceLocation)
  }

  static func statement(day: String, opening: Int64, movements: [(cents: Int64, label: String, payer: String?, remittance: String?)]) -> String {
    CFONBFixture.statement(day: day, opening: opening, movements: movements)
  }

  func write(_ text: String, _ name: String) throws -> String {
    let path = folder.appendingPathComponent(name).path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  func ledger() throws -> String {
    try suivi("init")
    for client in ["Dumont & Fils SARL", "Boulangerie Lefèvre", "Garage Renaud", "Café du Port"] { try suivi("client", "add", client) }
    for (client, day, ht) in [
      ("Dumont & Fils SARL", "2024-10-01", "1000"), ("Boulangerie Lefèvre", "2024-10-05", "250"), ("Garage Renaud", "2024-10-10", "400"),
      ("Garage Renaud", "2024-10-12", "300"), ("Café du Port", "2024-10-15", "80"),
    ] {
      try suivi("invoice", "add", "--client", client, "--date", day, "--amount-ht", ht)
    }
    // FA-240001 1 200 (Dumont), FA-240002 300 (Lefèvre), FA-240003 480 + FA-240004 360 (Renaud), FA-240005 96 (Café).
    let tracker = folder.appendingPathComponent("suivi.xlsx").path
    try suivi("template", tracker, "--from-ledger", "--date", "2024-12-01")
    try suivi("pull", tracker, "--date", "2024-12-01")
    return tracker
  }

  @Test func aStatementImportedAppliesThePaymentsItCanAndProposesTheRest() throws {
    let tracker = try ledger()
    let file = try write(
      Self.statement(
        day: "021224", opening: 100_000,
        movements: [
          (120_000, "VIR SEPA DUMONT", "DUMONT ET FILS", "FACTURE FA-240001"),
          (30_000, "VIR SEPA BOULANGERIE LEFEVRE", nil, nil),
          (84_000, "VIR GARAGE RENAUD SARL", nil, nil),
          (9_600, "VIR CAFE DU PORTT", nil, nil),
          (-790, "COMMISSION D INTERVENTION", nil, nil),
        ]), "releve-0212.txt")
    let dry = try suivi("bank", "import", file, "--date", "2024-12-02", "--dry-run")
    #expect(dry.stdout.contains("simulation") && dry.stdout.contains("serait imputé") && !dry.stdout.contains("(paiement"), "\(dry.stdout)")
    #expect(try suivi("bank", "list", "--json").stdout == "[]\n", "a dry run records nothing")
    let imported = try suivi("bank", "import", file, "--date", "2024-12-02", "--json")
    let report = try #require(try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [String: Any])
    let applied = try #require(report["applied"] as? [[String: Any]])
    #expect(applied.count == 3, "\(imported.stdout)")
    #expect((report["proposed"] as? [[String: Any]])?.count == 1 && report["ignored"] as? Int == 1, "\(imported.stdout)")
    // Each payment with the bank's day and its method.
    let payments = try suivi("payment", "list", "--json").stdout
    #expect(payments.contains("\"date\":\"2024-12-02\"") && payments.contains("\"method\":\"virement\""), "\(payments)")
    for number in ["FA-240001", "FA-240002", "FA-240003", "FA-240004"] {
      #expect(try suivi("invoice", "show", number, "--date", "2024-12-02", "--json").stdout.contains("\"status\":\"reglee\""), "\(number)")
    }
    // The proposal (a typo in the name), accepted.
    // The day's agenda puts the credit left to reconcile before any reminder.
    let today = try suivi("today", "--date", "2024-12-02").stdout
    #expect(today.contains("1 encaissement(s) bancaire(s) de 96,00\u{A0}€ à rapprocher avant toute relance") && today.contains("suivi bank review"), "\(today)")
    if let bank = today.range(of: "à rapprocher"), let reminder = today.range(of: "niveau") { #expect(bank.lowerBound < reminder.lowerBound, "\(today)") }
    let review = try suivi("bank", "review").stdout
    #expect(review.contains("Café du Port") && review.contains("FA-240005"), "\(review)")
    let proposal = try #require(((report["proposed"] as? [[String: Any]])?.first?["movement"]) as? Int)
    try suivi("bank", "review", String(proposal), "--accept", "1")
    #expect(try suivi("invoice", "show", "FA-240005", "--date", "2024-12-02", "--json").stdout.contains("\"status\":\"reglee\""))
    // The same statement again: nothing twice.
    let again = try suivi("bank", "import", file, "--date", "2024-12-03", "--json").stdout
    #expect(again.contains("\"duplicates\":5") && again.contains("\"applied\":[]"), "\(again)")
    // The tracker shows it after a push.
    try suivi("push", tracker, "--date", "2024-12-03")
    let cells = try Subprocess.run(
      Subprocess.python, ["-c", "import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1]).active; print([[c.value for c in r] for r in ws.iter_rows(min_row=2, max_row=6)])", tracker])
    #expect(cells.stdout.components(separatedBy: "Réglée").count - 1 == 5, "\(cells.stdout)")
  }

  @Test func aReturnedPaymentIsUndoneAndABadStatementIsRefused() throws {
    _ = try ledger()
    let first = try write(Self.statement(day: "021224", opening: 0, movements: [(120_000, "VIR DUMONT FA-240001", nil, nil)]), "a.txt")
    try suivi("bank", "import", first, "--date", "2024-12-02")
    // The bank returns it: its payment is cancelled, the invoice owed again.
    let second = try write(Self.statement(day: "051224", opening: 120_000, movements: [(-120_000, "REJET VIR DUMONT", nil, nil)]), "b.txt")
    let reversal = try suivi("bank", "import", second, "--date", "2024-12-05")
    #expect(reversal.stdout.contains("annulé"), "\(reversal.stdout)")
    #expect(try suivi("invoice", "show", "FA-240001", "--date", "2024-12-05", "--json").stdout.contains("\"balance\":\"1200.00\""))
    // A statement that does not add up: refused with the difference, nothing imported.
    let broken = Self.statement(day: "061224", opening: 0, movements: [(30_000, "VIR BOULANGERIE LEFEVRE", nil, nil)])
    let lines = broken.components(separatedBy: "\r\n")
    let last = lines[lines.count - 2]
    let fixed = String(last.prefix(90)) + CFONBFixture.amount(31_000) + String(last.dropFirst(104))
    let refused = try suivi("bank", "import", try write(lines.dropLast(2).joined(separator: "\r\n") + "\r\n" + fixed + "\r\n", "c.txt"), expect: 63)
    #expect(refused.stderr.contains("ne tombe pas juste") && refused.stderr.contains("10,00\u{A0}€"), "\(refused.stderr)")
    // An applied payment undone by hand.
    let third = try write(Self.statement(day: "071224", opening: 0, movements: [(30_000, "VIR FACTURE FA-240002", nil, nil)]), "d.txt")
    let applied = try #require(try JSONSerialization.jsonObject(with: Data(try suivi("bank", "import", third, "--date", "2024-12-07", "--json").stdout.utf8)) as? [String: Any])
    let movement = try #require(((applied["applied"] as? [[String: Any]])?.first?["movement"]) as? Int)
    try suivi("bank", "undo", String(movement))
    #expect(try suivi("invoice", "show", "FA-240002", "--date", "2024-12-07", "--json").stdout.contains("\"balance\":\"300.00\""))
    #expect(try suivi("bank", "import", try write("not a statement", "e.txt"), expect: 63).stderr.contains("pas un relevé bancaire"))
    // Undone twice, or dismissed once applied: refused, the movement's state said in French.
    let twice = try suivi("bank", "undo", String(movement), expect: 33).stderr
    #expect(twice.contains("n'a pas de règlement à annuler (il est non rapproché)"), "\(twice)")
    try suivi("bank", "import", try write(Self.statement(day: "081224", opening: 0, movements: [(48_000, "VIR FACTURE FA-240003", nil, nil)]), "f.txt"), "--date", "2024-12-08")
    let listed = try suivi("bank", "list", "--json").stdout
    let all = try #require(try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]])
    let settled = try #require(all.first { ($0["label"] as? String) == "VIR FACTURE FA-240003" }?["movement"] as? Int, "\(listed)")
    let dismissed = try suivi("bank", "review", String(settled), "--dismiss", expect: 33).stderr
    #expect(dismissed.contains("n'attend pas de revue (il est imputé)"), "\(dismissed)")
  }

  /// A credit with no proposal is offered only what can be done with it: an invoice assigned by
  /// hand, or dismissed; never « accept proposal 1 ».
  @Test func aCreditWithNothingProposedIsNotOfferedAProposal() throws {
    _ = try ledger()
    let file = try write(Self.statement(day: "021224", opening: 0, movements: [(4_321, "VIR INCONNU SA", nil, nil), (9_600, "VIR CAFE DU PORTT", nil, nil)]), "a.txt")
    try suivi("bank", "import", file, "--date", "2024-12-02")
    let review = try suivi("bank", "review").stdout
    let lines = review.split(separator: "\n").map(String.init)
    let unknown = try #require(lines.firstIndex { $0.contains("VIR INCONNU SA") }, "\(review)")
    let typo = try #require(lines.firstIndex { $0.contains("VIR CAFE DU PORTT") }, "\(review)")
    #expect(lines[unknown + 1].hasSuffix("--assign FACTURE | --dismiss") && !lines[unknown + 1].contains("--accept"), "\(review)")
    #expect(lines[typo...].contains { $0.hasSuffix("--accept 1 | --assign FACTURE | --dismiss") }, "\(review)")
  }

  /// A CAMT.053 statement of one credit from `iban`.
  static func camt(day: String, opening: String, amount: String, closing: String, payer: String, iban: String, remittance: String?) -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt>
    <Acct><Id><IBAN>FR7630004000031234567890143</IBAN></Id><Ccy>EUR</Ccy></Acct>
    <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">\(opening)</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>\(day)</Dt></Dt></Bal>
    <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">\(closing)</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>\(day)</Dt></Dt></Bal>
    <Ntry><Amt Ccy="EUR">\(amount)</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>\(day)</Dt></BookgDt><AcctSvcrRef>\(day)-1</AcctSvcrRef>
    <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
    <NtryDtls><TxDtls><RltdPties><Dbtr><Nm>\(payer)</Nm></Dbtr><DbtrAcct><Id><IBAN>\(iban)</IBAN></Id></DbtrAcct></RltdPties>
    \(remittance.map { "<RmtInf><Ustrd>\($0)</Ustrd></RmtInf>" } ?? "")</TxDtls></NtryDtls><AddtlNtryInf>VIR SEPA RECU</AddtlNtryInf></Ntry>
    </Stmt></BkToCstmrStmt></Document>
    """
  }

  @Test func aCAMTStatementTeachesThePayersIBANAndTheNextPaymentFromItIsCertain() throws {
    _ = try ledger()
    let iban = "FR7610278060000002012340155"
    let first = try write(
      Self.camt(day: "2024-12-02", opening: "0", amount: "480.00", closing: "480.00", payer: "GARAGE RENAUD", iban: iban, remittance: "FACTURE FA-240003"),
      "camt-1.xml")
    let one = try suivi("bank", "import", first, "--date", "2024-12-02", "--json").stdout
    #expect(one.contains("FA-240003") && one.contains("\"proposed\":[]"), "\(one)")
    // The next from the same IBAN, under a name nothing like the client's and with no number:
    // the one balance of Garage Renaud it settles, applied.
    let second = try write(
      Self.camt(day: "2024-12-09", opening: "480.00", amount: "360.00", closing: "840.00", payer: "SAS G.R.A. HOLDING", iban: iban, remittance: nil),
      "camt-2.xml")
    let two = try suivi("bank", "import", second, "--date", "2024-12-09", "--json").stdout
    #expect(two.contains("FA-240004") && two.contains("\"proposed\":[]"), "\(two)")
    #expect(try suivi("invoice", "show", "FA-240004", "--date", "2024-12-09", "--json").stdout.contains("\"status\":\"reglee\""))
    #expect(try suivi("bank", "import", second, "--date", "2024-12-10", "--json").stdout.contains("\"duplicates\":1"))
  }
}
