import Foundation
import GRDB
import Testing

@testable import OOXML

@testable import Ledger
@testable import SheetSync
import TestSupport

/// A sync that reads only the rows that changed since the last one (its digest, and the
/// invoices the ledger changed since) ends exactly as a sync that reads everything: same
/// report, same workbook, same ledger, same base, conflicts and next digest. Two copies of
/// one adopted tracker get the same random edits on both sides, round after round; one
/// syncs as it would, the other has its digest removed first.
@Suite(.needsShared) struct PartialSyncTests {
  static let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_733_000_000) }

  /// A tracker and its ledger in a folder of their own.
  struct Copy {
    let folder: URL
    var tracker: String { folder.appendingPathComponent("suivi.xlsx").path }
    var ledgerPath: String { folder.appendingPathComponent("suivi.sqlite").path }
    let ledger: Ledger

    func sync(_ mode: SyncMode, day: Day, usesDigest: Bool = true) throws -> SyncReport {
      var options = SyncOptions(mode: mode, asOf: day)
      options.saveOptions = SaveOptions(backupsKept: 0)
      options.usesDigest = usesDigest
      return try SyncEngine(ledger: ledger).run(tracker, options: options)
    }

    /// The ledger's tables (the binding's path and the files' checksums left out: the two
    /// copies live in different folders, and a zip records when its entries were written).
    func ledgerDump() throws -> [String] {
      try ledger.database.read { db in
        var lines: [String] = []
        let tables = [
          "client", "invoice", "payment", "allocation", "reminder", "journal", "setting", "invoice_change", "change_clock",
          "sync_base", "sync_conflict", "sync_digest",
        ]
        for table in tables {
          for row in try GRDB.Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2") { lines.append("\(table) \(row)") }
        }
        for row in try GRDB.Row.fetchAll(db, sql: "SELECT command, at, counts, open_conflicts FROM sync_run ORDER BY id") {
          lines.append("sync_run \(row)")
        }
        return lines
      }
    }

    /// Every part of the workbook, as text.
    func parts() throws -> [String: String] {
      let workbook = try Workbook(path: tracker)
      var parts: [String: String] = [:]
      for entry in workbook.package.archive.entries where !entry.isDirectory {
        parts[entry.name] = String(decoding: try workbook.package.archive.contents(of: entry), as: UTF8.self)
      }
      return parts
    }
  }

  /// A report's content (not where its file is).
  static func summary(_ report: SyncReport, of copy: Copy) -> [String] {
    summary(report).map { $0.replacingOccurrences(of: copy.folder.path, with: "…") }
  }

  static func summary(_ report: SyncReport) -> [String] {
    var lines = ["saved \(report.saved) adopted \(report.adopted) unchanged \(report.unchanged) sheet \(report.sheet ?? "-")"]
    lines += report.toLedger.map { "to ledger \($0)" }.sorted()
    lines += report.toSheet.map { "to sheet \($0)" }.sorted()
    lines += report.imported.sorted().map { "imported \($0)" } + report.appended.map { "appended \($0)" }
    lines += report.numbered.map { "numbered \($0)" } + report.deletedRows.sorted().map { "deleted \($0)" }
    lines += report.skipped.map { "skipped \($0)" } + report.renamedColumns + report.ambiguousColumns
    lines += report.raised.map { "raised \($0)" }.sorted() + report.closed.map { "closed \($0)" }.sorted()
    lines += report.open.map { "open \($0)" }.sorted()
    return lines
  }

  /// One edit applied the same way to both copies.
  enum Edit {
    case sheet(CellReference, CellInput)
    case appendRow([CellInput])
    case payment(number: String, cents: Int64, day: Day)
    case reminder(number: String, level: Int, day: Day)
    case notes(number: String, text: String)
    case invoice(client: String, day: Day, cents: Int64)
    case renameClient(from: String, to: String)
    case setting(key: String, value: String)
    case resolveFirstConflict
  }

  static func apply(_ edits: [Edit], to copy: Copy) throws {
    let sheetEdits = edits.filter {
      switch $0 {
      case .sheet, .appendRow: true
      default: false
      }
    }
    if !sheetEdits.isEmpty {
      let editor = try WorkbookEditor(path: copy.tracker)
      for edit in sheetEdits {
        if case let .sheet(cell, value) = edit { try editor.set(value, at: cell, sheet: "Suivi") }
        if case let .appendRow(values) = edit { try editor.appendRow(values, sheet: "Suivi") }
      }
      try editor.save(options: SaveOptions(backupsKept: 0))
    }
    for edit in edits {
      switch edit {
      case .sheet, .appendRow: break
      case let .payment(number, cents, day):
        // Refused for an invoice already paid: the same on both copies.
        _ = try? copy.ledger.write(command: "payment add") { session in
          let client = try session.invoice(numbered: number).clientId
          let name = try String.fetchOne(session.database, sql: "SELECT name FROM client WHERE id = ?", arguments: [client]) ?? ""
          _ = try session.addPayment(PaymentDraft(amount: Cents(cents), receivedOn: day, method: .virement, clientName: name, invoices: [(number, nil)]))
        }
      case let .reminder(number, level, day):
        _ = try? copy.ledger.write(command: "reminder add") { _ = try $0.recordReminder(number, level: level, channel: .email, on: day, force: true) }
      case let .notes(number, text):
        var correction = InvoiceCorrection()
        correction.notes = .some(text)
        _ = try? copy.ledger.write(command: "invoice edit") { _ = try $0.correctInvoice(number, correction) }
      case let .invoice(client, day, cents):
        try copy.ledger.write(command: "invoice add") {
          _ = try $0.addInvoice(InvoiceDraft(clientName: client, issueDate: day, ht: Cents(cents), vatRate: VATRate(basisPoints: 2_000)))
        }
      case let .renameClient(from, to):
        try copy.ledger.write(command: "client edit") {
          try $0.database.execute(sql: "UPDATE client SET name = ? WHERE name = ?", arguments: [to, from])
        }
      case let .setting(key, value):
        try copy.ledger.write(command: "settings") { try $0.setSetting(key: key, value: value) }
      case .resolveFirstConflict:
        if let first = try ConflictDesk(ledger: copy.ledger).openConflicts().first {
          _ = try ConflictDesk(ledger: copy.ledger).resolve(first.id, .ledger)
        }
      }
    }
  }

  /// A round's edits, drawn from `generator`, for a tracker of `rows` rows (header in row 1).
  static func edits(_ generator: inout MergePropertyTests.Generator, rows: Int, round: Int) -> [Edit] {
    func row() -> Int { Int.random(in: 2...(rows + 1), using: &generator) }
    func number(_ row: Int) -> String { String(format: "FA-24%04d", row - 1) }
    var edits: [Edit] = []
    for _ in 0..<Int.random(in: 3...12, using: &generator) {
      edits.append(.sheet(CellReference(column: 14, row: row())!, .string("note \(Int.random(in: 0..<1000, using: &generator))")))
    }
    for _ in 0..<Int.random(in: 0...4, using: &generator) {
      let paid = row()
      edits.append(.sheet(CellReference(column: 5, row: paid)!, .string("Réglée")))
      edits.append(.sheet(CellReference(column: 10, row: paid)!, .date(Day(year: 2024, month: 11, day: 20)!)))
    }
    for _ in 0..<Int.random(in: 2...10, using: &generator) {
      edits.append(.payment(number: number(row()), cents: Int64.random(in: 1_000...20_000, using: &generator), day: Day(year: 2024, month: 11, day: 25)!))
    }
    for _ in 0..<Int.random(in: 0...3, using: &generator) {
      edits.append(.notes(number: number(row()), text: "registre \(Int.random(in: 0..<1000, using: &generator))"))
    }
    // The same cell on both sides: a conflict (or an agreement).
    let both = row()
    edits.append(.sheet(CellReference(column: 14, row: both)!, .string("feuille")))
    edits.append(.notes(number: number(both), text: Bool.random(using: &generator) ? "feuille" : "registre"))
    switch Int.random(in: 0..<9, using: &generator) {
    case 0: edits.append(.reminder(number: number(row()), level: 1, day: Day(year: 2024, month: 11, day: 28)!))
    case 1: edits.append(.invoice(client: "Mr Boulo", day: Day(year: 2024, month: 11, day: 29)!, cents: 12_300))
    case 2: edits.append(.sheet(CellReference(column: 1, row: row())!, .empty))  // a number removed: a typed row, a deleted invoice
    case 3: edits.append(.sheet(CellReference(column: 1, row: row())!, .string(number(row()))))  // a duplicate number
    case 4: edits.append(.sheet(CellReference(column: 6, row: 2 + rows / 2)!, .date(Day(year: 2024, month: 12, day: 1)!)))  // a date in an amount column
    case 5: edits.append(.renameClient(from: "Art company", to: "Art company \(round)"))
    case 6: edits.append(.appendRow([.empty, .date(Day(year: 2024, month: 11, day: 30)!), .string("Dumont & co"), .string("Saisie"), .empty, .number(90)]))
    case 7: edits.append(.setting(key: "dunning.spacing_days", value: String(Int.random(in: 10...20, using: &generator))))
    default: edits.append(.resolveFirstConflict)
    }
    return edits
  }

  @Test(arguments: [11, 12, 13])
  func aSyncThatReadsInPartEndsAsOneThatReadsEverything(seed: Int) throws {
    let rows = 240
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-partial-\(UUID().uuidString)")
    let first = root.appendingPathComponent("part")
    let second = root.appendingPathComponent("whole")
    for folder in [first, second] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
    let maker = SharedFolder.url.appendingPathComponent("tools/make_tracker.py").path
    let made = try Subprocess.run(Subprocess.python, [maker, first.appendingPathComponent("suivi.xlsx").path, String(rows), "--seed", String(seed)])
    try #require(made.status == 0, "\(made.stderr)")
    let partLedger = try Ledger.create(at: first.appendingPathComponent("suivi.sqlite").path, clock: Self.clock).0
    let part = Copy(folder: first, ledger: partLedger)
    let adopted = try part.sync(.pull, day: Day(year: 2024, month: 12, day: 1)!)
    #expect(adopted.adopted)
    try FileManager.default.copyItem(atPath: part.tracker, toPath: second.appendingPathComponent("suivi.xlsx").path)
    try partLedger.database.writeWithoutTransaction { try $0.execute(sql: "VACUUM INTO ?", arguments: [second.appendingPathComponent("suivi.sqlite").path]) }
    let whole = Copy(folder: second, ledger: try Ledger.open(at: second.appendingPathComponent("suivi.sqlite").path, clock: Self.clock))
    // The copy is bound by its own path.
    try whole.ledger.database.write { try $0.execute(sql: "UPDATE sync_binding SET path = ?", arguments: [SyncEngine.canonicalPath(whole.tracker)]) }

    var generator = MergePropertyTests.Generator(state: UInt64(seed))
    var readInPart = 0
    for round in 1...5 {
      let edits = Self.edits(&generator, rows: rows, round: round)
      try Self.apply(edits, to: part)
      try Self.apply(edits, to: whole)
      let day = Day(year: 2024, month: 12, day: round == 4 ? 9 : 1)!
      let mode: SyncMode = round == 3 ? .pull : .sync
      let partReport = try part.sync(mode, day: day)
      let wholeReport = try whole.sync(mode, day: day, usesDigest: false)
      let (x, y) = (Self.summary(partReport, of: part), Self.summary(wholeReport, of: whole))
      let (onlyInPart, onlyWhole) = (x.filter { !y.contains($0) }, y.filter { !x.contains($0) })
      #expect(onlyInPart == onlyWhole, "seed \(seed) round \(round)")
      #expect(x.count == y.count, "seed \(seed) round \(round)")
      #expect(wholeReport.rowsRead >= rows)
      if partReport.rowsRead < rows / 2 { readInPart += 1 }
      #expect(try part.parts() == whole.parts(), "seed \(seed) round \(round)")
      let (a, b) = (try part.ledgerDump(), try whole.ledgerDump())
      #expect(a == b, "seed \(seed) round \(round): \(zip(a, b).first { $0 != $1 }.map { "\($0.0) ≠ \($0.1)" } ?? "\(a.count) ≠ \(b.count) lines")")
    }
    #expect(readInPart >= 2, "seed \(seed): the partial read was taken in \(readInPart) rounds")
  }
}

/// A digest's rows survive encoding: numbers stored by what they share with the previous
/// one, words by index.
@Suite struct SheetDigestTests {
  @Test func rowsSurviveEncoding() {
    let numbers = ["FA-24000122", "FA-24000123", "FA-24000130", "FA-2401", "Avoir-é1", "Avoir-é2", "", "FA-24000123"]
    let words: [String?] = [nil, "Réglée", "En retard", "Réglée"]
    let rows = numbers.enumerated().map { index, number in
      SheetDigest.Row(row: index * 3 + 2, number: number, statusWord: words[index % 4], methodWord: words[(index + 1) % 4])
    }
    let digest = SheetDigest(
      context: SheetDigest.Context(
        fingerprint: 1, styles: .init(count: 2, hash: 3), strings: .init(count: 4, hash: 5), headerRow: 1, headerTexts: [1: "N°"], tick: 9,
        asOf: "2024-12-01"),
      facts: SheetFacts(), rows: rows)
    #expect(SheetDigest.decodeRows(digest.encodedRows()) == rows)
    #expect(SheetDigest.decodeContext(digest.encodedContext()) == digest.context)
  }
}
