/// What an editor's index learnt about a sheet's rows (see ``WorksheetIndex``), kept from
/// one run to the next so that a later read parses only the rows whose bytes changed
/// (``Workbook/cells(of:scan:reading:reusing:)``): each row's hash and flags, and the
/// formulas, shared-formula groups and array formulas of the sheet.
///
/// Rows may be left out (``keeping(rows:)``): a row without facts is always parsed. The
/// shared-formula masters and each group's first follower are kept for the whole sheet,
/// since the formulas of rows not parsed were worked out from them.
public struct SheetFacts: Sendable, Equatable {
  public static func == (a: SheetFacts, b: SheetFacts) -> Bool {
    a.rows == b.rows && a.formulas.count == b.formulas.count && zip(a.formulas, b.formulas).allSatisfy { $0 == $1 }
      && a.masters == b.masters && a.firstFollowers == b.firstFollowers && a.arrays == b.arrays
  }

  struct Row: Equatable {
    let number: Int
    let hash: UInt64
    let hasData: Bool
    let hasContent: Bool
  }

  struct Master: Equatable {
    let cell: CellReference
    let text: String
    let range: CellRange?
  }

  /// In ascending number.
  var rows: [Row] = []
  /// Every formula of the kept rows, in file order (a shared group's followers with their
  /// text worked out from the master).
  var formulas: [(cell: CellReference, text: String)] = []
  var masters: [Int: Master] = [:]
  var firstFollowers: [Int: CellReference] = [:]
  /// The array formulas anchored in the kept rows.
  var arrays: [CellRange] = []

  /// The number of rows with facts.
  public var rowCount: Int { rows.count }

  /// The hash of row `number`'s bytes when the facts were taken, if it has facts.
  public func hash(ofRow number: Int) -> UInt64? {
    row(number)?.hash
  }

  /// The number and the hash of the `position`th row with facts (in ascending number), to
  /// walk them beside a scan's rows.
  public func rowNumber(_ position: Int) -> Int { rows[position].number }
  public func rowHash(_ position: Int) -> UInt64 { rows[position].hash }

  func row(_ number: Int) -> Row? { rows.index(ofKey: number, \.number).map { rows[$0] } }

  /// These facts with only the rows `numbers` (ascending), and their formulas and arrays.
  public func keeping(rows numbers: [Int]) -> SheetFacts {
    var kept = self
    kept.rows = []
    kept.rows.reserveCapacity(numbers.count)
    kept.formulas = []
    kept.formulas.reserveCapacity(formulas.count)
    var nextRow = 0
    var nextFormula = 0
    for number in numbers {
      while nextRow < rows.count, rows[nextRow].number < number { nextRow += 1 }
      if nextRow < rows.count, rows[nextRow].number == number { kept.rows.append(rows[nextRow]) }
      while nextFormula < formulas.count, formulas[nextFormula].cell.row < number { nextFormula += 1 }
      while nextFormula < formulas.count, formulas[nextFormula].cell.row == number {
        kept.formulas.append(formulas[nextFormula])
        nextFormula += 1
      }
    }
    if !arrays.isEmpty {
      let keptRows = Set(kept.rows.map(\.number))
      kept.arrays = arrays.filter { keptRows.contains($0.first.row) }
    }
    return kept
  }
}

extension PreparedSheet {
  /// A scan of the sheet's bytes (``SheetScan``).
  public func scan() -> SheetScan? { SheetScan.scan(bytes) }

  /// The facts of this sheet's rows, with the hashes of `scan`, a scan of the same bytes;
  /// `nil` when the two do not find the same rows.
  public func facts(scan: SheetScan) -> SheetFacts? {
    guard scan.bytes.count == bytes.count, scan.rows.count == index.rows.count, !index.hasUnnumberedRows,
      let formulas = index.deferredFormulas
    else { return nil }
    var facts = SheetFacts()
    facts.rows.reserveCapacity(scan.rows.count)
    for (scanned, indexed) in zip(scan.rows, index.rows) {
      guard scanned.number == indexed.number, scanned.span == indexed.span else { return nil }
      facts.rows.append(.init(number: scanned.number, hash: scanned.hash, hasData: indexed.hasData, hasContent: indexed.hasContent))
    }
    facts.formulas = formulas
    facts.masters = index.sharedMasters.mapValues { .init(cell: $0.cell, text: $0.text, range: $0.range) }
    facts.firstFollowers = index.firstSharedFollower
    facts.arrays = index.arrayFormulas
    return facts
  }
}

// MARK: Stored form

extension SheetFacts {
  private static let magic: [UInt8] = Array("SFx2".utf8)

  /// The facts as bytes, to store (read back by ``init(encoded:)``).
  public func encoded() -> [UInt8] {
    var out = ByteWriter()
    out.bytes.append(contentsOf: Self.magic)
    out.integer(rows.count)
    var previous = 0
    for row in rows {
      out.integer(row.number - previous)
      previous = row.number
      out.word(row.hash)
      out.integer((row.hasData ? 1 : 0) | (row.hasContent ? 2 : 0))
    }
    // Formulas by template: a column of `F5*(1+G5)`, `F6*(1+G6)`… is one text, `F␁*(1+G␁)`,
    // with its own row where ␁ (U+0001, which XML text cannot hold) stands.
    // (A text that holds U+0001 already is kept whole, marked raw.)
    var templates: [String: Int] = [:]
    var raws: [String: Int] = [:]
    var table: [(text: String, raw: Bool)] = []
    var scratch: [UInt8] = []
    var body = ByteWriter()
    var previousRow = 0
    for formula in formulas {
      let index: Int
      if let template = FormulaTemplate.make(formula.text, row: formula.cell.row, scratch: &scratch) {
        index = templates[template] ?? table.count
        if index == table.count { table.append((template, false)) }
        templates[template] = index
      } else {
        index = raws[formula.text] ?? table.count
        if index == table.count { table.append((formula.text, true)) }
        raws[formula.text] = index
      }
      body.integer(formula.cell.row - previousRow + 1)  // rows ascend in file order (+1: never 0)
      previousRow = formula.cell.row
      body.integer(formula.cell.column)
      body.integer(index)
    }
    out.integer(table.count)
    for (text, raw) in table {
      out.integer(raw ? 1 : 0)
      out.text(text)
    }
    out.integer(formulas.count)
    out.bytes += body.bytes
    out.integer(masters.count)
    for (si, master) in masters.sorted(by: { $0.key < $1.key }) {
      out.integer(si)
      out.cell(master.cell)
      out.text(master.text)
      if let range = master.range {
        out.integer(1)
        out.cell(range.first)
        out.cell(range.last)
      } else {
        out.integer(0)
      }
    }
    out.integer(firstFollowers.count)
    for (si, cell) in firstFollowers.sorted(by: { $0.key < $1.key }) {
      out.integer(si)
      out.cell(cell)
    }
    out.integer(arrays.count)
    for range in arrays {
      out.cell(range.first)
      out.cell(range.last)
    }
    return out.bytes
  }

  /// Facts stored by ``encoded()``; `nil` for bytes that are not.
  public init?(encoded bytes: [UInt8]) {
    var reader = ByteReader(bytes: bytes)
    guard reader.take(Self.magic.count).map(Array.init) == Self.magic, let rowCount = reader.integer() else { return nil }
    var previous = 0
    for _ in 0..<rowCount {
      guard let delta = reader.integer(), delta > 0, let hash = reader.word(), let flags = reader.integer() else { return nil }
      previous += delta
      rows.append(.init(number: previous, hash: hash, hasData: flags & 1 != 0, hasContent: flags & 2 != 0))
    }
    guard let templateCount = reader.integer() else { return nil }
    var templates: [FormulaTemplate] = []
    for _ in 0..<templateCount {
      guard let raw = reader.integer(), let text = reader.text() else { return nil }
      templates.append(FormulaTemplate(text, raw: raw == 1))
    }
    guard let formulaCount = reader.integer() else { return nil }
    formulas.reserveCapacity(formulaCount)
    var previousRow = 0
    for _ in 0..<formulaCount {
      guard let delta = reader.integer(), delta >= 1, let column = reader.integer(), let index = reader.integer(), index < templates.count,
        let cell = CellReference(column: column, row: previousRow + delta - 1)
      else { return nil }
      previousRow = cell.row
      formulas.append((cell, templates[index].text(row: cell.row)))
    }
    guard let masterCount = reader.integer() else { return nil }
    for _ in 0..<masterCount {
      guard let si = reader.integer(), let cell = reader.cell(), let text = reader.text(), let hasRange = reader.integer() else { return nil }
      var range: CellRange?
      if hasRange == 1 {
        guard let first = reader.cell(), let last = reader.cell() else { return nil }
        range = CellRange(first: first, last: last)
      }
      masters[si] = .init(cell: cell, text: text, range: range)
    }
    guard let followerCount = reader.integer() else { return nil }
    for _ in 0..<followerCount {
      guard let si = reader.integer(), let cell = reader.cell() else { return nil }
      firstFollowers[si] = cell
    }
    guard let arrayCount = reader.integer() else { return nil }
    for _ in 0..<arrayCount {
      guard let first = reader.cell(), let last = reader.cell() else { return nil }
      arrays.append(CellRange(first: first, last: last))
    }
    guard reader.isAtEnd else { return nil }
  }
}

/// A formula's text with its own row number stood for by U+0001 (which XML text cannot
/// hold, so the substitution is undone exactly): the formulas of a column filled down share
/// one template.
struct FormulaTemplate {
  static let mark = UInt8(1)
  /// The template's pieces between marks; `nil` without any.
  private let pieces: [String]?
  private let whole: String

  init(_ template: String, raw: Bool) {
    whole = template
    pieces = !raw && template.utf8.contains(Self.mark)
      ? template.split(separator: "\u{1}", omittingEmptySubsequences: false).map(String.init) : nil
  }

  /// The text for a formula in row `row`.
  func text(row: Int) -> String {
    guard let pieces else { return whole }
    return pieces.joined(separator: String(row))
  }

  /// The template of `text`, a formula in row `row`: each reference to `row` (its digits
  /// right after a column letter or `$`, not followed by another digit) marked. `nil` for a
  /// text that holds a mark already.
  static func make(_ text: String, row: Int) -> String? {
    var scratch: [UInt8] = []
    return make(text, row: row, scratch: &scratch)
  }

  /// ``make(_:row:)`` writing into `scratch` (kept between calls: no allocation per formula).
  static func make(_ text: String, row: Int, scratch out: inout [UInt8]) -> String? {
    var text = text
    var digits: (UInt64, Int) = (0, 0)  // the row's digits, packed
    var value = row
    repeat {
      digits.0 = digits.0 << 8 | UInt64(UInt8(ascii: "0") + UInt8(value % 10))
      digits.1 += 1
      value /= 10
    } while value > 0
    return text.withUTF8 { bytes -> String? in
      guard !bytes.contains(mark) else { return nil }
      out.removeAll(keepingCapacity: true)
      var index = 0
      func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
      func rowAt(_ start: Int) -> Bool {
        guard start + digits.1 <= bytes.count else { return false }
        for offset in 0..<digits.1 where bytes[start + offset] != UInt8(truncatingIfNeeded: digits.0 >> UInt64(8 * offset)) { return false }
        return start + digits.1 == bytes.count || !isDigit(bytes[start + digits.1])
      }
      while index < bytes.count {
        let previous = index > 0 ? bytes[index - 1] : 0
        let afterLetter = (previous >= UInt8(ascii: "A") && previous <= UInt8(ascii: "Z")) || (previous >= UInt8(ascii: "a") && previous <= UInt8(ascii: "z"))
          || previous == UInt8(ascii: "$")
        if afterLetter, isDigit(bytes[index]), rowAt(index) {
          out.append(mark)
          index += digits.1
        } else {
          out.append(bytes[index])
          index += 1
        }
      }
      return String(decoding: out, as: UTF8.self)
    }
  }
}

/// Writes integers (LEB128), 64-bit words, cells and texts as bytes.
public struct ByteWriter {
  public var bytes: [UInt8] = []

  public init() {}

  public mutating func integer(_ value: Int) {
    var value = UInt64(bitPattern: Int64(value))
    repeat {
      let low = UInt8(value & 0x7F)
      value >>= 7
      bytes.append(value == 0 ? low : low | 0x80)
    } while value != 0
  }

  public mutating func word(_ value: UInt64) {
    for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
  }

  public mutating func cell(_ cell: CellReference) {
    integer(cell.column)
    integer(cell.row)
  }

  public mutating func text(_ text: String) {
    integer(text.utf8.count)
    bytes.append(contentsOf: text.utf8)
  }
}

/// Reads what ``ByteWriter`` wrote; `nil` past the end or on a malformed value.
public struct ByteReader {
  let bytes: [UInt8]
  var position = 0

  public init(bytes: [UInt8]) { self.bytes = bytes }

  public var isAtEnd: Bool { position == bytes.count }

  public mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
    guard count >= 0, position + count <= bytes.count else { return nil }
    defer { position += count }
    return bytes[position..<(position + count)]
  }

  public mutating func integer() -> Int? {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while position < bytes.count, shift < 64 {
      let byte = bytes[position]
      position += 1
      value |= UInt64(byte & 0x7F) << shift
      if byte & 0x80 == 0 {
        let result = Int(Int64(bitPattern: value))
        return result >= 0 ? result : nil
      }
      shift += 7
    }
    return nil
  }

  public mutating func word() -> UInt64? {
    guard let slice = take(8) else { return nil }
    var value: UInt64 = 0
    for (index, byte) in slice.enumerated() { value |= UInt64(byte) << UInt64(index * 8) }
    return value
  }

  public mutating func cell() -> CellReference? {
    guard let column = integer(), let row = integer() else { return nil }
    return CellReference(column: column, row: row)
  }

  public mutating func text() -> String? {
    guard let count = integer(), let slice = take(count) else { return nil }
    return String(decoding: slice, as: UTF8.self)
  }
}
