import Foundation
import GRDB
import Testing

import TestSupport

/// The findings of the fault run of 2026-12-02 (`../shared/docs/research/faults-2026-12-02.md`),
/// each reproduced as the run did it, through the built `suivi` binary, and named after it.
@Suite struct FaultRunTests {
  let folder: URL
  let ledger: String

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-faults-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    ledger = folder.appendingPathComponent("l.sqlite").path
  }

  @discardableResult
  func suivi(_ arguments: String...) throws -> Subprocess.Result {
    try Subprocess.run(Subprocess.suivi, arguments + ["--ledger", ledger])
  }

  func expectOneLine(_ result: Subprocess.Result, status: Int32, mentions fragments: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(result.status == status, "\(result.stderr)", sourceLocation: sourceLocation)
    #expect(result.stderr.split(separator: "\n").count == 1, "not one line: \(result.stderr)", sourceLocation: sourceLocation)
    for fragment in fragments {
      #expect(result.stderr.contains(fragment), "\(result.stderr) lacks \(fragment)", sourceLocation: sourceLocation)
    }
  }

  // MARK: D1, D10: dates

  /// A ledger holding one invoice (FA-240001) whose due date is `text`, written with SQL
  /// past the guard that refuses it (checked first), as an older Suivi could have.
  func ledgerWithAnInvoiceWhoseDueDateIs(_ text: String) throws {
    #expect(try suivi("init").status == 0)
    #expect(try suivi("client", "add", "X").status == 0)
    #expect(try suivi("invoice", "add", "--client", "X", "--date", "2024-11-02", "--amount-ht", "100").status == 0)
    let database = try DatabaseQueue(path: ledger)
    try database.write { db in
      #expect(throws: DatabaseError.self) { try db.execute(sql: "UPDATE invoice SET dueDate = ?", arguments: [text]) }
      try db.execute(sql: "DROP TRIGGER invoice_dueDate_bounded_update")
      try db.execute(sql: "UPDATE invoice SET dueDate = ?", arguments: [text])
    }
    try database.close()
  }

  /// F-D1: a row the ledger cannot decode is reported by its key, and the rest of the ledger
  /// stays usable (a junk due date, written with SQL past the guard).
  @Test func d1_aRowTheLedgerCannotDecodeIsReportedByItsKey() throws {
    try ledgerWithAnInvoiceWhoseDueDateIs("bientôt")
    expectOneLine(try suivi("report", "--date", "2024-12-01"), status: 65, mentions: ["id 1", "dueDate", "bientôt"])
    #expect(try suivi("client", "list").status == 0)
  }

  /// F-D1: `invoice add --date 9999-12-31` was accepted with the due date 10000-01-30, and
  /// every later command exited 22 "not a Suivi ledger".
  @Test func d1_anInvoiceWhoseDueDateFallsAfter9999IsRefusedAndTheLedgerStaysUsable() throws {
    #expect(try suivi("init").status == 0)
    #expect(try suivi("client", "add", "X").status == 0)
    let added = try suivi("invoice", "add", "--client", "X", "--date", "9999-12-31", "--amount-ht", "100")
    expectOneLine(added, status: 28, mentions: ["10000-01-30", "9999-12-31"])
    #expect(try suivi("invoice", "list").status == 0)
    #expect(try suivi("invoice", "add", "--client", "X", "--date", "9999-11-15", "--amount-ht", "100").status == 0)
  }

  /// F-D10: dates before 1900 were accepted (`FA-000001`) and written as negative serials.
  @Test(arguments: ["0000-01-01", "0001-01-01", "1899-12-01"])
  func d10_anInvoiceDatedBefore1900IsRefused(date: String) throws {
    #expect(try suivi("init").status == 0)
    #expect(try suivi("client", "add", "X").status == 0)
    expectOneLine(try suivi("invoice", "add", "--client", "X", "--date", date, "--amount-ht", "100"), status: 28, mentions: ["--date", date])
    #expect(try suivi("payment", "add", "--amount", "10", "--date", date, "--method", "virement", "--client", "X").status == 28)
  }

  /// A ledger written before days were bounded, holding 10000-01-30 in a due date, is read:
  /// the invoice is listed (and can be voided) rather than every command refusing the
  /// ledger. (No command can write such a day now: it is written here with SQL, its
  /// guarding trigger dropped, as an older Suivi could.)
  @Test func d1_aLedgerAlreadyHoldingTheYear10000StaysReadable() throws {
    try ledgerWithAnInvoiceWhoseDueDateIs("10000-01-30")
    let list = try suivi("invoice", "list", "--json")
    #expect(list.status == 0, "\(list.stderr)")
    #expect(list.stdout.contains("10000-01-30"))
    #expect(try suivi("invoice", "show", "FA-240001").status == 0)
    #expect(try suivi("invoice", "void", "FA-240001", "--date", "2024-11-03").status == 0)
  }

  // MARK: D3, D4: permissions and links

  /// A small workbook at `name` in the test's folder.
  func workbook(_ name: String) throws -> String {
    let written = try TrackerFixture("Suivi", rows: [
      ["N° de facture", "Date d'émission", "Client", "Montant TTC"], ["FA-240001", .date(year: 2024, month: 11, day: 2), "X", 120],
    ]).write()
    let path = folder.appendingPathComponent(name).path
    try FileManager.default.moveItem(atPath: written, toPath: path)
    return path
  }

  func mode(_ path: String) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
  }

  /// F-D3: a `0600` workbook became `0644` after a save (invoices world-readable).
  @Test(arguments: [0o600, 0o640, 0o664]) func d3_aSavedWorkbookKeepsItsPermissions(permissions: Int) throws {
    let path = try workbook("private.xlsx")
    try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: path)
    let edit = try Subprocess.run(Subprocess.suivi, ["edit", path, "--set", "E2=x"])
    #expect(edit.status == 0, "\(edit.stderr)")
    #expect(try mode(path) == permissions)
  }

  /// F-U5: a write failure (here the file-size limit, as a full disk) named the temporary
  /// file a person never sees, not the workbook; nothing is left behind.
  @Test func u5_aWriteFailureNamesTheWorkbookAndLeavesNothing() throws {
    let path = try workbook("full.xlsx")
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    let script = "ulimit -f 1; trap '' XFSZ; exec \"$0\" edit \"$1\" --set E2=x"
    let edit = try Subprocess.run("/bin/bash", ["-c", script, Subprocess.suivi, path])
    expectOneLine(edit, status: 73, mentions: ["suivi: error: \(path):"])
    #expect(!edit.stderr.contains(".tmp"), "\(edit.stderr)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
    #expect(left.isEmpty, "\(left)")
  }

  /// F-D3: a read-only workbook (`0444`) was silently replaced.
  @Test func d3_aReadOnlyWorkbookIsRefusedAndLeftAsItIs() throws {
    let path = try workbook("locked.xlsx")
    try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    let edit = try Subprocess.run(Subprocess.suivi, ["edit", path, "--set", "D2=x"])
    expectOneLine(edit, status: 73, mentions: [path, "read-only"])
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    #expect(try mode(path) == 0o444)
  }

  /// F-D4: a symlinked workbook was replaced by a regular file, its target left old.
  @Test func d4_aWorkbookReachedThroughASymlinkIsWrittenThroughIt() throws {
    let real = try workbook("real.xlsx")
    let link = folder.appendingPathComponent("link.xlsx").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
    let edit = try Subprocess.run(Subprocess.suivi, ["edit", link, "--set", "D2=through the link"])
    #expect(edit.status == 0, "\(edit.stderr)")
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real, "the link is still a link")
    let shown = try Subprocess.run(Subprocess.suivi, ["inspect", real, "--json"])
    #expect(shown.stdout.contains("through the link"))
  }

  // MARK: C1, C2: a VAT no rate can be

  /// F-C1, F-C2: a VAT cell of `nan`, `inf`, `1e20`, `1e300 %` (text) or 1e15, -1e300 (a
  /// number) crashed every sync command (exit 132, a Swift backtrace). The row is now
  /// adopted without that rate or listed with its cell, and nothing crashes.
  @Test(arguments: [
    TrackerFixture.Cell.text("nan"), .text("inf"), .text("1e20"), .text("1e300 %"), .text("-inf"), .number(1e15), .number(-1e300),
    .number(9.3e14), .number(-5e12),
  ])
  func c1_aVATNoRateCanBeIsReadAsUnreadable(vat: TrackerFixture.Cell) throws {
    let written = try TrackerFixture("Suivi", rows: [
      ["N° de facture", "Date d'émission", "Client", "TVA", "Montant HT", "Montant TTC"],
      ["FA-240001", .date(year: 2024, month: 11, day: 2), "X", vat, 100, 120],
      ["FA-240002", .date(year: 2024, month: 11, day: 3), "Y", 0.2, 100, 120],
    ]).write()
    let tracker = folder.appendingPathComponent("t.xlsx").path
    try FileManager.default.moveItem(atPath: written, toPath: tracker)
    #expect(try suivi("init").status == 0)
    let pull = try suivi("pull", tracker, "--date", "2025-01-15")
    #expect(pull.status == 0 || pull.status == 1, "\(vat): \(pull.status) \(pull.stderr)")
    #expect(!pull.stderr.contains("Fatal error"))
    #expect(try suivi("invoice", "show", "FA-240002").status == 0)
    let status = try suivi("status", tracker, "--date", "2025-01-15")
    #expect(status.status == 0 || status.status == 1, "\(status.stderr)")
  }

  /// Every arithmetic on an untrusted value is checked: an amount no invoice has (here
  /// 500,000,000,000 €) is left out with its reason, so that no sum over the ledger can
  /// overflow later; the other rows are adopted.
  @Test func anAmountPastTheLedgersMaximumIsLeftOutNotSummed() throws {
    let written = try TrackerFixture("Suivi", rows: [
      ["N° de facture", "Date d'émission", "Client", "Montant TTC"],
      ["FA-240001", .date(year: 2024, month: 11, day: 2), "X", 500_000_000_000],
      ["FA-240002", .date(year: 2024, month: 11, day: 3), "Y", 120],
    ]).write()
    let tracker = folder.appendingPathComponent("big.xlsx").path
    try FileManager.default.moveItem(atPath: written, toPath: tracker)
    #expect(try suivi("init").status == 0)
    let pull = try suivi("pull", tracker, "--date", "2025-01-15")
    #expect(pull.status <= 1 && pull.stdout.contains("row 2") && pull.stdout.contains("more than"), "\(pull.stdout) \(pull.stderr)")
    #expect(try suivi("invoice", "show", "FA-240002").status == 0)
    #expect(try suivi("invoice", "show", "FA-240001").status == 24)
    #expect(try suivi("report", "--date", "2025-01-15").status == 0)
  }

  // MARK: C3, D8, U3: rows and cells Excel's grid has no room for

  /// A sheet whose rows are `rows` (the XML of `<row>` elements after a header row).
  func sheet(_ rows: String) throws -> String {
    let header = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>N° de facture</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>Client</t></is></c>"
      + "<c r=\"C1\" t=\"inlineStr\"><is><t>Montant TTC</t></is></c></row>"
    return try WorkbookFixture.sheetData(header + rows).write()
  }

  static func invoiceRow(_ row: Int, _ number: String, cells: String? = nil) -> String {
    "<row r=\"\(row)\">" + (cells ?? "<c r=\"A\(row)\" t=\"inlineStr\"><is><t>\(number)</t></is></c><c r=\"B\(row)\" t=\"inlineStr\"><is><t>X</t></is></c><c r=\"C\(row)\"><v>120</v></c>") + "</row>"
  }

  /// F-C3: `suivi edit` crashed on a sheet holding rows 1,048,576 and 1,048,577 (F-U3: and
  /// said its rows had no numbers). Editing refuses it as reading does, naming the row.
  @Test func c3_editingASheetWithARowPastExcelsLastIsRefusedNotACrash() throws {
    let path = try sheet(Self.invoiceRow(2, "FA-240001") + Self.invoiceRow(1_048_576, "FA-240002") + Self.invoiceRow(1_048_577, "FA-240003"))
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    for arguments in [["--set", "D2=x"], ["--append-row", "FA-240099,X,1"], ["--highlight", "B2"]] {
      let edit = try Subprocess.run(Subprocess.suivi, ["edit", path] + arguments)
      expectOneLine(edit, status: 17, mentions: ["row 1048577", "1,048,576"])
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
  }

  /// F-D8: two `<c r="A3">` in one row, or `<c r="A7">` inside `<row r="3">`, were read
  /// without a word (a pull adopted the second value). Excel treats both as damage: every
  /// command refuses them, naming the cell.
  @Test(arguments: [
    ("<c r=\"A3\" t=\"inlineStr\"><is><t>FA-240002</t></is></c><c r=\"A3\" t=\"inlineStr\"><is><t>FA-249998</t></is></c><c r=\"C3\"><v>1</v></c>", "A3"),
    ("<c r=\"A7\" t=\"inlineStr\"><is><t>FA-240002</t></is></c><c r=\"C7\"><v>1</v></c>", "A7"),
    ("<c r=\"C3\"><v>1</v></c><c r=\"A3\" t=\"inlineStr\"><is><t>FA-240002</t></is></c>", "A3"),
  ])
  func d8_aDuplicateOrMisplacedCellIsRefusedByEveryCommand(cells: String, named: String) throws {
    let path = try sheet(Self.invoiceRow(2, "FA-240001") + Self.invoiceRow(3, "", cells: cells))
    expectOneLine(try Subprocess.run(Subprocess.suivi, ["inspect", path]), status: 17, mentions: ["cell \(named)"])
    expectOneLine(try Subprocess.run(Subprocess.suivi, ["edit", path, "--set", "D2=x"]), status: 17, mentions: ["cell \(named)"])
    #expect(try suivi("init").status == 0)
    expectOneLine(try suivi("pull", path), status: 17, mentions: ["cell \(named)"])
  }

  // MARK: D5: a sheet that points to another part

  /// F-D5: `edit` spliced into `workbook.xml` (or `sharedStrings.xml`) when the sheet's
  /// relationship targeted it, leaving XML openpyxl could no longer open. Such a sheet is
  /// refused by every command (14), and the file is left as it was.
  @Test(arguments: ["workbook.xml", "sharedStrings.xml", "styles.xml"])
  func d5_aSheetPointingToAnotherPartIsRefusedAndNeverSplicedInto(target: String) throws {
    var fixture = WorkbookFixture.sheetData(
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>", sharedStrings: ["N° de facture"],
      styles: WorkbookFixture.styles(numberFormats: [:], cellFormats: [0]))
    fixture.worksheetTarget = { _ in target }
    let path = try fixture.write()
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    expectOneLine(try Subprocess.run(Subprocess.suivi, ["edit", path, "--set", "N2=x"]), status: 14, mentions: ["which is not a sheet"])
    expectOneLine(try Subprocess.run(Subprocess.suivi, ["inspect", path]), status: 14, mentions: ["which is not a sheet"])
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
  }

  // MARK: D9, U7, U10: what a person types

  /// F-U10: `+5` was taken as 5.00, though signs are refused.
  @Test func u10_anAmountWithASignIsRefused() throws {
    #expect(try suivi("init").status == 0)
    #expect(try suivi("client", "add", "X").status == 0)
    expectOneLine(try suivi("invoice", "add", "--client", "X", "--date", "2024-11-02", "--amount-ht", "+5"), status: 26, mentions: ["+5", "sign"])
    expectOneLine(try suivi("invoice", "add", "--client", "X", "--date", "2024-11-02", "--amount-ht", "-5"), status: 27, mentions: ["-5"])
  }

  /// F-D9: a note of 131,071 characters was kept and written into the sheet, past the
  /// 32,767 characters Excel holds in a cell; `suivi edit` wrote 1 MiB into one.
  @Test func d9_textLongerThanACellIsRefusedByTheLedgerAndTheWriter() throws {
    #expect(try suivi("init").status == 0)
    #expect(try suivi("client", "add", "X").status == 0)
    let long = String(repeating: "n", count: 131_071)
    expectOneLine(
      try suivi("invoice", "add", "--client", "X", "--date", "2024-11-02", "--amount-ht", "100", "--notes", long), status: 33, mentions: ["32767"])
    #expect(try suivi("invoice", "add", "--client", "X", "--date", "2024-11-02", "--amount-ht", "100", "--notes", String(long.prefix(32_767))).status == 0)
    let path = try workbook("long.xlsx")
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    expectOneLine(try Subprocess.run(Subprocess.suivi, ["edit", path, "--set", "D2=" + String(long.prefix(40_000))]), status: 20, mentions: ["D2", "32767"])
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
  }

  /// F-U7: names with a line break, a tab, a right-to-left override or a zero-width space
  /// were accepted (a two-line error, a name that reads otherwise than it is); `Café
  /// Dupont` typed composed and decomposed were two clients.
  @Test(arguments: ["Garage\nRenaud", "Garage\tRenaud", "Garage \u{202E}duanéR", "Garage\u{200B}Renaud"])
  func u7_aNameThatDoesNotReadAsItIsIsRefused(name: String) throws {
    #expect(try suivi("init").status == 0)
    let added = try suivi("client", "add", name)
    expectOneLine(added, status: 33, mentions: ["NAME"])
  }

  @Test func u7_aNameTypedComposedOrDecomposedIsOneClient() throws {
    #expect(try suivi("init").status == 0)
    #expect(try suivi("client", "add", "Caf\u{E9} Dupont").status == 0)
    expectOneLine(try suivi("client", "add", "Cafe\u{301} Dupont"), status: 25, mentions: ["already exists"])
    #expect(try suivi("invoice", "add", "--client", "Cafe\u{301} Dupont", "--date", "2024-11-02", "--amount-ht", "100").status == 0)
  }

  // MARK: H1: not a file

  /// F-H1: a FIFO named `*.xlsx` blocked `inspect` and `edit` forever.
  @Test func h1_aPipeNamedLikeAWorkbookIsRefusedAtOnce() throws {
    let path = folder.appendingPathComponent("f.xlsx").path
    #expect(mkfifo(path, 0o644) == 0)
    for arguments in [["inspect", path], ["edit", path, "--set", "A1=x"]] {
      let result = try Subprocess.run(Subprocess.suivi, arguments, timeout: 20)
      expectOneLine(result, status: 19, mentions: ["not a file"])
    }
    #expect(try suivi("init").status == 0)
    expectOneLine(try Subprocess.run(Subprocess.suivi, ["pull", path, "--ledger", ledger], timeout: 20), status: 19, mentions: ["not a file"])
  }

  // MARK: D12, U6, U8: the ledger file

  func ledgerWithInvoices() throws {
    #expect(try suivi("init").status == 0)
    #expect(try suivi("client", "add", "X").status == 0)
    for day in 1...40 {
      // (In date order: a series is chronological.)
      let date = day <= 29 ? "2024-11-\(String(format: "%02d", day + 1))" : "2024-12-\(String(format: "%02d", day - 29))"
      let added = try suivi("invoice", "add", "--client", "X", "--date", date, "--amount-ht", "100", "--notes", String(repeating: "note ", count: 60))
      #expect(added.status == 0 || added.status == 34, "\(added.stderr)")
    }
  }

  /// F-D12: reading a read-only ledger left read-only `-shm`/`-wal` files; after the ledger
  /// was made writable again, every write failed until a person found and removed them.
  @Test func d12_aLedgerMadeWritableAgainCanBeWrittenAgain() throws {
    try ledgerWithInvoices()
    try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: ledger)
    #expect(try suivi("invoice", "list").status == 0)
    expectOneLine(try suivi("client", "add", "Y"), status: 73, mentions: [ledger])
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: ledger)
    let added = try suivi("client", "add", "Y")
    #expect(added.status == 0, "\(added.stderr)")
  }

  /// F-U8: `status`, which writes nothing, needed a writable ledger (73).
  @Test func u8_statusReadsAReadOnlyLedger() throws {
    let tracker = try workbook("t.xlsx")
    #expect(try suivi("init").status == 0)
    #expect(try suivi("pull", tracker, "--date", "2025-01-15").status <= 1)
    try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: ledger)
    let before = try Data(contentsOf: URL(fileURLWithPath: ledger))
    let status = try suivi("status", tracker, "--date", "2025-01-16")
    #expect(status.status <= 1, "\(status.stderr)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: ledger)) == before)
  }

  /// F-U6: a damaged ledger (a page of junk) exited 70, undocumented, and `init` said it
  /// was fine (exit 0).
  @Test func u6_aDamagedLedgerIsSaidDamagedAndInitDoesNotPassIt() throws {
    try ledgerWithInvoices()
    #expect(try suivi("invoice", "list").status == 0)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: ledger))
    let size = try handle.seekToEnd()
    try handle.seek(toOffset: size / 2 / 4096 * 4096)
    try handle.write(contentsOf: Data(repeating: 0xA5, count: 4096))
    try handle.close()
    let listed = try suivi("invoice", "list")
    #expect(listed.status == 65 || listed.status == 0, "\(listed.stderr)")
    if listed.status == 65 { expectOneLine(listed, status: 65, mentions: ["damaged"]) }
    expectOneLine(try suivi("init"), status: 65, mentions: ["damaged"])
  }

  /// F-U6: a ledger a newer Suivi migrated was used as if this one knew its schema.
  @Test func u6_aLedgerFromANewerSuiviIsRefused() throws {
    #expect(try suivi("init").status == 0)
    let database = try DatabaseQueue(path: ledger)
    try database.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v999: from the future')") }
    try database.close()
    expectOneLine(try suivi("invoice", "list"), status: 22, mentions: ["newer Suivi", "v999"])
  }

  // MARK: U4, H2, M1: parts built to hurt

  /// F-U4: duplicated or descending `<row r>`: `status` and `inspect` exited 0 while `pull`,
  /// `sync` and `edit` exited 17. Every command refuses them now, naming the row.
  @Test(arguments: [(2, 2), (3, 2)]) func u4_rowsOutOfOrderAreRefusedByEveryCommand(first: Int, second: Int) throws {
    let path = try sheet(Self.invoiceRow(first, "FA-240001") + Self.invoiceRow(second, "FA-240002"))
    expectOneLine(try Subprocess.run(Subprocess.suivi, ["inspect", path]), status: 17, mentions: ["row \(second)"])
    expectOneLine(try Subprocess.run(Subprocess.suivi, ["edit", path, "--set", "D2=x"]), status: 17, mentions: ["row \(second)"])
    #expect(try suivi("init").status == 0)
    expectOneLine(try suivi("status", path), status: 17, mentions: ["row \(second)"])
    expectOneLine(try suivi("pull", path), status: 17, mentions: ["row \(second)"])
  }

  /// F-H2: 8 MB of nested start tags took 11.5 s (and 1.3 GB for a 208 KB bomb) before
  /// failing. Nesting is bounded: refused at once, naming the part and line.
  @Test func h2_nestedTagsAreRefusedAtOnce() throws {
    let path = try sheet(String(repeating: "<abcdef>", count: 200_000))
    expectOneLine(try Subprocess.run(Subprocess.suivi, ["inspect", path], timeout: 30), status: 16, mentions: ["nested more than 256"])
  }

  /// F-M1: one 200 MB text cell drove `pull` past 3 GB. A text run is bounded.
  @Test func m1_aHugeTextIsRefusedWithLittleMemory() throws {
    let path = try sheet(Self.invoiceRow(2, "", cells: "<c r=\"A2\" t=\"inlineStr\"><is><t>" + String(repeating: "abcd", count: 1_500_000) + "</t></is></c>"))
    #expect(try suivi("init").status == 0)
    expectOneLine(try Subprocess.run(Subprocess.suivi, ["pull", path, "--ledger", ledger], timeout: 60), status: 16, mentions: ["more than 4 MiB"])
  }

  /// F-U9: a 2 MB zip bomb made edit, pull, push and sync inflate about 1 GB into memory
  /// before the ratio refused it. Its declared size is judged before anything is inflated
  /// (an entry that inflates past its declared size is refused as damaged).
  @Test func u9_aZipBombIsRefusedByEveryCommandBeforeItIsInflated() throws {
    let padding = String(repeating: " ", count: 40 << 20)
    let path = try WorkbookFixture.sheetData("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>\(padding)<row r=\"2\"/>").write("bomb.xlsx")
    for arguments in [["inspect", path], ["edit", path, "--set", "B1=x"]] {
      expectOneLine(try Subprocess.run(Subprocess.suivi, arguments), status: 13, mentions: ["zip bomb"])
    }
    #expect(try suivi("init").status == 0)
    expectOneLine(try suivi("pull", path), status: 13, mentions: ["zip bomb"])
  }
}
