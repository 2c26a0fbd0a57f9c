import ArgumentParser
import Foundation
import Ledger
import Testing

@testable import SuiviCLI

/// One function maps every error to its exit status: each library error to its own, an
/// error Suivi did not expect to 70 — never argument-parser's 1, which means "conflicts
/// remain" — and argument-parser's own (usage, help) left to it.
@Suite struct ExitStatusTests {
  struct Unexpected: Error {}

  @Test func anUnexpectedErrorIsSeventyNeverOne() {
    #expect(ExitStatus.of(Unexpected()) == .internalError)
    #expect(ExitStatus.of(CocoaError(.fileReadUnknown)) == .internalError)
  }

  @Test func eachLibraryErrorHasItsOwnStatus() {
    #expect(ExitStatus.of(LedgerError.unknownClient(name: "X")) == .unknownClient)
    #expect(ExitStatus.of(LedgerError.invalidDate(field: "--date", text: "x")) == .invalidDate)
  }

  @Test func argumentParsersOwnAndDecidedStatusesAreLeftAsTheyAre() {
    #expect(ExitStatus.of(ValidationError("bad")) == nil)
    #expect(ExitStatus.of(ExitCode(1)) == nil)
    #expect(ExitStatus.of(CleanExit.helpRequest()) == nil)
  }

  /// A usage error exits 64 with argument-parser's message; an unknown client 23.
  @Test func theCommandLineExitsWithTheDocumentedStatuses() throws {
    let folder = try LedgerFolder()
    #expect(try folder.run(["init"]).status == 0)
    #expect(try folder.run(["invoice", "add", "--client", "Personne", "--date", "02/11/2024", "--amount-ht", "10"]).status == 23)
    let usage = try folder.run(["invoice", "add", "--nope"])
    #expect(usage.status == 64, "\(usage.stderr)")
  }
}
