import ArgumentParser
import Bank
import CivilDate
import Foundation
import Ledger
import Wording

/// `suivi bank`: statements in, payments reconciled.
struct BankCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bank", abstract: say("Bank statements in, payments reconciled: import, review the proposals, list, undo."),
    subcommands: [Import.self, Review.self, List.self, Undo.self])

  /// A rejected import's ledger change: nothing is kept.
  struct DryRun: Error { let report: BankImport.Report }

  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: say("Import a bank statement (CFONB 120, CAMT.053, OFX, a bank's CSV): certain matches recorded as payments, the others proposed, nothing twice."),
      discussion: say(
        "The format is recognised from the content. A statement whose balances do not add up is refused with the difference. A movement already imported (the same statement twice, two that overlap) is not imported again; two identical movements of one day stay two. A credit is applied when it cannot be wrong: one invoice named in its label whose balance it does not exceed, several named whose balances it settles exactly, a unique exact combination for a payer known by name or IBAN. The others are proposed (suivi bank review). Debits and fees are ignored, unless they undo a credit (a returned cheque, a rejected debit): its payment is cancelled."
      ))
    @OptionGroup var ledger: LedgerOptions
    @Argument(help: ArgumentHelp(say("The statement file."), valueName: "FILE")) var file: String
    @Option(help: ArgumentHelp(say("The day open balances are taken as of (default: today)."))) var date: String?
    @Option(help: ArgumentHelp(say("A bank CSV's columns, when its headers do not say them: date=1,label=3,debit=4,credit=5 (by number or header)."), valueName: "SPEC"))
    var columns: String?
    @Option(
      help: ArgumentHelp(
        say("A bank's CSV read by its profile: a bank Suivi knows (boursorama, credit-agricole, credit-mutuel, cic, fortuneo) or a profile file of your own."),
        valueName: "NAME|FILE"))
    var profile: String?
    @Option(help: ArgumentHelp(say("The account the statement is of (a CSV names none)."), valueName: "NAME")) var account: String?
    @Flag(help: ArgumentHelp(say("Say what would be done; record nothing."))) var dryRun = false
    @Flag(help: ArgumentHelp(say("Print JSON."))) var json = false

    func run() throws {
      try reportingErrors {
        let day = try LedgerArgument.day(date)
        guard let data = FileManager.default.contents(atPath: file) else { throw BankFileError.unknownFormat(file: file) }
        var csv = try profile.map { try BankCSV.Profile.named($0) { path in
          FileManager.default.contents(atPath: path).flatMap { $0.count <= 1 << 20 ? String(data: $0, encoding: .utf8) : nil }
        } }
        if let columns { csv = csv ?? BankCSV.Profile(); csv!.columns.merge(try BankCSV.mapping(columns)) { $1 } }
        let statements = try BankImport.statements([UInt8](data), file: file, profile: csv, account: account)
        let opened = try ledger.open()
        let report: BankImport.Report
        do {
          report = try opened.write(command: "bank import") { session in
            let report = try BankImport.run(statements, file: file, session: session, asOf: day)
            if dryRun { throw DryRun(report: report) }
            return report
          }
        } catch let dry as DryRun {
          report = dry.report
        }
        try emit(json ? Self.json(report, dryRun: dryRun) : Self.text(report, dryRun: dryRun))
      }
    }

    static func text(_ report: BankImport.Report, dryRun: Bool) -> String {
      var lines = [
        say(
          dryRun
            ? "\(report.file): \(report.statements) statement(s), \(report.movements) movement(s) — dry run, nothing recorded"
            : "\(report.file): \(report.statements) statement(s), \(report.movements) movement(s)")
      ]
      if report.duplicates > 0 { lines.append("  " + say("\(report.duplicates) already imported, skipped")) }
      for entry in report.applied {
        let invoices = entry.allocations.map { "\($0.number) (\($0.amount))" as Phrase }.joined()
        // (A dry run records no payment: it has no number to give.)
        lines.append(
          "  "
            + say(
              dryRun
                ? "would apply: \(entry.amount) of \(entry.client) on \(entry.day) to \(invoices)"
                : "applied: \(entry.amount) of \(entry.client) on \(entry.day) to \(invoices) (payment \(entry.payment))"))
      }
      for entry in report.proposed {
        let invoices = entry.best.allocations.map(\.number).joined(separator: ", ")
        lines.append("  " + say("to review #\(entry.movement): \(entry.amount) \(entry.label) — \(entry.best.client), \(invoices)? (\(entry.best.score) %)"))
      }
      for entry in report.unmatched { lines.append("  " + say("unmatched #\(entry.movement): \(entry.amount) \(entry.label)")) }
      for entry in report.reversed { lines.append("  " + say("reversed: payment \(entry.payment) of \(entry.amount) cancelled (returned by the bank)")) }
      if report.ignored > 0 { lines.append("  " + say("\(report.ignored) debit(s) and fee(s) ignored")) }
      lines.append(
        "  " + say("\(report.applied.count) applied, \(report.proposed.count) to review, \(report.unmatched.count) unmatched"))
      return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ report: BankImport.Report, dryRun: Bool) -> String {
      let applied = report.applied.map { entry -> LedgerJSON in
        .object([
          ("movement", .number(String(entry.movement))), ("client", .string(entry.client)), ("payment", .number(String(entry.payment))),
          ("amount", .money(entry.amount)), ("date", .day(entry.day)),
          ("invoices", .array(entry.allocations.map(\.json))),
        ])
      }
      let proposed = report.proposed.map { entry -> LedgerJSON in
        .object([
          ("movement", .number(String(entry.movement))), ("amount", .money(entry.amount)), ("label", .string(entry.label)),
          ("client", .string(entry.best.client)), ("score", .int(entry.best.score)),
          ("invoices", .array(entry.best.allocations.map(\.json))),
        ])
      }
      let unmatched = report.unmatched.map { entry -> LedgerJSON in
        .object([("movement", .number(String(entry.movement))), ("amount", .money(entry.amount)), ("label", .string(entry.label))])
      }
      return LedgerJSON.object([
        ("file", .string(report.file)), ("dry_run", .bool(dryRun)), ("statements", .int(report.statements)), ("movements", .int(report.movements)),
        ("duplicates", .int(report.duplicates)), ("applied", .array(applied)), ("proposed", .array(proposed)), ("unmatched", .array(unmatched)),
        ("ignored", .int(report.ignored)),
        ("reversed", .array(report.reversed.map { .object([("movement", .number(String($0.movement))), ("payment", .number(String($0.payment)))]) })),
      ]).rendered + "\n"
    }
  }

  /// `suivi bank review [ID --accept [N] | --assign INVOICE[=AMOUNT]… | --dismiss]`.
  struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: say("The credits to review, with their proposals; accept one, assign invoices yourself, or dismiss the credit."))
    @OptionGroup var ledger: LedgerOptions
    @Argument(help: ArgumentHelp(say("The movement (see the list)."))) var id: Int64?
    @Option(help: ArgumentHelp(say("Accept proposal N (default 1)."), valueName: "N")) var accept: Int?
    @Option(help: ArgumentHelp(say("The invoices it pays, as INVOICE or INVOICE=AMOUNT (repeatable)."), valueName: "INVOICE"))
    var assign: [String] = []
    @Flag(help: ArgumentHelp(say("It pays no invoice."))) var dismiss = false
    @Flag(help: ArgumentHelp(say("Print JSON."))) var json = false

    func validate() throws {
      let actions = (accept != nil ? 1 : 0) + (assign.isEmpty ? 0 : 1) + (dismiss ? 1 : 0)
      if actions > 1 { throw ValidationError(say("give one of --accept, --assign or --dismiss")) }
      if actions == 1, id == nil { throw ValidationError(say("give the movement's number")) }
    }

    func run() throws {
      try reportingErrors {
        let opened = try ledger.open()
        guard let id, accept != nil || !assign.isEmpty || dismiss else {
          let waiting = try opened.read { try $0.bankMovements(states: [.proposed, .unmatched]) }
          if json {
            let items = waiting.map { movement -> LedgerJSON in
              .object([
                ("movement", .number(String(movement.id!))), ("date", .day(movement.bookedOn)), ("amount", .money(movement.amount)),
                ("label", .string(movement.label)), ("state", .string(movement.state.rawValue)),
                ("proposals", .array(ProposalText.decode(movement.proposals).map { proposal in
                  .object([
                    ("client", .string(proposal.client)), ("score", .int(proposal.score)),
                    ("invoices", .array(proposal.allocations.map(\.json))),
                  ])
                })),
              ])
            }
            return try emit(LedgerJSON.array(items).rendered + "\n")
          }
          if waiting.isEmpty { return try emit(say("Nothing to review") + "\n") }
          var out = ""
          for movement in waiting {
            out += say("#\(movement.id!) \(movement.bookedOn) \(movement.amount) \(movement.label)") + "\n"
            for (index, proposal) in ProposalText.decode(movement.proposals).enumerated() {
              let invoices = proposal.allocations.map { "\($0.number) (\($0.amount))" as Phrase }.joined()
              let evidence = proposal.evidence.map(\.phrase).joined(separator: "; ")
              out += "    " + say("\(index + 1). \(proposal.client): \(invoices) — \(proposal.score) %, \(evidence)") + "\n"
            }
            out += "    " + say(movement.proposals.isEmpty
              ? "→ suivi bank review \(movement.id!) --assign INVOICE | --dismiss"
              : "→ suivi bank review \(movement.id!) --accept 1 | --assign INVOICE | --dismiss") + "\n"
          }
          return try emit(out)
        }
        let said: Phrase = try opened.write(command: "bank review") { session -> Phrase in
          let movement = try session.bankMovement(id)
          guard movement.state == .proposed || movement.state == .unmatched else {
            throw LedgerError.invalidValue(field: "ID", text: String(id), reason: "is not waiting for a review (it is \(movement.state.name))")
          }
          if dismiss {
            try session.updateBankMovement(id, state: .dismissed, paymentId: nil)
            return "#\(id) dismissed"
          }
          let match: BankMatch
          if let accept {
            let proposals = ProposalText.decode(movement.proposals)
            guard proposals.indices.contains(accept - 1) else {
              throw LedgerError.invalidValue(field: "--accept", text: String(accept), reason: "is not one of its \(proposals.count) proposal(s)")
            }
            match = proposals[accept - 1]
          } else {
            var allocations: [BankMatch.Allocation] = []
            var left = movement.amount
            for item in assign {
              let (number, amount) = try LedgerArgument.allocation(item)
              let details = try session.details(of: number, asOf: movement.bookedOn)
              let take = amount ?? min(left, details.balance)
              allocations.append(.init(number: details.invoice.number, amount: take))
              left = left - take
            }
            let client = try session.details(of: allocations[0].number, asOf: movement.bookedOn).client.name
            match = BankMatch(client: client, allocations: allocations, certain: true, score: 100, evidence: [])
          }
          let bank = BankMovement(
            bookedOn: movement.bookedOn, valueOn: movement.valueOn, amount: movement.amount, label: movement.label, bankReference: movement.bankReference,
            payer: movement.payer, remittance: movement.remittance, line: movement.line)
          let payment = try BankImport.apply(match, movement: bank, session: session, id: id)
          if let iban = movement.payerIBAN { try session.learnIBAN(iban, client: match.client) }
          return "#\(id): payment \(payment) of \(movement.amount) recorded for \(match.client)"
        }
        try emit(say(said) + "\n")
      }
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: say("The movements imported and what became of each."))
    @OptionGroup var ledger: LedgerOptions
    @Flag(help: ArgumentHelp(say("Print JSON."))) var json = false

    func run() throws {
      try reportingErrors {
        let movements = try ledger.open().read { try $0.bankMovements() }
        if json {
          let items = movements.map { movement -> LedgerJSON in
            .object([
              ("movement", .number(String(movement.id!))), ("date", .day(movement.bookedOn)), ("amount", .money(movement.amount)),
              ("label", .string(movement.label)), ("state", .string(movement.state.rawValue)),
              ("payment", movement.paymentId.map { .number(String($0)) } ?? .null), ("file", .string(movement.file)), ("line", .int(movement.line)),
            ])
          }
          return try emit(LedgerJSON.array(items).rendered + "\n")
        }
        if movements.isEmpty { return try emit(say("No bank movement imported yet") + "\n") }
        let rows = movements.map { movement -> [Phrase] in
          ["\(movement.id!)", "\(movement.bookedOn)", "\(movement.amount)", .verbatim(movement.label), movement.state.name, movement.paymentId.map { "\($0)" } ?? ""]
        }
        try emit(TextTable.say(header: ["Id", "Date", "Amount", "Label", "State", "Payment"], rows: rows))
      }
    }
  }

  struct Undo: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: say("Undo a movement's payment: cancelled, journaled, and the movement back to review."))
    @OptionGroup var ledger: LedgerOptions
    @Argument(help: ArgumentHelp(say("The movement (see suivi bank list)."))) var id: Int64

    func run() throws {
      try reportingErrors {
        let said: Phrase = try ledger.open().write(command: "bank undo") { session -> Phrase in
          let movement = try session.bankMovement(id)
          guard movement.state == .applied, let payment = movement.paymentId else {
            throw LedgerError.invalidValue(field: "ID", text: String(id), reason: "has no payment to undo (it is \(movement.state.name))")
          }
          let journal = "bank undo: \(movement.label)"
          _ = try session.cancelPayment(payment, reason: journal)
          try session.updateBankMovement(id, state: movement.proposals.isEmpty ? .unmatched : .proposed, paymentId: nil)
          return "#\(id): payment \(payment) cancelled; the movement waits for a review"
        }
        try emit(say(said) + "\n")
      }
    }
  }
}

extension StoredBankMovement.State {
  var name: Phrase {
    switch self {
    case .applied: "applied"
    case .proposed: "to review"
    case .unmatched: "unmatched"
    case .dismissed: "dismissed"
    case .ignored: "ignored"
    case .reversed: "reversed"
    case .reversal: "reversal"
    }
  }
}

extension BankMatch.Allocation {
  /// `{"invoice": …, "amount": …}`.
  var json: LedgerJSON { .object([("invoice", .string(number)), ("amount", .money(amount))]) }
}
