import OOXML
import Testing

@testable import Ledger

@Suite struct InvoiceNumberTests {
  @Test func aNumberIsKeptAsTheBusinessWroteIt() throws {
    #expect(try InvoiceNumber.parse("FA-240001").text == "FA-240001")
    #expect(try InvoiceNumber.parse("F-2026-00004401").text == "F-2026-00004401")
    #expect(try InvoiceNumber.parse("151").text == "151")
    #expect(try InvoiceNumber.parse("  INV  000001 ").text == "INV 000001")
    #expect(try InvoiceNumber.parse("001e54d0-29e4-45f7-afff-590147e161c1").text == "001e54d0-29e4-45f7-afff-590147e161c1")
  }

  @Test func letterCaseDoesNotMakeAnotherNumber() throws {
    #expect(try InvoiceNumber.parse("inv-1") == InvoiceNumber.parse("INV-1"))
    #expect(try InvoiceNumber.parse("inv-1").text == "inv-1")
  }

  @Test(arguments: ["", "   ", "FA\u{0}1", "F\u{200B}1", String(repeating: "9", count: 65)])
  func refusesWhatCannotBeANumber(text: String) {
    #expect(throws: LedgerError.self) { try InvoiceNumber.parse(text) }
  }

  @Test func ordersNaturally() throws {
    #expect(try InvoiceNumber.parse("FA-240002") < InvoiceNumber.parse("FA-240010"))
    #expect(try InvoiceNumber.parse("FA-239999") < InvoiceNumber.parse("FA-240001"))
    #expect(try InvoiceNumber.parse("F-9") < InvoiceNumber.parse("F-10"))
    #expect(try InvoiceNumber.parse("99") < InvoiceNumber.parse("151"))
  }

  @Test func gapsAreTheMissingRunsOfEachSeries() throws {
    let issued = [("FA-240001", "2024-01-02"), ("FA-240002", "2024-02-01"), ("FA-240005", "2024-03-01"),
      ("FA-250002", "2025-01-03"), ("FA-250003", "2025-01-04"), ("AV-240001", "2024-05-01"), ("151", "2024-01-01"), ("155", "2024-01-01")]
    let positions = try issued.compactMap { NumberSeries.position(of: try InvoiceNumber.parse($0.0), issued: day($0.1)) }
    #expect(InvoiceNumbering.gaps(in: positions).map(\.description) == ["152…154", "FA-240003…FA-240004"])
    #expect(InvoiceNumbering.gaps(in: positions).map(\.count) == [3, 2])
    // Suivi's own series start at 1: FA-250001 is missing; an adopted series starts at its lowest.
    #expect(
      InvoiceNumbering.gaps(in: positions) { $0 == .standard(prefix: "FA") }.map(\.description)
        == ["152…154", "FA-240003…FA-240004", "FA-250001"])
    #expect(InvoiceNumbering.gaps(in: []).isEmpty)
  }
}

@Suite struct NumberSeriesTests {
  /// The series a tracker's number is read in, and the next number Suivi issues after it.
  @Test(arguments: [
    ("FA-240001", "2024-01-02", "FA-{YY}{NNNN}", "FA-240002"),
    ("F-2026-00004441", "2026-01-05", "F-{YYYY}-{NNNNNNNN}", "F-2026-00004442"),
    ("20260121-001", "2026-01-21", "{YYYYMMDD}-{NNN}", "20260121-002"),
    ("INV-000001", "2026-01-21", "INV-{NNNNNN}", "INV-000002"),
    ("151", "2024-06-01", "{NNN}", "152"),
    ("F-001", "2024-06-01", "F-{NNN}", "F-002"),
    ("FAC/2025/07/0012", "2025-07-14", "FAC/2025/{YYYYMM}", ""),
  ])
  func aSeriesIsLearntFromANumber(number: String, issued: String, series: String, next: String) throws {
    let position = try #require(NumberSeries.position(of: try InvoiceNumber.parse(number), issued: day(issued)))
    if next.isEmpty { return }  // shape only
    #expect(position.series.description == series)
    #expect(position.series.number(position.counter + 1, on: day(issued)).text == next)
  }

  @Test func aSeriesWithAYearStartsAgainEachYear() throws {
    let position = try #require(NumberSeries.position(of: try InvoiceNumber.parse("F-2026-00004441"), issued: day("2026-03-01")))
    #expect(position.series.number(1, on: day("2027-01-02")).text == "F-2027-00000001")
    #expect(position.series.stem(on: day("2027-01-02")) == "F-2027-")
  }

  @Test func aUUIDOrANumberWithoutDigitsIsInNoSeries() throws {
    #expect(NumberSeries.position(of: try InvoiceNumber.parse("001e54d0-29e4-45f7-afff-590147e161c1"), issued: day("2024-01-01")) == nil)
    #expect(NumberSeries.position(of: try InvoiceNumber.parse("ACOMPTE"), issued: day("2024-01-01")) == nil)
  }

  @Test func suiviStandardSeries() {
    #expect(NumberSeries.standard(prefix: "FA").number(1, on: day("2025-03-01")).text == "FA-250001")
    #expect(fa(24, 12).text == "FA-240012")
    #expect(NumberSeries.isStandardPrefix("FA"))
    #expect(!NumberSeries.isStandardPrefix("F1"))
  }
}

@Suite struct PaymentTermsTests {
  @Test func thirtyDaysByDefault() {
    #expect(Client(name: "x").terms.dueDate(issued: day("2024-11-02")) == day("2024-12-02"))
  }

  @Test func endOfMonthAddsTheDaysThenGoesToTheMonthsEnd() {
    let terms = PaymentTerms(days: 45, endOfMonth: true)
    #expect(terms.dueDate(issued: day("2024-01-20")) == day("2024-03-31"))
    #expect(terms.dueDate(issued: day("2024-01-15")) == day("2024-02-29"))
    #expect(PaymentTerms(days: 0, endOfMonth: true).dueDate(issued: day("2024-12-05")) == day("2024-12-31"))
  }

  @Test func dayParsingRefusesDaysThatDoNotExist() throws {
    #expect(throws: LedgerError.invalidDate(field: "--date", text: "2023-02-29")) { try Day.parse("2023-02-29", field: "--date") }
    #expect(throws: LedgerError.self) { try Day.parse("2024-13-01", field: "--date") }
    #expect(try Day.parse("02/11/2024", field: "--date") == day("2024-11-02"))  // day first, as the sheet
    #expect(throws: LedgerError.self) { try Day.parse("30/02/2024", field: "--date") }
    #expect(throws: LedgerError.self) { try Day.parse("2024-1-01", field: "--date") }
    #expect(try Day.parse("2024-02-29", field: "--date") == day("2024-02-29"))
  }
}

@Suite struct SpellingTests {
  @Test func paymentMethodsInFrenchAndEnglish() throws {
    #expect(try PaymentMethod.parse("Chèque") == .cheque)
    #expect(try PaymentMethod.parse("carte bancaire") == .carte)
    #expect(try PaymentMethod.parse("CB") == .carte)
    #expect(try PaymentMethod.parse("espèces") == .especes)
    #expect(try PaymentMethod.parse("Virement") == .virement)
    #expect(throws: LedgerError.self) { try PaymentMethod.parse("bitcoin") }
  }

  @Test func channelsAndStatuses() throws {
    #expect(try ReminderChannel.parse("LRAR") == .registeredLetterAR)
    #expect(try ReminderChannel.parse("téléphone") == .phone)
    #expect(try ReminderChannel.parse("lettre recommandée") == .registeredLetter)
    #expect(try InvoiceStatus.parse("À relancer") == .toRemind)
    #expect(try InvoiceStatus.parse("Payée") == .paid)
    #expect(try InvoiceStatus.parse("partiellement_reglee") == .partiallyPaid)
    #expect(throws: LedgerError.self) { try InvoiceStatus.parse("perdue") }
  }
}
