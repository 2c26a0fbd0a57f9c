import Bank
import Foundation
import OOXML
import SheetSync
import TestSupport

/// The parsers that read untrusted bytes, one fuzz target each: the zip layer, a whole
/// workbook, the sheet reader (SAX handler) and the editor's splicer, shared strings, styles,
/// the CSV reader, the cell normaliser, a synced row's values as a ledger stores them, and
/// the bank statement readers (CFONB 120, CAMT.053, OFX, a bank's CSV). A target takes any bytes and either reads them or
/// refuses them with an error; a crash, a hang, a leak past libFuzzer's limits, or a broken
/// property (``check(_:_:)``) is a finding.
enum FuzzTarget: String, CaseIterable {
  case zip, workbook, sheet, sharedStrings, styles, csv, cells, storedRow, bank

  /// Runs the target on one input.
  func run(_ bytes: [UInt8]) {
    switch self {
    case .zip: Self.zip(bytes)
    case .workbook: Self.workbook(bytes)
    case .sheet: Self.part(bytes, at: "xl/worksheets/sheet1.xml")
    case .sharedStrings: Self.part(bytes, at: "xl/sharedStrings.xml")
    case .styles: Self.part(bytes, at: "xl/styles.xml")
    case .csv: Self.csv(bytes)
    case .cells: Self.cells(bytes)
    case .storedRow: Self.storedRow(bytes)
    case .bank: Self.bank(bytes)
    }
  }

  /// A property that must hold whatever the input: a failure stops the process (a finding).
  static func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() {
      FileHandle.standardError.write(Data("property broken: \(message())\n".utf8))
      abort()
    }
  }

  /// A file of this process for the input (the zip layer reads files).
  static let scratch: String = {
    let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    return "\(folder)/suivi-fuzz-\(getpid())"
  }()

  static func write(_ bytes: [UInt8], to path: String) {
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
  }

  // MARK: Targets

  static func zip(_ bytes: [UInt8]) {
    let path = scratch + ".zip"
    write(bytes, to: path)
    let limits = ZipLimits(maxEntrySize: 8 << 20, maxTotalSize: 16 << 20, maxRatio: 500, ratioFloor: 1 << 20, maxEntries: 1_000)
    guard let archive = try? ZipArchive(path: path, limits: limits) else { return }
    for entry in archive.entries { _ = try? archive.contents(of: entry) }
  }

  static func workbook(_ bytes: [UInt8]) {
    let path = scratch + ".xlsx"
    write(bytes, to: path)
    readAndEdit(path)
  }

  /// The template workbook the part targets put their input in: one sheet with a tracker
  /// header, a few invoices (strings shared, dates styled), a note.
  static let template: [(String, [UInt8])] = {
    let rows = """
      <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>\
      <row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" s="1"><v>45598</v></c><c r="C2" t="s"><v>5</v></c><c r="D2"><v>120.5</v></c></row>\
      <row r="3"><c r="A3" t="inlineStr"><is><t>FA-240002</t></is></c><c r="B3" s="1"><v>45600</v></c><c r="C3" t="s"><v>5</v></c><c r="D3"><f>D2*2</f><v>241</v></c></row>
      """
    let fixture = WorkbookFixture.sheetData(
      rows, sharedStrings: ["N° de facture", "Date d'émission", "Client", "Montant TTC", "FA-240001", "Garage Renaud"],
      styles: WorkbookFixture.styles(numberFormats: [:], cellFormats: [0, 14]))
    return fixture.entries.map { ($0.0, Array($0.1.utf8)) }
  }()

  static func part(_ bytes: [UInt8], at name: String) {
    let path = scratch + ".xlsx"
    var entries = template.filter { $0.0 != name }
    entries.append((name, bytes))
    guard (try? ZipFixture.write(entries, to: path)) != nil else { return }
    readAndEdit(path)
  }

  /// Reads every sheet's cells, the tracker table and the notes, then edits and saves a copy.
  static func readAndEdit(_ path: String) {
    let limits = ZipLimits(maxEntrySize: 16 << 20, maxTotalSize: 32 << 20, maxRatio: 500, ratioFloor: 1 << 20, maxEntries: 1_000)
    guard let workbook = try? Workbook(path: path, limits: limits) else { return }
    for sheet in workbook.sheets {
      guard let reader = try? workbook.cells(of: sheet) else { continue }
      while let cell = try? reader.next() { _ = cell }
    }
    _ = try? TrackerTable.read(workbook, sheet: nil)
    guard let sheet = workbook.sheets.first else { return }
    _ = try? workbook.notes(of: sheet.name)
    guard let editor = try? WorkbookEditor(path: path) else { return }
    do {
      try editor.set(.string("fuzz"), at: CellReference("B2")!, sheet: sheet.name)
      try editor.set(.date(Day(year: 2024, month: 11, day: 2)!), at: CellReference("E2")!, sheet: sheet.name)
      try editor.highlight(CellReference("C2")!, sheet: sheet.name)
      try editor.setNote("Conflit", at: CellReference("C2")!, sheet: sheet.name)
      try editor.appendRow([.string("FA-240099"), .number(12.5)], sheet: sheet.name)
      let copy = scratch + "-saved.xlsx"
      try? FileManager.default.removeItem(atPath: copy)
      try editor.save(to: copy, options: SaveOptions(backupsKept: 0))
      // What the editor saved, the reader reads.
      let saved = try Workbook(path: copy, limits: limits)
      if let again = saved.sheet(named: sheet.name) {
        let reader = try saved.cells(of: again)
        while try reader.next() != nil {}
      }
    } catch {
      // Refused: fine.
    }
  }

  static func csv(_ bytes: [UInt8]) {
    _ = try? TrackerTable.readCSV(bytes, file: "fuzz.csv")
  }

  /// Every kind's value of the text: read back from its canonical text, the same value.
  static func cells(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    for kind in [SyncColumn.Kind.text, .date, .amount, .rate, .status, .method] {
      let value = CellNormalizer.value(text: text, kind: kind)
      check(SyncValue(canonical: value?.canonical, kind: kind) == value, "\(kind): \(String(reflecting: text)) → \(String(describing: value))")
    }
  }

  /// A row's values as a ledger file stores them (anyone can edit one): today's form is read
  /// exactly (what is accepted is the encoding of what is read) or refused; any other bytes
  /// are read as an earlier version's form, never past their end.
  static func storedRow(_ bytes: [UInt8]) {
    if let values = RowValues(stored: bytes) {
      check(RowValues(slots: values.slots).stored == bytes, "\(bytes) read as \(values)")
    }
    let values = RowValues(storedByAnyVersion: bytes)
    check(RowValues(stored: values.stored) == values, "\(bytes): \(values) does not read back")
  }

  /// Every bank statement reader on the same bytes (whatever the content says it is), then the
  /// import's own recognition: each reads or refuses with a ``BankFileError``, and a statement
  /// read holds movements on real days.
  static func bank(_ bytes: [UInt8]) {
    let readers: [([UInt8], String) throws -> [BankStatement]] = [
      CFONB120.parse, { try CAMT053.parse($0, file: $1) }, OFX.parse, { try BankCSV.parse($0, file: $1) },
      { try BankImport.statements($0, file: $1) },
    ]
    for read in readers {
      do {
        for statement in try read(bytes, "f") {
          _ = statement.imbalance
          check(statement.movements.allSatisfy { $0.line >= 0 }, "a movement without its line")
        }
      } catch is BankFileError {
      } catch {
        check(false, "\(bytes.count) bytes refused with \(error), not a BankFileError")
      }
    }
  }
}
