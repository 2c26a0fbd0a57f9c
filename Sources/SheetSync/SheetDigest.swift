import Foundation
import GRDB
import Ledger
import OOXML

/// What a sync remembers of the tracker sheet it leaves behind, so that the next one parses
/// only the rows that changed since (see ``SheetScan``).
///
/// It holds the rows that were *settled* when the run ended: rows whose sheet values and
/// ledger values were both the base's, that the run did not write, with an invoice number
/// of their own. For each, the hash of its bytes and what the editor's index knew of it
/// (``SheetFacts``), its invoice number, and the words its status and method cells
/// used. A later run that finds a row with the same bytes, in a workbook read the same way
/// (``Context``), knows the row's values are still the base's; if the ledger's values of
/// its invoice are also still the base's, the row is settled without being parsed.
///
/// The base changes only in a run, and every run either stores a new digest or removes
/// the old one, so a digest never outlives the base it describes.
struct SheetDigest {
  /// One row with facts.
  struct Row: Equatable {
    let row: Int
    let number: String
    let statusWord: String?
    let methodWord: String?
  }

  /// What the reading of a row's bytes depends on besides them: the sheet, the workbook's
  /// date system, the cell formats and shared strings its rows refer to, and the header.
  struct Context: Equatable {
    /// The sheet (name and part) and the date system.
    var fingerprint: UInt64
    /// How many cell formats and shared strings there were, and a hash of them: a
    /// workbook that only added some since (a highlight adds a format) reads the rows
    /// that refer to the old ones the same way.
    var styles: Prefix
    var strings: Prefix
    var headerRow: Int
    var headerTexts: [Int: String]
    /// The ledger's change clock when the digest was taken (see
    /// ``LedgerSession/invoicesChanged(since:)``), and the day the run projected the
    /// ledger for: an invoice not changed since, projected for the same day, shows the
    /// same values.
    var tick: Int64 = 0
    var asOf = ""

    /// The context of `sheet` in `workbook` now, with the header of `table`.
    init(_ workbook: Workbook, sheet: Sheet, table: TrackerTable) {
      fingerprint = SheetDigest.fingerprint(workbook, sheet: sheet)
      styles = SheetDigest.styles(workbook, count: .max).whole
      strings = SheetDigest.strings(workbook, count: .max).whole
      headerRow = table.headerRow
      headerTexts = table.headerTexts
    }

    init(fingerprint: UInt64, styles: Prefix, strings: Prefix, headerRow: Int, headerTexts: [Int: String], tick: Int64, asOf: String) {
      (self.fingerprint, self.styles, self.strings) = (fingerprint, styles, strings)
      (self.headerRow, self.headerTexts, self.tick, self.asOf) = (headerRow, headerTexts, tick, asOf)
    }

    /// When `sheet` of `workbook` reads the rows of the digest as when it was taken (its
    /// header is checked once read): this context with the workbook's formats and strings
    /// now (some may have been added since). `nil` otherwise.
    func fitting(_ workbook: Workbook, sheet: Sheet) -> Context? {
      let (styles, strings) = (SheetDigest.styles(workbook, count: styles.count), SheetDigest.strings(workbook, count: strings.count))
      guard fingerprint == SheetDigest.fingerprint(workbook, sheet: sheet), styles.prefix == self.styles, strings.prefix == self.strings
      else { return nil }
      var now = self
      (now.styles, now.strings) = (styles.whole, strings.whole)
      return now
    }
  }

  /// A count of items and a hash of them.
  struct Prefix: Equatable {
    var count: Int
    var hash: UInt64
  }

  /// Bumped whenever the reading of cells or the digest's form changes.
  static let version: UInt64 = 4

  var context: Context
  var facts: SheetFacts
  /// In ascending row.
  var rows: [Row]

  /// The row with facts numbered `row`, if any.
  func row(_ row: Int) -> Row? { rows.index(ofKey: row, \.row).map { rows[$0] } }

  /// A hash of the sheet's name and part and of the workbook's date system.
  static func fingerprint(_ workbook: Workbook, sheet: Sheet) -> UInt64 {
    var writer = ByteWriter()
    writer.word(version)
    writer.text(sheet.name)
    writer.text(sheet.partName)
    writer.integer(workbook.dateSystem == .excel1904 ? 1904 : 1900)
    return RowHash.hash(writer.bytes)
  }

  /// The hash of the first `count` cell formats (number format id and code), and of all.
  static func styles(_ workbook: Workbook, count: Int) -> (prefix: Prefix?, whole: Prefix) {
    let styles = workbook.styles
    var hash: UInt64 = 0
    var prefix: Prefix?
    for (index, id) in styles.cellFormatNumberFormatIDs.enumerated() {
      if index == count { prefix = Prefix(count: index, hash: hash) }
      var writer = ByteWriter()
      writer.integer(id)
      writer.text(styles.formatCode(ofStyle: index) ?? "")
      hash = combine(hash, RowHash.hash(writer.bytes))
    }
    let whole = Prefix(count: styles.cellFormatNumberFormatIDs.count, hash: hash)
    return (count == whole.count ? whole : prefix, whole)
  }

  /// The hash of the first `count` shared strings, and of all.
  static func strings(_ workbook: Workbook, count: Int) -> (prefix: Prefix?, whole: Prefix) {
    let strings = workbook.sharedStrings.strings
    var hash: UInt64 = 0
    var prefix: Prefix?
    for (index, text) in strings.enumerated() {
      if index == count { prefix = Prefix(count: index, hash: hash) }
      hash = combine(hash, RowHash.hash(text))
    }
    let whole = Prefix(count: strings.count, hash: hash)
    return (count == whole.count ? whole : prefix, whole)
  }

  private static func combine(_ a: UInt64, _ b: UInt64) -> UInt64 {
    (a ^ (b &+ 0x9E37_79B9_7F4A_7C15 &+ (a << 6) &+ (a >> 2))) &* 0xBF58_476D_1CE4_E5B9
  }
}

// MARK: Stored form

extension SheetDigest {
  func encodedContext() -> [UInt8] {
    var out = ByteWriter()
    out.word(Self.version)
    out.word(context.fingerprint)
    for prefix in [context.styles, context.strings] {
      out.integer(prefix.count)
      out.word(prefix.hash)
    }
    out.integer(Int(context.tick))
    out.text(context.asOf)
    out.integer(context.headerRow)
    out.integer(context.headerTexts.count)
    for (column, text) in context.headerTexts.sorted(by: { $0.key < $1.key }) {
      out.integer(column)
      out.text(text)
    }
    return out.bytes
  }

  static func decodeContext(_ bytes: [UInt8]) -> Context? {
    var reader = ByteReader(bytes: bytes)
    guard reader.word() == version, let fingerprint = reader.word(), let styleCount = reader.integer(), let styleHash = reader.word(),
      let stringCount = reader.integer(), let stringHash = reader.word(), let tick = reader.integer(), let asOf = reader.text(),
      let headerRow = reader.integer(), let count = reader.integer()
    else { return nil }
    var texts: [Int: String] = [:]
    for _ in 0..<count {
      guard let column = reader.integer(), let text = reader.text() else { return nil }
      texts[column] = text
    }
    let context = Context(
      fingerprint: fingerprint, styles: Prefix(count: styleCount, hash: styleHash), strings: Prefix(count: stringCount, hash: stringHash),
      headerRow: headerRow, headerTexts: texts, tick: Int64(tick), asOf: asOf)
    return reader.isAtEnd ? context : nil
  }

  func encodedRows() -> [UInt8] {
    var out = ByteWriter()
    var words: [String: Int] = [:]
    var list: [String] = []
    func word(_ text: String?) -> Int {
      guard let text else { return 0 }
      if let known = words[text] { return known }
      list.append(text)
      words[text] = list.count
      return list.count
    }
    var body = ByteWriter()
    var previous = 0
    // Each number as the bytes it shares with the previous row's and the rest
    // (`FA-24000123` after `FA-24000122`: 10 shared, then `3`).
    var previousNumber: [UInt8] = []
    for row in rows {
      body.integer(row.row - previous)
      previous = row.row
      var number = row.number
      number.withUTF8 { bytes in
        var shared = 0
        while shared < bytes.count, shared < previousNumber.count, bytes[shared] == previousNumber[shared] { shared += 1 }
        body.integer(shared)
        body.integer(bytes.count - shared)
        body.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[shared...]))
        previousNumber.removeAll(keepingCapacity: true)
        previousNumber.append(contentsOf: bytes)
      }
      body.integer(word(row.statusWord))
      body.integer(word(row.methodWord))
    }
    out.integer(list.count)
    for text in list { out.text(text) }
    out.integer(rows.count)
    out.bytes += body.bytes
    return out.bytes
  }

  static func decodeRows(_ bytes: [UInt8]) -> [Row]? {
    var reader = ByteReader(bytes: bytes)
    guard let wordCount = reader.integer() else { return nil }
    var list: [String?] = [nil]
    for _ in 0..<wordCount {
      guard let text = reader.text() else { return nil }
      list.append(text)
    }
    guard let count = reader.integer() else { return nil }
    var rows: [Row] = []
    rows.reserveCapacity(count)
    var previous = 0
    var previousNumber: [UInt8] = []
    for _ in 0..<count {
      guard let delta = reader.integer(), delta > 0, let shared = reader.integer(), shared <= previousNumber.count,
        let length = reader.integer(), let rest = reader.take(length), let status = reader.integer(), status < list.count,
        let method = reader.integer(), method < list.count
      else { return nil }
      previous += delta
      previousNumber = Array(previousNumber[..<shared]) + rest
      rows.append(Row(row: previous, number: String(decoding: previousNumber, as: UTF8.self), statusWord: list[status], methodWord: list[method]))
    }
    return reader.isAtEnd ? rows : nil
  }
}

extension SyncStore {
  /// The binding's digest as stored, undecoded (see ``decodeDigest(_:context:)``).
  func storedDigest(of binding: Binding) throws -> (context: [UInt8], facts: [UInt8], rows: [UInt8])? {
    try GRDB.Row.fetchOne(db, sql: "SELECT context, facts, rows FROM sync_digest WHERE binding_id = ?", arguments: [binding.id]).map {
      ([UInt8]($0[0] as Data), [UInt8]($0[1] as Data), [UInt8]($0[2] as Data))
    }
  }

  static func decodeDigest(_ stored: (context: [UInt8], facts: [UInt8], rows: [UInt8]), context: SheetDigest.Context) -> SheetDigest? {
    guard let facts = SheetFacts(encoded: stored.facts),
      let rows = SheetDigest.decodeRows(stored.rows)
    else { return nil }
    return SheetDigest(context: context, facts: facts, rows: rows)
  }

  /// Stores `digest` as the binding's (none: removes it).
  func saveDigest(_ digest: SheetDigest?, of binding: Binding) throws {
    guard let digest else {
      try db.execute(sql: "DELETE FROM sync_digest WHERE binding_id = ?", arguments: [binding.id])
      return
    }
    let facts = Timing.measure("encode facts") { Data(digest.facts.encoded()) }
    let rows = Timing.measure("encode rows") { Data(digest.encodedRows()) }
    try Timing.measure("insert digest") {
      try db.execute(
        sql: "INSERT OR REPLACE INTO sync_digest (binding_id, context, facts, rows) VALUES (?, ?, ?, ?)",
        arguments: [binding.id, Data(digest.encodedContext()), facts, rows])
    }
  }
}
