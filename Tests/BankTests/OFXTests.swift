import CivilDate
import Foundation
import Ledger
import Testing
import TestSupport

@testable import Bank

/// OFX as French banks export it: SGML 1.x with tags left open and a Windows-1252 header, or
/// XML 2.x; the FITID identifying each movement.
@Suite struct OFXTests {
  static let sgml = """
    OFXHEADER:100
    DATA:OFXSGML
    VERSION:102
    SECURITY:NONE
    ENCODING:USASCII
    CHARSET:1252
    COMPRESSION:NONE
    OLDFILEUID:NONE
    NEWFILEUID:NONE

    <OFX>
    <SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20241203<LANGUAGE>FRA</SONRS></SIGNONMSGSRSV1>
    <BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>
    <STMTRS><CURDEF>EUR
    <BANKACCTFROM><BANKID>10278<BRANCHID>08000<ACCTID>00012345678<ACCTTYPE>CHECKING</BANKACCTFROM>
    <BANKTRANLIST><DTSTART>20241201<DTEND>20241203
    <STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20241202<TRNAMT>1200,00<FITID>ABC123<NAME>VIR SEPA DUMONT<MEMO>FACTURE FA-240001</STMTTRN>
    <STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20241202<TRNAMT>1200,00<FITID>ABC124<NAME>VIR SEPA DUMONT<MEMO>FACTURE FA-240002</STMTTRN>
    <STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20241203<TRNAMT>-7,90<FITID>ABC125<NAME>FRAIS \u{C9}CH\u{C9}ANCE
    </BANKTRANLIST>
    <LEDGERBAL><BALAMT>3392,10<DTASOF>20241203</LEDGERBAL>
    </STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>
    """

  static func windows1252(_ text: String) -> [UInt8] { text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) } }

  @Test func anSGMLStatementInWindows1252() throws {
    let statements = try OFX.parse(Self.windows1252(Self.sgml), file: "releve.ofx")
    let statement = try #require(statements.first)
    #expect(statement.account == "10278 08000 00012345678" && statement.currency == "EUR")
    #expect(statement.movements.map(\.amount) == [Cents(120_000), Cents(120_000), Cents(-790)])
    #expect(statement.movements.map(\.fitid) == ["ABC123", "ABC124", "ABC125"])
    #expect(statement.movements[0].text.contains("FA-240001") && statement.movements[2].label == "FRAIS ÉCHÉANCE", "\(statement.movements[2].label)")
    #expect(statement.closing.amount == Cents(339_210) && statement.closing.day == Day(year: 2024, month: 12, day: 3))
    #expect(statement.imbalance == .zero)
  }

  @Test func anXMLStatementWithoutAnEncodingHeader() throws {
    let xml = """
      <?xml version="1.0"?><?OFX OFXHEADER="200" VERSION="220"?>
      <OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR</CURDEF>
      <BANKACCTFROM><BANKID>30004</BANKID><ACCTID>123</ACCTID></BANKACCTFROM><BANKTRANLIST>
      <STMTTRN><TRNTYPE>CREDIT</TRNTYPE><DTPOSTED>20241202120000.000[+1:CET]</DTPOSTED><TRNAMT>350.00</TRNAMT><FITID>X1</FITID><NAME>REMISE CHEQUE L&amp;F</NAME></STMTTRN>
      </BANKTRANLIST><LEDGERBAL><BALAMT>350.00</BALAMT><DTASOF>20241202</DTASOF></LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>
      """
    let statement = try #require(try OFX.parse(Array(xml.utf8), file: "b.ofx").first)
    #expect(statement.movements.first?.label == "REMISE CHEQUE L&F" && statement.movements.first?.amount == Cents(35_000))
    #expect(BankImport.identities(statement) == ["fitid|30004 123|X1"])
  }

  @Test func aHostileOrBrokenFileIsRefusedNeverACrash() throws {
    #expect(throws: BankFileError.self) { try OFX.parse(Array("<!DOCTYPE x [<!ENTITY a 'b'>]><OFX>".utf8), file: "h.ofx") }
    let bytes = Self.windows1252(Self.sgml)
    expectDamageRefused(bytes, seed: 1252) { _ = try OFX.parse($0, file: "f") }
  }
}
