import ArgumentParser
import Ledger
import Wording
import OOXML

/// `suivi payment`: payments received and what they settle.
struct PaymentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "payment", abstract: say("Record and list payments."), subcommands: [Add.self, List.self, ApplyCredit.self, Cancel.self, Reallocate.self])

  /// `suivi payment add`.
  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: say("Record a payment and allocate it: to the --invoice given, else the client's oldest due first."))

    @OptionGroup var ledger: LedgerOptions
    @Option(parsing: .unconditional, help: ArgumentHelp(say("The amount received, e.g. 350.00."))) var amount: String
    @Option(help: ArgumentHelp(say("The day it was received: 2024-11-02, 02/11/2024 or aujourd'hui."))) var date: String
    @Option(help: ArgumentHelp(say("virement, chèque, espèces, carte bancaire, autre."))) var method: String
    @Option(help: ArgumentHelp(say("Who paid, if not the client (tiers payeur)."))) var payer: String?
    @Option(help: ArgumentHelp(say("The bank reference or cheque number."))) var reference: String?
    @Option(help: ArgumentHelp(say("The client (optional when --invoice or --payer names it)."))) var client: String?
    @Option(help: ArgumentHelp(say("An invoice to settle, NUMBER or NUMBER=AMOUNT; repeatable."))) var invoice: [String] = []
    @Flag(help: ArgumentHelp(say("Keep what is left as the client's credit instead of refusing."))) var credit = false
    @Flag(help: ArgumentHelp(say("Record it even if it looks like a duplicate."))) var force = false
    @Option(help: ArgumentHelp(say("A note."))) var note: String?
    @Flag(help: ArgumentHelp(say("Print JSON."))) var json = false

    func run() throws {
      try reportingErrors {
        let draft = PaymentDraft(
          amount: try LedgerArgument.money(amount, field: "--amount"), receivedOn: try Day.parse(date, field: "--date"),
          method: try PaymentMethod.parse(method), payer: payer, reference: reference, clientName: client,
          invoices: try invoice.map(LedgerArgument.allocation), allowCredit: credit, force: force, note: note)
        let receipt = try ledger.open().write(command: "payment add") { try $0.addPayment(draft) }
        try emit(json ? receipt.json.rendered + "\n" : receipt.text)
      }
    }
  }

  /// `suivi payment cancel ID --reason TEXT`.
  struct Cancel: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: say("Cancel a payment recorded by mistake: what it settled is owed again; the journal keeps it with the reason."))

    @OptionGroup var ledger: LedgerOptions
    @Argument(help: ArgumentHelp(say("The payment's id (suivi payment list)."))) var id: Int64
    @Option(help: ArgumentHelp(say("Why."))) var reason: String

    func run() throws {
      try reportingErrors {
        let payment = try ledger.open().write(command: "payment cancel") { try $0.cancelPayment(id, reason: reason) }
        try emit(say("Cancelled payment \(id): \(payment.amount) of \(payment.payer) on \(payment.receivedOn)") + "\n")
      }
    }
  }

  /// `suivi payment reallocate ID [--invoice N[=A]]... --reason TEXT`.
  struct Reallocate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: say("Allocate a payment again: to the --invoice given, else the client's oldest due first; journaled with the reason."))

    @OptionGroup var ledger: LedgerOptions
    @Argument(help: ArgumentHelp(say("The payment's id (suivi payment list)."))) var id: Int64
    @Option(help: ArgumentHelp(say("An invoice to settle, NUMBER or NUMBER=AMOUNT; repeatable."))) var invoice: [String] = []
    @Flag(help: ArgumentHelp(say("Keep what is left as the client's credit instead of refusing."))) var credit = false
    @Option(help: ArgumentHelp(say("Why."))) var reason: String
    @Flag(help: ArgumentHelp(say("Print JSON."))) var json = false

    func run() throws {
      try reportingErrors {
        let targets = try invoice.map(LedgerArgument.allocation)
        let receipt = try ledger.open().write(command: "payment reallocate") {
          try $0.reallocatePayment(id, invoices: targets, allowCredit: credit, reason: reason)
        }
        try emit(json ? receipt.json.rendered + "\n" : receipt.text)
      }
    }
  }

  /// `suivi payment apply-credit --client NAME`.
  struct ApplyCredit: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: say("Allocate a client's credit (unallocated payments) to their open invoices, oldest due first."))

    @OptionGroup var ledger: LedgerOptions
    @Option(help: ArgumentHelp(say("The client."))) var client: String

    func run() throws {
      try reportingErrors {
        let applied = try ledger.open().write(command: "payment apply-credit") { try $0.applyCredit(clientName: client) }
        let lines = applied.flatMap { entry in entry.lines.map { say("payment \(entry.paymentId) → \($0.number): \($0.amount)") + "\n" } }
        try emit(lines.isEmpty ? say("Nothing to apply") + "\n" : lines.joined())
      }
    }
  }

  /// `suivi payment list`.
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: say("List payments with their allocations and credit."))

    @OptionGroup var ledger: LedgerOptions
    @Option(help: ArgumentHelp(say("Only this client's."))) var client: String?
    @Flag(help: ArgumentHelp(say("Print JSON."))) var json = false

    func run() throws {
      try reportingErrors {
        let (payments, names) = try ledger.open().read { session in
          let clientId = try client.map { try session.client(named: $0).id! }
          let names = Dictionary(uniqueKeysWithValues: try session.clients().map { ($0.id!, $0.name) })
          return (try session.payments(clientId: clientId), names)
        }
        if json {
          try emit(LedgerJSON.array(payments.map { Self.json($0.payment, $0.allocations, names) }).rendered + "\n")
          return
        }
        let rows = payments.map { entry -> [Phrase] in
          let payment = entry.payment
          let credit = payment.amount - entry.allocations.map(\.amount).sum()
          return [
            "\(payment.id!)", "\(payment.receivedOn)", .verbatim(names[payment.clientId] ?? "?"), .verbatim(payment.payer), "\(payment.amount)",
            payment.method.name, .verbatim(payment.reference ?? ""), entry.allocations.map { "\($0.number) = \($0.amount)" as Phrase }.joined(separator: "; "),
            "\(credit)",
          ]
        }
        try emit(TextTable.say(header: ["Id", "Date", "Client", "Payer", "Amount", "Method", "Reference", "Allocations", "Credit"], rows: rows))
      }
    }

    static func json(_ payment: Payment, _ allocations: [(number: String, amount: Cents)], _ names: [Int64: String]) -> LedgerJSON {
      let credit = payment.amount - allocations.map(\.amount).sum()
      return .object([
        ("id", .number(String(payment.id!))), ("date", .day(payment.receivedOn)), ("client", .string(names[payment.clientId] ?? "?")),
        ("payer", .string(payment.payer)), ("amount", .money(payment.amount)), ("method", .string(payment.method.rawValue)),
        ("reference", .text(payment.reference)), ("note", .text(payment.note)),
        ("allocations", .array(allocations.map { .object([("invoice", .string($0.number)), ("amount", .money($0.amount))]) })),
        ("credit", .money(credit)),
      ])
    }
  }
}

extension PaymentReceipt {
  var json: LedgerJSON {
    .object([
      ("id", .number(String(payment.id!))), ("client", .string(clientName)), ("payer", .string(payment.payer)),
      ("date", .day(payment.receivedOn)), ("amount", .money(payment.amount)), ("method", .string(payment.method.rawValue)),
      ("reference", .text(payment.reference)),
      ("allocations", .array(lines.map { .object([("invoice", .string($0.number)), ("amount", .money($0.amount))]) })),
      ("credit", .money(credit)),
    ])
  }

  var text: String {
    var out = say("Payment \(payment.id!): \(payment.amount) from \(payment.payer) (\(clientName)) on \(payment.receivedOn)") + "\n"
    for line in lines { out += "  " + say("\(line.number): \(line.amount)") + "\n" }
    if credit.isPositive { out += "  " + say("client credit: \(credit)") + "\n" }
    return out
  }
}
