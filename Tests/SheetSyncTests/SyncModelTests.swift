import Foundation
import Ledger
import OOXML
import Testing

@testable import SheetSync
import TestSupport

/// The sync against a reference model of what a person expects, through random
/// interleavings of human edits to the tracker (client, service, notes, HT, due date, *Réglée* with or without a
/// day, *Litige*, a reminder date, a typed row, a copy of the file, a CSV export), ledger
/// commands (invoice, payment, partial payment, reminder, dispute, void, credit note,
/// correction) and `pull`,
/// `push`, `sync`, `resolve`; in the full tier, also what LibreOffice does to the file (a
/// re-save, a sort, a deleted row, an inserted column). After every step:
///
/// - **no lost edit**: every value a person typed is in the ledger, or still in its cell with
///   an open conflict on its invoice (or a person decided against it); a push never writes
///   over it;
/// - **no invented fact**: every payment, reminder and dispute in the ledger comes from a
///   command, or from cells that state it with its day;
/// - **no misplaced value**: after a sync, every row shows its own invoice's values, or has
///   an open conflict;
/// - **convergence**: a sync right after a sync changes nothing and leaves the same bytes;
/// - **conflicts are consistent**: after a save, the ledger's open conflicts are the notes in
///   the sheet and the rows of its Conflits sheet.
///
/// Seeded: a failure names its seed and step (`SUIVI_MODEL_SEED=N` replays one scenario;
/// `SUIVI_MODEL_SCENARIOS=N` runs more: see the README).
@Suite(.needsShared) struct SyncModelTests {
  static let day = Day(year: 2024, month: 12, day: 1)!
  /// The tracker's rows at the start.
  static let rowCount = 32
  static let clients = ["Garage Renaud", "Café « Le Zinc »", "Atelier Roux", "Dumont & co", "Mme Leroy"]
  static let words = ["Saisie", "Relances", "Standard", "Conseil", "à rappeler", "promet virement"]
  /// The tracker's columns, in order.
  static let header = [
    "N° de facture", "Date d'émission", "Client", "Service", "État", "Montant HT", "TVA", "Montant TTC", "Échéance", "Réglé le",
    "Type de règlement", "Relance 1", "Notes",
  ]
  static let letter: [SyncColumn: String] = [
    .number: "A", .issueDate: "B", .client: "C", .service: "D", .status: "E", .amountHT: "F", .vat: "G", .amountTTC: "H",
    .dueDate: "I", .paidOn: "J", .paymentMethod: "K", .reminder1: "L", .notes: "M",
  ]

  static var scenarios: [UInt64] {
    if let seed = ProcessInfo.processInfo.environment["SUIVI_MODEL_SEED"].flatMap(UInt64.init) { return [seed] }
    let count = ProcessInfo.processInfo.environment["SUIVI_MODEL_SCENARIOS"].flatMap(Int.init) ?? (TestTier.isQuick ? 24 : 240)
    return (0..<UInt64(count)).map { $0 &* 0x9E37_79B9 &+ 17 }
  }

  /// Scenarios where LibreOffice also re-saves, sorts, deletes a row or inserts a column (a
  /// few: each LibreOffice step takes seconds).
  static var libreOfficeScenarios: [UInt64] {
    if let seed = ProcessInfo.processInfo.environment["SUIVI_MODEL_SEED"].flatMap(UInt64.init) { return [seed] }
    let count = ProcessInfo.processInfo.environment["SUIVI_MODEL_LO_SCENARIOS"].flatMap(Int.init) ?? 8
    return (0..<UInt64(count)).map { $0 &* 0x51_7CC1 &+ 1_001 }
  }

  @Test(arguments: scenarios) func randomSessionsNeverLoseInventOrMisplace(seed: UInt64) throws {
    try Self.play(seed: seed, steps: TestTier.isQuick ? 12 : 16, libreOffice: false)
  }

  @Test(.fullTier, .tags(.libreOffice), arguments: libreOfficeScenarios)
  func randomSessionsWithLibreOfficeSortsDeletionsAndColumnsNeverLoseInventOrMisplace(seed: UInt64) throws {
    try Self.play(seed: seed, steps: 14, libreOffice: true)
  }

  static func play(seed: UInt64, steps: Int, libreOffice: Bool) throws {
    var world = try World(seed: seed)
    world.libreOffice = libreOffice
    for step in 0..<steps {
      world.step = step
      do {
        try world.randomStep()
      } catch {
        world.expect(false, "\(error)")
      }
      if world.failed { break }
    }
  }
}

/// The reference model and the real files, side by side.
struct World {
  typealias Model = SyncModelTests
  var random: SplitMix64
  let seed: UInt64
  var step = 0
  var trace: [String] = []
  var failed = false
  let folder: URL
  var tracker: String
  let ledger: Ledger
  var nextCounter = Model.rowCount + 1

  /// Values a person typed, by (invoice, column), not yet taken by the ledger nor decided.
  var pending: [String: String] = [:]
  /// Days a person typed in *Réglé le* (or gave in a decision), by invoice.
  var typedPaymentDays: [String: Set<Day>] = [:]
  var commandPaymentDays: [String: Set<Day>] = [:]
  var typedReminderDays: [String: Set<Day>] = [:]
  var commandReminders: Set<String> = []
  var disputeStated: Set<String> = []
  /// Whether LibreOffice takes part (``libreOfficeEdit()``).
  var libreOffice = false
  /// Whether a column was inserted already (once per scenario).
  var insertedColumn = false

  init(seed: UInt64) throws {
    self.seed = seed
    random = SplitMix64(state: seed)
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-model-\(seed)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var rows: [[TrackerFixture.Cell?]] = [Model.header.map { .text($0) }]
    // More rows than the header is looked for in: a run with the last run's digest parses
    // only the rows that changed (the twin run, ``compare(_:with:mode:)``, checks it).
    for index in 1...Model.rowCount {
      let ht = Double(100 * (index % 9 + 2))
      let month = 1 + (index - 1) % 10
      rows.append([
        .text(String(format: "FA-2400%02d", index)), .date(year: 2024, month: month, day: 5), .text(Model.clients[index % 5]),
        .text(Model.words[index % 4]), .text("En attente"), .number(ht), .number(0.2), .number(ht * 1.2),
        .date(year: 2024, month: month + 1, day: 4), nil, nil, nil, nil,
      ])
    }
    let written = try TrackerFixture("Suivi", rows: rows).write()
    tracker = folder.appendingPathComponent("suivi.xlsx").path
    try FileManager.default.moveItem(atPath: written, toPath: tracker)
    ledger = try Ledger.create(at: folder.appendingPathComponent("suivi.sqlite").path).0
    try run(.pull)
  }

  // MARK: Steps

  mutating func randomStep() throws {
    let roll = random.below(100)
    switch roll {
    case 0..<30: try humanEdit()
    case 30..<50: try ledgerCommand()
    case 50..<60: try run(.pull)
    case 60..<68: try run(.push)
    case 68..<88: try run(.sync)
    case 88..<95: try resolveOne()
    case 95..<98: try copyTheFile()
    default: try pullACSVExport()
    }
    if libreOffice, random.below(100) < 22 { try libreOfficeEdit() }
  }

  /// The sheet's rows by invoice number.
  func rows() throws -> (cells: [String: CellValue], rowOf: [String: Int]) {
    let workbook = try Workbook(path: tracker)
    let reader = try workbook.cells(of: workbook.requireSheet(named: "Suivi"))
    var cells: [String: CellValue] = [:]
    var rowOf: [String: Int] = [:]
    while let cell = try reader.next() {
      cells[cell.reference.description] = cell.value
      if cell.reference.column == 1, cell.reference.row > 1, case let .string(number) = cell.value { rowOf[number] = cell.reference.row }
    }
    return (cells, rowOf)
  }

  /// The letter of each known column now, found by its header in row 1 (a column inserted
  /// by a person moves those after it).
  static func letters(_ cells: [String: CellValue]) -> [SyncColumn: String] {
    var found: [SyncColumn: String] = [:]
    for (key, value) in cells {
      guard let reference = CellReference(key), reference.row == 1, case let .string(text) = value,
        let index = Model.header.firstIndex(of: text),
        let column = Model.letter.first(where: { $0.value == String(UnicodeScalar(UInt8(65 + index))) })?.key
      else { continue }
      found[column] = String(key.dropLast())
    }
    return found
  }

  mutating func humanEdit() throws {
    let (_, rowOf) = try rows()
    let numbers = rowOf.keys.sorted()
    guard let number = numbers.randomElement(using: &random) else { return }
    let row = rowOf[number]!
    var edits: [(SyncColumn, CellInput, String?)] = []
    switch random.below(10) {
    case 0: edits = [(.client, .string(Model.clients.randomElement(using: &random)!), nil)]
    case 7:
      let ht = Int64(100 * (1 + random.below(30)))
      edits = [(.amountHT, .number(Double(ht)), CentsText.text(ht * 100))]
    case 8:
      let day = Day(year: 2025, month: 1, day: 1 + random.below(28))!
      edits = [(.dueDate, .date(day), day.description)]
    case 1: edits = [(.service, .string(Model.words.randomElement(using: &random)!), nil)]
    case 2: edits = [(.notes, .string(Model.words.randomElement(using: &random)!), nil)]
    case 3:
      let day = Day(year: 2024, month: 11, day: 1 + random.below(28))!
      typedPaymentDays[number, default: []].insert(day)
      edits = [(.status, .string("Réglée"), "reglee"), (.paidOn, .date(day), day.description), (.paymentMethod, .string("Virement"), "virement")]
    case 4: edits = [(.status, .string("Réglée"), "reglee")]
    case 5:
      disputeStated.insert(number)
      edits = [(.status, .string("Litige"), "litige")]
    case 6:
      let day = Day(year: 2024, month: 11, day: 1 + random.below(28))!
      typedReminderDays[number, default: []].insert(day)
      edits = [(.reminder1, .date(day), day.description)]
    default:
      try typeARow()
      return
    }
    let cells = try rows().cells
    let letters = World.letters(cells)
    let editor = try WorkbookEditor(path: tracker)
    for (column, value, _) in edits { try editor.set(value, at: CellReference("\(letters[column]!)\(row)")!, sheet: "Suivi") }
    try editor.save(options: SaveOptions(backupsKept: 0))
    // (A value typed over the same value is no edit.)
    for (column, value, canonical) in edits where column.isOwn {
      let before = cells["\(letters[column]!)\(row)"]
      switch value {
      case let .string(text) where before != .string(text): pending[World.key(number, column)] = canonical ?? text
      case let .number(typed) where before != .number(typed): pending[World.key(number, column)] = canonical
      case let .date(day) where before != .date(day): pending[World.key(number, column)] = canonical
      default: continue
      }
    }
    trace.append("human \(number): \(edits.map { "\($0.0.rawValue)=\($0.2 ?? "\($0.1)")" }.joined(separator: ", "))")
  }

  mutating func typeARow() throws {
    nextCounter += 1
    let number = String(format: "FA-2400%02d", nextCounter)
    let client = Model.clients.randomElement(using: &random)!
    let ht = Double(50 * (1 + random.below(20)))
    let typed: [SyncColumn: CellInput] = [
      .number: .string(number), .issueDate: .date(Day(year: 2024, month: 11, day: 2)!), .client: .string(client), .service: .string("Conseil"),
      .status: .string("En attente"), .amountHT: .number(ht), .vat: .number(0.2), .amountTTC: .number(ht * 1.2),
      .dueDate: .date(Day(year: 2024, month: 12, day: 2)!),
    ]
    // Typed under the headers, wherever they are now.
    let positions = World.letters(try rows().cells).mapValues { CellReference("\($0)1")!.column }
    var inputs = [CellInput](repeating: .empty, count: positions.values.max() ?? 13)
    for (column, value) in typed { if let position = positions[column] { inputs[position - 1] = value } }
    let editor = try WorkbookEditor(path: tracker)
    try editor.appendRow(inputs, sheet: "Suivi")
    try editor.save(options: SaveOptions(backupsKept: 0))
    pending[World.key(number, .client)] = client
    trace.append("human types \(number) \(client) \(ht)")
  }

  mutating func ledgerCommand() throws {
    let invoices = try ledger.read { try $0.invoices() }.filter { $0.kind == .invoice }
    guard let invoice = invoices.randomElement(using: &random) else { return }
    let number = invoice.number
    let details = try ledger.read { try $0.details(of: number, asOf: Model.day) }
    let day = Day(year: 2024, month: 11, day: 29)!
    var said = ""
    do {
      try ledger.write(command: "model") { session in
        switch random.below(8) {
        case 0:
          nextCounter += 1
          let client = Model.clients.randomElement(using: &random)!
          if (try? session.client(named: client)) == nil { _ = try session.addClient(Client(name: client)) }
          let new = try session.addInvoice(InvoiceDraft(
            clientName: client, issueDate: Day(year: 2024, month: 11, day: 3)!, ht: Cents(Int64(10_000 * (1 + random.below(9)))),
            number: try InvoiceNumber.parse(String(format: "FA-2400%02d", nextCounter))))
          said = "invoice \(new.number)"
        case 1 where details.balance.isPositive && details.status != .disputed:
          _ = try session.addPayment(PaymentDraft(
            amount: details.balance, receivedOn: day, method: .cheque, clientName: details.client.name, invoices: [(number, details.balance)]))
          commandPaymentDays[number, default: []].insert(day)
          said = "payment in full of \(number)"
        case 2 where details.balance.value > 1:
          let half = Cents(details.balance.value / 2)
          _ = try session.addPayment(PaymentDraft(
            amount: half, receivedOn: day, method: .virement, clientName: details.client.name, invoices: [(number, half)]))
          commandPaymentDays[number, default: []].insert(day)
          said = "partial payment of \(number)"
        case 3 where details.balance.isPositive && !details.reminders.contains { $0.level == 1 }:
          _ = try session.recordReminder(number, level: 1, channel: .phone, on: day, note: nil, force: true)
          commandReminders.insert(number)
          said = "reminder 1 of \(number)"
        case 4 where details.balance.isPositive:
          _ = try session.setDispute(number, from: day)
          disputeStated.insert(number)
          said = "dispute \(number)"
        case 5:
          _ = try session.void(number, on: day)
          said = "void \(number)"
        case 6 where details.balance.value > 100:
          let credit = try session.addCreditNote(against: number, on: day, ht: Cents(max(1, details.balance.value / 12)), reason: "remise")
          said = "credit note \(credit.number) against \(number)"
        default:
          var correction = InvoiceCorrection()
          correction.service = .some(Model.words.randomElement(using: &random)!)
          try session.correctInvoice(number, correction)
          said = "service of \(number)"
        }
      }
    } catch is LedgerError {
      said = "(refused)"
    }
    trace.append("ledger: \(said)")
  }

  mutating func resolveOne() throws {
    let open = try ConflictDesk(ledger: ledger).openConflicts().filter { $0.resolution == nil }
    guard let conflict = open.randomElement(using: &random) else { return }
    let keepSheet = random.below(2) == 0
    if conflict.kind == .undatedPayment, keepSheet {
      let day = Day(year: 2024, month: 11, day: 15)!
      typedPaymentDays[conflict.number, default: []].insert(day)
      try ConflictDesk(ledger: ledger).resolve(conflict.id, .value, value: day.description)
    } else {
      try ConflictDesk(ledger: ledger).resolve(conflict.id, keepSheet ? .sheet : .ledger)
      // A person who kept the sheet's status where the ledger cannot take it (a dispute of a
      // settled invoice) has answered it: the sheet keeps its word.
      if keepSheet, conflict.column == SyncColumn.status.rawValue { pending[World.key(conflict.number, .status)] = nil }
      // Keeping the ledger's value answers the person's edit of that cell.
      if !keepSheet, let column = SyncColumn(rawValue: conflict.column) {
        pending[World.key(conflict.number, column)] = nil
        // Keeping the ledger's against what the sheet says is paid answers its status too.
        if [.status, .amountPaid, .paidOn, .paymentMethod].contains(column) { pending[World.key(conflict.number, .status)] = nil }
      }
      // Keeping the ledger's on a whole row (one number, two invoices; a row it cannot take)
      // answers every edit of the row.
      if !keepSheet, conflict.column == SyncColumn.number.rawValue { pending = pending.filter { !$0.key.hasPrefix(conflict.number + "\u{1F}") } }
    }
    trace.append("resolve \(conflict.id) \(conflict.number) \(conflict.column) \(conflict.kind.rawValue) \(keepSheet ? "sheet" : "ledger")")
    try run(.sync)
  }

  mutating func copyTheFile() throws {
    let copy = folder.appendingPathComponent("suivi (\(step)).xlsx").path
    try FileManager.default.copyItem(atPath: tracker, toPath: copy)
    tracker = copy
    trace.append("copy → \((copy as NSString).lastPathComponent)")
    try humanEdit()
    try run(.sync)
  }

  /// What LibreOffice does to the file, as a person using it would: saves it again with no
  /// edit, sorts its rows by a column, deletes an invoice's row, or inserts a column of its
  /// own (once). The file is replaced by LibreOffice's save.
  mutating func libreOfficeEdit() throws {
    let (cells, rowOf) = try rows()
    let letters = World.letters(cells)
    var actions: [String] = []
    var said = "LibreOffice: re-save"
    switch random.below(4) {
    case 1:
      let column = [SyncColumn.client, .issueDate, .amountTTC, .service].randomElement(using: &random)!
      actions = ["sort:Suivi:\(letters[column]!)"]
      said = "LibreOffice: sort by \(column.rawValue)"
    case 2:
      guard let number = rowOf.keys.sorted().randomElement(using: &random) else { return }
      actions = ["deleterow:Suivi:\(number)"]
      said = "LibreOffice: delete the row of \(number)"
    case 3 where !insertedColumn:
      insertedColumn = true
      let before = ["B", "D", "F", "I", "M"].randomElement(using: &random)!
      actions = ["insertcol:Suivi:\(before)=Commentaire interne"]
      said = "LibreOffice: a column inserted before \(before)"
    default: break
    }
    let script = SharedFolder.repository.appendingPathComponent("Tests/Interop/uno_edit.py").path
    let saved = folder.appendingPathComponent("libreoffice-\(step).xlsx").path
    let result = try LibreOffice.uno(script, [tracker, saved] + actions)
    trace.append(said)
    guard result.status == 0 else {
      expect(false, "LibreOffice failed: \(result.stderr)")
      return
    }
    try FileManager.default.removeItem(atPath: tracker)
    try FileManager.default.moveItem(atPath: saved, toPath: tracker)
  }

  mutating func pullACSVExport() throws {
    let (cells, rowOf) = try rows()
    // Every column of the sheet, as its header row names them.
    let width = cells.keys.compactMap { CellReference($0) }.filter { $0.row == 1 }.map(\.column).max() ?? 13
    let columns = String((0..<width).map { Character(UnicodeScalar(UInt8(65 + $0))) })
    let lines = (rowOf.values.sorted().isEmpty ? [] : [1] + rowOf.values.sorted()).map { CSVExport.line(cells, row: $0, columns: columns) }
    let csv = folder.appendingPathComponent("export.csv").path
    try CSVExport.write(lines, to: csv)
    trace.append("CSV export pulled")
    _ = try syncRun(.pull, file: csv)
    try check(after: .pull, report: nil)
  }

  // MARK: Runs and invariants

  static func key(_ number: String, _ column: SyncColumn) -> String { "\(number)\u{1F}\(column.rawValue)" }

  func syncRun(_ mode: SyncMode, file: String? = nil) throws -> SyncReport {
    var options = SyncOptions(mode: mode, asOf: Model.day)
    options.saveOptions = SaveOptions(backupsKept: 0)
    return try SyncEngine(ledger: ledger).run(file ?? tracker, options: options)
  }

  mutating func run(_ mode: SyncMode) throws {
    // One run in three is also made on a twin (a copy of the ledger and the file) that
    // reads the whole sheet: the digest must change nothing of what a run does.
    let twin = random.below(3) == 0 ? try makeTwin() : nil
    let report = try syncRun(mode)
    if let twin { try compare(report, with: twin, mode: mode) }
    trace.append("\(mode.rawValue): to ledger \(report.toLedger.map { "\($0.number)/\($0.column.rawValue)=\($0.to ?? "-")" }), to sheet \(report.toSheet.map { "\($0.number)/\($0.column.rawValue)=\($0.to ?? "-")" }), raised \(report.raised.map { "\($0.number)/\($0.column)/\($0.kind.rawValue)" }), closed \(report.closed.count)")
    try check(after: mode, report: report)
    if mode == .sync, !failed {
      // Convergence: a sync right after changes nothing and leaves the same bytes.
      let bytes = try Data(contentsOf: URL(fileURLWithPath: tracker))
      let again = try syncRun(.sync)
      expect(
        again.toLedger.isEmpty && again.toSheet.isEmpty && again.raised.isEmpty && again.closed.isEmpty && again.imported.isEmpty
          && again.appended.isEmpty,
        "a second sync still did \(again.toLedger.map { "\($0.number)/\($0.column.rawValue)" }) \(again.toSheet.map { "\($0.number)/\($0.column.rawValue)" }) \(again.raised.map(\.id)) \(again.closed.map(\.id))")
      expect(try Data(contentsOf: URL(fileURLWithPath: tracker)) == bytes, "a second sync rewrote the file")
    }
  }

  /// A copy of the ledger and of the tracker, bound to each other as the originals are.
  func makeTwin() throws -> (ledger: Ledger, tracker: String) {
    let twinFolder = folder.appendingPathComponent("twin-\(step)-\(trace.count)")
    try FileManager.default.createDirectory(at: twinFolder, withIntermediateDirectories: true)
    let path = twinFolder.appendingPathComponent("suivi.sqlite").path
    try ledger.copy(to: path)
    let twinTracker = twinFolder.appendingPathComponent((tracker as NSString).lastPathComponent).path
    try FileManager.default.copyItem(atPath: tracker, toPath: twinTracker)
    let twin = try Ledger.open(at: path)
    try twin.write(command: "test") { session in
      let store = SyncStore(db: session.database)
      if let binding = try store.binding(path: SyncEngine.canonicalPath(tracker)) {
        _ = try store.rebind(binding, to: SyncEngine.canonicalPath(twinTracker))
      }
    }
    return (twin, twinTracker)
  }

  /// The twin's run, reading the whole sheet, did what the run did, and left the same cells
  /// and conflicts.
  mutating func compare(_ report: SyncReport, with twin: (ledger: Ledger, tracker: String), mode: SyncMode) throws {
    var options = SyncOptions(mode: mode, asOf: Model.day)
    options.saveOptions = SaveOptions(backupsKept: 0)
    options.usesDigest = false
    let whole = try SyncEngine(ledger: twin.ledger).run(twin.tracker, options: options)
    func said(_ report: SyncReport) -> String {
      "to ledger \(report.toLedger.map { "\($0.number)/\($0.column.rawValue)=\($0.to ?? "-")" }.sorted()), "
        + "to sheet \(report.toSheet.map { "\($0.number)/\($0.column.rawValue)=\($0.to ?? "-")" }.sorted()), "
        + "raised \(report.raised.map(\.id).sorted()), closed \(report.closed.map(\.id).sorted()), imported \(report.imported.sorted()), "
        + "appended \(report.appended), deleted \(report.deletedRows.sorted()), open \(report.open.map(\.id).sorted())"
    }
    expect(said(report) == said(whole), "the digest changed what the run did:\n  with it:    \(said(report))\n  whole read: \(said(whole))")
    let (mine, theirs) = (try rows().cells, try World.cells(of: twin.tracker))
    expect(mine == theirs, "the digest changed the sheet: \(mine.filter { theirs[$0.key] != $0.value }.keys.sorted())")
  }

  /// The cells of the tracker sheet filled with Suivi's conflict colour.
  static func highlightedCells(_ path: String) throws -> Set<String> {
    let archive = try ZipArchive(path: path)
    guard let entry = archive.entry(named: "xl/styles.xml") else { return [] }
    let styles = String(decoding: try archive.contents(of: entry), as: UTF8.self)
    func section(_ name: String) -> String {
      guard let start = styles.range(of: "<\(name)"), let end = styles.range(of: "</\(name)>", range: start.upperBound..<styles.endIndex) else { return "" }
      return String(styles[start.lowerBound..<end.upperBound])
    }
    // The fills of the conflict colour, by index; the formats using them.
    let fills = section("fills").components(separatedBy: "<fill>").dropFirst().enumerated().filter { $0.element.contains("FFFFC7CE") }.map(\.offset)
    let formats = section("cellXfs").components(separatedBy: "<xf ").dropFirst().enumerated().filter { format in
      guard let range = format.element.range(of: "fillId=\""), let id = Int(format.element[range.upperBound...].prefix { $0.isNumber }) else { return false }
      return fills.contains(id)
    }.map(\.offset)
    let workbook = try Workbook(path: path)
    let reader = try workbook.cells(of: workbook.requireSheet(named: "Suivi"))
    var found: Set<String> = []
    while let cell = try reader.next() {
      if formats.contains(cell.styleIndex) { found.insert(cell.reference.description) }
    }
    return found
  }

  static func cells(of path: String) throws -> [String: CellValue] {
    let workbook = try Workbook(path: path)
    let reader = try workbook.cells(of: workbook.requireSheet(named: "Suivi"))
    var cells: [String: CellValue] = [:]
    while let cell = try reader.next() { cells[cell.reference.description] = cell.value }
    return cells
  }

  mutating func expect(_ condition: Bool, _ message: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard !condition, !failed else { return }
    failed = true
    let steps = trace.joined(separator: "\n  ")
    let text = "seed \(seed), step \(step): \(message())\n  replay: SUIVI_MODEL_SEED=\(seed) scripts/test --filter SyncModelTests\n  \(steps)"
    Issue.record(Comment(rawValue: text), sourceLocation: sourceLocation)
  }

  mutating func check(after mode: SyncMode, report: SyncReport?) throws {
    let (cells, rowOf) = try rows()
    let open = try ConflictDesk(ledger: ledger).openConflicts().filter { $0.file == SyncEngine.canonicalPath(tracker) }
    let conflicted = Set(open.map(\.number))
    let anyConflicted = Set(try ConflictDesk(ledger: ledger).openConflicts().map(\.number))
    let invoices = try ledger.read { session in
      try Dictionary(session.invoices().map { ($0.number, try session.details(of: $0.number, asOf: Model.day)) }, uniquingKeysWith: { a, _ in a })
    }
    let letters = World.letters(cells)
    func sheetValue(_ number: String, _ column: SyncColumn) -> String? {
      guard let row = rowOf[number], let letter = letters[column] else { return nil }
      switch cells["\(letter)\(row)"] {
      case let .string(text)?: return CellNormalizer.normalize(text: text, kind: column.kind)
      case let .date(day)?: return day.description
      case let .number(value)?: return CellNormalizer.normalize(.number(value), column: column, dateSystem: .excel1900)
      default: return nil
      }
    }
    func ledgerValue(_ number: String, _ column: SyncColumn) -> String? {
      guard let details = invoices[number] else { return nil }
      switch column {
      case .client: return details.client.name
      case .service: return details.invoice.service.map(CellNormalizer.collapsed)
      case .notes: return details.invoice.notes.map(CellNormalizer.collapsed)
      case .status: return details.invoice.disputedOn != nil && details.balance.isPositive ? "litige" : details.status.rawValue
      case .amountHT: return details.invoice.amounts.ht.map { CentsText.text($0.value) }
      case .dueDate: return details.invoice.dueDate.description
      default: return nil
      }
    }
    // No lost edit: taken, or still in its cell with an open conflict on its invoice (a push
    // takes nothing, and never writes over it).
    for (key, value) in pending.sorted(by: { $0.key < $1.key }) {
      let parts = key.split(separator: "\u{1F}").map(String.init)
      let (number, column) = (parts[0], SyncColumn(rawValue: parts[1])!)
      guard rowOf[number] != nil else { continue }  // a copy's row, or a number renumbered
      if mode.pulls, ledgerValue(number, column) == value {
        pending[key] = nil
        continue
      }
      if mode.pulls {
        expect(anyConflicted.contains(number), "\(number) \(column.rawValue): '\(value)' typed in the sheet is neither in the ledger (\(ledgerValue(number, column) ?? "-")) nor an open conflict")
      }
      expect(
        sheetValue(number, column) == value || ledgerValue(number, column) == value,
        "\(number) \(column.rawValue): '\(value)' typed in the sheet was overwritten with '\(sheetValue(number, column) ?? "-")'")
    }
    // No invented fact.
    for (number, details) in invoices {
      for payment in details.payments {
        let days = (typedPaymentDays[number] ?? []).union(commandPaymentDays[number] ?? [])
        expect(days.contains(payment.receivedOn), "\(number): a payment on \(payment.receivedOn) no one stated")
      }
      for reminder in details.reminders {
        let days = typedReminderDays[number] ?? []
        expect(
          commandReminders.contains(number) || days.contains(reminder.sentOn), "\(number): a reminder on \(reminder.sentOn) no one stated")
      }
      if details.status == .disputed { expect(disputeStated.contains(number), "\(number): a dispute no one stated") }
    }
    // No misplaced value: after a sync, every row shows its own invoice's, or has a conflict.
    if mode == .sync {
      for (number, _) in rowOf where invoices[number] != nil && !conflicted.contains(number) {
        for column in [SyncColumn.client, .service, .notes] {
          expect(
            sheetValue(number, column) == ledgerValue(number, column),
            "\(number) \(column.rawValue): the sheet shows '\(sheetValue(number, column) ?? "-")', the ledger '\(ledgerValue(number, column) ?? "-")', no conflict")
        }
      }
    }
    // Conflicts consistent, after a save.
    if report?.saved == true {
      let workbook = try Workbook(path: tracker)
      let notes = try workbook.notes(of: "Suivi").filter { $0.value.text.hasPrefix("Conflit Suivi") }
      let noted = Set(notes.keys.map(\.description))
      let expected = Set(open.compactMap(\.cell))
      expect(noted == expected, "notes in the sheet \(noted.sorted()) are not the open conflicts' cells \(expected.sorted())")
      var listed: Set<String> = []
      if let sheet = workbook.sheet(named: "Conflits") {
        let reader = try workbook.cells(of: sheet)
        while let cell = try reader.next() {
          if cell.reference.row > 1, cell.reference.column == 1, case let .string(id) = cell.value, !id.hasPrefix("Aucun") { listed.insert(id) }
        }
      }
      expect(listed == Set(open.map(\.id)), "the Conflits sheet lists \(listed.sorted()), the ledger has \(open.map(\.id).sorted())")
      let highlighted = try World.highlightedCells(tracker)
      expect(highlighted == expected, "highlighted cells \(highlighted.sorted()) are not the open conflicts' cells \(expected.sorted())")
    }
  }
}

extension SyncColumn {
  /// A column whose typed value the model follows as the person's edit.
  var isOwn: Bool { self == .client || self == .service || self == .notes || self == .status || self == .amountHT || self == .dueDate }
}

