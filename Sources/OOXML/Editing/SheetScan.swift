#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The `<row>` elements of a worksheet part found by scanning its bytes, without an XML
/// parse: each row's number, byte span and a hash of its bytes.
///
/// A run that read the sheet before can tell from the hashes which rows changed since,
/// and parse only those (``Workbook/cells(of:scan:reading:reusing:)``). The scan is only
/// trusted on the common shape of a sheet: every row numbered (`r`), in increasing order,
/// directly inside `<sheetData>`, and no comment, CDATA section, DOCTYPE or processing
/// instruction anywhere in the part (inside one, `</row>` could be text). Anything else
/// is not scanned (`nil`), and the sheet is read whole.
public struct SheetScan: @unchecked Sendable {
  /// One `<row>` element.
  public struct Row: Sendable, Equatable {
    /// The row's number (its `r` attribute).
    public let number: Int
    /// From the `<` of `<row` to just after `</row>` (or `/>`).
    public let span: Range<Int>
    /// A hash of the row's bytes (``RowHash``): equal bytes, equal hash.
    public let hash: UInt64
  }

  /// The part's bytes.
  public let bytes: [UInt8]
  /// The rows, in file (and number) order.
  public let rows: [Row]
  /// Just after the `<sheetData>` start tag, and where `</sheetData>` starts.
  let contentStart: Int
  let contentEnd: Int

  /// Scans a worksheet part; `nil` when its shape is not the one the scan trusts.
  public static func scan(_ bytes: [UInt8]) -> SheetScan? {
    bytes.withUnsafeBufferPointer { buffer in
      var scanner = Scanner(bytes: buffer)
      guard let (rows, start, end) = scanner.run() else { return nil }
      return SheetScan(bytes: bytes, rows: rows, contentStart: start, contentEnd: end)
    }
  }

  /// The part with only the rows at `indexes` (ascending positions in ``rows``) inside
  /// `<sheetData>`, everything before and after it as it is; and where each of its bytes
  /// comes from in the part.
  func sparseDocument(rows indexes: [Int]) -> (bytes: [UInt8], map: OffsetMap) {
    var out: [UInt8] = []
    var size = contentStart + (bytes.count - contentEnd)
    for index in indexes { size += rows[index].span.count }
    out.reserveCapacity(size)
    var map = OffsetMap()
    func copy(_ range: Range<Int>) {
      map.segments.append((out.count, range.lowerBound))
      out.append(contentsOf: bytes[range])
    }
    copy(0..<contentStart)
    for index in indexes { copy(rows[index].span) }
    copy(contentEnd..<bytes.count)
    return (out, map)
  }

  /// Where the bytes of a document made of pieces of another come from in it.
  struct OffsetMap {
    /// (offset in the made document, offset in the original), by the first.
    var segments: [(made: Int, original: Int)] = []

    /// The original offset of a position in the made document (the start of a piece for
    /// a position between two).
    func original(_ offset: Int) -> Int {
      var low = 0
      var high = segments.count
      while low < high {
        let middle = (low + high) / 2
        if segments[middle].made <= offset { low = middle + 1 } else { high = middle }
      }
      let segment = segments[max(low - 1, 0)]
      return segment.original + (offset - segment.made)
    }

    /// A span within one piece, in the original.
    func original(_ span: Range<Int>) -> Range<Int> {
      let start = original(span.lowerBound)
      return start..<(start + span.count)
    }
  }
}

extension SheetScan {
  /// The byte-level scan (see ``SheetScan``).
  private struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func run() -> (rows: [Row], contentStart: Int, contentEnd: Int)? {
      guard !contains("<!"), processingInstructionsAreOnlyTheDeclaration(), let (prefix, start) = findSheetData() else { return nil }
      let rowName = Array((prefix.isEmpty ? "row" : "\(prefix):row").utf8)
      let rowEnd = Array(("</" + (prefix.isEmpty ? "row" : "\(prefix):row")).utf8)
      let sheetDataEnd = Array(("</" + (prefix.isEmpty ? "sheetData" : "\(prefix):sheetData")).utf8)
      var rows: [Row] = []
      position = start
      while true {
        skipSpace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "<") else { return nil }
        if hasPrefix(sheetDataEnd, at: position) { return (rows, start, position) }
        let rowStart = position
        guard hasPrefix([UInt8(ascii: "<")] + rowName, at: position) else { return nil }
        position += 1 + rowName.count
        guard position < bytes.count, isSpace(bytes[position]) || bytes[position] == UInt8(ascii: ">") || bytes[position] == UInt8(ascii: "/")
        else { return nil }
        guard let (number, selfClosing) = startTagRest() else { return nil }
        guard let number, number >= 1, number <= CellReference.maxRow, number > (rows.last?.number ?? 0) else { return nil }
        if !selfClosing {
          guard let end = find(rowEnd, from: position) else { return nil }
          position = end + rowEnd.count
          skipSpace()
          guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else { return nil }
          position += 1
        }
        let span = rowStart..<position
        rows.append(Row(number: number, span: span, hash: RowHash.hash(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[span])))))
      }
    }

    /// `<sheetData` (or `<x:sheetData`) not self-closing: its prefix and where its
    /// content starts.
    mutating func findSheetData() -> (prefix: String, contentStart: Int)? {
      let name = Array("sheetData".utf8)
      var from = 0
      while let found = find(name, from: from) {
        from = found + name.count
        // Back over a prefix to the `<`.
        var start = found - 1
        var prefix = ""
        if start >= 0, bytes[start] == UInt8(ascii: ":") {
          var cursor = start - 1
          while cursor >= 0, isNameByte(bytes[cursor]) { cursor -= 1 }
          guard cursor >= 0, cursor < start - 1 else { continue }
          prefix = String(decoding: UnsafeBufferPointer(rebasing: bytes[(cursor + 1)..<start]), as: UTF8.self)
          start = cursor
        }
        guard start >= 0, bytes[start] == UInt8(ascii: "<"), from < bytes.count,
          isSpace(bytes[from]) || bytes[from] == UInt8(ascii: ">") || bytes[from] == UInt8(ascii: "/")
        else { continue }
        position = from
        guard let (_, selfClosing) = startTagRest(), !selfClosing else { return nil }
        return (prefix, position)
      }
      return nil
    }

    /// Reads a start tag's attributes up to and past its `>`: the value of `r` (if any,
    /// and a plain number), and whether the tag closes itself.
    mutating func startTagRest() -> (r: Int?, selfClosing: Bool)? {
      var r: Int?
      while true {
        skipSpace()
        guard position < bytes.count else { return nil }
        if bytes[position] == UInt8(ascii: ">") {
          position += 1
          return (r, false)
        }
        if bytes[position] == UInt8(ascii: "/") {
          guard position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ">") else { return nil }
          position += 2
          return (r, true)
        }
        let nameStart = position
        while position < bytes.count, bytes[position] != UInt8(ascii: "="), !isSpace(bytes[position]) { position += 1 }
        let nameEnd = position
        skipSpace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else { return nil }
        position += 1
        skipSpace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else { return nil }
        let quote = bytes[position]
        position += 1
        let valueStart = position
        while position < bytes.count, bytes[position] != quote { position += 1 }
        guard position < bytes.count else { return nil }
        if nameEnd - nameStart == 1, bytes[nameStart] == UInt8(ascii: "r") {
          r = WorksheetHandler.parseInt(UnsafeBufferPointer(rebasing: bytes[valueStart..<position]))
          if r == nil { return nil }
        }
        position += 1
      }
    }

    func processingInstructionsAreOnlyTheDeclaration() -> Bool {
      guard let first = find(Array("<?".utf8), from: 0) else { return true }
      // The XML declaration, at the very start (after a byte-order mark, if any).
      let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
      let declaration = first == 0 || (first == 3 && hasPrefix(bom, at: 0))
      return declaration && find(Array("<?".utf8), from: first + 2) == nil
    }

    func contains(_ needle: String) -> Bool { find(Array(needle.utf8), from: 0) != nil }

    /// The first occurrence of `needle` at or after `from`. memchr looks for the needle's
    /// rarest byte in markup (`!`, `?`, `w`, `D`, else the first), and the rest is compared
    /// in place: `<` is on every tag, so looking for it first would stop everywhere.
    func find(_ needle: [UInt8], from: Int) -> Int? {
      guard from < bytes.count, let base = bytes.baseAddress, !needle.isEmpty else { return needle.isEmpty ? from : nil }
      let anchor = needle.lastIndex { [UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "w"), UInt8(ascii: "D")].contains($0) } ?? 0
      var start = from + anchor
      while start < bytes.count {
        guard let found = memchr(base + start, Int32(needle[anchor]), bytes.count - start) else { return nil }
        let offset = (UnsafeRawPointer(found) - UnsafeRawPointer(base)) - anchor
        if offset + needle.count <= bytes.count, hasPrefix(needle, at: offset) { return offset }
        start = offset + anchor + 1
      }
      return nil
    }

    func hasPrefix(_ prefix: [UInt8], at offset: Int) -> Bool {
      guard offset + prefix.count <= bytes.count else { return false }
      for (index, byte) in prefix.enumerated() where bytes[offset + index] != byte { return false }
      return true
    }

    mutating func skipSpace() {
      while position < bytes.count, isSpace(bytes[position]) { position += 1 }
    }

    func isSpace(_ byte: UInt8) -> Bool {
      byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    func isNameByte(_ byte: UInt8) -> Bool {
      (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
        || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        || byte == UInt8(ascii: ".") || byte >= 0x80
    }
  }
}

/// A fast, stable 64-bit hash of bytes (the XXH64 algorithm, seed 0): what a run stores to
/// tell, at the next run, whether a row's bytes changed. Not a defence against someone
/// crafting a collision: at worst, such a row would be taken as unchanged.
public enum RowHash {
  private static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
  private static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
  private static let p3: UInt64 = 0x1656_67B1_9E37_79F9
  private static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
  private static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

  @inline(__always) private static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
    let value = acc &+ input &* p2
    return ((value << 31) | (value >> 33)) &* p1
  }

  @inline(__always) private static func merge(_ acc: UInt64, _ value: UInt64) -> UInt64 {
    (acc ^ round(0, value)) &* p1 &+ p4
  }

  @inline(__always) private static func rotate(_ value: UInt64, _ bits: UInt64) -> UInt64 {
    (value << bits) | (value >> (64 - bits))
  }

  public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    let count = bytes.count
    guard let base = bytes.baseAddress else { return p5 }
    var offset = 0
    var h: UInt64
    if count >= 32 {
      var v1 = p1 &+ p2
      var v2 = p2
      var v3: UInt64 = 0
      var v4 = 0 &- p1
      while offset + 32 <= count {
        v1 = round(v1, base.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian)
        v2 = round(v2, base.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self).littleEndian)
        v3 = round(v3, base.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self).littleEndian)
        v4 = round(v4, base.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self).littleEndian)
        offset += 32
      }
      h = rotate(v1, 1) &+ rotate(v2, 7) &+ rotate(v3, 12) &+ rotate(v4, 18)
      h = merge(h, v1)
      h = merge(h, v2)
      h = merge(h, v3)
      h = merge(h, v4)
    } else {
      h = p5
    }
    h = h &+ UInt64(count)
    while offset + 8 <= count {
      h ^= round(0, base.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian)
      h = rotate(h, 27) &* p1 &+ p4
      offset += 8
    }
    if offset + 4 <= count {
      h ^= UInt64(base.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian) &* p1
      h = rotate(h, 23) &* p2 &+ p3
      offset += 4
    }
    while offset < count {
      h ^= UInt64(base.load(fromByteOffset: offset, as: UInt8.self)) &* p5
      h = rotate(h, 11) &* p1
      offset += 1
    }
    h ^= h >> 33
    h = h &* p2
    h ^= h >> 29
    h = h &* p3
    h ^= h >> 32
    return h
  }

  public static func hash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { hash($0) } }

  public static func hash(_ text: String) -> UInt64 {
    var text = text
    return text.withUTF8 { hash(UnsafeRawBufferPointer($0)) }
  }
}
