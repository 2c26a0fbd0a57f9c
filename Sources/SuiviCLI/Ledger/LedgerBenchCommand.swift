import ArgumentParser
import Wording
import Foundation
import Ledger
import OOXML

/// `suivi bench-ledger` (hidden): loads generated invoices and auto-allocated payments
/// through the ledger's bulk import into a new ledger, runs the report, and prints the
/// times. Run by `scripts/bench-ledger` on a release build.
struct LedgerBenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench-ledger", abstract: say("Time loading invoices and payments and the report (benchmark)."),
    shouldDisplay: false)

  @Option(help: ArgumentHelp(say("The ledger to create (must not exist)."))) var ledger: String
  @Option(help: ArgumentHelp(say("How many invoices."))) var invoices = 100_000
  @Option(help: ArgumentHelp(say("How many payments."))) var payments = 100_000
  @Option(help: ArgumentHelp(say("How many clients."))) var clients = 1_000

  func run() throws {
    try reportingErrors {
      if FileManager.default.fileExists(atPath: ledger) {
        throw LedgerError.invalidValue(field: "--ledger", text: ledger, reason: "exists; the benchmark needs a new file")
      }
      let (store, _) = try Ledger.create(at: ledger)
      let names = (0..<clients).map { "Client \($0)" }
      try store.write(command: "bench clients") { session in
        for name in names { try session.addClient(Client(name: name)) }
      }
      let start = Day(year: 2024, month: 1, day: 1)!
      let invoiceDrafts = (0..<invoices).map { index in
        InvoiceDraft(
          clientName: names[index % clients], issueDate: start.adding(days: index * 365 / max(invoices, 1)),
          ht: Self.ht(index), service: "Prestation \(index)")
      }
      let paymentDrafts = (0..<payments).map { index in
        let ttc = Self.ht(index) + VATRate.standard.tax(on: Self.ht(index))
        return PaymentDraft(
          amount: index % 10 == 3 ? Cents(ttc.value / 2) : ttc,
          receivedOn: start.adding(days: index * 365 / max(payments, 1) + 20), method: .virement,
          reference: "VIR-\(index)", clientName: names[index % clients], allowCredit: true)
      }
      let loadInvoices = try Self.time { _ = try store.write(command: "bench invoices") { try $0.importInvoices(invoiceDrafts) } }
      let loadPayments = try Self.time { _ = try store.write(command: "bench payments") { try $0.importPayments(paymentDrafts) } }
      var report: LedgerReport?
      let reportTime = try Self.time { report = try store.read { try $0.report(asOf: Day(year: 2025, month: 1, day: 15)!) } }
      try emit(
        """
        load \(invoices) invoices: \(Self.seconds(loadInvoices)) s
        load \(payments) payments (auto-allocated): \(Self.seconds(loadPayments)) s
        load total: \(Self.seconds(loadInvoices + loadPayments)) s (target < 3 s)
        report: \(Self.seconds(reportTime)) s (target < 0.5 s); owed \(report!.owed), DSO \(report!.dso ?? "n/a")

        """)
    }
  }

  static func ht(_ index: Int) -> Cents { Cents(Int64(10_000 + (index * 3_719) % 90_000)) }

  static func time(_ body: () throws -> Void) throws -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  }

  static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }
}
