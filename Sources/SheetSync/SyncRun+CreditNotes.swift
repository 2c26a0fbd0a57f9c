import Ledger
import Wording

/// Credit notes a tracker lists as negative rows, linked to the invoice they cancel when the
/// rows say which (see ``CreditNoteReferences``): an invoice cancelled by its credit note is
/// no longer owed, nor chased.
extension SyncRun {
  /// Sets each credit note draft's ``InvoiceDraft/credits``: the one invoice its own row
  /// names (of the batch, the same client's, or of the ledger), else the one invoice of the
  /// batch whose row names the credit note. Two candidates, or none: no link.
  func linkCreditNotes(_ rows: inout [(number: String, row: TrackerTable.Row, draft: InvoiceDraft)]) throws {
    let notes = rows.indices.filter { rows[$0].draft.kind == .creditNote }
    guard !notes.isEmpty else { return }
    func clientKey(_ draft: InvoiceDraft) -> String { draft.clientName.trimmingCharacters(in: .whitespaces).lowercased() }
    func texts(_ draft: InvoiceDraft) -> [String] { [draft.service, draft.notes].compactMap { $0 } }
    // The batch's invoices, by number, with their client.
    var invoices: [String: (number: String, client: String)] = [:]
    for row in rows where row.draft.kind == .invoice { invoices[row.number.uppercased()] = (row.number, clientKey(row.draft)) }
    // Invoices whose row names a credit note of the batch (*annulée par l'avoir n°115*).
    let noteNumbers = Set(notes.map { rows[$0].number.uppercased() })
    var namedBy: [String: Set<String>] = [:]
    for row in rows where row.draft.kind == .invoice {
      // (Only a text that may name one is read word by word.)
      for text in texts(row.draft) where ["avoir", "credit"].contains(where: { text.range(of: $0, options: [.caseInsensitive, .diacriticInsensitive]) != nil }) {
        for reference in CreditNoteReferences.references(to: .creditNote, in: text) where noteNumbers.contains(reference.uppercased()) {
          namedBy[reference.uppercased(), default: []].insert(row.number)
        }
      }
    }
    for index in notes {
      let draft = rows[index].draft
      let client = clientKey(draft)
      var own: Set<String> = []
      for text in texts(draft) {
        for reference in CreditNoteReferences.references(to: .invoice, in: text) {
          let key = reference.uppercased()
          if let invoice = invoices[key] {
            if invoice.client == client { own.insert(invoice.number) }
          } else if let found = try session.invoice(ifNumbered: reference), !found.isCreditNote {
            own.insert(found.number)
          }
        }
      }
      let naming = (namedBy[rows[index].number.uppercased()] ?? []).filter { invoices[$0.uppercased()]?.client == client }
      if own.count == 1 {
        rows[index].draft.credits = own.first
      } else if own.isEmpty, naming.count == 1 {
        rows[index].draft.credits = naming.first
      }
    }
  }

  /// Says, for each credit note adopted, which invoice it was deducted from, or that it was
  /// deducted from none (and why a person should look).
  mutating func reportCreditNotes(_ rows: [(number: String, row: TrackerTable.Row, draft: InvoiceDraft)], taken: Set<String>) throws {
    for (number, row, draft) in rows where draft.kind == .creditNote && taken.contains(number) {
      let note = try session.invoice(numbered: number)
      if let id = note.creditedInvoiceId, let credited = try session.invoiceNumber(id: id) {
        warn(row: row, "a negative amount: a credit note (avoir) of \(draft.clientName) for \(draft.amounts.ttc) TTC, deducted from invoice \(credited), which its row names")
      } else if let named = draft.credits {
        warn(row: row, "a negative amount: a credit note (avoir) of \(draft.clientName) for \(draft.amounts.ttc) TTC; it names invoice \(named), which does not owe that much (or is another client's): deducted from no invoice")
      } else {
        warn(row: row, "a negative amount: a credit note (avoir) of \(draft.clientName) for \(draft.amounts.ttc) TTC, which names no invoice")
      }
    }
  }
}
