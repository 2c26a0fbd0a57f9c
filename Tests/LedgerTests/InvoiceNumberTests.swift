import OOXML
import Testing

@testable import Ledger

@Suite struct InvoiceNumberTests {
  @Test func readsTheSeedsNumbers() throws {
    let number = try InvoiceNumber.parse("FA-240001")
    #expect(number.prefix == "FA")
    #expect(number.year == 24)
    #expect(number.sequence == 1)
    #expect(number.description == "FA-240001")
    #expect(number.series == "FA-24")
    #expect(number.next?.description == "FA-240002")
    #expect(try InvoiceNumber.parse("fa-2400012").description == "FA-240012")
    #expect(try InvoiceNumber.parse("FA-2412345").description == "FA-2412345")
  }

  @Test(arguments: ["FA240001", "FA-24001", "FA-24A001", "-240001", "FA-240000", "F1-240001", "FA-24-0001", "TOOLONGPREFIX-240001", ""])
  func refusesOtherShapes(text: String) {
    #expect(throws: LedgerError.self) { try InvoiceNumber.parse(text) }
  }

  @Test func ordersWithinASeries() throws {
    #expect(try InvoiceNumber.parse("FA-240002") < InvoiceNumber.parse("FA-240010"))
    #expect(try InvoiceNumber.parse("FA-239999") < InvoiceNumber.parse("FA-240001"))
  }

  @Test func firstOfTheYear() {
    #expect(InvoiceNumber.first(prefix: "FA", in: day("2025-03-01"))?.description == "FA-250001")
  }

  @Test func gapsAreTheMissingNumbersOfEachSeries() throws {
    let numbers = try ["FA-240001", "FA-240002", "FA-240005", "FA-250002", "AV-240001"].map(InvoiceNumber.parse)
    #expect(InvoiceNumbering.gaps(in: numbers).map(\.description) == ["FA-240003", "FA-240004", "FA-250001"])
    #expect(InvoiceNumbering.gaps(in: []).isEmpty)
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
    #expect(throws: LedgerError.self) { try Day.parse("02/11/2024", field: "--date") }
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
