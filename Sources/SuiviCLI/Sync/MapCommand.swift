import Wording
import ArgumentParser
import Ledger
import SheetSync

/// `suivi map`: how Suivi reads a tracker, and what a person says of it.
struct Map: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: say("Show how a tracker is read (sheet, header row, columns), or say it: the mapping is kept for every later run."),
    discussion: say("""
      Suivi finds the invoice table on every visible sheet: the first row (among the first 25) naming an \
      invoice number and two other columns it knows, in French or English, in any case style (N° facture, \
      Invoice #, InvoiceID, facture_id, nom du client, Tiers, Total TTC, montant_eur, Date de paiement…). \
      Every other column is left to the humans: never read, never written.

      When it cannot, say it: --sheet and --header-row choose the table, and each --column HEADER=COLUMN \
      names what a header is (by its text, or its column letters): COLUMN is one of number, issueDate, \
      client, service, status, amountHT, vat, vatAmount, amountTTC, dueDate, paidOn, paymentMethod, \
      amountPaid, balance, reminder1 to reminder4, notes, a header Suivi knows for it (Montant TTC), or \
      none (left to the humans). The mapping is checked on the tracker, kept in the ledger, and used by \
      every later pull, push and sync; --reset forgets it.

      Example: suivi map factures.xlsx --sheet Factures --header-row 3 --column "Tiers=client" --column "Réf=number"
      """))

  @Argument(help: ArgumentHelp(say("The tracker (.xlsx)."))) var tracker: String
  @Option(help: ArgumentHelp(say("The sheet holding the invoice table."))) var sheet: String?
  @Option(help: ArgumentHelp(say("The header's row number."))) var headerRow: Int?
  @Option(name: .customLong("column"), help: ArgumentHelp(say("HEADER=COLUMN: what a header is (repeatable)."))) var columns: [String] = []
  @Flag(help: ArgumentHelp(say("Forget the mapping kept for this tracker (before applying the options given)."))) var reset = false
  @Flag(help: ArgumentHelp(say("Print the result as JSON."))) var json = false
  @OptionGroup var ledger: LedgerOptions

  func run() throws {
    try reportingErrors {
      if let headerRow, headerRow < 1 {
        throw TrackerError.badMapping("--header-row \(headerRow): a row number starts at 1")
      }
      let change = TrackerMapping(sheet: sheet, headerRow: headerRow, assignments: try columns.map(TrackerMapping.assignment))
      let map = try SyncEngine(ledger: ledger.open()).map(tracker, change: change.isEmpty ? nil : change, reset: reset)
      try emit(json ? Self.json(map) : Self.text(map))
    }
  }

  static func text(_ map: TrackerMap) -> String {
    var lines = [say("\(map.file): sheet '\(map.sheet ?? "?")', header row \(map.headerRow), \(map.rowsWithNumber) row(s) with an invoice number")]
    let width = map.cells.map(\.cell.count).max() ?? 2
    for cell in map.cells {
      let padded = cell.cell.padding(toLength: width, withPad: " ", startingAt: 0)
      lines.append("  \(padded)  \(cell.text)  →  " + say(cell.column.map { "\($0.label) (`\($0.rawValue)`)" } ?? "left to the humans"))
    }
    if !map.ambiguous.isEmpty { lines.append("  " + say("ambiguous, ignored: \(map.ambiguous.joined(separator: ", "))")) }
    if map.mapping.isEmpty {
      lines.append("  " + say("found by Suivi; say otherwise with --sheet, --header-row or --column HEADER=COLUMN"))
    } else {
      var said: [Phrase] = []
      if let sheet = map.mapping.sheet { said.append("sheet '\(sheet)'") }
      if let row = map.mapping.headerRow { said.append("header row \(row)") }
      said += map.mapping.assignments.map { "'\($0.header)' = \($0.column?.rawValue ?? "none")" }
      lines.append("  " + say(map.saved ? "mapping kept: \(said.joined())" : "mapping in use: \(said.joined())"))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func json(_ map: TrackerMap) -> String {
    func string(_ text: String?) -> String { text.map(JSONText.string) ?? "null" }
    let cells = map.cells.map { "{\"cell\":\(string($0.cell)),\"header\":\(string($0.text)),\"column\":\(string($0.column?.rawValue))}" }
    let assignments = map.mapping.assignments.map { "{\"header\":\(string($0.header)),\"column\":\(string($0.column?.rawValue))}" }
    return "{\"file\":\(string(map.file)),\"sheet\":\(string(map.sheet)),\"header_row\":\(map.headerRow),"
      + "\"rows_with_number\":\(map.rowsWithNumber),\"columns\":[\(cells.joined(separator: ","))],"
      + "\"ambiguous\":[\(map.ambiguous.map(JSONText.string).joined(separator: ","))],"
      + "\"mapping\":{\"sheet\":\(string(map.mapping.sheet)),\"header_row\":\(map.mapping.headerRow.map(String.init) ?? "null"),"
      + "\"columns\":[\(assignments.joined(separator: ","))]},\"saved\":\(map.saved)}\n"
  }
}
