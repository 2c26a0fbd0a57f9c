import Testing

@testable import SheetSync

/// The numbers a row's text gives after *facture* or *avoir*, as trackers write them.
@Suite struct CreditNoteReferencesTests {
  @Test(arguments: [
    ("mission canne 12/06/2025 au 19/06/2025 (avoir annulant la facture n°111)", ["111"]),
    ("avoir sur la facture N° 27", ["27"]),
    ("Avoir sur Facture no FA-2024-031.", ["FA-2024-031"]),
    ("avoir / fact. 2024/17", ["2024/17"]),
    ("Transfère (facture annulée par l'avoir n°40) (avoir sur la facture n°31)", ["31"]),
    ("Mise à dispo, facture issue du devis n°32", []),
    ("surfacture 12", []),
    ("façade refaite", []),
    ("INVOICE #1042 credit", ["1042"]),
  ])
  func theInvoicesATextNames(text: String, expected: [String]) {
    #expect(CreditNoteReferences.references(to: .invoice, in: text) == expected, "\(text)")
  }

  @Test func theCreditNotesATextNames() {
    #expect(CreditNoteReferences.references(to: .creditNote, in: "mission (facture annulée par l'avoir n°115)") == ["115"])
    #expect(CreditNoteReferences.references(to: .creditNote, in: "Avoir: AV-0003") == ["AV-0003"])
    #expect(CreditNoteReferences.references(to: .creditNote, in: "pas d'avoir prévu").isEmpty)
  }
}
