import CivilDate
import Foundation
import Ledger
import Testing
import TestSupport

@testable import Bank

/// The CSV exports of French banks: their headers, separators, encodings and amounts.
@Suite struct BankCSVTests {
  static func latin1(_ text: String) -> [UInt8] { text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) } }

  @Test func debitAndCreditInTwoColumnsWithAJunkFirstLineInLatin1() throws {
    let text = "Compte courant n° 00012345678 ;;;\r\nDate;Libellé;Débit euros;Crédit euros\r\n02/12/2024;VIR SEPA DUMONT FACTURE FA-240001;;1 200,00\r\n03/12/2024;FRAIS TENUE DE COMPTE;7,90;\r\n\r\n"
    let statement = try #require(try BankCSV.parse(Self.latin1(text), file: "/tmp/releve.csv").first)
    #expect(statement.movements.map(\.amount) == [Cents(120_000), Cents(-790)])
    #expect(statement.movements[0].bookedOn == Day(year: 2024, month: 12, day: 2) && statement.movements[0].label.contains("FA-240001"))
    #expect(statement.movements[0].line == 3 && statement.account == "CSV")
  }

  @Test func oneSignedColumnCommaSeparatedUTF8WithABOM() throws {
    let text = "\u{FEFF}Date opération,Date valeur,Libellé,Montant\n2024-12-02,2024-12-02,\"VIR SEPA CAFÉ \"\"LE ZINC\"\"\",\"99,90\"\n2024-12-03,2024-12-03,PRLV EDF,\"-1.234,56\"\n"
    let statement = try #require(try BankCSV.parse(Array(text.utf8), file: "b.csv").first)
    #expect(statement.movements.map(\.amount) == [Cents(9_990), Cents(-123_456)])
    #expect(statement.movements[0].label == "VIR SEPA CAFÉ \"LE ZINC\"")
  }

  /// The account's own columns first (its number, its name: « Intitulé du compte » is not the
  /// movement's label), then « Montant », « Date d'opération », « Libellé d'opération ».
  @Test func headersWithTheAccountsColumnsAndLabelsOfTheOperation() throws {
    let text = "Numéro de compte;Intitulé du compte;Code devise;Montant;Date d'opération;Date de valeur;Numéro de chèque;Libellé d'opération\r\n"
      + "00012345678;COMPTE COURANT;EUR;290,60;12/11/2026;12/11/2026;;VIR SEPA DUPONT ELEC FA-260002\r\n"
    let statement = try #require(try BankCSV.parse(Self.latin1(text), file: "fid.csv").first)
    #expect(statement.movements.map(\.amount) == [Cents(29_060)])
    #expect(statement.movements[0].label == "VIR SEPA DUPONT ELEC FA-260002" && statement.movements[0].bookedOn == Day(year: 2026, month: 11, day: 12))
  }

  @Test func columnsGivenWhenTheHeadersSayNothing() throws {
    let text = "a;b;c;d\n02/12/24;x;VIR DUMONT;1200,00\n"
    #expect(throws: BankFileError.self) { try BankCSV.parse(Array(text.utf8), file: "c.csv") }
    let statement = try #require(try BankCSV.parse(Array(text.utf8), file: "c.csv", profile: .init(columns: BankCSV.mapping("date=1,label=c,amount=4"))).first)
    #expect(statement.movements.first?.amount == Cents(120_000) && statement.movements.first?.bookedOn == Day(year: 2024, month: 12, day: 2))
    #expect(throws: LedgerError.self) { try BankCSV.mapping("when=1") }
  }

  @Test func aBanksProfileReadsWhatItsHeadersAloneDoNotSay() throws {
    // Boursorama's headers are English words run together: not found without its profile.
    let text = """
      dateOp;dateVal;label;category;categoryParent;supplierFound;amount;comment;accountNum;accountLabel;accountbalance
      2024-12-02;2024-12-02;"VIR SEPA DUMONT ET FILS";"Virements reçus";"Virements";"dumont et fils";"1 200,00";;00040123456;"BOURSORAMA BANQUE";2 392,10
      2024-12-03;2024-12-03;"CARTE 02/12/24 STATION";"Carburant";"Auto";"station";-45,10;;00040123456;"BOURSORAMA BANQUE";2 347,00

      """
    #expect(throws: BankFileError.self) { try BankCSV.parse(Array(text.utf8), file: "export.csv") }
    let profile = try BankCSV.Profile.named("Boursorama") { _ in nil }
    let statement = try #require(try BankCSV.parse(Array(text.utf8), file: "export.csv", profile: profile).first)
    #expect(statement.movements.map(\.amount) == [Cents(120_000), Cents(-4_510)])
    #expect(statement.movements[0].payer == "dumont et fils" && statement.movements[0].label == "VIR SEPA DUMONT ET FILS")
    // Every built-in profile reads.
    for name in BankCSV.Profile.builtIn.keys { #expect(throws: Never.self) { try BankCSV.Profile.named(name) { _ in nil } } }
    // An assistant's own, for a bank that writes no header: columns by number, lines skipped.
    let own = try BankCSV.Profile.rules("# ma banque\nseparator ;\nskip 2\nheader none\ncolumns date=1,amount=2,label=5\naccount Compte pro", source: "ma-banque.rules")
    let headless = "Compte 123\nExport du 03/12/2024\n02/12/2024;300,00;Virement;;VIR BOULANGERIE LEFEVRE\n"
    let read = try #require(try BankImport.statements(Array(headless.utf8), file: "h.csv", profile: own).first)
    #expect(read.account == "Compte pro" && read.movements.count == 1 && read.movements[0].amount == Cents(30_000), "\(read)")
    // A profile's bad line says where.
    let error = #expect(throws: BankFileError.self) { try BankCSV.Profile.rules("separator ;\nskipp 2", source: "p.rules") }
    #expect(error?.description == "p.rules: line 2: 'skipp' is not a directive (separator, skip, header, columns, account)")
    #expect(throws: LedgerError.self) { try BankCSV.Profile.named("banque-inconnue") { _ in nil } }
  }

  @Test func twoOverlappingExportsOfDifferentNamesAreOneAccount() throws {
    let first = try #require(try BankCSV.parse(Array("Date;Libellé;Montant\n02/12/2024;VIR A;10,00\n".utf8), file: "/tmp/export (1).csv").first)
    let second = try #require(try BankCSV.parse(Array("Date;Libellé;Montant\n02/12/2024;VIR A;10,00\n03/12/2024;VIR B;5,00\n".utf8), file: "/tmp/export-2.csv").first)
    #expect(BankImport.identities(first)[0] == BankImport.identities(second)[0])
  }

  @Test func aBadCellSaysItsLineAndDamageNeverCrashes() throws {
    let text = "Date;Libellé;Montant\n02/12/2024;VIR;12x\n"
    let error = #expect(throws: BankFileError.self) { try BankCSV.parse(Array(text.utf8), file: "d.csv") }
    #expect(error?.description == "d.csv: line 2: '12x' is not an amount")
    let bytes = Array("Date;Libellé;Débit;Crédit\n02/12/2024;VIR DUMONT;;1 200,00\n03/12/2024;FRAIS;7,90;\n".utf8)
    expectDamageRefused(bytes, seed: 59) { _ = try BankCSV.parse($0, file: "f") }
  }
}
