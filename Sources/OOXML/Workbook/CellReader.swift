/// Streams the cells of one sheet.
///
/// The sheet's part is inflated and parsed 64 KiB at a time; each call to ``next()``
/// returns the next cell in file order, parsing more only when the cells already parsed
/// are used up. Memory stays bounded by the chunk size and the shared-formula masters,
/// whatever the number of rows; `<dimension>` is never consulted.
public final class CellReader {
  /// The sheet being read.
  public let sheet: Sheet
  private let stream: ZipEntryStream
  private let parser: XMLPushParser
  private let handler: WorksheetHandler
  private var buffer = [UInt8](repeating: 0, count: 64 << 10)
  private var isAtEnd = false

  init(workbook: Workbook, sheet: Sheet, entry: ZipEntry) throws {
    self.sheet = sheet
    stream = try workbook.package.archive.openStream(entry)
    handler = WorksheetHandler(workbook: workbook, sheet: sheet)
    parser = XMLPushParser(file: workbook.path, part: entry.normalizedName, handler: handler)
  }

  /// The sheet's drop-down lists (list data validations), once every cell has been read:
  /// the ranges each covers (`E2:E501`) and its source (`"a,b,c"` or `Listes!$A$2:$A$9`).
  public var listValidations: [(ranges: String, source: String)] { handler.listValidations.map { ($0.sqref, $0.source) } }

  /// The most cells held in memory at once so far (for tests of streaming).
  var bufferedCellsHighWater: Int { handler.pendingHighWater }

  /// The next cell, or `nil` after the last one.
  /// - Throws: ``OOXMLError`` for a damaged part or an unreadable cell.
  public func next() throws -> Cell? {
    while true {
      if let cell = handler.popCell() { return cell }
      if isAtEnd { return nil }
      try parseNextChunk()
    }
  }

  /// Calls `body` with every remaining cell, in file order.
  ///
  /// Faster than calling ``next()`` in a loop: each cell goes to `body` as soon as it is
  /// parsed, without being buffered. An error thrown by `body` stops the read and is
  /// rethrown.
  public func forEach(_ body: (Cell) throws -> Void) throws {
    while let cell = handler.popCell() { try body(cell) }
    try withoutActuallyEscaping(body) { body in
      handler.sink = body
      defer { handler.sink = nil }
      while !isAtEnd { try parseNextChunk() }
    }
  }

  /// The next row's cells (those with the same row number, consecutive in the file),
  /// or `nil` after the last row.
  public func nextRow() throws -> (row: Int, cells: [Cell])? {
    guard let first = try next() else { return nil }
    var cells = [first]
    while let cell = try peek(), cell.reference.row == first.reference.row {
      cells.append(cell)
      _ = try next()
    }
    return (first.reference.row, cells)
  }

  private func peek() throws -> Cell? {
    while true {
      if let cell = handler.peekCell() { return cell }
      if isAtEnd { return nil }
      try parseNextChunk()
    }
  }

  private func parseNextChunk() throws {
    let count = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
    if count == 0 {
      isAtEnd = true
      try parser.finish()
    } else {
      try buffer.withUnsafeBytes { try parser.parse(UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }
    }
  }
}
