import Foundation
import Testing

import TestSupport

/// Les procédures des seeds, de bout en bout, par la ligne de commande, comme l'assistante
/// les mène : un brouillon soumis à validation (seed 002), des relevés par client espacés
/// de 15 jours pour les seuls clients suivis (seed 003), la relance en quatre étapes avec
/// la mise en demeure et ses pénalités au jour (seed 000), un paiement partiel qui laisse
/// un reste dû (seed 004), et le tableau récapitulatif avec les notes et les issues.
@Suite struct ScenariosDesSeedsTests {
  let registre: LedgerFolder

  init() throws { registre = try LedgerFolder() }

  @discardableResult
  func suivi(_ arguments: String...) throws -> Subprocess.Result { try registre.run(arguments) }

  func ok(_ arguments: String...) throws {
    let result = try registre.run(arguments)
    #expect(result.status == 0, "suivi \(arguments.joined(separator: " ")): \(result.stderr)")
  }

  func json(_ arguments: String...) throws -> Any {
    let result = try registre.run(arguments + ["--json"])
    #expect(result.status == 0, "\(result.stderr)")
    return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
  }

  /// Seed 002 : « Un brouillon est transmis au client pour contrôle… à défaut de retour
  /// dans les 48 heures, la facture est considérée comme validée. »
  @Test func leBrouillonSoumisEstValideQuaranteHuitHeuresApresSaSoumission() throws {
    try ok("init")
    try ok("client", "add", "Client à tarifs spéciaux")
    // (Les dates se tapent comme dans la feuille : jour, mois, année.)
    try ok("invoice", "add", "--client", "Client à tarifs spéciaux", "--date", "04/11/2024", "--amount-ht", "1000", "--needs-approval")
    #expect(try suivi("invoice", "send", "FA-240001", "--date", "2024-11-08").status != 0)  // jamais soumis
    try ok("invoice", "submit", "FA-240001", "--date", "2024-11-08")
    try ok("invoice", "reject", "FA-240001", "--reason", "le tarif convenu est 900 € HT", "--date", "2024-11-09")
    try ok("invoice", "edit", "FA-240001", "--amount-ht", "900")
    try ok("invoice", "submit", "FA-240001", "--date", "2024-11-10")
    #expect(try suivi("invoice", "send", "FA-240001", "--date", "2024-11-11").status != 0)
    try ok("invoice", "send", "FA-240001", "--date", "2024-11-12")
    let facture = try #require(try json("invoice", "show", "FA-240001", "--date", "12/11/2024") as? [String: Any])
    #expect(try suivi("invoice", "show", "FA-240001", "--date", "aujourd'hui").status == 0)
    #expect(facture["ttc"] as? String == "1080.00" && facture["status"] as? String == "en_attente")
  }

  /// Seeds 000, 003 et 004 : relevés par client, paiement partiel, relance jusqu'à la mise
  /// en demeure avec ses pénalités au jour et l'indemnité de 40 €, récapitulatif.
  @Test func laRelanceDUnClientJusquALaMiseEnDemeure() throws {
    try ok("init")
    try ok("client", "add", "Garage Renaud")
    try ok("client", "add", "Boulangerie Lefèvre")
    try ok("client", "add", "Atelier Roux")
    for (client, date, montant) in [
      ("Garage Renaud", "2024-10-01", "1000"), ("Boulangerie Lefèvre", "2024-10-02", "200"), ("Garage Renaud", "2024-10-15", "500"),
      ("Atelier Roux", "2024-10-20", "300"),
    ] {
      try ok("invoice", "add", "--client", client, "--date", date, "--amount-ht", montant)
    }
    // Seuls les clients sélectionnés sont suivis.
    try ok("client", "follow", "Atelier Roux", "off")
    // Un relevé par client, listant toutes ses factures échues.
    let releves = try #require(try json("remind", "--by-client", "--date", "2024-11-20") as? [[String: Any]])
    #expect(releves.map { $0["client"] as? String } == ["Garage Renaud", "Boulangerie Lefèvre"])
    let garage = try #require(releves.first)
    #expect((garage["invoices"] as? [[String: Any]])?.map { $0["number"] as? String } == ["FA-240001", "FA-240003"])
    try ok("remind", "statement", "Garage Renaud", "--date", "2024-11-20", "--note", "Appel, le comptable rappellera")
    // Seed 004 : un paiement partiel laisse un reste dû ; la facture garde son niveau.
    try ok("payment", "add", "--amount", "700", "--date", "2024-11-25", "--method", "virement", "--invoice", "FA-240001")
    let reste = try #require(try json("invoice", "show", "FA-240001", "--date", "2024-11-25") as? [String: Any])
    #expect(reste["balance"] as? String == "500.00" && reste["status"] as? String == "en_retard")  // the next statement is due on 12-05
    // Deuxième relance (lettre recommandée), puis la mise en demeure, dans l'ordre.
    #expect(try suivi("remind", "record", "FA-240001", "--level", "3", "--date", "2024-12-05").status != 0)
    try ok("remind", "record", "FA-240001", "--level", "2", "--date", "2024-12-05")
    let mise = try #require((try json("remind", "--date", "2024-12-20") as? [[String: Any]])?.first { $0["number"] as? String == "FA-240001" })
    #expect(mise["level"] as? Int == 3 && mise["name"] as? String == "mise en demeure")
    // L441-10 : 1 200 € du 1er au 25 novembre (25 jours à 4,25 + 10 %), puis 500 € jusqu'au
    // 20 décembre (25 jours) : (1200 × 14,25 % × 25 + 500 × 14,25 % × 25) / 365 = 16,59.
    #expect(mise["penalty"] as? String == "16.59")
    #expect(mise["penalty_basis"] as? String == "L441-10" && mise["indemnity"] as? String == "40.00" && mise["indemnity_basis"] as? String == "D441-5")
    try ok("remind", "record", "FA-240001", "--level", "3", "--date", "2024-12-20", "--outcome", "promise", "--promised", "2024-12-31")
    // Pas de relance avant le jour promis.
    #expect((try json("remind", "--date", "2024-12-30") as? [[String: Any]])?.contains { $0["number"] as? String == "FA-240001" } == false)
    // Le tableau récapitulatif : chaque relance, sa note et son issue.
    let recap = try #require(try json("report", "--date", "2024-12-31") as? [String: Any])
    let relances = try #require(recap["reminders"] as? [[String: Any]])
    #expect(relances.contains { $0["note"] as? String == "Appel, le comptable rappellera" })
    #expect(relances.contains { $0["outcome"] as? String == "promise" && $0["promised"] as? String == "2024-12-31" })
    // En français sous une locale française : libellés, jours jj/mm/aaaa, montants « 1 234,56 € ».
    let texte = try Subprocess.run(Subprocess.suivi, ["report", "--date", "2024-12-31", "--ledger", registre.ledger], environment: ["LANG": "fr_FR.UTF-8"])
    #expect(texte.stdout.contains("promesse de paiement pour le 31/12/2024"), "\(texte.stdout)")
    #expect(!texte.stderr.contains("untranslated"), "\(texte.stderr)")
  }
}

/// Art. 293 B du CGI: under the franchise en base, an invoice carries no VAT and says why.
@Suite struct FranchiseTests {
  @Test func anInvoiceUnderTheFranchiseCarriesNoVATAndItsMention() throws {
    let registre = try LedgerFolder()
    for arguments in [["init"], ["config", "set", "vat.franchise", "on"], ["client", "add", "Atelier Roux"]] {
      #expect(try registre.run(arguments).status == 0)
    }
    #expect(try registre.run(["invoice", "add", "--client", "Atelier Roux", "--date", "02/11/2024", "--amount-ht", "300", "--vat", "20"]).status == 33)
    #expect(try registre.run(["invoice", "add", "--client", "Atelier Roux", "--date", "02/11/2024", "--amount-ht", "300"]).status == 0)
    let shown = try registre.run(["invoice", "show", "FA-240001", "--json"])
    let facture = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
    #expect(facture["ttc"] as? String == "300.00" && facture["vat_mention"] as? String == "TVA non applicable, art. 293 B du CGI")
    #expect(try registre.run(["invoice", "show", "FA-240001"]).stdout.contains("TVA non applicable, art. 293 B du CGI"))
  }
}

/// The completions the set-up installs are generated from the commands: every command the
/// assistant types is in them, in each shell.
@Suite struct CompletionTests {
  @Test(arguments: ["bash", "zsh", "fish"])
  func theCompletionsKnowEveryCommand(shell: String) throws {
    let script = try Subprocess.run(Subprocess.suivi, ["--generate-completion-script", shell])
    #expect(script.status == 0, "\(script.stderr)")
    for command in ["remind", "statement", "submit", "reject", "follow", "reallocate", "cancel", "resolve", "pull", "push"] {
      #expect(script.stdout.contains(command), "\(shell): \(command) is not completed")
    }
  }
}
