import ArgumentParser
import Ledger
import Wording

/// `suivi client`: the clients invoices are addressed to.
struct ClientCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "client", abstract: say("Add and list clients, and select those followed."), subcommands: [Add.self, List.self, Follow.self])

  /// `suivi client add NAME`.
  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: say("Add a client."))

    @OptionGroup var ledger: LedgerOptions
    @Argument(help: ArgumentHelp(say("The client's name, unique in the ledger."))) var name: String
    @Option(help: ArgumentHelp(say("Payment terms in days."))) var terms: Int = 30
    @Flag(help: ArgumentHelp(say("Terms run to the end of the month (fin de mois)."))) var endOfMonth = false
    @Flag(help: ArgumentHelp(say("A consumer (B2C): no 40 € recovery indemnity."))) var consumer = false
    @Option(help: ArgumentHelp(say("E-mail address."))) var email: String?
    @Option(help: ArgumentHelp(say("Phone number."))) var phone: String?
    @Option(help: ArgumentHelp(say("Postal address."))) var address: String?
    @Option(help: ArgumentHelp(say("Why terms past 60 days or 45 days end of month are agreed (a sector agreement, C. com. L441-10 I), recorded.")))
    var derogation: String?

    func run() throws {
      try reportingErrors {
        let client = Client(
          name: name, email: email, phone: phone, address: address, termsDays: terms, endOfMonth: endOfMonth, isConsumer: consumer)
        let added = try ledger.open().write(command: "client add") { try $0.addClient(client, derogation: derogation) }
        try emit(say(added.endOfMonth ? "Added client \(added.name) (terms \(added.termsDays) days end of month)" : "Added client \(added.name) (terms \(added.termsDays) days)") + "\n")
      }
    }
  }

  /// `suivi client follow NAME on|off`.
  struct Follow: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: say("Select a client for follow-up (on, the default) or not (off: never reminded)."))

    @OptionGroup var ledger: LedgerOptions
    @Argument(help: ArgumentHelp(say("The client's name."))) var name: String
    @Argument(help: ArgumentHelp(say("on or off."))) var state: String

    func run() throws {
      try reportingErrors {
        let followed: Bool
        switch state.lowercased() {
        case "on", "oui", "yes": followed = true
        case "off", "non", "no": followed = false
        default: throw LedgerError.invalidValue(field: "STATE", text: state, reason: "is not on or off")
        }
        let client = try ledger.open().write(command: "client follow") { try $0.setFollowed(name, followed) }
        try emit(say(client.followed ? "\(client.name): followed" : "\(client.name): not followed (never reminded)") + "\n")
      }
    }
  }

  /// `suivi client list`.
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: say("List the clients."))

    @OptionGroup var ledger: LedgerOptions
    @Flag(help: ArgumentHelp(say("Print JSON."))) var json = false

    func run() throws {
      try reportingErrors {
        let clients = try ledger.open().read { try $0.clients() }
        if json {
          try emit(LedgerJSON.array(clients.map(\.json)).rendered + "\n")
        } else {
          let rows = clients.map { client -> [Phrase] in
            [
              .verbatim(client.name), client.endOfMonth ? "\(client.termsDays) days end of month" : "\(client.termsDays) days",
              client.isConsumer ? "consumer" : "professional", client.followed ? "yes" : "no", .verbatim(client.email ?? ""),
            ]
          }
          try emit(TextTable.say(header: ["Client", "Terms", "Kind", "Followed", "E-mail"], rows: rows))
        }
      }
    }
  }
}

extension Client {
  var json: LedgerJSON {
    .object([
      ("name", .string(name)), ("email", .text(email)), ("phone", .text(phone)), ("address", .text(address)),
      ("terms_days", .int(termsDays)), ("end_of_month", .bool(endOfMonth)), ("consumer", .bool(isConsumer)), ("followed", .bool(followed)),
    ])
  }
}
