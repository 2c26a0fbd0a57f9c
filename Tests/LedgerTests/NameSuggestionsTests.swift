import Testing

@testable import Ledger

/// "Did you mean": an unknown client or invoice is answered with the nearest ones, letter
/// case, accents and spacing aside.
@Suite struct NameSuggestionsTests {
  static let clients = ["Dumont & co", "Boulangerie Lefèvre", "Art company", "Mr Boulo"]

  @Test(arguments: [
    ("dumnot", ["Dumont & co"]), ("DUMONT", ["Dumont & co"]), ("boulangerie lefevre", ["Boulangerie Lefèvre"]),
    ("Art compagny", ["Art company"]), ("xyz", []), ("", []),
  ])
  func theNearestClientsAreSuggested(typed: String, expected: [String]) {
    #expect(NameSuggestions.nearest(typed, among: Self.clients) == expected)
  }

  @Test func aMistypedInvoiceNumberSuggestsTheNearest() {
    let numbers = ["FA-240001", "FA-240002", "FA-240010", "AV-240001"]
    #expect(NameSuggestions.nearest("FA-24001", among: numbers).first == "FA-240001")
    #expect(NameSuggestions.nearest("FA-999999", among: numbers).isEmpty)
  }

  @Test func anUnknownClientsErrorNamesTheNearest() throws {
    let store = try TemporaryLedger(clients: Self.clients.map { Client(name: $0) })
    do {
      _ = try store.read { try $0.client(named: "Dumon") }
      Issue.record("an unknown client was found")
    } catch {
      #expect("\(error)" == "unknown client \"Dumon\" (did you mean \"Dumont & co\"? see `suivi client list`)")
    }
  }
}
