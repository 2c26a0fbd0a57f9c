import Testing

@testable import SheetSync
import TestSupport

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

  /// Seeded texts around a generated number: the number written after *facture* (with any
  /// marker, case and accent) is found; every token found holds a digit and is a piece of the
  /// text as written; a text that never says *facture* names no invoice.
  @Test(arguments: 0..<300)
  func aNumberWrittenAfterFactureIsFound(seed: Int) {
    var random = SplitMix64(state: UInt64(seed))
    let words = ["Facture", "facture", "FACTURE", "Fact.", "fac", "Invoice"]
    let markers = ["", "n°", "N° ", "no ", "numéro ", "#", ": "]
    let fillers = ["mission Nice", "avoir annulant la", "remise", "Transfert Orly–Paris", "(annulée)", "réf. client 12", "été 2025"]
    let numbers = ["111", "F-2024-0031", "FA240001", "2024/17", "7", "INV-000042"]
    let number = numbers.randomElement(using: &random)!
    let before = fillers.randomElement(using: &random)!
    let after = fillers.randomElement(using: &random)!
    let text = "\(before) \(words.randomElement(using: &random)!) \(markers.randomElement(using: &random)!)\(number) \(after)"
    let found = CreditNoteReferences.references(to: .invoice, in: text)
    #expect(found.contains(number), "seed \(seed): « \(text) » → \(found)")
    #expect(found.allSatisfy { text.contains($0) && $0.contains(where: \.isNumber) }, "seed \(seed): « \(text) » → \(found)")
    let plain = "\(before) \(number) \(after)"
    #expect(CreditNoteReferences.references(to: .invoice, in: plain).isEmpty, "seed \(seed): « \(plain) »")
  }

  @Test func theCreditNotesATextNames() {
    #expect(CreditNoteReferences.references(to: .creditNote, in: "mission (facture annulée par l'avoir n°115)") == ["115"])
    #expect(CreditNoteReferences.references(to: .creditNote, in: "Avoir: AV-0003") == ["AV-0003"])
    #expect(CreditNoteReferences.references(to: .creditNote, in: "cancelled by credit note #CN-12") == ["CN-12"])
    #expect(CreditNoteReferences.references(to: .creditNote, in: "pas d'avoir prévu").isEmpty)
  }
}
