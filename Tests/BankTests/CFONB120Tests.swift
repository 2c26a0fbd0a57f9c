import CivilDate
import Ledger
import Testing
import TestSupport

@testable import Bank

/// CFONB 120 as French banks write it, and as files arrive: each record's fields at their
/// positions, the sign in the amount's last character, the statements that must add up,
/// and the damage real files carry.
@Suite struct CFONB120Tests {
  static func record(_ fields: [(Int, String)]) -> String { CFONBFixture.record(fields) }
  static func amount(_ cents: Int64) -> String { CFONBFixture.amount(cents) }
  static func balance(_ code: String, day: String, cents: Int64) -> String { CFONBFixture.balance(code, day: day, cents: cents) }
  static func movement(day: String, cents: Int64, label: String, number: String = "0000001", reference: String = "", operation: String = "05") -> String {
    CFONBFixture.movement(day: day, cents: cents, label: label, number: number, reference: reference, operation: operation)
  }
  static func complement(_ qualifier: String, _ text: String) -> String { CFONBFixture.complement(qualifier, text) }

  /// A day's statement: 1 000,00 € in credit, a transfer of 1 200,00 € from Dumont with
  /// its invoice number, a cheque of 350,00 €, a fee of 7,90 €.
  static var sample: [String] {
    [
      balance("01", day: "021224", cents: 100_000),
      movement(day: "021224", cents: 120_000, label: "VIR SEPA DUMONT ET FILS", reference: "REF123"),
      complement("NPY", "DUMONT ET FILS SARL"),
      complement("LIB", "FACTURE FA-240001"),
      movement(day: "021224", cents: 35_000, label: "REMISE CHEQUE 1234567", number: "0000002", operation: "01"),
      movement(day: "021224", cents: -790, label: "COMMISSION D INTERVENTION", number: "0000003", operation: "62"),
      balance("07", day: "021224", cents: 100_000 + 120_000 + 35_000 - 790),
    ]
  }

  @Test func aDaysStatementReadsItsBalancesAndMovements() throws {
    let statements = try CFONB120.parse(Array(Self.sample.joined(separator: "\r\n").utf8), file: "releve.txt")
    let statement = try #require(statements.first)
    #expect(statements.count == 1 && statement.account == "30004 00123 00012345678" && statement.currency == "EUR")
    #expect(statement.opening.amount == Cents(100_000) && statement.closing.amount == Cents(254_210))
    #expect(statement.movements.map(\.amount) == [Cents(120_000), Cents(35_000), Cents(-790)])
    let transfer = statement.movements[0]
    #expect(transfer.payer == "DUMONT ET FILS SARL" && transfer.remittance == ["FACTURE FA-240001"] && transfer.text.contains("FA-240001"))
    #expect(transfer.bookedOn == Day(year: 2024, month: 12, day: 2) && transfer.bankReference == "0000001 REF123" && transfer.operationCode == "05")
    #expect(transfer.line == 2 && statement.movements[1].line == 5)
  }

  @Test func everySignCharacterCarriesItsDigit() throws {
    for cents: Int64 in [0, 1, 9, 10, 15, 123_456, -1, -10, -99, -1_000_007] {
      let lines = [Self.balance("01", day: "010124", cents: 0), Self.movement(day: "010124", cents: cents, label: "X"), Self.balance("07", day: "010124", cents: cents)]
      let parsed = try CFONB120.parse(Array(lines.joined(separator: "\n").utf8), file: "f")
      #expect(parsed[0].movements.map(\.amount) == (cents == 0 ? [] : [Cents(cents)]) || (cents == 0 && parsed[0].movements.map(\.amount) == [.zero]), "\(cents)")
    }
  }

  @Test func decimalsFollowTheRecord() throws {
    var lines = Self.sample
    // The same statement in whole euros (0 decimals) where amounts allow it.
    lines = [
      Self.record([(0, "01"), (2, "30004"), (11, "00123"), (16, "EUR"), (19, "0"), (21, "00012345678"), (34, "021224"), (90, Self.amount(1_000))]),
      Self.record([(0, "04"), (2, "30004"), (11, "00123"), (16, "EUR"), (19, "0"), (21, "00012345678"), (34, "021224"), (48, "VIR"), (90, Self.amount(12))]),
      Self.record([(0, "07"), (2, "30004"), (11, "00123"), (16, "EUR"), (19, "0"), (21, "00012345678"), (34, "021224"), (90, Self.amount(1_012))]),
    ]
    let parsed = try CFONB120.parse(Array(lines.joined(separator: "\n").utf8), file: "f")
    #expect(parsed[0].opening.amount == Cents(100_000) && parsed[0].movements[0].amount == Cents(1_200))
  }

  /// What real files do: blank lines, records cut short of their spaces, one long line,
  /// "PAS DE MOUVEMENT", Latin-1 labels.
  @Test func realFilesAreReadAsTheyCome() throws {
    let clean = try CFONB120.parse(Array(Self.sample.joined(separator: "\n").utf8), file: "f")
    let blank = try CFONB120.parse(Array(Self.sample.joined(separator: "\n\n  \n").utf8), file: "f")
    let trimmed = try CFONB120.parse(Array(Self.sample.map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\r\n").utf8), file: "f")
    let oneLine = try CFONB120.parse(Array(Self.sample.joined().utf8), file: "f")
    let wrapped = Self.sample.joined()
    let at80 = stride(from: 0, to: wrapped.count, by: 80).map { start -> String in
      let from = wrapped.index(wrapped.startIndex, offsetBy: start)
      return String(wrapped[from..<(wrapped.index(from, offsetBy: 80, limitedBy: wrapped.endIndex) ?? wrapped.endIndex)])
    }.joined(separator: "\n")
    let rewrapped = try CFONB120.parse(Array(at80.utf8), file: "f")
    for other in [blank, trimmed, oneLine, rewrapped] { #expect(other.map(\.movements.count) == clean.map(\.movements.count) && other.first?.closing == clean.first?.closing) }
    // No movement that day.
    let quiet = [Self.balance("01", day: "031224", cents: 5_000), Self.movement(day: "031224", cents: 0, label: "PAS DE MOUVEMENT"), Self.balance("07", day: "031224", cents: 5_000)]
    #expect(try CFONB120.parse(Array(quiet.joined(separator: "\n").utf8), file: "f")[0].movements.isEmpty)
    // A Latin-1 label.
    var latin = Array(Self.sample.joined(separator: "\n").utf8)
    if let at = latin.firstIndex(of: UInt8(ascii: "D")) { latin[at] = 0xC9 }  // É in ISO-8859-1
    #expect(try CFONB120.parse(latin, file: "f").count == 1)
  }

  @Test func aStatementThatDoesNotAddUpIsRefusedWithTheDifference() throws {
    var lines = Self.sample
    lines[6] = Self.balance("07", day: "021224", cents: 254_210 + 1_000)
    #expect(throws: BankFileError.unbalanced(file: "releve.txt", account: "30004 00123 00012345678", closingDay: Day(year: 2024, month: 12, day: 2)!, difference: Cents(1_000))) {
      try CFONB120.parse(Array(lines.joined(separator: "\n").utf8), file: "releve.txt")
    }
  }

  @Test func aBrokenRecordSaysItsLine() throws {
    func refusal(_ lines: [String]) -> String {
      do {
        _ = try CFONB120.parse(Array(lines.joined(separator: "\n").utf8), file: "r.txt")
        return "accepted"
      } catch { return "\(error)" }
    }
    var badSign = Self.sample
    badSign[1] = String(badSign[1].prefix(103)) + "X" + String(badSign[1].dropFirst(104))
    #expect(refusal(badSign).hasPrefix("r.txt: line 2: the amount"), "\(refusal(badSign))")
    var badDay = Self.sample
    badDay[4] = String(badDay[4].prefix(34)) + "310224" + String(badDay[4].dropFirst(40))
    #expect(refusal(badDay).hasPrefix("r.txt: line 5: '310224' is not a day"), "\(refusal(badDay))")
    #expect(refusal(Array(Self.sample.dropLast())).contains("has no new balance"))
    #expect(refusal(Array(Self.sample.dropFirst())).hasPrefix("r.txt: line 1: a movement (record 04) outside a statement"))
    #expect(refusal(["99" + String(repeating: " ", count: 118)]).contains("is not a CFONB 120 record"))
  }

  /// Untrusted bytes: cut anywhere, flipped anywhere, the parser answers with a refusal or
  /// statements that add up, never a crash.
  @Test func truncatedAndFlippedFilesAreRefusedNeverACrash() throws {
    let bytes = Array(Self.sample.joined(separator: "\n").utf8)
    // What reads is a statement that adds up (the reader checks it).
    expectDamageRefused(bytes, seed: 120, rounds: 2_000) { damaged in
      let statements = try CFONB120.parse(damaged, file: "f")
      #expect(statements.allSatisfy { $0.imbalance == .zero }, "seed 120: \(damaged.count) bytes")
    }
  }
}
