import Wording
/// What a pull, push, sync or status did (or, dry, would do).
public struct SyncReport: Sendable {
  /// One value that moved from one side to the other.
  public struct Change: Sendable, Equatable {
    public var number: String
    public var column: SyncColumn
    /// The cell in the sheet (`E12`), when the row is in it.
    public var cell: String?
    public var from: String?
    public var to: String?
  }

  /// A row Suivi could not take in, with why.
  public struct Skipped: Sendable, Equatable {
    public var row: Int
    public var reason: Phrase
  }

  public var command: SyncMode
  public var file: String
  public var sheet: String?
  /// The other sheets holding an invoice table, when Suivi chose among several (see
  /// ``TrackerTable/otherTables``).
  public var otherTables: [Phrase] = []
  public var dryRun = false
  /// Whether this run adopted the tracker (its first pull).
  public var adopted = false
  /// A number that named two invoices, given up by one of them (`side`: "ledger" or
  /// "sheet"); `to` is the ledger's invoice's new number (a row's comes with ``numbered``).
  public struct Renumbered: Equatable, Sendable {
    public var from: String
    public var to: String?
    public var side: String
  }
  public var renumbered: [Renumbered] = []
  /// The file this one is a copy of: merged from that tracker's last sync.
  public var copyOf: String?
  /// The file this one was (moved or renamed): its binding followed it.
  public var movedFrom: String?
  /// Whether the fast path found nothing changed on either side.
  public var unchanged = false
  /// Values the sheet changed, applied to the ledger.
  public var toLedger: [Change] = []
  /// Values the ledger changed, written (or to write) in the sheet.
  public var toSheet: [Change] = []
  /// Invoices imported from rows of the sheet.
  public var imported: [String] = []
  /// What each imported invoice was read as, by row (what `pull --dry-run` shows before an
  /// adoption).
  public struct ImportedRow: Sendable, Equatable {
    public var row: Int
    public var number: String
    public var client: String
    public var issueDate: String
    /// The TTC as decimal text; negative for a credit note.
    public var ttc: String
    /// Whether the VAT is known (HT given or derived).
    public var vatKnown: Bool
    /// The other rows of its lines.
    public var lines: [Int]
  }
  public var importedRows: [ImportedRow] = []
  /// Invoices appended to the sheet as new rows.
  public var appended: [String] = []
  /// Rows typed without a number that got one from the ledger: (row, number).
  public var numbered: [Skipped] = []
  /// Invoices whose row was deleted from the sheet (the invoices stay in the ledger).
  public var deletedRows: [String] = []
  public var skipped: [Skipped] = []
  /// Several rows with one number read as the lines of one invoice.
  public struct Grouped: Sendable, Equatable {
    public var number: String
    public var rows: [Int]
  }
  /// Invoices whose rows are lines (see ``Grouped``).
  public var grouped: [Grouped] = []
  /// What was taken as it is but deserves a look (a status word Suivi does not know, read
  /// as issued and kept in the sheet), each said once.
  public var warnings: [Phrase] = []
  /// Header cells naming a known column twice (both ignored).
  public var ambiguousColumns: [String] = []
  /// Renamed headers recognised by their values, as `"Statut facture" → État`.
  public var renamedColumns: [String] = []
  /// Conflicts raised by this run.
  public var raised: [SyncConflict] = []
  /// Conflicts this run applied the decision of, or found settled.
  public var closed: [SyncConflict] = []
  /// Every conflict still open after the run.
  public var open: [SyncConflict] = []
  /// Whether the workbook was saved.
  public var saved = false
  /// How many rows of the tracker sheet were parsed; the others were known, unchanged,
  /// from the last sync (see ``SheetDigest``).
  public internal(set) var rowsRead = 0
  public var backup: String?

  public var hasOpenConflicts: Bool { !open.isEmpty }
}

/// What a run does.
public enum SyncMode: String, Sendable, CaseIterable {
  /// Sheet → ledger; nothing is written to the file.
  case pull
  /// Ledger → sheet; the ledger takes nothing from the sheet.
  case push
  /// Both, in one merge.
  case sync
  /// What `sync` would do; writes nothing anywhere.
  case status

  var pulls: Bool { self != .push }
  var pushes: Bool { self != .pull }
}
