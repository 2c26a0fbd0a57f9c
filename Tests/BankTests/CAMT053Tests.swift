import CivilDate
import Ledger
import Testing
import TestSupport

@testable import Bank

/// CAMT.053 as banks write it: a batch entry split by its transactions, the remittance
/// wherever it sits, the payer's name and IBAN, pending entries aside, the balances that must
/// add up, and hostile or damaged files refused.
@Suite struct CAMT053Tests {
  /// A booked entry (version 001.02 layout): `details` are its `TxDtls`, as XML.
  static func entry(_ cents: String, credit: Bool = true, day: String = "2024-12-02", reference: String, status: String = "<Sts>BOOK</Sts>",
    family: String = "RCDT", entryInformation: String? = nil, details: [String] = []) -> String {
    """
    <Ntry><NtryRef>\(reference)</NtryRef><Amt Ccy="EUR">\(cents)</Amt><CdtDbtInd>\(credit ? "CRDT" : "DBIT")</CdtDbtInd>\(status)
    <BookgDt><Dt>\(day)</Dt></BookgDt><ValDt><Dt>\(day)</Dt></ValDt><AcctSvcrRef>REF-\(reference)</AcctSvcrRef>
    <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>\(family)</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
    \(details.isEmpty ? "" : "<NtryDtls>" + details.joined() + "</NtryDtls>")
    \(entryInformation.map { "<AddtlNtryInf>\($0)</AddtlNtryInf>" } ?? "")
    </Ntry>
    """
  }

  static func transaction(_ cents: String?, payer: String? = nil, iban: String? = nil, remittance: String? = nil, information: String? = nil) -> String {
    """
    <TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>\(cents.map { "<AmtDtls><TxAmt><Amt Ccy=\"EUR\">\($0)</Amt></TxAmt></AmtDtls>" } ?? "")
    <RltdPties>\(payer.map { "<Dbtr><Nm>\($0)</Nm></Dbtr>" } ?? "")\(iban.map { "<DbtrAcct><Id><IBAN>\($0)</IBAN></Id></DbtrAcct>" } ?? "")</RltdPties>
    \(remittance.map { "<RmtInf><Ustrd>\($0)</Ustrd></RmtInf>" } ?? "")\(information.map { "<AddtlTxInf>\($0)</AddtlTxInf>" } ?? "")
    </TxDtls>
    """
  }

  static func document(opening: String = "1000.00", closing: String, entries: [String], version: String = "001.02") -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.\(version)"><BkToCstmrStmt>
    <GrpHdr><MsgId>M1</MsgId><CreDtTm>2024-12-03T06:00:00</CreDtTm></GrpHdr>
    <Stmt><Id>S1</Id><CreDtTm>2024-12-03T06:00:00</CreDtTm>
    <Acct><Id><IBAN>FR7630004000031234567890143</IBAN></Id><Ccy>EUR</Ccy></Acct>
    <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">\(opening)</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2024-12-01</Dt></Dt></Bal>
    <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">\(closing)</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2024-12-03</Dt></Dt></Bal>
    \(entries.joined(separator: "\n"))
    </Stmt></BkToCstmrStmt></Document>
    """
  }

  static let sample = document(
    closing: "2692.10",
    entries: [
      entry(
        "1200.00", reference: "E1",
        details: [transaction(nil, payer: "DUMONT ET FILS", iban: "FR76 1027 8060 0000 0201 2340 155", remittance: "FACTURE FA-240001")]),
      entry(
        "500.00", reference: "E2", entryInformation: "REMISE VIREMENTS GROUPES",
        details: [
          transaction("300.00", payer: "BOULANGERIE LEFEVRE", remittance: "FA-240002"),
          transaction("200.00", payer: "GARAGE RENAUD", information: "VIR GARAGE RENAUD ACOMPTE FA 240003"),
        ]),
      entry("7.90", credit: false, reference: "E3", family: "CHRG", entryInformation: "FRAIS TENUE DE COMPTE"),
      entry("99.00", reference: "E4", status: "<Sts>PDNG</Sts>", entryInformation: "EN ATTENTE"),
    ])

  @Test func aBatchEntryIsSplitByItsTransactions() throws {
    let statement = try #require(try CAMT053.parse(Array(Self.sample.utf8), file: "camt.xml").first)
    #expect(statement.account == "FR7630004000031234567890143" && statement.currency == "EUR")
    #expect(statement.movements.map(\.amount) == [Cents(120_000), Cents(30_000), Cents(20_000), Cents(-790)], "the pending entry is not booked")
    #expect(statement.imbalance == .zero)
    let first = statement.movements[0]
    #expect(first.payer == "DUMONT ET FILS" && first.payerIBAN == "FR7610278060000002012340155" && first.remittance == ["FACTURE FA-240001"])
    #expect(first.method == .virement && first.bookedOn == Day(year: 2024, month: 12, day: 2))
    #expect(statement.movements[1].payer == "BOULANGERIE LEFEVRE" && statement.movements[1].text.contains("FA-240002"))
    #expect(statement.movements[2].label == "VIR GARAGE RENAUD ACOMPTE FA 240003", "AddtlTxInf is the transaction's label")
    #expect(statement.movements[3].label == "FRAIS TENUE DE COMPTE", "AddtlNtryInf is the entry's label")
    // Each movement its own identity, the batch's by its rank: the same file again is the same.
    let identities = BankImport.identities(statement)
    #expect(Set(identities).count == 4 && identities[1].hasSuffix("REF-E2/1") && identities[2].hasSuffix("REF-E2/2"), "\(identities)")
  }

  @Test func aStatementOfVersion8AndItsRemittanceInTheEntry() throws {
    let entry = """
      <Ntry><Amt Ccy="EUR">96.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><DtTm>2024-12-02T10:00:00+01:00</DtTm></BookgDt>
      <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCHQ</Cd><SubFmlyCd>BCHQ</SubFmlyCd></Fmly></Domn></BkTxCd>
      <NtryDtls><TxDtls><RltdPties><Dbtr><Pty><Nm>CAFÉ DU PORT</Nm></Pty></Dbtr></RltdPties></TxDtls></NtryDtls>
      <AddtlNtryInf>REMISE CHEQUE FA-240005</AddtlNtryInf></Ntry>
      """
    let statement = try #require(try CAMT053.parse(Array(Self.document(opening: "0", closing: "96.00", entries: [entry], version: "001.08").utf8), file: "v8.xml").first)
    let movement = try #require(statement.movements.first)
    #expect(movement.payer == "CAFÉ DU PORT" && movement.label == "REMISE CHEQUE FA-240005" && movement.method == .cheque, "\(movement)")
    #expect(movement.fitid == nil && statement.imbalance == .zero)
  }

  @Test func aStatementThatDoesNotAddUpOrABatchThatDoesNotIsSaidWhere() throws {
    let unbalanced = try #require(try CAMT053.parse(Array(Self.document(closing: "1100.00", entries: [Self.entry("50.00", reference: "A")]).utf8), file: "u.xml").first)
    #expect(unbalanced.imbalance == Cents(5_000))
    let batch = Self.document(
      closing: "1100.00", entries: [Self.entry("100.00", reference: "B", details: [Self.transaction("60.00"), Self.transaction("30.00")])])
    #expect(throws: BankFileError.malformed(file: "b.xml", line: 8, reason: "an entry of \(Cents(10_000)) holds transactions adding up to \(Cents(9_000))")) {
      try CAMT053.parse(Array(batch.utf8), file: "b.xml")
    }
    let dollars = Self.sample.replacing("<Amt Ccy=\"EUR\">500.00", with: "<Amt Ccy=\"USD\">500.00")
    #expect(throws: BankFileError.self) { try CAMT053.parse(Array(dollars.utf8), file: "d.xml") }
    let noClosing = Self.sample.replacing("<Cd>CLBD</Cd>", with: "<Cd>CLAV</Cd>")
    #expect(throws: BankFileError.self) { try CAMT053.parse(Array(noClosing.utf8), file: "c.xml") }
  }

  @Test func aHostileOrBrokenFileIsRefusedNeverACrash() throws {
    let hostile = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaa\">]><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">&a;</Document>"
    #expect(throws: BankFileError.malformed(file: "h.xml", line: 1, reason: "refused: the file declares a DOCTYPE or an entity")) {
      try CAMT053.parse(Array(hostile.utf8), file: "h.xml")
    }
    #expect(throws: BankFileError.unknownFormat(file: "o.xml")) { try CAMT053.parse(Array("<Document xmlns=\"urn:other\"/>".utf8), file: "o.xml") }
    let bytes = Array(Self.sample.utf8)
    expectDamageRefused(bytes, seed: 53) { _ = try CAMT053.parse($0, file: "f") }
  }

  @Test func theImportRecognisesIt() throws {
    #expect(try BankImport.statements(Array(Self.sample.utf8), file: "x").first?.movements.count == 4)
  }
}
